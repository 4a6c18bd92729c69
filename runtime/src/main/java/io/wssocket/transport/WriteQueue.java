package io.wssocket.transport;

import java.nio.ByteBuffer;

/**
 * A connection's writes that the socket has not taken yet, in order: a singly linked list through
 * the writes themselves, so an empty queue holds no array and a queued write costs one object.
 * Not thread-safe: the connection guards it with its lock.
 */
final class WriteQueue {
    /**
     * The queue of every connection that has not queued a write yet: always empty, never added
     * to (what only reads or removes finds nothing to change), so it can be shared.
     */
    static final WriteQueue NONE = new WriteQueue();

    private PendingWrite head;
    private PendingWrite tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    PendingWrite peek() {
        return head;
    }

    void add(PendingWrite write) {
        if (tail == null) {
            head = write;
        } else {
            tail.next = write;
        }
        tail = write;
        size++;
    }

    /** Puts the buffers with bytes left, from the oldest write on, into {@code gather}; returns how many. */
    int gather(ByteBuffer[] gather) {
        int n = 0;
        for (PendingWrite w = head; w != null && n < gather.length; w = w.next) {
            n = w.addTo(gather, n);
        }
        return n;
    }

    /** Buffers of all queued writes, for sizing a gathering write. */
    int bufferCount() {
        int n = 0;
        for (PendingWrite w = head; w != null; w = w.next) {
            n += w.bufferCount();
        }
        return n;
    }

    /**
     * Removes the writes at the head that are written in full, at most {@code completed.length};
     * they go to {@code completed}, whose callbacks the caller runs. Returns how many.
     */
    int removeWritten(PendingWrite[] completed) {
        int n = 0;
        while (head != null && n < completed.length && head.remaining() == 0) {
            completed[n++] = poll();
        }
        return n;
    }

    /** Removes the writes at the head that are written in full, whose callbacks need not run. */
    void dropWritten() {
        while (head != null && head.remaining() == 0) {
            poll();
        }
    }

    /** Empties the queue, returning its writes in order (for their callbacks, when the connection closes). */
    PendingWrite[] clear() {
        PendingWrite[] all = new PendingWrite[size];
        for (int i = 0; i < all.length; i++) {
            all[i] = poll();
        }
        return all;
    }

    private PendingWrite poll() {
        PendingWrite w = head;
        head = w.next;
        w.next = null;
        if (head == null) {
            tail = null;
        }
        size--;
        return w;
    }

    /** One write: a single buffer (the common case, with no array) or several, and what to call when written. */
    static final class PendingWrite {
        private final ByteBuffer single;
        private final ByteBuffer[] buffers;
        /** Not final: a held frame's callback runs when it is held, and must not run again. */
        WriteCallback callback;
        private PendingWrite next;

        PendingWrite(ByteBuffer single, WriteCallback callback) {
            this.single = single;
            this.buffers = null;
            this.callback = callback;
        }

        PendingWrite(ByteBuffer[] buffers, WriteCallback callback) {
            this.single = null;
            this.buffers = buffers;
            this.callback = callback;
        }

        long remaining() {
            if (single != null) {
                return single.remaining();
            }
            long sum = 0;
            for (ByteBuffer b : buffers) {
                sum += b.remaining();
            }
            return sum;
        }

        ByteBuffer[] buffers() {
            return single != null ? new ByteBuffer[] {single} : buffers;
        }

        /** Writes what a plain socket takes of this write (see {@link HeapCopyBound}); returns how many bytes. */
        long writeTo(java.nio.channels.GatheringByteChannel channel) throws java.io.IOException {
            return single != null ? HeapCopyBound.write(channel, single)
                    : HeapCopyBound.write(channel, buffers, 0, buffers.length);
        }

        int bufferCount() {
            return single != null ? 1 : buffers.length;
        }

        private int addTo(ByteBuffer[] gather, int n) {
            if (single != null) {
                if (single.hasRemaining()) {
                    gather[n++] = single;
                }
                return n;
            }
            for (ByteBuffer b : buffers) {
                if (n == gather.length) {
                    break;
                }
                if (b.hasRemaining()) {
                    gather[n++] = b;
                }
            }
            return n;
        }
    }
}
