package io.wssocket.server;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A set by identity in one array (open addressing, linear probing), for the open sessions of an
 * endpoint: a member costs one or two slots (4 to 12 bytes with compressed references) where a
 * {@code ConcurrentHashMap} key set costs a 32-byte node and a table slot. Thread-safe: changes and
 * look-ups take the set's lock (a session is added at its handshake and removed at its close, far
 * rarer than its messages); an iterator walks a copy taken under the lock, so it never fails and
 * sees the set as it was when made, and its {@code remove} removes from the set.
 *
 * @param <E> the members' type; members are compared by identity
 */
final class CompactIdentitySet<E> extends AbstractSet<E> {
    private static final int MIN_SLOTS = 8;

    /** Power-of-two length; at most two thirds full, so a probe always ends at an empty slot. */
    private Object[] slots = new Object[MIN_SLOTS];
    private int size;

    private static int home(Object member, int mask) {
        int h = System.identityHashCode(member) * 0x9E3779B9; // spreads identity hashes that differ in high bits only
        return (h ^ (h >>> 16)) & mask;
    }

    /** The slot holding {@code member}, or the empty slot where it would go. */
    private static int slotOf(Object[] table, Object member) {
        int mask = table.length - 1;
        int i = home(member, mask);
        while (table[i] != null && table[i] != member) {
            i = (i + 1) & mask;
        }
        return i;
    }

    @Override
    public synchronized boolean add(E member) {
        Objects.requireNonNull(member, "member");
        int i = slotOf(slots, member);
        if (slots[i] != null) {
            return false;
        }
        slots[i] = member;
        size++;
        if (size * 3 > slots.length * 2) {
            rehash(slots.length * 2);
        }
        return true;
    }

    @Override
    public synchronized boolean remove(Object member) {
        if (member == null) {
            return false;
        }
        int i = slotOf(slots, member);
        if (slots[i] == null) {
            return false;
        }
        slots[i] = null;
        size--;
        closeGap(i);
        if (slots.length > MIN_SLOTS && size * 8 < slots.length) {
            rehash(slots.length / 2); // a mass close leaves no large array behind
        }
        return true;
    }

    /**
     * Moves back the members after the emptied slot {@code gap} that probing would no longer find
     * (those whose home slot is not cyclically after the gap and at or before their own slot).
     */
    private void closeGap(int gap) {
        int mask = slots.length - 1;
        int j = gap;
        while (true) {
            j = (j + 1) & mask;
            Object member = slots[j];
            if (member == null) {
                return;
            }
            int home = home(member, mask);
            boolean reachable = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!reachable) {
                slots[gap] = member;
                slots[j] = null;
                gap = j;
            }
        }
    }

    private void rehash(int length) {
        Object[] table = new Object[length];
        for (Object member : slots) {
            if (member != null) {
                table[slotOf(table, member)] = member;
            }
        }
        slots = table;
    }

    @Override
    public synchronized boolean contains(Object member) {
        return member != null && slots[slotOf(slots, member)] != null;
    }

    @Override
    public synchronized int size() {
        return size;
    }

    @Override
    public synchronized Object[] toArray() {
        Object[] members = new Object[size];
        int n = 0;
        for (Object member : slots) {
            if (member != null) {
                members[n++] = member;
            }
        }
        return members;
    }

    @Override
    public synchronized <T> T[] toArray(T[] a) {
        Object[] members = toArray();
        T[] result = a.length >= members.length ? a : Arrays.copyOf(a, members.length);
        System.arraycopy(members, 0, result, 0, members.length);
        if (result.length > members.length) {
            result[members.length] = null;
        }
        return result;
    }

    @Override
    public synchronized void clear() {
        slots = new Object[MIN_SLOTS];
        size = 0;
    }

    @Override
    public Iterator<E> iterator() {
        Object[] members = toArray();
        return new Iterator<>() {
            private int next;
            private Object last;

            @Override
            public boolean hasNext() {
                return next < members.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (next >= members.length) {
                    throw new NoSuchElementException();
                }
                last = members[next++];
                return (E) last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() first");
                }
                CompactIdentitySet.this.remove(last);
                last = null;
            }
        };
    }
}
