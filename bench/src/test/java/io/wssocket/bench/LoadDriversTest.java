package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.bench.suite.ResultLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three load drivers against a WS Socket server in this JVM, briefly: each completes, verifies
 * every message it got and reports no error, and its RESULT line has the figures the runner reads.
 */
@Timeout(60)
class LoadDriversTest {

    @RegisterExtension
    static final InProcessEchoServer server = new InProcessEchoServer();

    @Test
    void echoVerifiesEveryTextEcho() throws Exception {
        assertEchoRunClean("--size", "64");
    }

    @Test
    void echoVerifiesEveryBinaryEcho() throws Exception {
        assertEchoRunClean("--size", "16384", "--binary");
    }

    private static void assertEchoRunClean(String... payload) throws Exception {
        String[] common = {"--port", server.port(), "--connections", "4", "--window", "3", "--warmup", "0.2", "--duration", "0.5"};
        String[] args = new String[common.length + payload.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(payload, 0, args, common.length, payload.length);
        EchoLoad load = new EchoLoad(LoadOptions.parse(args));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("msgs_per_s").orElseThrow()).isPositive();
        assertThat(r.number("p99_us").orElseThrow()).isPositive();
    }

    @Test
    void broadcastDeliversEveryMessageToEveryFastReceiverDespiteSlowOnes() throws Exception {
        BroadcastLoad load = new BroadcastLoad(new DriverArgs(new String[] {"--port", server.port(), "--receivers", "20",
                "--slow", "2", "--rate", "50", "--warmup", "0.2", "--duration", "0.6"}, BroadcastLoad.OPTIONS));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.get("scenario")).isEqualTo("slow");
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("lost")).hasValue(0);
        assertThat(r.number("sent").orElseThrow()).isPositive();
        assertThat(r.number("delivered")).isEqualTo(r.number("expected"));
        assertThat(r.number("expected").orElseThrow()).isEqualTo(18 * r.number("sent").orElseThrow());
    }

    @Test
    void idleOpensEveryConnectionAndGetsItsPingsAnswered() throws Exception {
        IdleLoad load = new IdleLoad(new DriverArgs(new String[] {"--port", server.port(), "--connections", "50",
                "--concurrency", "10", "--ping-interval", "0.1", "--duration", "0.5", "--hold-timeout", "0"}, IdleLoad.OPTIONS));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("opened")).hasValue(50);
        assertThat(r.number("handshakes_per_s").orElseThrow()).isPositive();
        assertThat(r.number("pings").orElseThrow()).isPositive();
        assertThat(r.number("pongs").orElseThrow()).isPositive();
    }

    @Test
    void idleWithAHoldAtOpensHalfThenTheRestAndSaysHowManyWereOpenAtTheFirstHold() throws Exception {
        IdleLoad load = new IdleLoad(new DriverArgs(new String[] {"--port", server.port(), "--connections", "30",
                "--hold-at", "12", "--concurrency", "5", "--ping-interval", "0.1", "--duration", "0.3", "--hold-timeout", "0"},
                IdleLoad.OPTIONS));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("opened_mid")).hasValue(12);
        assertThat(r.number("opened")).hasValue(30);
        assertThat(r.number("handshakes_per_s").orElseThrow()).isPositive();
    }
}
