package io.wssocket.handshake;

/** A PROXY protocol header that breaks the specification or this side's limits; the connection must be closed. */
public final class ProxyHeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, for the operator's log */
    public ProxyHeaderException(String reason) {
        super(reason, null, false, false); // a peer's mistake: no stack trace to fill
    }
}
