package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.bench.suite.ResultLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hostile driver against a WS Socket server in this JVM, briefly: the origin attack records
 * each handshake's outcome and the result line carries what the well-behaved clients (from
 * 127.0.0.2) and the probe saw. Their figures are not asserted: on a loaded machine an echo may be
 * late, and benchmarks are not tests.
 */
@Timeout(60)
class HostileLoadTest {

    @RegisterExtension
    static final InProcessEchoServer server = new InProcessEchoServer();

    @Test
    void originAttackRecordsEachHandshakeBesideWellBehavedEchoes() throws Exception {
        HostileLoad load = new HostileLoad(new DriverArgs(new String[] {"--port", server.port(), "--attack", "origin",
                "--duration", "2", "--hold-timeout", "0", "--server", "wssocket"}, HostileLoad.OPTIONS));

        ResultLine r = ResultLine.parse(load.run());

        assertThat(r.get("attack")).isEqualTo("origin");
        for (String key : new String[] {"origin_evil", "origin_null", "origin_same"}) {
            assertThat(r.get(key)).matches("accepted|refused_\\d+");
        }
        // what the well-behaved side saw is a measurement, not a test: only that it is reported
        for (String key : new String[] {"samples", "failed_connects", "lost", "late", "disconnects", "failures", "new_ok"}) {
            assertThat(r.number(key)).as(key).isPresent();
        }
        assertThat(r.number("new_tried").orElse(0)).isGreaterThanOrEqualTo(1);
    }
}
