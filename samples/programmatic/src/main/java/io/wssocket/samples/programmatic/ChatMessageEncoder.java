package io.wssocket.samples.programmatic;

import jakarta.websocket.Encoder;

/** {@link ChatMessage} to {@code sender: text}. */
public class ChatMessageEncoder implements Encoder.Text<ChatMessage> {
    @Override
    public String encode(ChatMessage message) {
        return message.sender() + ChatMessage.SEPARATOR + message.text();
    }
}
