package io.wssocket.samples.programmatic;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/** {@code sender: text} to {@link ChatMessage}; the sender is everything before the first ": ". */
public class ChatMessageDecoder implements Decoder.Text<ChatMessage> {
    @Override
    public ChatMessage decode(String s) throws DecodeException {
        int separator = s.indexOf(ChatMessage.SEPARATOR);
        if (separator < 0 || s.lastIndexOf('\n', separator) >= 0) {
            throw new DecodeException(s, "a chat message looks like 'sender: text'");
        }
        return new ChatMessage(s.substring(0, separator), s.substring(separator + ChatMessage.SEPARATOR.length()));
    }

    @Override
    public boolean willDecode(String s) {
        int separator = s.indexOf(ChatMessage.SEPARATOR);
        return separator >= 0 && s.lastIndexOf('\n', separator) < 0;
    }
}
