package io.wssocket.transport;

/** The fault-injection seam of {@link EventLoop}, for tests outside the transport package. */
public final class LoopFaults {
    private LoopFaults() {
    }

    /** {@code loop} throws {@code fault} at its next turn, outside any connection's handling: the loop itself fails. */
    public static void failNextTurn(EventLoop loop, Error fault) {
        loop.failNextTurn(fault);
    }
}
