package io.wssocket.bench.suite;

import io.wssocket.bench.BenchTls;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The servers the suite knows: the name used on the command line and in results, the name shown
 * in the report, the main class, and which class path entries are its own. Each server JVM gets
 * its own entries and those no server owns, never an entry only other servers own, so that none
 * sees another's {@code ServiceLoader} entries for {@code jakarta.websocket} or
 * {@code jakarta.servlet.ServletContainerInitializer}. Two servers may own the same entry:
 * WS Socket in Tomcat owns WS Socket's runtime and Tomcat's core, but neither Tomcat's WebSocket
 * jar (with its {@code WsSci}) nor the standalone Servlet API jar (Jetty's and Undertow's; Tomcat's
 * core carries its own Servlet 6.1 API, which it calls).
 */
public enum ServerKind {
    /** With the cluster transport (Hazelcast) on its class path: idle unless the cluster scenarios set cluster-name. */
    WSSOCKET("wssocket", "WS Socket", "io.wssocket.bench.WsSocketEchoServer",
            Jars.WSSOCKET_RUNTIME + "|wssocket-hazelcast|/container-glue/hazelcast/target/|/com/hazelcast/"),
    JETTY("jetty", "Jetty 12.1", "io.wssocket.bench.JettyEchoServer", "/org/eclipse/jetty/|" + Jars.SERVLET_API),
    TOMCAT("tomcat", "Tomcat 11", "io.wssocket.bench.TomcatEchoServer", "/org/apache/tomcat/"),
    /** WS Socket as the WebSocket implementation of embedded Tomcat, through wssocket-servlet. */
    WSSOCKET_TOMCAT("wssocket-tomcat", "WS Socket in Tomcat 11", "io.wssocket.bench.WsSocketInTomcatServer",
            Jars.WSSOCKET_RUNTIME + "|wssocket-servlet|/container-glue/servlet/target/"
                    + "|/org/apache/tomcat/embed/tomcat-embed-core/|/org/apache/tomcat/tomcat-annotations-api/"),
    UNDERTOW("undertow", "Undertow 2.3", "io.wssocket.bench.UndertowEchoServer",
            "/io/undertow/|/org/jboss/|/org/wildfly/|/io/smallrye/|" + Jars.SERVLET_API),
    TYRUS("tyrus", "Tyrus 2.2 (Grizzly)", "io.wssocket.bench.TyrusEchoServer", "/org/glassfish/tyrus/|/org/glassfish/grizzly/"),
    NETTY("netty", "Netty 4.2 (raw codec)", "io.wssocket.bench.NettyEchoServer", "/io/netty/"),
    /**
     * No WebSocket: plain TCP, bytes written back as they were read (one NIO thread), driven by the C
     * driver's {@code --raw}. The floor of the large-message scenario's server CPU per message; no
     * other scenario runs it.
     */
    RAW_TCP("raw-tcp", "Raw TCP echo (Java NIO, no WebSocket)", "io.wssocket.bench.RawTcpEchoServer", "(?!)"),
    /**
     * Netty with its SslHandler on netty-tcnative's BoringSSL instead of the JDK's SSLEngine: the wss
     * scenario only (elsewhere it would be {@link #NETTY} again).
     */
    NETTY_OPENSSL("netty-openssl", "Netty 4.2, OpenSSL (BoringSSL)", "io.wssocket.bench.NettyEchoServer", "/io/netty/",
            "-D" + BenchTls.PROVIDER_PROPERTY + "=openssl"),
    /**
     * WS Socket with a Flight Recorder recording running (the JDK's default settings, which enable
     * its io.wssocket events): against {@link #WSSOCKET}, where no recording runs and the events are
     * disabled, what recording them costs.
     */
    WSSOCKET_JFR("wssocket-jfr", "WS Socket, JFR recording", "io.wssocket.bench.WsSocketEchoServer", Jars.WSSOCKET_RUNTIME,
            "-XX:StartFlightRecording=settings=default,maxsize=64m"),
    /**
     * WS Socket with what of its telemetry can be turned off turned off (loop-turn timing, the
     * MBean): against {@link #WSSOCKET}, what the defaults cost. Per-session counts cannot be off.
     */
    WSSOCKET_QUIET("wssocket-quiet", "WS Socket, telemetry off", "io.wssocket.bench.WsSocketEchoServer",
            Jars.WSSOCKET_RUNTIME, "-Dwssocket.loop-stall-threshold=0", "-Dwssocket.jmx=false"),
    /**
     * WS Socket with option metrics: wssocket-micrometer on its class path records every event and
     * gauge into a Prometheus registry and answers /health/metrics. Against {@link #WSSOCKET}, what
     * the metrics cost (nothing scrapes during a run: the cost measured is the recording's).
     */
    WSSOCKET_METRICS("wssocket-metrics", "WS Socket, Micrometer metrics", "io.wssocket.bench.WsSocketEchoServer",
            Jars.WSSOCKET_RUNTIME + "|" + Jars.MICROMETER, "-Dwssocket.metrics=true"),
    /**
     * WS Socket with option callbacks-on-loop: endpoint code runs on the event loop that read the
     * message, with no hand-off to the callback pool. Against {@link #WSSOCKET}, what the hand-off
     * costs (the bench's endpoints never block, the option's condition).
     */
    WSSOCKET_ON_LOOP("wssocket-onloop", "WS Socket, callbacks on loop", "io.wssocket.bench.WsSocketEchoServer",
            Jars.WSSOCKET_RUNTIME, "-Dwssocket.callbacks-on-loop=true");

