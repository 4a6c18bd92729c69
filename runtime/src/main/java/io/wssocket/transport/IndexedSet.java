package io.wssocket.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * A set of elements that each know their own place in it: an array, and in every element a field
 * with the index it holds there. Adding appends; removing moves the last element into the
 * hole; so both cost O(1) and allocate nothing (the array doubles when full and halves when a
 * quarter full, which amortizes to O(1) as well). An event loop keeps its connections in one:
 * with a list, whose remove searches and shifts, closing n connections cost O(n²).
 *
 * <p>Order is not kept (nothing the loop does with all its connections needs one). An element is
 * in at most one such set at a time, since it has one index field. Not thread-safe: one thread owns it.
 */
final class IndexedSet<E> {
    /** The index of an element in no set. */
    static final int NONE = -1;
    private static final int MIN_CAPACITY = 16;

    private final ToIntFunction<E> indexOf;
    private final ObjIntConsumer<E> setIndex;
    private Object[] elements = new Object[MIN_CAPACITY];
    private int size;

    /**
     * @param indexOf reads the element's index field ({@link #NONE} while it is in no set)
     * @param setIndex writes it
     */
    IndexedSet(ToIntFunction<E> indexOf, ObjIntConsumer<E> setIndex) {
        this.indexOf = indexOf;
        this.setIndex = setIndex;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The element at {@code index}, 0 up to {@link #size()}; indexes change when an element is removed. */
    @SuppressWarnings("unchecked")
    E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return (E) elements[index];
    }

    boolean contains(E element) {
        int index = indexOf.applyAsInt(element);
        return index >= 0 && index < size && elements[index] == element;
    }

    /** Adds an element that is in no set. */
    void add(E element) {
        if (indexOf.applyAsInt(element) != NONE) {
            throw new IllegalStateException(element + " is in a set already, at " + indexOf.applyAsInt(element));
        }
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size * 2);
        }
        elements[size] = element;
        setIndex.accept(element, size);
        size++;
    }

    /** Removes the element if it is in this set; returns whether it was. */
    boolean remove(E element) {
        if (!contains(element)) {
            return false;
        }
        int index = indexOf.applyAsInt(element);
        int last = --size;
        if (index != last) {
            @SuppressWarnings("unchecked")
            E moved = (E) elements[last];
            elements[index] = moved;
            setIndex.accept(moved, index);
        }
        elements[last] = null;
        setIndex.accept(element, NONE);
        if (elements.length > MIN_CAPACITY && size <= elements.length / 4) {
            // A mass close gives the memory back: a loop that once held a million connections need not keep their array.
            elements = Arrays.copyOf(elements, Math.max(MIN_CAPACITY, elements.length / 2));
        }
        return true;
    }

    /** A copy of the elements, in the set's current order. */
    List<E> toList() {
        List<E> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(get(i));
        }
        return list;
    }

    /** The array's length, for tests. */
    int capacity() {
        return elements.length;
    }
}
