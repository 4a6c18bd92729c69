package io.wssocket.bench.jmh;

import io.wssocket.wire.FrameParser;
import io.wssocket.wire.WebSocketReader;
import java.nio.ByteBuffer;

/**
 * The cheapest consumer of what the parser or the reader hands on: it counts the payload bytes,
 * so that a parse benchmark measures the codec and not an application. The count is returned by
 * the benchmark (JMH sinks it) and tells the benchmark's test that the whole payload came through.
 */
final class PayloadCounter implements FrameParser.Handler, WebSocketReader.Listener {
    private long bytes;

    void reset() {
        bytes = 0;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void onFrameHeader(boolean fin, int rsv, int opcode, long payloadLength) {
        // the payload chunks that follow are what counts
    }

    @Override
    public boolean onFramePayload(ByteBuffer chunk, boolean endOfFrame) {
        bytes += chunk.remaining();
        return true;
    }

    @Override
    public void onText(ByteBuffer chunk, boolean first, boolean last) {
        bytes += chunk.remaining();
    }

    @Override
    public void onBinary(ByteBuffer chunk, boolean first, boolean last) {
        bytes += chunk.remaining();
    }

    @Override
    public void onPing(ByteBuffer payload) {
        throw unexpected("ping");
    }

    @Override
    public void onPong(ByteBuffer payload) {
        throw unexpected("pong");
    }

    @Override
    public void onClose(int code, String reason) {
        throw unexpected("close");
    }

    private static IllegalStateException unexpected(String frame) {
        return new IllegalStateException("a " + frame + " frame in a benchmark that sends data frames only");
    }
}
