package io.wssocket.interop;

import static io.wssocket.interop.InteropPayloads.KIB;
import static io.wssocket.interop.InteropPayloads.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the permessage-deflate cases (RFC 7692) of {@link ClientInteropCases} and
 * {@link ServerInteropCases} share: the messages they send, how they compare what each end says
 * was negotiated, and how few wire bytes a compressed message may take.
 */
final class DeflateCases {
    static final String EXTENSION = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    /** Our side's deflate-threshold, set explicitly (it is the default): messages below it go uncompressed. */
    static final int THRESHOLD = 256;
    /** The size of the message whose wire bytes a case counts. */
    static final int WIRE_MESSAGE = 64 * KIB;
    /**
     * The most wire bytes, each way, a connection carrying one compressible {@value #WIRE_MESSAGE}-byte
     * message may take, handshakes (HTTP, and TLS with its certificate) and close included: a
     * quarter of the message, which only compression gets under.
     */
    static final long WIRE_LIMIT = WIRE_MESSAGE / 4;

    private DeflateCases() {
    }

    /** One message of a case: its type and its wire payload (UTF-8 for text). */
    record Message(MessageType type, byte[] payload) {
        @Override
        public String toString() {
            return type + " of " + payload.length + " bytes";
        }
    }

    /**
     * An empty message first, then sizes below, at and above the {@link #THRESHOLD}, across the
     * 16- and 64-bit length encodings (RFC 6455 §5.2), up to 1 MiB; each once compressible and
     * once not (random, which DEFLATE stores rather than shrinks): fifteen messages for one
     * connection, so that every message after the first meets whatever the one before left of the
     * compression context. (An empty message after others is a case of its own.)
     */
    static List<Message> everySize(MessageType type) {
        List<Message> messages = new ArrayList<>(List.of(new Message(type, new byte[0])));
        IntStream.of(1, THRESHOLD - 1, THRESHOLD, THRESHOLD + 1, 16 * KIB, 64 * KIB + 1, MIB).forEach(size -> {
            messages.add(compressible(type, size));
            messages.add(new Message(type, InteropPayloads.payload(type, size)));
        });
        return messages;
    }

    static Message compressible(MessageType type, int size) {
        return new Message(type, InteropPayloads.compressible(size));
    }

    /** Sends the message in {@code parts} frames. */
    static void send(MessageParts to, Message message, int parts) throws Exception {
        if (message.type() == MessageType.TEXT) {
            List<String> pieces = InteropPayloads.split(new String(message.payload(), StandardCharsets.UTF_8), parts);
            for (int i = 0; i < pieces.size(); i++) {
                to.sendText(pieces.get(i), i == pieces.size() - 1);
            }
        } else {
            List<ByteBuffer> pieces = InteropPayloads.split(message.payload(), parts);
            for (int i = 0; i < pieces.size(); i++) {
                to.sendBinary(pieces.get(i), i == pieces.size() - 1);
            }
        }
    }

    /**
     * Sends each message whole, one after another; a failed send says what the client had seen by
     * then, the close included once it came (within {@link InteropPeer#CLOSE_TIMEOUT}).
     */
    static void sendAll(MessageParts to, List<Message> messages, PeerEvents seen) throws InterruptedException {
        for (int i = 0; i < messages.size(); i++) {
            try {
                send(to, messages.get(i), 1);
            } catch (Exception e) {
                try {
                    seen.closed.get(InteropPeer.CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException noClose) {
                    // The message says so.
                }
                throw new AssertionError("could not send message " + (i + 1) + " of " + messages.size() + ", "
                        + messages.get(i) + "; " + seen, e);
            }
        }
    }

    /** Text and binary. */
    static Stream<MessageType> types() {
        return Stream.of(MessageType.values());
    }

    /** A compressible message of 4 KiB, an empty one, and the first again. */
    static List<Message> emptyBetweenOthers(MessageType type) {
        Message other = compressible(type, 4 * KIB);
        return List.of(other, new Message(type, new byte[0]), other);
    }

    /**
     * Checks that a {@code Sec-WebSocket-Extensions} value names permessage-deflate alone, and
     * returns its parameters' names (RFC 7692 §7: {@code name; param; param=value}).
     */
    static Set<String> deflateParameters(String header) {
        assertThat(header).as("negotiated extensions").doesNotContain(",");
        List<String> tokens = Stream.of(header.split(";")).map(String::strip).toList();
        assertThat(tokens.get(0)).as("negotiated extension in " + header).isEqualToIgnoringCase(EXTENSION);
        return tokens.stream().skip(1).map(token -> token.split("=", 2)[0].strip()).collect(Collectors.toSet());
    }

    /**
     * What one end says was negotiated agrees with what the other end says: the same extension,
     * and the same parameters where {@code other} tells parameters at all (the ws library's
     * {@code extensions} has names only).
     */
    static void assertSameAgreement(String one, Optional<String> other, String otherName) {
        Set<String> parameters = deflateParameters(one);
        other.ifPresent(header -> {
            Set<String> otherParameters = deflateParameters(header);
            if (header.contains(";")) {
                assertThat(otherParameters).as("parameters " + otherName + " reports (" + header + ")")
                        .isEqualTo(parameters);
            }
        });
    }
}
