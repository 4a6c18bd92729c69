package io.wssocket.bench.jmh;

import io.wssocket.wire.FrameParser;
import io.wssocket.wire.Opcode;
import io.wssocket.wire.ProtocolViolationException;
import io.wssocket.wire.WebSocketReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The server's receive path for one client frame of {@code size} payload bytes, in its direct
 * read buffer: {@link FrameParser} alone (header checks and unmasking in place), and the
 * {@link WebSocketReader} on top of it for a text message (plus message rules and UTF-8
 * validation). Parser and reader are reused, as one connection reuses its own.
 */
public class ParseBenchmark extends CodecBenchmark {

    /** A masked binary frame of random bytes and a server-side parser. */
    @State(Scope.Thread)
    public static class BinaryFrame {
        @Param({"64", "1024", "16384", "1048576"})
        public int size;

        final PayloadCounter counter = new PayloadCounter();
        ReceivedFrame frame;
        ReceivedFrame.WindowReader parse;

        @Setup
        public void setUp() {
            // Unmasking in place turns the payload into plain bytes and the next parse masks it
            // again: a binary payload's content does not matter, so it is never restored.
            frame = new ReceivedFrame(Opcode.BINARY, Payloads.randomBytes(size, Payloads.SEED),
                    Payloads.randomInt(Payloads.SEED));
            FrameParser parser = new FrameParser(true, Long.MAX_VALUE, 0);
            parse = window -> parser.parse(window, counter);
        }
    }

    /** A masked text frame and a server-side reader. */
    @State(Scope.Thread)
    public static class TextFrame {
        @Param({"64", "1024", "16384", "1048576"})
        public int size;

        @Param({"ASCII", "MIXED"})
        public Text text;

        final PayloadCounter counter = new PayloadCounter();
        ReceivedFrame frame;
        ReceivedFrame.WindowReader read;

        @Setup
        public void setUp() {
            // The masking key 0 leaves the payload as it was after unmasking in place, so every
            // parse validates the same UTF-8. The work is the same as for any key: the key is
            // read from the frame at run time and XORed in all the same.
            frame = new ReceivedFrame(Opcode.TEXT, text.utf8(size, Payloads.SEED), 0);
            WebSocketReader reader = new WebSocketReader(
                    new FrameParser(true, Long.MAX_VALUE, 0), Long.MAX_VALUE, counter);
            read = reader::read;
        }
    }

    /** Payload bytes handed on; the whole payload every time. */
    @Benchmark
    @Ceiling(BufferKind.DIRECT)
    public long maskedBinary(BinaryFrame state) throws ProtocolViolationException {
        return parse(state.frame, state.parse, state.counter);
    }

    /** Text bytes handed on, validated; the whole payload every time. */
    @Benchmark
    @Ceiling(BufferKind.DIRECT)
    public long maskedText(TextFrame state) throws ProtocolViolationException {
        return parse(state.frame, state.read, state.counter);
    }

    private static long parse(ReceivedFrame frame, ReceivedFrame.WindowReader reader, PayloadCounter counter)
            throws ProtocolViolationException {
        counter.reset();
        frame.deliver(reader);
        return counter.bytes();
    }
}
