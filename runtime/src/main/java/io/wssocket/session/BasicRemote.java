package io.wssocket.session;

import io.wssocket.protocol.MessageKind;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Blocking sends: each returns once its frames are written, or throws within the send timeout. */
final class BasicRemote extends RemoteBase implements RemoteEndpoint.Basic {

    BasicRemote(MessageSender sender, SessionEncoders encoders) {
        super(sender, encoders);
    }

    @Override
    public void sendText(String text) throws IOException {
        sender.await(sender.sendTextBlocking(checkedText(text)));
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        sender.await(sender.sendWholeBlocking(MessageKind.BINARY, checked(data)));
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        sender.await(sender.sendPartBlocking(MessageKind.TEXT, utf8(partialMessage), isLast));
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        sender.await(sender.sendPartBlocking(MessageKind.BINARY, checked(partialByte), isLast));
    }

    @Override
    public OutputStream getSendStream() {
        return new FragmentingOutputStream(sender, MessageKind.BINARY);
    }

    @Override
    public Writer getSendWriter() {
        return new OutputStreamWriter(new FragmentingOutputStream(sender, MessageKind.TEXT), StandardCharsets.UTF_8);
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        SessionEncoders.Encoded frame = encode(data);
        sender.await(sender.sendWholeBlocking(frame.kind(), frame.payload()));
    }
}
