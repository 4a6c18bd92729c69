package io.wssocket.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input to the standalone main is one line on stderr naming what is wrong, and an exit
 * status (2 for a usage error, 1 when the server cannot start); never a stack trace.
 */
@Timeout(60)
class MainBadInputTest {
    @TempDir
    Path tmp;

    /** What the main printed and returned; it never starts a server here. */
    private record Outcome(int status, String out, String err) {
        /** The one line on stderr, checked to be the only one and no trace. */
        String line() {
            List<String> lines = err.lines().toList();
            assertThat(lines).as("stderr: %s", err).hasSize(1);
            assertThat(lines.get(0)).startsWith("wssocket: ").doesNotContain("Exception");
            return lines.get(0);
        }
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (started.server != null) {
            started.stop();
        }
        assertThat(started.server).as("a server started").isNull();
        return new Outcome(started.status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Outcome last = run("--bogus");
        assertThat(last.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(last.line()).isEqualTo("wssocket: unknown option --bogus (see --help)");
        Outcome before = run("--bogus", "app.jar");
        assertThat(before.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(before.line()).isEqualTo("wssocket: unknown option --bogus (see --help)");
    }

    @Test
    void metricsWithoutAMetricsModuleOnTheClassPathNamesTheJarToAdd() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Outcome outcome = run("--host", "127.0.0.1", "--port", String.valueOf(port), "--metrics");
        assertThat(outcome.status()).isEqualTo(Main.STARTUP_FAILED);
        assertThat(outcome.line()).isEqualTo("wssocket: metrics is on but no metrics module is on the class path: add "
                + "wssocket-micrometer.jar and the jars of its lib/ directory (see docs/operations.md, Metrics)");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new java.net.InetSocketAddress("127.0.0.1", port)); // the failed start did not keep the port
        }
        Outcome noHealth = run("--port", "0", "--metrics", "--health-path", "");
        assertThat(noHealth.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(noHealth.line()).contains("metrics").contains("needs a health-path");
    }

    @Test
    void aHostThatIsNoAddressIsNamed() {
        Outcome outcome = run("--host", "999.1.1.1", "--port", "0");
        assertThat(outcome.status()).isEqualTo(Main.STARTUP_FAILED);
        assertThat(outcome.line()).isEqualTo("wssocket: cannot listen on 999.1.1.1:0: 999.1.1.1 is not an IP address "
                + "and no host of that name is known");
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(outcome.status()).isEqualTo(Main.STARTUP_FAILED);
            assertThat(outcome.line()).startsWith("wssocket: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .containsIgnoringCase("in use");
        }
    }

    @Test
    void aMissingOrForeignKeystoreIsNamed() {
        Path missing = tmp.resolve("missing.p12");
        Outcome outcome = run("--host", "127.0.0.1", "--port", "0", "--tls-keystore", missing.toString());
        assertThat(outcome.status()).isEqualTo(Main.STARTUP_FAILED);
        assertThat(outcome.line()).isEqualTo("wssocket: cannot read the TLS keystore " + missing + ": no such file");
        Path pem = TestCertificates.localhost().certificatePem();
        Outcome foreign = run("--host", "127.0.0.1", "--port", "0", "--tls-keystore", pem.toString(),
                "--tls-keystore-password", TestCertificates.PASSWORD);
        assertThat(foreign.status()).isEqualTo(Main.STARTUP_FAILED);
        assertThat(foreign.line()).startsWith("wssocket: cannot read the TLS keystore " + pem + ": not a PKCS#12 keystore");
    }

    @Test
    void aWrongOrMissingKeystorePasswordIsNamed() {
        Path keystore = TestCertificates.localhost().keystore();
        Outcome wrong = run("--host", "127.0.0.1", "--port", "0", "--tls-keystore", keystore.toString(),
                "--tls-keystore-password", "not-" + TestCertificates.PASSWORD);
        assertThat(wrong.status()).isEqualTo(Main.STARTUP_FAILED);
        assertThat(wrong.line()).startsWith("wssocket: cannot read the TLS keystore " + keystore + ": wrong password");
        Outcome none = run("--host", "127.0.0.1", "--port", "0", "--tls-keystore", keystore.toString());
        assertThat(none.status()).isEqualTo(Main.STARTUP_FAILED);
        assertThat(none.line()).startsWith("wssocket: cannot read the TLS keystore " + keystore + ": no password was given");
    }

    @Test
    void aMissingApplicationIsNamed() {
        Path missing = tmp.resolve("missing.jar");
        Outcome outcome = run("--host", "127.0.0.1", "--port", "0", missing.toString());
        assertThat(outcome.status()).isEqualTo(Main.STARTUP_FAILED);
        assertThat(outcome.line()).isEqualTo("wssocket: not deployed (" + missing + "): " + missing + " does not exist; "
                + "not starting");
    }

    @Test
    void aWarIsSaidToNeedAServletContainer() throws Exception {
        Path war = Files.write(tmp.resolve("shop.war"), new byte[] {'P', 'K', 5, 6});
        Outcome outcome = run("--host", "127.0.0.1", "--port", "0", war.toString());
        assertThat(outcome.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(outcome.line()).isEqualTo("wssocket: " + war + ": a WAR needs a Servlet container; see the guide, "
                + "\"Inside a Servlet container\" (the standalone main deploys jars and class directories)");
    }

    @Test
    void versionPrintsTheVersionAndHelpListsIt() {
        Outcome version = run("--version");
        assertThat(version.status()).isZero();
        assertThat(version.err()).isEmpty();
        assertThat(version.out()).matches("WS Socket \\d+\\.\\d+\\.\\d+\\S*\\R").doesNotContain("null");
        Outcome help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(Stream.of("--version", "--fail-fast", "--no-fail-fast", "Exit status"))
                .allSatisfy(text -> assertThat(help.out()).contains(text));
    }
}
