package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server's CPU time as the echo driver reads it from /proc/PID/stat, and the RESULT fields made of it. */
class ProcessCpuTest {

    @Test
    void utimeAndStimeAreCountedAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 51234 0 12 0 731 269 0 0 20 0 31 0 12345 4000000000 50000";

        assertThat(ProcessCpu.parseTicks(stat)).isEqualTo(731 + 269);
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertThat(ProcessCpu.ticks(ProcessHandle.current().pid())).isNotNegative();
        assertThat(ProcessCpu.ticks(-1)).isEqualTo(-1);
    }

    @Test
    void cpuPerMessageIsTheWindowsCpuTimeOverItsMessages() {
        // 250 ticks (2.5 s) over a 5 s window in which 100,000 messages were echoed
        assertThat(ProcessCpu.resultFields(1000, 1250, 5.0, 100_000))
                .isEqualTo(" server_cpu_s=2.50 server_cpu_pct=50 cpu_us_per_msg=25.00");
        assertThat(ProcessCpu.resultFields(-1, 1250, 5.0, 100_000)).isEmpty();
    }
}
