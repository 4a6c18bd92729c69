package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wssocket.bench.RawTcpEchoServer;
import io.wssocket.bench.WsSocketEchoServer;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C driver (bench/driver-c/wsload.c), compiled as the runner compiles it, against WS Socket in
 * this JVM: it completes a clean run of every payload kind, follows fragmented echoes and answers
 * pings, and a server that changes one byte of one echo makes it fail, naming the byte; a source the
 * compiler rejects is a failure that says why.
 */
@Timeout(120)
class WsLoadTest {

    /** Every connection's sixth echo has one byte changed. */
    private static final int CORRUPTED_MESSAGE = 5;

    @TempDir
    static Path dir;

    private static Path wsload;
    private static WsSocketEchoServer echo;
    private static int echoPort;
    private static WebSocketServer oddServer;
    private static RawTcpEchoServer raw;
    private static int rawPort;

    @BeforeAll
    static void buildDriverAndStartServers() throws Exception {
        assumeTrue(ccOnPath(), "no C compiler ('cc') on the PATH: the C driver cannot be built here");
        wsload = CDriver.build(Path.of(CDriver.SOURCE.substring("bench/".length())), dir.resolve("wsload"));
        echo = new WsSocketEchoServer();
        echoPort = echo.start("127.0.0.1", 0);
        oddServer = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).build());
        oddServer.container().addEndpoint(ServerEndpointConfig.Builder.create(CorruptingEcho.class, "/corrupt").build());
        oddServer.container().addEndpoint(ServerEndpointConfig.Builder.create(FragmentingEcho.class, "/fragments").build());
        oddServer.start();
        raw = new RawTcpEchoServer();
        rawPort = raw.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (echo != null) {
            echo.stop();
        }
        if (oddServer != null) {
            oddServer.close();
        }
        if (raw != null) {
            raw.stop();
        }
    }

    @Test
    void binaryMessagesOf16KiBWithAWindowOf4AreEchoedAndVerified() throws Exception {
        Run run = wsload(echoPort, "/echo", "--size", "16384", "--binary");

        assertClean(run);
        // the in-process server is this JVM: its CPU time over the window, per message
        assertThat(run.result().number("cpu_us_per_msg").orElseThrow()).isPositive();
    }

    @Test
    void asciiTextOf64BytesIsEchoedAndVerified() throws Exception {
        assertClean(wsload(echoPort, "/echo", "--size", "64"));
    }

    @Test
    void mixedUtf8TextIsValidForTheServerAndEchoedIntact() throws Exception {
        // the server closes with 1007 on invalid UTF-8: a clean run means every message was valid
        assertClean(wsload(echoPort, "/echo", "--size", "1000", "--utf8"));
    }

    @Test
    void echoesSentInFragmentsAfterAPingAreReassembledAndVerified() throws Exception {
        assertClean(wsload(oddServer.port(), "/fragments", "--size", "16384", "--binary"));
    }

    @Test
    void binaryMessagesOf256KiBAreEchoedAndVerified() throws Exception {
        // /echo's binary limit in the test JVM is 16 KiB unless bench.echo.max-binary says more: the
        // fragmenting echo takes any size, and sends each echo back in pieces the driver joins
        assertClean(wsload(oddServer.port(), "/fragments", "--size", "262144", "--binary"));
    }

    @Test
    void rawModeSendsPlainBytesToATcpEchoAndVerifiesThemAsForWebSocket() throws Exception {
        Run run = wsload(rawPort, "/", "--size", "262144", "--raw");

        assertClean(run);
        assertThat(run.result().get("transport")).isEqualTo("raw-tcp");
        assertThat(run.stderr()).contains("tcp://127.0.0.1:" + rawPort);
    }

    @Test
    void rawModeWithSmallMessagesKeepsTheirBoundariesInAStream() throws Exception {
        // window 4 of 64 B: echoes come back joined in one read; the driver cuts them where they end
        assertClean(wsload(rawPort, "/", "--size", "64", "--raw"));
    }

    @Test
    void oneChangedByteInAnEchoFailsTheRunAndIsReported() throws Exception {
        Run run = wsload(oddServer.port(), "/corrupt", "--size", "256", "--binary");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.result().number("mismatches")).hasValue(4);
        assertThat(run.result().number("errors").orElseThrow()).isPositive();
        assertThat(run.stderr()).contains("MISMATCH: echo of message " + CORRUPTED_MESSAGE + " differs at byte 128 of 256");
    }

    @Test
    void limitsOutsideItsBoundsAreRefused() throws Exception {
        for (String[] bad : new String[][] {{"--connections", "10001"}, {"--duration", "601"}, {"--size", "0"}}) {
            Process p = new ProcessBuilder(wsload.toString(), bad[0], bad[1]).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains(bad[0]);
        }
    }

    @Test
    void aSourceTheCompilerRejectsIsAFailureThatQuotesTheCompiler() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.c"), "int main(void) { return undeclared; }\n");

        assertThatThrownBy(() -> CDriver.build(broken, dir.resolve("broken")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cc could not compile broken.c")
                .hasMessageContaining("undeclared");
    }

    private static void assertClean(Run run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        ResultLine r = run.result();
        assertThat(r.get("driver")).isEqualTo("c");
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("mismatches")).hasValue(0);
        assertThat(r.number("messages").orElseThrow()).isPositive();
        assertThat(r.number("msgs_per_s").orElseThrow()).isPositive();
        assertThat(r.number("p99_us").orElseThrow()).isPositive();
    }

    /** 4 connections, window 4, 0.5 s warm-up and 2 s measured, with this JVM as the server's process. */
    private static Run wsload(int port, String path, String... payload) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wsload.toString(), "--server", "wssocket", "--port",
                Integer.toString(port), "--path", path, "--connections", "4", "--window", "4", "--warmup", "0.5",
                "--duration", "2", "--server-pid", Long.toString(ProcessHandle.current().pid())));
        command.addAll(List.of(payload));
        Path err = Files.createTempFile(dir, "wsload", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wsload still running after 60 s");
        }
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private record Run(int exitCode, String stdout, String stderr) {
        ResultLine result() {
            String line = stdout.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no RESULT line; stderr: " + stderr));
            return ResultLine.parse(line);
        }
    }

    private static boolean ccOnPath() {
        try {
            Process p = new ProcessBuilder("cc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Echoes binary messages, but changes the middle byte of each session's sixth. */
    public static final class CorruptingEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxBinaryMessageBufferSize(1 << 16);
            int[] count = {0};
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                if (count[0]++ == CORRUPTED_MESSAGE) {
                    int middle = data.position() + data.remaining() / 2;
                    data.put(middle, (byte) (data.get(middle) ^ 0x01));
                }
                send(session, data, true);
            });
        }
    }

    /** Echoes each binary message as three fragments, after a ping. */
    public static final class FragmentingEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxBinaryMessageBufferSize(1 << 20);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                try {
                    session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                } catch (IOException e) {
                    return;
                }
                int third = data.remaining() / 3;
                for (int part = 0; part < 3; part++) {
                    ByteBuffer slice = data.slice(data.position() + part * third, part < 2 ? third : data.remaining() - 2 * third);
                    send(session, slice, part == 2);
                }
            });
        }
    }

    private static void send(Session session, ByteBuffer data, boolean last) {
        try {
            session.getBasicRemote().sendBinary(data, last);
        } catch (IOException e) {
            // the driver closed the connection: it saw what it had to see
        }
    }
}
