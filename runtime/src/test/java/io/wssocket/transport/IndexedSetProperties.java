package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The event loop's set of connections stays the set it was told about, whatever the order of
 * adds and removes: after every step it holds exactly the elements of a model set, each element's
 * index field names its own place, and a remove of something absent changes nothing.
 */
class IndexedSetProperties {
    private static final int POOL = 64;

    /** Stands in for a connection: all the set needs of one is its index field. */
    private static final class Item {
        int index = IndexedSet.NONE;
        final int id;

        Item(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "item " + id;
        }
    }

    private static IndexedSet<Item> newSet() {
        return new IndexedSet<>(item -> item.index, (item, i) -> item.index = i);
    }

    /** Each step names an item of the pool: below {@value #POOL} it is added, from there on removed. */
    @Property(tries = 300)
    void alwaysHoldsWhatTheModelHolds(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 2 * POOL - 1) Integer> steps) {
        List<Item> pool = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            pool.add(new Item(i));
        }
        IndexedSet<Item> set = newSet();
        Set<Item> model = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int step : steps) {
            Item item = pool.get(step % POOL);
            if (step < POOL) {
                if (model.add(item)) {
                    set.add(item);
                } else {
                    assertThatThrownBy(() -> set.add(item)).isInstanceOf(IllegalStateException.class);
                }
            } else {
                assertThat(set.remove(item)).isEqualTo(model.remove(item));
            }
            assertSame(set, model, pool);
        }
    }

    /** A mass close: every connection of a loop leaves it, in any order, and each removal leaves the others in. */
    @Example
    void twentyThousandElementsLeaveInAnyOrder() {
        int n = 20_000;
        List<Item> items = new ArrayList<>(n);
        IndexedSet<Item> set = newSet();
        for (int i = 0; i < n; i++) {
            Item item = new Item(i);
            items.add(item);
            set.add(item);
        }
        assertThat(set.size()).isEqualTo(n);
        Collections.shuffle(items, new Random(14));
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            assertThat(set.remove(item)).as("%s is removed", item).isTrue();
            assertThat(item.index).isEqualTo(IndexedSet.NONE);
            assertThat(set.remove(item)).as("and only once").isFalse();
            assertThat(set.size()).isEqualTo(n - i - 1);
            if (i + 1 < n) {
                assertThat(set.contains(items.get(i + 1))).as("the next is still in").isTrue();
            }
        }
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.capacity()).as("the array shrank back").isLessThanOrEqualTo(16);
    }

    @Example
    void anElementInAnotherSetIsRefused() {
        IndexedSet<Item> one = newSet();
        IndexedSet<Item> other = newSet();
        Item item = new Item(1);
        one.add(item);
        assertThatThrownBy(() -> other.add(item)).isInstanceOf(IllegalStateException.class);
        assertThat(other.remove(item)).as("not in the other set").isFalse();
        assertThat(one.contains(item)).isTrue();
    }

    private static void assertSame(IndexedSet<Item> set, Set<Item> model, List<Item> pool) {
        assertThat(set.size()).isEqualTo(model.size());
        for (int i = 0; i < set.size(); i++) {
            assertThat(set.get(i).index).as("the index field of the element at %d", i).isEqualTo(i);
        }
        for (Item item : pool) {
            assertThat(set.contains(item)).as("%s", item).isEqualTo(model.contains(item));
            if (!model.contains(item)) {
                assertThat(item.index).isEqualTo(IndexedSet.NONE);
            }
        }
        Set<Item> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        listed.addAll(set.toList());
        assertThat(listed).isEqualTo(model);
    }
}
