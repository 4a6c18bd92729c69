package io.wssocket.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.test.Chunks;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A message streamed to a reader while its pieces arrive: every byte in order whatever the split,
 * characters whole across pieces, a bounded amount waiting, reading paused and resumed, and a cut
 * or abandoned message ending the reader's wait.
 */
class MessageStreamTest {

    /** Counts what waits, as the dispatcher's budget does, and lets a producer wait for "resume reading". */
    static final class CountingOwner implements MessageStream.Owner {
        final AtomicLong waiting = new AtomicLong();
        final AtomicLong peak = new AtomicLong();
        final AtomicInteger drained = new AtomicInteger();
        final Semaphore resume = new Semaphore(0);

        @Override
        public void held(long bytes) {
            peak.accumulateAndGet(waiting.addAndGet(bytes), Math::max);
        }

        @Override
        public void released(long bytes) {
            waiting.addAndGet(-bytes);
        }

        @Override
        public void drained() {
            drained.incrementAndGet();
            resume.release();
        }
    }

    /**
     * Feeds the pieces from another thread as a connection would, stopping whenever asked to
     * pause until told to resume; returns how often it paused.
     */
    static CompletableFuture<Integer> feed(MessageStream stream, CountingOwner owner, byte[] message, List<Integer> pieces) {
        return CompletableFuture.supplyAsync(() -> {
            int pauses = 0;
            int at = 0;
            for (int i = 0; i < pieces.size(); i++) {
                int n = pieces.get(i);
                if (stream.append(ByteBuffer.wrap(message, at, n), i == pieces.size() - 1)) {
                    pauses++;
                    try {
                        if (!owner.resume.tryAcquire(20, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never told to resume");
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                at += n;
            }
            return pauses;
        });
    }

    static List<Integer> pieces(List<Integer> sizes, int total) {
        List<Integer> pieces = new ArrayList<>(Chunks.cycle(sizes, total));
        if (pieces.isEmpty() || sizes.get(0) == 0) {
            pieces.add(0, 0); // an empty first frame
        }
        pieces.add(0); // and an empty last one: a message may end with an empty continuation
        return pieces;
    }

    @Property(tries = 200)
    void everySplitReadsBackTheBytesInOrderWithABoundedAmountWaiting(
            @ForAll @Size(max = 3000) byte[] message,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 700) Integer> pieceSizes,
            @ForAll @IntRange(min = 1, max = 500) int readSize,
            @ForAll @IntRange(min = 1, max = 1000) int bound) throws Exception {
        CountingOwner owner = new CountingOwner();
        MessageStream stream = new MessageStream(bound, owner);
        List<Integer> pieces = pieces(pieceSizes, message.length);
        CompletableFuture<Integer> producer = feed(stream, owner, message, pieces);

        byte[] read = readAll(stream.inputStream(), readSize);

        assertThat(read).isEqualTo(message);
        producer.get(20, TimeUnit.SECONDS);
        int largestPiece = pieces.stream().mapToInt(Integer::intValue).max().orElse(0);
        // The piece that crossed the bound; and one read more, counted until the reader releases it.
        assertThat(owner.peak.get()).as("bytes counted at most").isLessThanOrEqualTo(bound + (long) largestPiece + readSize);
        assertThat(owner.waiting.get()).as("every counted byte released").isZero();
    }

    @Test
    void theProducerIsAskedToPauseOnceOverTheBoundAndToResumeAtHalf() throws IOException {
        CountingOwner owner = new CountingOwner();
        MessageStream stream = new MessageStream(100, owner);
        assertThat(stream.append(ByteBuffer.wrap(new byte[100]), false)).as("at the bound: no pause").isFalse();
        assertThat(stream.append(ByteBuffer.wrap(new byte[20]), false)).as("over it").isTrue();
        assertThat(stream.append(ByteBuffer.wrap(new byte[20]), false)).as("asked once only").isFalse();

        InputStream in = stream.inputStream();
        assertThat(in.read(new byte[80])).isEqualTo(80); // 60 left: above half
        assertThat(owner.drained).hasValue(0);
        assertThat(in.read(new byte[10])).isEqualTo(10); // 50 left: half
        assertThat(owner.drained).hasValue(1);
        assertThat(owner.waiting).hasValue(50);
    }

    @Test
    void aMultiByteCharacterSplitAtEveryOffsetIsReadWhole() throws Exception {
        String text = "a€b\uD83D\uDE00cé日本";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int cut1 = 0; cut1 <= utf8.length; cut1++) {
            for (int cut2 = cut1; cut2 <= utf8.length; cut2++) {
                for (int readSize : new int[] {1, 2, 64}) {
                    CountingOwner owner = new CountingOwner();
                    MessageStream stream = new MessageStream(1 << 20, owner);
                    stream.append(ByteBuffer.wrap(utf8, 0, cut1), false);
                    stream.append(ByteBuffer.wrap(utf8, cut1, cut2 - cut1), false);
                    stream.append(ByteBuffer.wrap(utf8, cut2, utf8.length - cut2), true);
                    assertThat(readText(stream.reader(), readSize))
                            .as("cut at %d and %d, read %d chars at a time", cut1, cut2, readSize).isEqualTo(text);
                }
            }
        }
    }

    @Property(tries = 100)
    void textSplitAnywhereAndReadConcurrentlyDecodesToTheSameCharacters(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 5) Integer> kinds,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 9) Integer> pieceSizes,
            @ForAll @IntRange(min = 1, max = 40) int readSize) throws Exception {
        String[] alphabet = {"a", "é", "€", "日", "\uD83D\uDE00", "\n"};
        StringBuilder b = new StringBuilder();
        kinds.forEach(k -> b.append(alphabet[k]));
        String text = b.toString();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        CountingOwner owner = new CountingOwner();
        MessageStream stream = new MessageStream(16, owner);
        CompletableFuture<Integer> producer = feed(stream, owner, utf8, pieces(pieceSizes, utf8.length));

        assertThat(readText(stream.reader(), readSize)).isEqualTo(text);
        producer.get(20, TimeUnit.SECONDS);
        assertThat(owner.waiting.get()).isZero();
    }

