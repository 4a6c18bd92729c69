package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The zlib pool stays bounded however many messages were compressed at once, and reuses what it keeps. */
class ZlibPoolTest {

    @Test
    void keepsAtMostItsCapacityAndEndsTheRest() {
        ZlibPool pool = new ZlibPool(6, 2);
        List<Deflater> deflaters = new ArrayList<>();
        List<Inflater> inflaters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deflaters.add(pool.borrowDeflater());
            inflaters.add(pool.borrowInflater());
        }
        assertThat(pool.outstanding()).isEqualTo(10);
        deflaters.forEach(pool::release);
        inflaters.forEach(pool::release);
        assertThat(pool.outstanding()).isZero();
        assertThat(pool.pooled()).isEqualTo(4);
        // The ended ones are unusable: the pool did not keep them.
        long ended = deflaters.stream().filter(ZlibPoolTest::isEnded).count();
        assertThat(ended).isEqualTo(3);
    }

    @Test
    void reusesAReturnedDeflaterReset() {
        ZlibPool pool = new ZlibPool(6, 1);
        Deflater d = pool.borrowDeflater();
        d.setInput(new byte[] {1, 2, 3});
        pool.release(d);
        Deflater again = pool.borrowDeflater();
        assertThat(again).isSameAs(d);
        assertThat(again.getBytesRead()).isZero();
        pool.release(again);
        pool.clear();
        assertThat(pool.pooled()).isZero();
        assertThat(isEnded(d)).isTrue();
    }

    @Test
    void refusesALevelOutsideOneToNine() {
        assertThatThrownBy(() -> new ZlibPool(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZlibPool(10, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean isEnded(Deflater d) {
        try {
            d.getBytesRead();
            return false;
        } catch (NullPointerException | IllegalStateException e) {
            return true; // an ended Deflater: NullPointerException up to JDK 21, IllegalStateException after
        }
    }
}
