package io.wssocket.transport;

import java.io.IOException;

/** Why a connection was dropped: it held the most queued bytes when the server's outbound budget ran out. */
public final class OutboundBudgetExceededException extends IOException {
    private static final long serialVersionUID = 1L;
    OutboundBudgetExceededException(long queued, long limit) {
        // Short: it becomes a close reason, which Jakarta WebSocket limits to 123 bytes.
        super("slow consumer: " + queued + " bytes queued when the server's max-outbound-bytes of " + limit + " ran out");
    }
}
