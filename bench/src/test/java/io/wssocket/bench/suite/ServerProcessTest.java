package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the runner reads from jcmd when it trims a server's C heap before measuring its RSS. */
class ServerProcessTest {

    @Test
    void theBytesTheTrimGaveBackAreReadFromJcmdsLine() {
        assertThat(ServerProcess.trimmedBytes("29638:\nTrim native heap: RSS+Swap: 78908K->78512K (-396K)\n"))
                .isEqualTo(396L * 1024);
        assertThat(ServerProcess.trimmedBytes("1522:\nTrim native heap: RSS+Swap: 2127M->2111M (-15896K)\n"))
                .isEqualTo(15896L * 1024);
        assertThat(ServerProcess.trimmedBytes("1522:\nTrim native heap: RSS+Swap: 2111M->2112M (+1M)\n")).isZero();
        assertThat(ServerProcess.trimmedBytes("11512:\nTrim native heap: RSS+Swap: 2114M->2114M (-12288B)\n")).isEqualTo(12288);
        assertThat(ServerProcess.trimmedBytes("29638:\nSystem.trim_native_heap: unknown command\n")).isEqualTo(-1);
    }
}
