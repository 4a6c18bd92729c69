package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message written through the send stream leaves fragment by fragment as it is written: large
 * writes in frames of at most 64 KiB, the last frame never empty. With permessage-deflate agreed
 * it still does: each frame carries the compressed data of its fragment, flushed so the peer can
 * inflate it on arrival, with RSV1 on the first frame only (RFC 7692 §6.1).
 */
@Timeout(60)
class StreamedSendTest {
    static final int WRITE = 256 * 1024;
    static final int WRITES = 32; // 8 MiB

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.option("permessage-deflate", "true"),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(Source.class, "/source").build()));

    @RegisterExtension
    static final RunningServer plain = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(Source.class, "/source").build()));

    /** Answers any text with the streamed message. */
    public static class Source extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, command -> {
                try (OutputStream out = session.getBasicRemote().getSendStream()) {
                    for (int i = 0; i < WRITES; i++) {
                        out.write(chunk(i));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Compressible, but different in every write, so a frame out of order would show. */
    static byte[] chunk(int index) {
        byte[] line = ("write " + index + ": streamed and deflated, fragment by fragment\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[WRITE];
        for (int i = 0; i < WRITE; i++) {
            chunk[i] = line[i % line.length];
        }
        return chunk;
    }

    /** The CRC-32 of the whole message the endpoint streams. */
    static long expectedCrc() {
        CRC32 expected = new CRC32();
        for (int i = 0; i < WRITES; i++) {
            expected.update(chunk(i));
        }
        return expected.getValue();
    }

    @Test
    void aStreamedMessageGoesOutAsCompressedFragmentsEachInflatableOnArrival() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String request = RawWebSocket.upgradeRequest("/source", RawWebSocket.newKey())
                    .replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
            ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
            ws.sendText("go");

            Inflater inflater = new Inflater(true);
            CRC32 received = new CRC32();
            long inflatedBytes = 0;
            int frames = 0;
            RawWebSocket.Frame frame;
            do {
                frame = ws.readFrameWithRsv();
                assertThat(frame.opcode()).as("frame %d", frames).isEqualTo(frames == 0 ? RawWebSocket.BINARY : RawWebSocket.CONTINUATION);
                assertThat(frame.rsv()).as("RSV1 on the first frame only, frame %d", frames).isEqualTo(frames == 0 ? 4 : 0);
                long got = inflate(inflater, frame.payload(), received);
                if (!frame.fin()) {
                    assertThat(got).as("frame %d inflates on its own (its fragment was flushed)", frames).isPositive();
                }
                inflatedBytes += got;
                frames++;
            } while (!frame.fin());
            // RFC 7692 §7.2.2: the receiver appends the 00 00 ff ff the sender removed from the last frame.
            inflatedBytes += inflate(inflater, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}, received);
            inflater.end();

            assertThat(frames).as("frames of one 8 MiB message").isGreaterThan(WRITES);
            assertThat(inflatedBytes).isEqualTo((long) WRITE * WRITES);
            assertThat(received.getValue()).isEqualTo(expectedCrc());
        }
    }

    @Test
    void largeWritesLeaveInFramesOfAtMost64KiBAndTheLastFrameCarriesBytes() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(plain.port(), "/source")) {
            ws.sendText("go");
            CRC32 received = new CRC32();
            long bytes = 0;
            int frames = 0;
            RawWebSocket.Frame frame;
            do {
                frame = ws.readFrame();
                assertThat(frame.payload().length).as("frame %d", frames).isBetween(1, FragmentingOutputStream.MAX_DIRECT_FRAME);
                received.update(frame.payload());
                bytes += frame.payload().length;
                frames++;
            } while (!frame.fin());
            assertThat(bytes).isEqualTo((long) WRITE * WRITES);
            assertThat(received.getValue()).isEqualTo(expectedCrc());
            assertThat(frames).as("a 256 KiB write takes a few frames, not 32 of 8 KiB").isLessThan(WRITES * 8);
        }
    }

    private static long inflate(Inflater inflater, byte[] compressed, CRC32 crc) throws DataFormatException {
        inflater.setInput(compressed);
        byte[] buffer = new byte[65536];
        long total = 0;
        int n;
        while ((n = inflater.inflate(buffer)) > 0) {
            crc.update(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
