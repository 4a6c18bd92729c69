package io.wssocket.interop.report;

/** One interop test class: a peer, in one direction, over one transport. */
record Suite(MatrixPeer peer, Direction direction, Transport transport) {
    static final String PACKAGE = "io.wssocket.interop";

    /** {@code io.wssocket.interop.<Peer><Client|Server>[Wss]InteropTest}. */
    String testClass() {
        return PACKAGE + "." + simpleName();
    }

    String simpleName() {
        return peer.classPrefix() + direction.classInfix() + transport.classInfix() + "InteropTest";
    }
}
