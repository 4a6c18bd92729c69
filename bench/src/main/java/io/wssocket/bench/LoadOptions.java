package io.wssocket.bench;

import java.util.Locale;

/** Command-line options of a load driver run. */
final class LoadOptions {

    static final String USAGE = String.join("\n",
            "options:",
            "  --server NAME          name of the server under test, copied into the RESULT line (default unknown)",
            "  --host HOST            loopback address of the server (default 127.0.0.1)",
            "  --port N               (default 8080)",
            "  --path PATH            (default /echo)",
            "  --connections C        concurrent WebSocket connections (default 100)",
            "  --size S               message payload bytes (default 64)",
            "  --window W             messages in flight per connection (default 1)",
            "  --warmup SECONDS       load before measuring, not counted (default 5)",
            "  --duration SECONDS     measured time (default 10)",
            "  --connect-timeout SECONDS  time allowed for all opening handshakes (default 10)",
            "  --concurrency N        opening handshakes in progress at once (default: every connection at once)",
            "  --binary               send binary messages instead of text",
            "  --json                 JSON chat messages of --size bytes (text), different from message to message",
            "  --deflate              offer permessage-deflate; if agreed, compress every message sent and inflate every echo",
            "  --deflate-level L      the driver's compression level, 1..9 (default 1: the driver's core is the scarce one)",
            "  --server-pid PID       the server's process: its CPU time over the measured window is reported (Linux /proc)",
            "  --tls KEYSTORE         wss://: TLS 1.3, trusting the certificate in this PKCS#12 keystore (the suite's generated one)",
            "  --tls-password P       the keystore's password (default " + BenchTls.PASSWORD + ")");

    String server = "unknown";
    String host = "127.0.0.1";
    int port = 8080;
    String path = "/echo";
    int connections = 100;
    int size = 64;
    int window = 1;
    double warmupSeconds = 5;
    double durationSeconds = 10;
    double connectTimeoutSeconds = 10;
    /** Opening handshakes in progress at once; 0: all connections at once. */
    int concurrency;
    boolean binary;
    boolean json;
    boolean deflate;
    int deflateLevel = 1;
    /** The server's process id, 0 if not given: then no CPU figures. */
    long serverPid;
    /** The keystore whose certificate a wss:// run trusts; null: ws://. */
    String tls;
    String tlsPassword = BenchTls.PASSWORD;

    static LoadOptions parse(String[] args) {
        LoadOptions o = new LoadOptions();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--binary") || flag.equals("--json") || flag.equals("--deflate")) {
                switch (flag) {
                    case "--binary" -> o.binary = true;
                    case "--json" -> o.json = true;
                    default -> o.deflate = true;
                }
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--server" -> o.server = value;
                case "--host" -> o.host = value;
                case "--port" -> o.port = intIn(flag, value, 1, 65535);
                case "--path" -> o.path = value;
                case "--connections" -> o.connections = intIn(flag, value, 1, 1_000_000);
                case "--size" -> o.size = intIn(flag, value, 1, 64 << 20);
                case "--window" -> o.window = intIn(flag, value, 1, 1 << 16);
                case "--warmup" -> o.warmupSeconds = seconds(flag, value, 0);
                case "--duration" -> o.durationSeconds = seconds(flag, value, 0.001);
                case "--connect-timeout" -> o.connectTimeoutSeconds = seconds(flag, value, 0.001);
                case "--concurrency" -> o.concurrency = intIn(flag, value, 1, 1_000_000);
                case "--deflate-level" -> o.deflateLevel = intIn(flag, value, 1, 9);
                case "--server-pid" -> o.serverPid = intIn(flag, value, 1, Integer.MAX_VALUE);
                case "--tls" -> o.tls = value;
                case "--tls-password" -> o.tlsPassword = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (o.json && o.binary) {
            throw new IllegalArgumentException("--json messages are text: not with --binary");
        }
        if (!o.path.startsWith("/")) {
            throw new IllegalArgumentException("--path must start with '/': " + o.path);
        }
        return o;
    }

    /** {@code ws} or {@code wss}. */
    String scheme() {
        return tls == null ? "ws" : "wss";
    }

    String mode() {
        return binary ? "binary" : json ? "json" : "text";
    }

    private static int intIn(String flag, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got " + value);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in %d..%d, got %d", flag, min, max, n));
        }
        return n;
    }

    private static double seconds(String flag, String value, double min) {
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number of seconds, got " + value);
        }
        if (!(s >= min) || s > 86_400) {
            throw new IllegalArgumentException(flag + " out of range: " + value);
        }
        return s;
    }
}
