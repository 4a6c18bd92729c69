package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.bench.jmh.MessageCorpus;
import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load driver's permessage-deflate pieces as a pure codec (RFC 7692): what {@link PayloadDeflater}
 * sends inflates to the original, in compressed frames split anywhere and read in any split, with
 * and without context takeover; the server's answer is read as the RFC says.
 */
class PerMessageDeflateCodecTest {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void messagesRoundTripAtEverySplitOfTheirFramesAndReads(boolean contextTakeover) throws Exception {
        List<byte[]> messages = List.of(json(64), json(300), json(64), new byte[0], json(2000));
        // the compressed messages, each once whole and once in two frames split at every point
        PayloadDeflater deflater = new PayloadDeflater(6, contextTakeover);
        List<byte[]> compressed = new ArrayList<>();
        for (byte[] m : messages) {
            deflater.deflate(m, 0, m.length);
            compressed.add(Arrays.copyOf(deflater.output(), deflater.length()));
        }
        deflater.close();
        int longest = compressed.stream().mapToInt(c -> c.length).max().orElseThrow();
        for (int frameSplit = 0; frameSplit <= longest; frameSplit++) {
            byte[] stream = serverStream(compressed, frameSplit);
            int readSplit = (frameSplit * 7) % stream.length;
            assertThat(receive(stream, contextTakeover, readSplit))
                    .as("frames split at %d, reads at %d", frameSplit, readSplit)
                    .containsExactlyElementsOf(messages.stream().map(PerMessageDeflateCodecTest::text).toList());
        }
        byte[] stream = serverStream(compressed, 5);
        for (int readSplit = 1; readSplit < stream.length; readSplit++) {
            assertThat(receive(stream, contextTakeover, readSplit)).as("reads split at %d", readSplit)
                    .containsExactlyElementsOf(messages.stream().map(PerMessageDeflateCodecTest::text).toList());
        }
    }

    @Test
    void aMessageIsRawDeflateSyncFlushedWithoutItsTail() throws Exception {
        byte[] message = json(500);
        PayloadDeflater deflater = new PayloadDeflater(6, false);
        deflater.deflate(message, 0, message.length);
        byte[] sent = Arrays.copyOf(deflater.output(), deflater.length());

        // RFC 7692 §7.2.1: what zlib gives for a sync flush, less the 00 00 ff ff it ends with
        Deflater reference = new Deflater(6, true);
        reference.setInput(message);
        byte[] flushed = new byte[4096];
        int n = reference.deflate(flushed, 0, flushed.length, Deflater.SYNC_FLUSH);
        reference.end();
        assertThat(Arrays.copyOfRange(flushed, n - 4, n)).isEqualTo(TAIL);
        assertThat(sent).isEqualTo(Arrays.copyOf(flushed, n - 4));
        // and a receiver that appends the tail (RFC 7692 §7.2.2) gets the message back
        assertThat(inflateAlone(sent)).isEqualTo(message);
    }

    @Test
    void withoutContextTakeoverEveryMessageInflatesOnItsOwn() throws Exception {
        byte[] message = json(1000);
        List<byte[]> sent = sameMessageTwice(message, false);

        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(inflateAlone(sent.get(1))).isEqualTo(message);
    }

    @Test
    void withContextTakeoverALaterMessageRefersToEarlierOnes() throws Exception {
        List<byte[]> sent = sameMessageTwice(json(1000), true);

        // the repeat is a back-reference into the kept window: tiny, and meaningless without it
        assertThat(sent.get(1).length).isLessThan(sent.get(0).length / 10);
        assertThatThrownBy(() -> inflateAlone(sent.get(1))).isInstanceOf(DataFormatException.class);
    }

