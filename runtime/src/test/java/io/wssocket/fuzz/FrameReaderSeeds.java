package io.wssocket.fuzz;

import static io.wssocket.fuzz.SeedBytes.concat;
import static io.wssocket.fuzz.SeedBytes.counting;
import static io.wssocket.fuzz.SeedBytes.utf8;

import io.wssocket.wire.MessageRecorder.Close;
import io.wssocket.wire.MessageRecorder.Event;
import io.wssocket.wire.MessageRecorder.Failure;
import io.wssocket.wire.Opcode;
import io.wssocket.wire.RawFrame;
import io.wssocket.wire.RawFrame.LengthForm;
import io.wssocket.wire.ReferenceFrameReader;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Seeds of {@link FrameReaderFuzzTest}: in both directions, frames of every opcode, each length
 * form, fragmented messages with control frames between fragments, close frames with and without a
 * reason, allowed RSV bits, and one sequence for every rule of RFC 6455 §5 that the reader enforces
 * and for every size limit; fed whole, byte by byte and in uneven chunks, from heap and direct,
 * big- and little-endian buffers.
 */
final class FrameReaderSeeds {
    private static final HexFormat HEX = HexFormat.of();
    private static final int KEY = 0x37fa213d;
    private static final List<Integer> WHOLE = List.of();
    private static final List<Integer> BYTE_BY_BYTE = List.of(1);

    private FrameReaderSeeds() {
    }

    /** The last event the reference reads: what a seed is meant to reach. */
    static String outcome(FuzzCase c) {
        List<Event> events = ReferenceFrameReader.read(FrameReaderFuzzTest.config(c), c.input());
        if (events.isEmpty()) {
            return "nothing yet";
        }
        Event last = events.get(events.size() - 1);
        if (last instanceof Failure failure) {
            return "failure " + failure.closeCode();
        }
        if (last instanceof Close close) {
            return "close " + close.code();
        }
        return last.getClass().getSimpleName().toLowerCase();
    }

    static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        // RFC 6455 §5.7, byte for byte.
        byte[] maskedHello = HEX.parseHex("818537fa213d7f9f4d5158");
        seeds.add(server("rfc6455-5.7-masked-text-hello", WHOLE, maskedHello, "text"));
        seeds.add(server("rfc6455-5.7-masked-text-hello-byte-by-byte", BYTE_BY_BYTE, maskedHello, "text"));
        seeds.add(client("rfc6455-5.7-text-hello", WHOLE, HEX.parseHex("810548656c6c6f"), "text"));
        seeds.add(client("rfc6455-5.7-fragmented-text-hello", List.of(2, 3), HEX.parseHex("010348656c80026c6f"), "text"));
        seeds.add(client("rfc6455-5.7-ping-hello", WHOLE, HEX.parseHex("890548656c6c6f"), "ping"));
        seeds.add(client("rfc6455-5.7-masked-pong-from-server", WHOLE, HEX.parseHex("8a8537fa213d7f9f4d5158"),
                "failure 1002"));
        seeds.add(client("rfc6455-5.7-binary-256-bytes-16-bit-length", List.of(4, 100),
                concat(HEX.parseHex("827e0100"), counting(256)), "binary"));

        // Each length form and buffer kind.
        seeds.add(seed("server-binary-200-bytes-16-bit-length-direct",
                FrameReaderFuzzTest.options(true, 0, true, false, 0), List.of(7, 100),
                frames(true, RawFrame.binary(counting(200))), "binary"));
        seeds.add(seed("server-binary-64-bit-length-form-little-endian",
                FrameReaderFuzzTest.options(true, 0, false, true, 0), List.of(3),
                frames(true, RawFrame.binary(counting(10)).form(LengthForm.SIXTY_FOUR)), "binary"));
        seeds.add(client("text-16-bit-length-form-for-5-bytes", List.of(1, 2),
                frames(false, RawFrame.text("short").form(LengthForm.SIXTEEN)), "text"));
        seeds.add(client("ping-pong-and-empty-binary", List.of(0, 1, 5),
                frames(false, RawFrame.ping(new byte[0]), RawFrame.of(Opcode.PONG, new byte[] {'x'}),
                        RawFrame.binary(new byte[0])), "binary"));

        // Fragmented messages; UTF-8 characters cut by fragment and chunk boundaries.
        byte[] text = utf8("Grüße € 😀");
        seeds.add(server("text-in-3-fragments-with-ping-between", List.of(5, 1, 13),
                frames(true, fragment(Opcode.TEXT, text, 0, 3, false), RawFrame.ping(utf8("?")),
                        fragment(Opcode.CONTINUATION, text, 3, 9, false), fragment(Opcode.CONTINUATION, text, 9, text.length, true)),
                "text"));
        seeds.add(client("binary-fragments-with-empty-middle", BYTE_BY_BYTE,
                frames(false, RawFrame.binary(counting(3)).fin(false), RawFrame.continuation(new byte[0]).fin(false),
                        RawFrame.continuation(counting(2))), "binary"));

        // Close frames (RFC 6455 §5.5.1, §7.4): nothing after one is read.
        seeds.add(server("close-1000-with-reason", List.of(2), frames(true, RawFrame.close(1000, "bye")), "close 1000"));
        seeds.add(client("close-1001-split-in-header", List.of(1, 1, 1),
                frames(false, RawFrame.close(1001, "going away")), "close 1001"));
        seeds.add(server("close-without-body-then-ignored-bytes", WHOLE,
                concat(frames(true, RawFrame.of(Opcode.CLOSE, new byte[0])), new byte[] {(byte) 0xFF, 0, 1}), "close 1005"));
        seeds.add(client("close-4999-with-123-byte-utf8-reason", List.of(60),
                frames(false, RawFrame.close(4999, "ü".repeat(61) + "x")), "close 4999"));

