package io.wssocket.test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** How the split properties and fuzz tests cut an input into the chunks a parser is fed. */
public final class Chunks {
    private Chunks() {
    }

    /**
     * Chunk sizes taken in turn from {@code sizes} until they cover {@code total} bytes, the last
     * one cut short; so a few sizes describe a split of any length (one size of 1: byte by byte).
     * Zero sizes give empty chunks, unless every size is zero: then the rest comes in one chunk.
     */
    public static List<Integer> cycle(List<Integer> sizes, int total) {
        List<Integer> chunks = new ArrayList<>();
        int covered = 0;
        for (int i = 0; covered < total; i++) {
            int size = Math.min(sizes.get(i % sizes.size()), total - covered);
            if (size == 0 && sizes.stream().allMatch(s -> s == 0)) {
                size = total - covered;
            }
            chunks.add(size);
            covered += size;
        }
        return chunks;
    }

    /** An incremental parser's step: reads from the chunk, true once done (the chunk then positioned after what it read). */
    @FunctionalInterface
    public interface Step<E extends Exception> {
        boolean parse(ByteBuffer chunk) throws E;
    }

    /**
     * Feeds {@code all} to {@code parser} in chunks of the given sizes, checking that a step that is
     * not done consumed its whole chunk.
     *
     * @return the bytes after those the parser took once done, or -1 when it was never done
     */
    public static <E extends Exception> int feed(byte[] all, List<Integer> sizes, Step<E> parser) throws E {
        int offset = 0;
        for (int size : sizes) {
            ByteBuffer chunk = ByteBuffer.wrap(all, offset, size);
            offset += size;
            if (parser.parse(chunk)) {
                return all.length - chunk.position();
            }
            if (chunk.hasRemaining()) {
                throw new AssertionError("an incomplete parse left " + chunk.remaining() + " bytes of its chunk");
            }
        }
        return -1;
    }
}
