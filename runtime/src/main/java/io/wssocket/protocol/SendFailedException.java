package io.wssocket.protocol;

import java.io.IOException;

/** A frame cannot be sent because the connection is closing or closed. */
final class SendFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    public SendFailedException(String message) {
        super(message);
    }
}