    @Test
    void anEmptyMessageIsAtItsEndAtOnce() throws IOException {
        MessageStream stream = new MessageStream(10, new CountingOwner());
        stream.append(ByteBuffer.allocate(0), true);
        assertThat(stream.inputStream().read()).isEqualTo(-1);
        assertThat(stream.reader().read()).isEqualTo(-1);
    }

    @Test
    void aMessageCutOffGivesWhatArrivedThenAnIOExceptionNotAHang() throws Exception {
        CountingOwner owner = new CountingOwner();
        MessageStream stream = new MessageStream(100, owner);
        stream.append(ByteBuffer.wrap(new byte[] {1, 2, 3}), false);
        InputStream in = stream.inputStream();
        assertThat(in.read(new byte[10])).isEqualTo(3);

        CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        stream.fail("the connection closed (1006)");
        assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class)
                .hasMessageContaining("cut off: the connection closed (1006)");
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    @Test
    void aCompleteMessageIsNotFailedByALaterClose() throws IOException {
        MessageStream stream = new MessageStream(100, new CountingOwner());
        stream.append(ByteBuffer.wrap(new byte[] {7}), true);
        stream.fail("closed");
        assertThat(readAll(stream.inputStream(), 8)).containsExactly(7);
    }

    @Test
    void discardingReleasesWhatWaitsDropsWhatFollowsAndResumesReading() throws IOException {
        CountingOwner owner = new CountingOwner();
        MessageStream stream = new MessageStream(10, owner);
        assertThat(stream.append(ByteBuffer.wrap(new byte[30]), false)).isTrue();

        stream.inputStream().close(); // the handler gave up on the message

        assertThat(owner.waiting).as("released").hasValue(0);
        assertThat(owner.drained).as("reading may resume").hasValue(1);
        assertThat(stream.isDiscarded()).isTrue();
        assertThat(stream.append(ByteBuffer.wrap(new byte[30]), false)).as("the rest is dropped, never paused for").isFalse();
        assertThat(owner.peak).as("nothing more counted").hasValue(30);
        stream.discard(); // again, when the handler returns: nothing more
        assertThat(owner.drained).hasValue(1);
        assertThatThrownBy(() -> stream.inputStream().read()).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aPieceIsCopiedWithoutMovingItsBuffer() throws IOException {
        MessageStream stream = new MessageStream(10, new CountingOwner());
        ByteBuffer piece = ByteBuffer.wrap(new byte[] {1, 2, 3});
        stream.append(piece, true);
        piece.put(0, (byte) 9); // the loop reuses its buffer after the call
        assertThat(piece.remaining()).isEqualTo(3);
        assertThat(readAll(stream.inputStream(), 2)).containsExactly(1, 2, 3);
    }

    static byte[] readAll(InputStream in, int readSize) throws IOException {
        byte[] out = new byte[64];
        int length = 0;
        byte[] buffer = new byte[readSize];
        int n;
        while ((n = in.read(buffer, 0, readSize)) >= 0) {
            if (length + n > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
            }
            System.arraycopy(buffer, 0, out, length, n);
            length += n;
        }
        return Arrays.copyOf(out, length);
    }

    static String readText(Reader reader, int readSize) throws IOException {
        StringWriter out = new StringWriter();
        char[] buffer = new char[readSize];
        int n;
        while ((n = reader.read(buffer, 0, readSize)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toString();
    }
}