    private static List<byte[]> sameMessageTwice(byte[] message, boolean contextTakeover) {
        PayloadDeflater deflater = new PayloadDeflater(6, contextTakeover);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            deflater.deflate(message, 0, message.length);
            sent.add(Arrays.copyOf(deflater.output(), deflater.length()));
        }
        deflater.close();
        return sent;
    }

    @Test
    void aMessageEndingWithAFinalBlockIsTakenAndTheNextStartsAfresh() throws Exception {
        // RFC 7692 §7.2.3.4: a sender may end a message with BFINAL set; the appended tail then goes unused
        byte[] first = "final block".getBytes(StandardCharsets.US_ASCII);
        Deflater finishing = new Deflater(6, true);
        finishing.setInput(first);
        finishing.finish();
        byte[] out = new byte[256];
        int n = finishing.deflate(out);
        finishing.end();
        byte[] second = json(100);
        PayloadDeflater deflater = new PayloadDeflater(6, false);
        deflater.deflate(second, 0, second.length);
        byte[] stream = serverStream(List.of(Arrays.copyOf(out, n), Arrays.copyOf(deflater.output(), deflater.length())), 0);

        assertThat(receive(stream, true, 3)).containsExactly(text(first), text(second));
    }

    @Test
    void readsTheServersAnswerAsRfc7692Says() throws Exception {
        assertThat(DeflateTerms.parse(null)).isNull();
        assertThat(DeflateTerms.parse("")).isNull();
        DeflateTerms ours = DeflateTerms.parse("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(ours.serverNoContextTakeover()).isTrue();
        assertThat(ours.clientNoContextTakeover()).isTrue();
        assertThat(DeflateTerms.summary(ours)).isEqualTo("no_context_both");
        DeflateTerms jetty = DeflateTerms.parse("permessage-deflate");
        assertThat(DeflateTerms.summary(jetty)).isEqualTo("takeover_both");
        DeflateTerms windows = DeflateTerms.parse("permessage-deflate;client_max_window_bits=15; server_max_window_bits=\"10\"");
        assertThat(windows.serverMaxWindowBits()).isEqualTo(10);
        assertThat(windows.clientMaxWindowBits()).isEqualTo(15);
        assertThat(DeflateTerms.summary(DeflateTerms.parse("permessage-deflate; client_no_context_takeover")))
                .isEqualTo("takeover_server");
        assertThat(DeflateTerms.summary(null)).isEqualTo("none");

        for (String bad : List.of("x-webkit-deflate-frame", "permessage-deflate, permessage-deflate",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "permessage-deflate; client_no_context_takeover=1", "permessage-deflate; server_max_window_bits",
                "permessage-deflate; server_max_window_bits=16", "permessage-deflate; server_max_window_bits=08",
                "permessage-deflate; mystery", "permessage-deflate; client_max_window_bits=9")) {
            assertThatThrownBy(() -> DeflateTerms.parse(bad)).as(bad).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void rsv1IsAllowedOnlyOnAFirstDataFrameOnceAgreed() throws Exception {
        byte[] compressedText = {(byte) 0xC1, 0x00};
        assertThatThrownBy(() -> new FrameDecoder(false).feed(ByteBuffer.wrap(compressedText), new Discard()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("RSV");

        FrameDecoder agreed = new FrameDecoder(false);
        agreed.allowCompressed();
        agreed.feed(ByteBuffer.wrap(compressedText.clone()), new Discard());
        assertThat(agreed.rsv1()).isTrue();
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, 0x00}, new byte[] {(byte) 0xC9, 0x00}, new byte[] {(byte) 0xA1, 0x00})) {
            FrameDecoder decoder = new FrameDecoder(false);
            decoder.allowCompressed();
            // RSV1 on a continuation or a ping (RFC 7692 §6.1), RSV2 (no extension defines it)
            assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap(bad), new Discard()))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("RSV");
        }
    }

    @Test
    void handshakeOffersDeflateAndHandsBackTheAnswer() throws Exception {
        String key = "dGhlIHNhbXBsZSBub25jZQ==";
        String request = new String(ClientHandshake.request("127.0.0.1", 80, "/echo", key, DeflateTerms.OFFER),
                StandardCharsets.US_ASCII);
        assertThat(request).contains("\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n";

        assertThat(ClientHandshake.checkResponse(head, key, true)).isEqualTo("permessage-deflate; server_no_context_takeover");
        assertThatThrownBy(() -> ClientHandshake.checkResponse(head, key))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("did not offer");
    }

    @Test
    void jsonEchoPayloadsHaveTheirExactSizeAndCarrySequenceAndConnection() {
        for (int size : new int[] {EchoPayload.MIN_JSON_SIZE, 64, 1024, 16384}) {
            EchoPayload json = EchoPayload.json(size);
            byte[] a = new byte[size];
            byte[] b = new byte[size];
            json.fill(0x1234, 7, a, 0);
            json.fill(0x1235, 7, b, 0);
            String s = text(a);
            assertThat(s).hasSize(size).startsWith("{\"seq\":\"0000000000001234\",\"conn\":\"00000007\",").endsWith("\"}");
            assertThat(a).isNotEqualTo(b);
        }
        assertThatThrownBy(() -> EchoPayload.json(EchoPayload.MIN_JSON_SIZE - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCorpusIsTheSameEveryTimeAndSpansItsSizes() {
        for (MessageCorpus.Kind kind : MessageCorpus.Kind.values()) {
            List<byte[]> a = MessageCorpus.messages(kind, 400, 1);
            List<byte[]> b = MessageCorpus.messages(kind, 400, 1);
            assertThat(a).hasSize(400);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i)).isEqualTo(b.get(i));
            }
            assertThat(a.stream().mapToInt(m -> m.length).min().orElseThrow()).isBetween(40, 200);
            assertThat(a.stream().mapToInt(m -> m.length).max().orElseThrow()).isBetween(8 * 1024, 17 * 1024);
            assertThat(a).allSatisfy(m -> assertThat(text(m)).startsWith("{").endsWith("}"));
        }
    }

    private static byte[] json(int size) {
        byte[] b = new byte[size];
        EchoPayload.json(size).fill(size, 3, b, 0);
        return b;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Unmasked server frames: each message compressed, in two frames when longer than {@code split}. */
    private static byte[] serverStream(List<byte[]> compressed, int split) {
        ByteBuffer out = ByteBuffer.allocate(compressed.stream().mapToInt(c -> c.length + 20).sum());
        for (byte[] c : compressed) {
            if (split > 0 && split < c.length) {
                FrameEncoder.writeHeader(out, false, true, Opcode.TEXT, split, null);
                out.put(c, 0, split);
                FrameEncoder.writeHeader(out, true, false, Opcode.CONTINUATION, c.length - split, null);
                out.put(c, split, c.length - split);
            } else {
                FrameEncoder.writeHeader(out, true, true, Opcode.TEXT, c.length, null);
                out.put(c);
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Reads the stream in two parts, inflating as the driver's connections do; the messages as text. */
    private static List<String> receive(byte[] stream, boolean contextTakeover, int split) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(false);
        decoder.allowCompressed();
        PayloadInflater inflater = new PayloadInflater(contextTakeover, 7);
        List<String> messages = new ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        PayloadInflater.Sink sink = chunk -> {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            message.writeBytes(b);
        };
        FrameDecoder.Handler handler = new FrameDecoder.Handler() {
            private boolean compressed;
            private boolean fin;

            @Override
            public void frameStart(boolean fin, int opcode, long payloadLength) {
                this.fin = fin;
                if (opcode != Opcode.CONTINUATION) {
                    compressed = decoder.rsv1();
                    message.reset();
                }
            }

            @Override
            public void payload(ByteBuffer chunk) throws ProtocolException {
                assertThat(compressed).isTrue();
                inflater.inflate(chunk, sink);
            }

            @Override
            public void frameEnd() throws ProtocolException {
                if (fin) {
                    inflater.finish(sink);
                    messages.add(message.toString(StandardCharsets.UTF_8));
                }
            }
        };
        decoder.feed(ByteBuffer.wrap(stream, 0, split), handler);
        decoder.feed(ByteBuffer.wrap(stream, split, stream.length - split), handler);
        inflater.close();
        return messages;
    }

    private static byte[] inflateAlone(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(ByteBuffer.allocate(compressed.length + 4).put(compressed).put(TAIL).flip());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[512];
            while (!inflater.needsInput()) {
                int n = inflater.inflate(buf);
                out.write(buf, 0, n);
                if (n == 0 && inflater.needsInput()) {
                    break;
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static final class Discard implements FrameDecoder.Handler {
        @Override
        public void frameStart(boolean fin, int opcode, long payloadLength) {
        }

        @Override
        public void payload(ByteBuffer chunk) {
        }

        @Override
        public void frameEnd() {
        }
    }
}
