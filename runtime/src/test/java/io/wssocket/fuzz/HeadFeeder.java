package io.wssocket.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wssocket.handshake.HandshakeFailedException;
import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.handshake.HttpRequestParser;
import io.wssocket.handshake.HttpResponseParser;
import io.wssocket.handshake.HttpStatusException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Feeds an HTTP head parser ({@link HttpRequestParser} or {@link HttpResponseParser}) some bytes in
 * given chunks and says how it ended, checking on the way what every parse call promises: an
 * incomplete parse consumes its whole chunk; a complete one stops right after the head, leaves the
 * bytes after it as they were, and consumes nothing more later; a failure is thrown again, the
 * same, by every later call. Any other exception propagates, as a finding.
 */
final class HeadFeeder {

    /** The parse call of either parser; each reports a bad head with its own exception. */
    @FunctionalInterface
    interface Parse {
        boolean parse(ByteBuffer in) throws HttpStatusException, HandshakeFailedException;
    }

    /** One parser: its parse call and, once that returned true, what it parsed. */
    record Parser(Parse parse, Supplier<Object> head) {
        static Parser request(HandshakeLimits limits) {
            HttpRequestParser parser = new HttpRequestParser(limits);
            return new Parser(parser::parse, parser::request);
        }

        static Parser response(HandshakeLimits limits) {
            HttpResponseParser parser = new HttpResponseParser(limits);
            return new Parser(parser::parse, parser::response);
        }
    }

    /**
     * How parsing ended: the head parsed ({@code head} non-null) or the failure, and how many bytes
     * had been consumed when the parser decided; {@code decidedAt} is -1 while it needs more.
     */
    record Outcome(Object head, String failure, int decidedAt) {
        static final Outcome INCOMPLETE = new Outcome(null, null, -1);

        boolean isComplete() {
            return head != null;
        }
    }

    private HeadFeeder() {
    }

    static Outcome feed(Supplier<Parser> newParser, byte[] all, List<Integer> chunkSizes) {
        Parser parser = newParser.get();
        byte[] original = all.clone();
        int offset = 0;
        for (int size : chunkSizes) {
            ByteBuffer chunk = ByteBuffer.wrap(all, offset, size);
            offset += size;
            boolean complete;
            try {
                complete = parser.parse().parse(chunk);
            } catch (HttpStatusException | HandshakeFailedException e) {
                return failed(parser, all, chunk.position(), e);
            }
            if (complete) {
                return completed(parser, all, original, chunk, offset);
            }
            assertThat(chunk.hasRemaining()).as("an incomplete parse consumes its whole chunk").isFalse();
        }
        return Outcome.INCOMPLETE;
    }

    private static Outcome completed(Parser parser, byte[] all, byte[] original, ByteBuffer chunk, int chunkEnd) {
        int consumed = chunk.position();
        assertThat(all[consumed - 1]).as("the head ends with the LF of its empty line").isEqualTo((byte) '\n');
        assertThat(chunk.limit()).as("the chunk's limit").isEqualTo(chunkEnd);
        assertThat(all).as("the bytes, the head and those after it, are left as they were").isEqualTo(original);
        ByteBuffer after = ByteBuffer.wrap(all, consumed, all.length - consumed);
        try {
            assertThat(parser.parse().parse(after)).as("still complete").isTrue();
        } catch (HttpStatusException | HandshakeFailedException e) {
            throw new AssertionError("a complete head failed on a later call", e);
        }
        assertThat(after.position()).as("a later call consumes nothing").isEqualTo(consumed);
        return new Outcome(parser.head().get(), null, consumed);
    }

    private static Outcome failed(Parser parser, byte[] all, int decidedAt, Exception e) {
        ByteBuffer after = ByteBuffer.wrap(all, decidedAt, all.length - decidedAt);
        assertThat(catchThrowable(() -> parser.parse().parse(after))).as("a later call after %s", e).isSameAs(e);
        assertThat(after.position()).as("a later call after a failure consumes nothing").isEqualTo(decidedAt);
        String failure = e instanceof HttpStatusException s ? s.status() + " " + s.getMessage() : e.getMessage();
        return new Outcome(null, failure, decidedAt);
    }

    /** All of {@code all} split into single bytes. */
    static List<Integer> byteByByte(byte[] all) {
        Integer[] ones = new Integer[all.length];
        Arrays.fill(ones, 1);
        return List.of(ones);
    }
}
