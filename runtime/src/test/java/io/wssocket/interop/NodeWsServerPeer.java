package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node.js ws library's server ({@code src/test/node/ws-peer-server.mjs}) in a child process.
 * The script prints {@code listening <port>} when it is ready, and exits when its standard input
 * ends, so it does not outlive a JVM that dies without calling {@link #stop()}. Over wss it serves
 * HTTPS with the test certificate and key, whose PEM files it is given in {@value #CERTIFICATE}
 * and {@value #KEY}.
 */
final class NodeWsServerPeer implements PeerServer {
    private static final String SCRIPT = "ws-peer-server.mjs";
    private static final String CERTIFICATE = "TLS_CERTIFICATE";
    private static final String KEY = "TLS_KEY";
    private static final Pattern LISTENING = Pattern.compile("listening (\\d+)");
    private static final long START_TIMEOUT_SECONDS = 20;
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private Process process;
    private ProcessOutput output;

    @Override
    public int start(Scheme scheme) throws Exception {
        NodeProject.requirePackage("ws");
        ProcessBuilder builder = NodeProject.node(SCRIPT).redirectErrorStream(true);
        if (scheme == Scheme.WSS) {
            builder.environment().put(CERTIFICATE, TestCertificates.localhost().certificatePem().toString());
            builder.environment().put(KEY, TestCertificates.localhost().keyPem().toString());
        }
        process = builder.start();
        output = ProcessOutput.read(process, "node-ws-peer-output");
        String first;
        try {
            first = output.firstLine().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("node " + SCRIPT + " did not say it listens within " + START_TIMEOUT_SECONDS
                    + " s (" + e + "); its output:\n" + output.text(), e);
        }
        Matcher listening = LISTENING.matcher(first);
        if (!listening.matches()) {
            throw new AssertionError("node " + SCRIPT + " started with an unexpected line; its output:\n" + output.text());
        }
        return Integer.parseInt(listening.group(1));
    }

    @Override
    public void stop() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
