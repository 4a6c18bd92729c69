package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.bench.suite.ResultLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile driver against a WS Socket server in this JVM, for five seconds (a cold server in a test JVM can take a second for its first echo): the origin attack
 * records each handshake's outcome, and the well-behaved clients (from 127.0.0.2) and the probe
 * get their echoes. No timing is asserted.
 */
@Timeout(60)
class HostileLoadTest {

    private static WsSocketEchoServer server;
    private static String port;

    @BeforeAll
    static void startServer() throws Exception {
        server = new WsSocketEchoServer();
        port = Integer.toString(server.start("127.0.0.1", 0));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void originAttackRecordsEachHandshakeBesideWellBehavedEchoes() throws Exception {
        HostileLoad load = new HostileLoad(new DriverArgs(new String[] {"--port", port, "--attack", "origin",
                "--duration", "5", "--hold-timeout", "0", "--server", "wssocket"}, HostileLoad.OPTIONS));

        ResultLine r = ResultLine.parse(load.run());

        assertThat(r.get("attack")).isEqualTo("origin");
        for (String key : new String[] {"origin_evil", "origin_null", "origin_same"}) {
            assertThat(r.get(key)).matches("accepted|refused_\\d+");
        }
        assertThat(r.number("samples").orElse(0)).isPositive();
        assertThat(r.number("failures")).hasValue(0);
        assertThat(r.number("new_ok")).isEqualTo(r.number("new_tried"));
    }
}
