package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The set of an endpoint's open sessions holds exactly what it was told, whatever the order of
 * adds and removes (growing, shrinking, members moved back after a removal): after every step it
 * agrees with a model set on size, membership and iteration.
 */
class CompactIdentitySetProperties {
    private static final int POOL = 150;

    /** Members compared by identity, like sessions: equal-looking ones are still different members. */
    private record Member(int id) {
        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return 0; // never used by the set
        }
    }

    private static List<Member> pool() {
        List<Member> pool = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            pool.add(new Member(i));
        }
        return pool;
    }

    /** Each step names a member of the pool: below {@value #POOL} it is added, from there on removed. */
    @Property(tries = 300)
    void alwaysHoldsWhatTheModelHolds(@ForAll @Size(max = 600) List<@IntRange(min = 0, max = 2 * POOL - 1) Integer> steps) {
        List<Member> pool = pool();
        CompactIdentitySet<Member> set = new CompactIdentitySet<>();
        Set<Member> model = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int step : steps) {
            Member member = pool.get(step % POOL);
            if (step < POOL) {
                assertThat(set.add(member)).isEqualTo(model.add(member));
            } else {
                assertThat(set.remove(member)).isEqualTo(model.remove(member));
            }
            assertThat(set).hasSize(model.size());
            for (Member m : pool) {
                assertThat(set.contains(m)).as("contains %s", m).isEqualTo(model.contains(m));
            }
        }
        assertThat(new ArrayList<>(set)).containsExactlyInAnyOrderElementsOf(model);
    }

    @Example
    void fillingAndEmptyingAgainLeavesAnEmptySetThatStillWorks() {
        List<Member> pool = pool();
        CompactIdentitySet<Member> set = new CompactIdentitySet<>();
        set.addAll(pool);
        assertThat(set).hasSize(POOL);
        pool.forEach(set::remove);
        assertThat(set).isEmpty();
        assertThat(set.add(pool.get(7))).isTrue();
        assertThat(set).containsExactly(pool.get(7));
    }

    @Example
    void anIteratorWalksTheSetAsItWasAndRemovesFromTheSet() {
        List<Member> pool = pool();
        CompactIdentitySet<Member> set = new CompactIdentitySet<>();
        set.addAll(pool.subList(0, 20));
        Iterator<Member> walk = set.iterator();
        set.add(pool.get(50)); // a change while walking neither fails the walk nor shows in it
        int seen = 0;
        while (walk.hasNext()) {
            Member member = walk.next();
            assertThat(member.id()).isLessThan(20);
            if (member.id() % 2 == 0) {
                walk.remove();
            }
            seen++;
        }
        assertThat(seen).isEqualTo(20);
        assertThat(set).hasSize(11).contains(pool.get(50), pool.get(1)).doesNotContain(pool.get(0));
        assertThat(set.remove(null)).isFalse();
        assertThat(set.contains(null)).isFalse();
    }
}
