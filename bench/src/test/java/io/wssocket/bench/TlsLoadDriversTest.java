package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.bench.suite.ResultLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drivers over wss:// (TLS 1.3, the suite's kind of self-signed certificate) against WS Socket
 * in this JVM, briefly: the echo driver verifies every echo that came through TLS, the handshake
 * driver completes TLS and WebSocket handshakes and closes, and a driver that does not trust the
 * server's certificate connects to nothing.
 */
@Timeout(60)
class TlsLoadDriversTest {

    @RegisterExtension
    static final InProcessEchoServer server = InProcessEchoServer.withTls();

    @Test
    void echoOverTlsVerifiesEveryTextEchoWithAWindow() throws Exception {
        ResultLine r = echo("--size", "64", "--window", "16");

        assertThat(r.get("transport")).isEqualTo("wss");
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("msgs_per_s").orElseThrow()).isPositive();
    }

    @Test
    void echoOverTlsVerifiesLargeBinaryEchoesSpreadOverSeveralRecords() throws Exception {
        // 16 KiB payloads, four in flight: every frame spans two TLS records, a read holds several
        ResultLine r = echo("--size", "16384", "--window", "4", "--binary");

        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("msgs_per_s").orElseThrow()).isPositive();
    }

    @Test
    void handshakeDriverOpensUpgradesAndClosesOverTls() throws Exception {
        HandshakeLoad load = new HandshakeLoad(new DriverArgs(new String[] {"--port", server.port(), "--tls",
                server.keystore(), "--concurrency", "4", "--warmup", "0.2", "--duration", "0.6"}, HandshakeLoad.OPTIONS));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.get("transport")).isEqualTo("wss");
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("handshakes").orElseThrow()).isPositive();
        assertThat(r.number("handshakes_per_s").orElseThrow()).isPositive();
        assertThat(r.number("p50_us").orElseThrow()).isPositive();
    }

    @Test
    void aDriverThatTrustsAnotherCertificateOpensNoConnection(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.p12");
        BenchTls.generate(other, Path.of(System.getProperty("java.home")));
        EchoLoad load = new EchoLoad(LoadOptions.parse(new String[] {"--port", server.port(), "--tls", other.toString(),
                "--connections", "3", "--warmup", "0", "--duration", "0.2", "--connect-timeout", "5"}));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.number("errors")).hasValue(3);
        assertThat(r.number("msgs_per_s")).hasValue(0);
    }

    @Test
    void anUnreadableKeystoreIsABadOption(@TempDir Path dir) {
        assertThatThrownBy(() -> new HandshakeLoad(new DriverArgs(new String[] {"--tls", dir.resolve("none.p12").toString()},
                HandshakeLoad.OPTIONS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tls");
    }

    private static ResultLine echo(String... payload) throws Exception {
        List<String> args = new ArrayList<>(List.of("--tls", server.keystore(), "--connections", "4", "--warmup", "0.2",
                "--duration", "0.5"));
        args.addAll(List.of(payload));
        return server.runEcho(args.toArray(String[]::new));
    }

    @Test
    void tlsAndTheRampAreDriverOptions() {
        LoadOptions o = LoadOptions.parse(new String[] {"--tls", "ks.p12", "--concurrency", "32"});

        assertThat(o.scheme()).isEqualTo("wss");
        assertThat(o.tls).isEqualTo("ks.p12");
        assertThat(o.tlsPassword).isEqualTo(BenchTls.PASSWORD);
        assertThat(o.concurrency).isEqualTo(32);
        assertThat(LoadOptions.parse(new String[0]).scheme()).isEqualTo("ws");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--concurrency", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
