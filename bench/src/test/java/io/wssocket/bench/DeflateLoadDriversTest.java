package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.bench.suite.ResultLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The echo and idle drivers with permessage-deflate against a WS Socket server in this JVM that has
 * it on: the driver negotiates it, compresses what it sends, inflates and verifies every echo,
 * and its RESULT line says what was agreed and how much came back compressed.
 */
@Timeout(60)
class DeflateLoadDriversTest {

    @RegisterExtension
    static final InProcessEchoServer server = new InProcessEchoServer(true);

    @Test
    void largeJsonEchoesAreCompressedBothWaysAndVerified() throws Exception {
        ResultLine r = echo("--size", "16384");

        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("msgs_per_s").orElseThrow()).isPositive();
        // WS Socket answers with no context takeover either way
        assertThat(r.get("deflate")).isEqualTo("no_context_both");
        assertThat(r.number("deflate_conns")).hasValue(4);
        assertThat(r.number("compressed_pct")).hasValue(100);
    }

    @Test
    void smallEchoesComeBackUncompressedBelowTheServersThreshold() throws Exception {
        ResultLine r = echo("--size", "64");

        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.get("deflate")).isEqualTo("no_context_both");
        assertThat(r.number("compressed_pct")).hasValue(0); // deflate-threshold 256 by default
    }

    @Test
    void idleConnectionsEchoTheirFirstCompressedMessageThenIdle() throws Exception {
        IdleLoad load = new IdleLoad(new DriverArgs(new String[] {"--port", server.port(), "--connections", "20",
                "--concurrency", "5", "--duration", "0.3", "--hold-timeout", "0", "--first-message", "1024",
                "--deflate", "on"}, IdleLoad.OPTIONS));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("echoed")).hasValue(20);
        assertThat(r.number("deflate_conns")).hasValue(20);
        assertThat(r.number("compressed_pct")).hasValue(100);
    }

    private static ResultLine echo(String size, String bytes) throws Exception {
        return server.runEcho("--connections", "4", "--window", "3", "--warmup", "0.2", "--duration", "0.5", "--json",
                "--deflate", size, bytes);
    }
}
