package io.wssocket.samples.programmatic;

import java.util.Objects;

/**
 * One line of a room, {@code sender: text} on the wire. The server, not the client, says who
 * the sender is: what a client puts there is replaced by its user name.
 */
public record ChatMessage(String sender, String text) {
    static final String SEPARATOR = ": ";

    public ChatMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        if (sender.contains(SEPARATOR) || sender.contains("\n")) {
            throw new IllegalArgumentException("a sender holds no '" + SEPARATOR + "' and no line break");
        }
    }
}