        // RSV bits that a negotiated extension allows.
        seeds.add(seed("rsv1-allowed-by-an-extension", FrameReaderFuzzTest.options(true, 4, false, false, 0), WHOLE,
                frames(true, RawFrame.text("deflated?").rsv(4)), "text"));
        seeds.add(seed("all-rsv-bits-allowed", FrameReaderFuzzTest.options(false, 7, true, false, 0), List.of(2),
                frames(false, RawFrame.binary(counting(4)).rsv(7)), "binary"));

        // One sequence per rule broken: 1002 protocol error, 1007 invalid payload (RFC 6455 §7.4.1).
        seeds.add(server("unmasked-frame-from-client", WHOLE, frames(false, RawFrame.text("x")), "failure 1002"));
        seeds.add(server("rsv1-without-an-extension", WHOLE, frames(true, RawFrame.text("x").rsv(4)), "failure 1002"));
        seeds.add(client("reserved-opcode-3", WHOLE, frames(false, RawFrame.of(3, counting(2))), "failure 1002"));
        seeds.add(client("ping-with-16-bit-length-form", WHOLE,
                frames(false, RawFrame.ping(counting(5)).form(LengthForm.SIXTEEN)), "failure 1002"));
        seeds.add(server("fragmented-ping", WHOLE, frames(true, RawFrame.ping(counting(1)).fin(false)), "failure 1002"));
        seeds.add(client("64-bit-length-with-high-bit-set", List.of(6), frames(false,
                RawFrame.binary(counting(1)).form(LengthForm.SIXTY_FOUR).declaredLength(Long.MIN_VALUE | 1)), "failure 1002"));
        seeds.add(server("continuation-without-a-message", WHOLE, frames(true, RawFrame.continuation(counting(2))),
                "failure 1002"));
        seeds.add(client("text-inside-a-fragmented-binary", WHOLE,
                frames(false, RawFrame.binary(counting(2)).fin(false), RawFrame.text("x")), "failure 1002"));
        seeds.add(server("text-with-a-utf16-surrogate", List.of(8),
                frames(true, RawFrame.of(Opcode.TEXT, HEX.parseHex("61eda080"))), "failure 1007"));
        seeds.add(client("text-ending-inside-a-character", WHOLE,
                frames(false, RawFrame.of(Opcode.TEXT, HEX.parseHex("e282"))), "failure 1007"));
        seeds.add(client("close-with-1-byte-body", WHOLE, frames(false, RawFrame.of(Opcode.CLOSE, new byte[] {3})),
                "failure 1002"));
        seeds.add(server("close-code-1005-on-the-wire", WHOLE, frames(true, RawFrame.close(1005, "")), "failure 1002"));
        seeds.add(client("close-reason-not-utf8", WHOLE,
                frames(false, RawFrame.of(Opcode.CLOSE, HEX.parseHex("03e8c0af"))), "failure 1007"));

        // Size limits, at and over: 1009 message too big.
        seeds.add(seed("ping-of-125-bytes-at-the-125-byte-frame-limit", FrameReaderFuzzTest.options(false, 0, false, false, 1),
                List.of(64), frames(false, RawFrame.ping(counting(125))), "ping"));
        seeds.add(seed("frame-over-the-125-byte-limit", FrameReaderFuzzTest.options(false, 0, false, false, 1), WHOLE,
                frames(false, RawFrame.binary(counting(126))), "failure 1009"));
        seeds.add(seed("message-over-the-300-byte-limit", FrameReaderFuzzTest.options(true, 0, false, false, 2),
                List.of(50), frames(true, RawFrame.binary(counting(200)).fin(false), RawFrame.continuation(counting(200))),
                "failure 1009"));
        seeds.add(seed("message-limit-of-1-byte", FrameReaderFuzzTest.options(false, 0, false, false, 3), WHOLE,
                frames(false, RawFrame.text("ok").fin(false)), "failure 1009"));

        seeds.add(client("frame-cut-short", List.of(3), concat(HEX.parseHex("820a"), counting(4)), "nothing yet"));
        return seeds;
    }

    private static Seed server(String name, List<Integer> splits, byte[] input, String expected) {
        return seed(name, FrameReaderFuzzTest.options(true, 0, false, false, 0), splits, input, expected);
    }

    private static Seed client(String name, List<Integer> splits, byte[] input, String expected) {
        return seed(name, FrameReaderFuzzTest.options(false, 0, false, false, 0), splits, input, expected);
    }

    private static Seed seed(String name, int options, List<Integer> splits, byte[] input, String expected) {
        return new Seed(name, new FuzzCase(options, splits, input), expected);
    }

    /** The frames as a client (masked) or a server (unmasked) sends them. */
    private static byte[] frames(boolean masked, RawFrame... frames) {
        List<RawFrame> dressed = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            dressed.add(frames[i].maskedIf(masked, KEY + i));
        }
        return RawFrame.concat(dressed);
    }

    private static RawFrame fragment(int opcode, byte[] payload, int from, int to, boolean fin) {
        byte[] part = new byte[to - from];
        System.arraycopy(payload, from, part, 0, part.length);
        return RawFrame.of(opcode, part).fin(fin);
    }
}
