package io.wssocket.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a benchmark's bytes live. The runtime reads into one direct buffer per event loop and
 * parses, unmasks and validates in it; frames it writes (and client frames it masks) are heap
 * buffers. Both are in the platform's byte order, as the runtime's are (its masking works in
 * machine words). Each benchmark is compared with a copy between buffers of its own kind.
 */
public enum BufferKind {
    HEAP {
        @Override
        public ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
        }
    },
    DIRECT {
        @Override
        public ByteBuffer allocate(int capacity) {
            return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        }
    };

    public abstract ByteBuffer allocate(int capacity);

    /** A buffer of this kind holding a copy of {@code bytes}, position 0, limit at its end. */
    public ByteBuffer holding(byte[] bytes) {
        return allocate(bytes.length).put(bytes).flip();
    }
}
