package io.wssocket.test;

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
}