    /** The server every ratio is taken of. */
    public static final ServerKind SUBJECT = WSSOCKET;

    private final String id;
    private final String label;
    private final String mainClass;
    private final Pattern ownJars;
    private final List<String> jvmOptions;

    ServerKind(String id, String label, String mainClass, String ownJars, String... jvmOptions) {
        this.id = id;
        this.label = label;
        this.mainClass = mainClass;
        this.ownJars = Pattern.compile(ownJars);
        this.jvmOptions = List.of(jvmOptions);
    }

    /** JVM options of this server kind's own, after the suite's. */
    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Class path patterns more than one server owns. */
    private static final class Jars {
        static final String WSSOCKET_RUNTIME = "wssocket-runtime|/runtime/target/";
        static final String SERVLET_API = "/jakarta/servlet/jakarta.servlet-api/";
        /** wssocket-micrometer and what it brings (HdrHistogram, which the drivers use too, stays shared). */
        static final String MICROMETER = "wssocket-micrometer|/container-glue/micrometer/target/|/io/micrometer/"
                + "|/io/prometheus/|/org/jspecify/";

        private Jars() {
        }
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Whether the bench sets up its TLS (the wss scenario): every server but Tyrus on Grizzly and raw TCP. */
    boolean servesTls() {
        return this != TYRUS && this != RAW_TCP;
    }

    /** Whether it speaks WebSocket at all: every server but {@link #RAW_TCP}, whose driver needs {@code --raw}. */
    boolean speaksWebSocket() {
        return this != RAW_TCP;
    }

    String mainClass() {
        return mainClass;
    }

    boolean owns(String classPathEntry) {
        return ownJars.matcher(classPathEntry).find();
    }

    /**
     * The server that is the same container with its own WebSocket implementation, for a server
     * that runs WS Socket inside a container: the report gives the ratios of the two.
     */
    Optional<ServerKind> sameContainerAs() {
        return this == WSSOCKET_TOMCAT ? Optional.of(TOMCAT) : Optional.empty();
    }

    /** The entries of {@code classPath} that are {@code this} server's own or no server's. */
    List<String> classPathFor(List<String> classPath) {
        return classPath.stream()
                .filter(entry -> owns(entry) || Arrays.stream(values()).noneMatch(other -> other.owns(entry)))
                .collect(Collectors.toList());
    }

    /** The entries of {@code classPath} that belong to no server: the load drivers'. */
    static List<String> driverClassPath(List<String> classPath) {
        return classPath.stream()
                .filter(entry -> Arrays.stream(values()).noneMatch(kind -> kind.owns(entry)))
                .collect(Collectors.toList());
    }

    public static ServerKind byId(String id) {
        for (ServerKind kind : values()) {
            if (kind.id.equals(id.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server '" + id + "' (known: " + ids() + ")");
    }

    static String ids() {
        return Arrays.stream(values()).map(ServerKind::id).collect(Collectors.joining(" "));
    }
}
