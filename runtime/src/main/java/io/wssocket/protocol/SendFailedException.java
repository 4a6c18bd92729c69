package io.wssocket.protocol;

import java.io.IOException;

/** A frame cannot be sent because the connection is closing or closed. */
final class SendFailedException extends IOException {
    public SendFailedException(String message) {
        super(message);
    }
}
