package io.wssocket.bench;

import io.wssocket.bench.suite.ResultLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The bench's WS Socket server on a free loopback port, in this JVM, for the tests of one class
 * that run a load driver against it:
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessEchoServer server = new InProcessEchoServer();
 * }</pre>
 */
final class InProcessEchoServer implements BeforeAllCallback, AfterAllCallback {

    private final boolean deflate;
    private final boolean tls;
    private Path keystore;
    private WsSocketEchoServer server;
    private String port;

    /** With option {@code permessage-deflate} off, as the bench's servers outside the deflate scenarios. */
    InProcessEchoServer() {
        this(false);
    }

    /** @param deflate whether the server negotiates permessage-deflate ({@code -Dbench.deflate}) */
    InProcessEchoServer(boolean deflate) {
        this(deflate, false);
    }

    private InProcessEchoServer(boolean deflate, boolean tls) {
        this.deflate = deflate;
        this.tls = tls;
    }

    /** Serving wss:// (TLS 1.3) with a keystore made for it as the suite makes its own ({@link BenchTls#generate}). */
    static InProcessEchoServer withTls() {
        return new InProcessEchoServer(false, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new WsSocketEchoServer();
        if (tls) {
            keystore = Files.createTempDirectory("bench-tls").resolve("bench.p12");
            BenchTls.generate(keystore, Path.of(System.getProperty("java.home")));
            System.setProperty(BenchTls.KEYSTORE_PROPERTY, keystore.toString());
        }
        // the server reads the properties once, at its start
        System.setProperty(EchoEndpoint.DEFLATE_PROPERTY, Boolean.toString(deflate));
        try {
            port = Integer.toString(server.start("127.0.0.1", 0));
        } finally {
            System.clearProperty(EchoEndpoint.DEFLATE_PROPERTY);
            System.clearProperty(BenchTls.KEYSTORE_PROPERTY);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.stop();
        if (keystore != null) {
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(keystore.getParent());
        }
    }

    /** The keystore a wss:// server serves, as a driver's {@code --tls} value. */
    String keystore() {
        return keystore.toString();
    }

    /** Runs the echo driver against this server with {@code args} (its port added) to its end; its RESULT line. */
    ResultLine runEcho(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", port));
        all.addAll(List.of(args));
        EchoLoad load = new EchoLoad(LoadOptions.parse(all.toArray(String[]::new)));
        load.run();
        return ResultLine.parse(load.resultLine());
    }

    /** The port as a driver's {@code --port} value. */
    String port() {
        return port;
    }
}
