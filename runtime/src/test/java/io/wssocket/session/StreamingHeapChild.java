package io.wssocket.session;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.WebSocketClient;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Run by {@link StreamingHeapBoundTest} in a JVM with a heap far smaller than the messages: a
 * server and a client that stream messages of the sizes given both ways, through the send stream
 * and writer and InputStream and Reader handlers. Were any of them gathered, the JVM would run out
 * of memory. Prints one line per message: what was sent and what the handler read, and the most
 * bytes that were ever sent but not yet read (reading pauses, so that stays small). Arguments:
 * binary bytes, text chars, permessage-deflate (true/false), compressible content (true/false).
 */
public final class StreamingHeapChild {
    static final int CHUNK = 1 << 20;
    /** Bytes written minus bytes the receiving handler has read, and its maximum. */
    static final AtomicLong written = new AtomicLong();
    static final AtomicLong read = new AtomicLong();
    static final AtomicLong maxInFlight = new AtomicLong();
    /** What the receiving handlers found ("bytes crc" / "chars hash"), in order. */
    static final BlockingQueue<String> results = new LinkedBlockingQueue<>();
    static byte[] block;
    static String textBlock;

    private StreamingHeapChild() {
    }

    public static void main(String[] args) throws Exception {
        long binaryBytes = Long.parseLong(args[0]);
        long textChars = Long.parseLong(args[1]);
        String deflate = args[2];
        boolean compressible = Boolean.parseBoolean(args[3]);
        block = new byte[CHUNK];
        if (compressible) {
            byte[] pattern = "streamed message, compressible: 0123456789 abcdefghij\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < CHUNK; i++) {
                block[i] = pattern[i % pattern.length];
            }
        } else {
            new Random(7).nextBytes(block);
        }
        // 1-, 2-, 3- and 4-byte UTF-8 characters, 1 Mi chars: frame boundaries fall inside characters.
        String pattern = "ab é € 日本 \uD83C\uDF89 ";
        textBlock = pattern.repeat(CHUNK / pattern.length());

        String size = "2147483648";
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)
                .option("max-message-size", size).option("max-frames-per-message", "1000000")
                .option("permessage-deflate", deflate).build();
        try (WebSocketServer server = WebSocketServer.create(config);
             WebSocketClient client = WebSocketClient.create(ClientConfig.builder().option("max-message-size", size)
                     .option("max-frames-per-message", "1000000").option("permessage-deflate", deflate)
                     .option("permessage-deflate-offer", deflate).build())) {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(Sink.class, "/sink").build());
            server.start();
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/sink");
            Session session = client.connectToServer(new Sink(), ClientEndpointConfig.Builder.create().build(), uri);
            System.out.println("DEFLATE " + session.getNegotiatedExtensions().size());

            long start = System.nanoTime();
            report("binary-to-server", sendBinary(session, binaryBytes), start);
            start = System.nanoTime();
            report("text-to-server", sendText(session, textChars), start);
            // The server sends the same through its own send stream and writer; the client's handlers read them.
            start = System.nanoTime();
            session.getBasicRemote().sendText("send binary " + binaryBytes);
            report("binary-to-client", expectedBinary(binaryBytes), start);
            start = System.nanoTime();
            session.getBasicRemote().sendText("send text " + textChars);
            report("text-to-client", expectedText(textChars), start);
            session.close();
        }
        System.out.println("MAX-IN-FLIGHT " + maxInFlight.get());
        System.out.println("DONE");
        System.exit(0);
    }

    private static void report(String what, String expected, long start) throws InterruptedException {
        String got = results.poll(120, TimeUnit.SECONDS);
        System.out.println("RESULT " + what + " expected=" + expected + " got=" + got + " ms="
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /**
     * On both ends: binary and text messages are read as streams and answered with what was read;
     * the commands "send binary N" and "send text N" are answered by streaming such a message.
     */
    public static class Sink extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(InputStream.class, in -> results.add(readBinary(in)));
            session.addMessageHandler(Reader.class, new MessageHandler.Whole<Reader>() {
                @Override
                public void onMessage(Reader reader) {
                    String text = readText(reader);
                    if (text.startsWith("send ")) {
                        String[] command = text.split(" ");
                        long n = Long.parseLong(command[2]);
                        try {
                            if (command[1].equals("binary")) {
                                sendBinary(session, n);
                            } else {
                                sendText(session, n);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    } else {
                        results.add(text);
                    }
                }
            });
        }
    }

    static String readBinary(InputStream in) {
        try {
            CRC32 crc = new CRC32();
            long bytes = 0;
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                crc.update(buffer, 0, n);
                bytes += n;
                read.addAndGet(n);
            }
            return bytes + " " + crc.getValue();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A command is returned as it is; a streamed text as its length and hash. */
    static String readText(Reader reader) {
        try {
            char[] buffer = new char[16384];
            long chars = 0;
            long hash = 0;
            StringBuilder head = new StringBuilder();
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    hash = hash * 31 + buffer[i];
                }
                if (head.length() < 64) {
                    head.append(buffer, 0, Math.min(n, 64));
                }
                chars += n;
                read.addAndGet(n);
            }
            return head.toString().startsWith("send ") ? head.toString() : chars + " " + hash;
        } catch (IOException e) {
            return e.toString();
        }
    }

    static void sent(long n) {
        long inFlight = written.addAndGet(n) - read.get();
        maxInFlight.accumulateAndGet(inFlight, Math::max);
    }

    /** Streams {@code bytes} bytes (the block over and over, each copy's first 8 bytes its index); returns "bytes crc". */
    static String sendBinary(Session session, long bytes) throws IOException {
        resetCounts();
        CRC32 crc = new CRC32();
        byte[] chunk = block.clone();
        try (OutputStream out = session.getBasicRemote().getSendStream()) {
            for (long at = 0, index = 0; at < bytes; at += CHUNK, index++) {
                stamp(chunk, index);
                int n = (int) Math.min(CHUNK, bytes - at);
                out.write(chunk, 0, n);
                crc.update(chunk, 0, n);
                sent(n);
            }
        }
        return bytes + " " + crc.getValue();
    }

    static String expectedBinary(long bytes) {
        CRC32 crc = new CRC32();
        byte[] chunk = block.clone();
        for (long at = 0, index = 0; at < bytes; at += CHUNK, index++) {
            stamp(chunk, index);
            crc.update(chunk, 0, (int) Math.min(CHUNK, bytes - at));
        }
        return bytes + " " + crc.getValue();
    }

    private static void stamp(byte[] chunk, long index) {
        for (int i = 0; i < 8; i++) {
            chunk[i] = (byte) (index >>> (8 * i));
        }
    }

    /**
     * Streams the text block until at least {@code chars} chars are sent, each copy in two writes
     * split between the halves of a surrogate pair; returns "chars hash".
     */
    static String sendText(Session session, long chars) throws IOException {
        resetCounts();
        int split = textBlock.indexOf('\uDF89');
        try (Writer out = session.getBasicRemote().getSendWriter()) {
            for (long at = 0; at < chars; at += textBlock.length()) {
                out.write(textBlock, 0, split);
                out.write(textBlock, split, textBlock.length() - split);
                sent(textBlock.length());
            }
        }
        return expectedText(chars);
    }

    static String expectedText(long chars) {
        long hash = 0;
        long sent = 0;
        for (; sent < chars; sent += textBlock.length()) {
            for (int i = 0; i < textBlock.length(); i++) {
                hash = hash * 31 + textBlock.charAt(i);
            }
        }
        return sent + " " + hash;
    }

    private static void resetCounts() {
        written.set(0);
        read.set(0);
    }
}
