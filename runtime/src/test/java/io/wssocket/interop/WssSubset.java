package io.wssocket.interop;

import static io.wssocket.interop.InteropPayloads.KIB;
import static io.wssocket.interop.InteropPayloads.MIB;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases that a {@code *WssInteropTest} runs, the one place that says which: enough to show
 * that a peer and WS Socket meet over TLS as they do over plain TCP, without the whole matrix of
 * {@link ClientInteropCases} and {@link ServerInteropCases} a second time. Over TLS the frames of
 * RFC 6455 travel in records of at most 16 KiB (RFC 8446 §5.1), so the sizes are picked around
 * that: one message well inside a record, one of 16 MiB (the default limit) over about a thousand
 * of them, and a fragmented one whose frames and records do not line up.
 * <ul>
 * <li>echoes of text and binary, {@value #SMALL} bytes and 16 MiB, one frame each way;
 * <li>one fragmented echo of {@value #FRAGMENTED} bytes of text (RFC 6455 §5.4), along the route
 *     each abstract class names;
 * <li>ping and pong in both directions with a {@value #PING_PAYLOAD}-byte payload, the most a
 *     control frame carries (§5.5);
 * <li>subprotocol negotiation (§4.1, §4.2.2), and whether both ends call the connection secure;
 * <li>closes with 1000 (normal) and 4001 (private use, §7.4.2), in both directions.
 * </ul>
 * The permessage-deflate cases (RFC 7692) are not cut down: they run over wss as over ws, since
 * compressed frames and TLS records cut messages differently, and a deflate bug that TLS's
 * record sizes bring out would be missed by a subset.
 * An argument source of the abstract classes returns these over wss; a case outside the subset
 * (the streaming echoes, a subprotocol that is not agreed) gets no arguments, and so does not run.
 */
final class WssSubset {
    static final int SMALL = 125;
    static final int LARGE = 16 * MIB;
    static final int FRAGMENTED = 64 * KIB;
    static final int PING_PAYLOAD = 125;

    private WssSubset() {
    }

    /** Text and binary, small and 16 MiB, one frame each way. */
    static Stream<Arguments> wholeEchoes() {
        return Stream.of(MessageType.values()).flatMap(type ->
                Stream.of(SMALL, LARGE).map(size -> Arguments.of(type, size, EchoRoute.WHOLE)));
    }

    /** One fragmented text echo along {@code route}, which must fragment the reply. */
    static Stream<Arguments> fragmentedEcho(EchoRoute route) {
        if (!route.serverFragments()) {
            throw new IllegalArgumentException(route + " does not fragment the reply");
        }
        return Stream.of(Arguments.of(MessageType.TEXT, FRAGMENTED, route));
    }

    static IntStream pingPayloadSizes() {
        return IntStream.of(PING_PAYLOAD);
    }

    static IntStream closeCodes() {
        return IntStream.of(1000, 4001);
    }
}
