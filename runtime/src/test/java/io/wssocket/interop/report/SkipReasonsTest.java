package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SkipReasonsTest {
    @Test
    void reasonsThatDifferInTheirLastNumberMakeOneLine() {
        Map<String, Integer> reasons = new TreeMap<>(Map.of(
                "the client library refuses to send close code 1013", 1,
                "the client library refuses to send close code 1002", 2,
                "the client library rejects close code 1010 from a server", 1,
                "the client library rejects close code 999 from a server", 1,
                "the client's API cannot send a ping", 3));

        assertThat(SkipReasons.lines(reasons)).containsExactly(
                "the client library refuses to send close code 1002, 1013 (3)",
                "the client library rejects close code 999, 1010 from a server (2)",
                "the client's API cannot send a ping (3)");
    }
}
