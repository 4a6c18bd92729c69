package io.wssocket.server;

import io.wssocket.client.internal.ClientTransport;
import io.wssocket.endpoint.AnnotatedEndpointModel;
import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpStatusException;
import io.wssocket.handshake.UpgradeRequest;
import io.wssocket.handshake.UpgradeRequestValidator;
import io.wssocket.server.host.HostRequest;
import io.wssocket.server.host.HostedServer;
import io.wssocket.server.host.HostedUpgrade;
import io.wssocket.server.host.HttpUpgrades;
import io.wssocket.session.CallbackExecutors;
import io.wssocket.transport.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The {@link HostedServer}: the standalone server's container, registry, sessions and endpoint
 * executor without its listener, loops and handshake threads. The host parses each request; this
 * checks it as the standalone server's {@link UpgradeHandler} does (RFC 6455 §4.2.1, the origin
 * policy, max-connections) and runs the same {@link EndpointUpgrade} on the host's request thread.
 */
final class HostedRuntime implements ServerRuntime, HostedServer {
    private static final System.Logger LOG = System.getLogger(HostedRuntime.class.getName());
    private static final ByteBuffer NOTHING_LEFT = ByteBuffer.allocate(0);

    private final ServerConfig config;
    private final WsServerContainer container;
    private final ServerResources resources;
    private final ExecutorService callbacks;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Hosted runtimes made in this JVM, for their MBeans' names. */
    private static final java.util.concurrent.atomic.AtomicInteger HOSTED = new java.util.concurrent.atomic.AtomicInteger();

    HostedRuntime(ServerConfig config) {
        this.config = config;
        this.container = new WsServerContainer(config, ClientTransport.shared());
        container.oneApplication();
        this.resources = new ServerResources(config);
        this.callbacks = CallbackExecutors.create("wssocket-endpoint", config.virtualThreads(), config.callbackThreads(),
                config.callbackThreadsMax());
        resources.start("hosted-" + HOSTED.incrementAndGet(), this::sessionCount, () -> ServerResources.sessionsByPath(container),
                container::totalTraffic);
        resources.events().serverStarted(new RuntimeGauges(container, this::sessionCount, null, null, callbacks, null, null));
    }

    @Override
    public HostedUpgrade upgrade(HostRequest host) {
        HttpRequest request = request(host);
        EndpointRegistry.Match match = registry().match(request.path());
        return match == null ? null : upgrade(host, request, match);
    }

    @Override
    public HostedUpgrade upgrade(HostRequest host, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws DeploymentException {
        EndpointRegistry.validate(config);
        Class<?> type = config.getEndpointClass();
        AnnotatedEndpointModel model = Endpoint.class.isAssignableFrom(type) ? null
                : AnnotatedEndpointModel.configured(type, config);
        EndpointRegistry.Route route = EndpointRegistry.route(config.getPath(), new EndpointRegistry.Deployment(config, model));
        return upgrade(host, request(host), new EndpointRegistry.Match(route, Map.copyOf(pathParameters)));
    }

    @Override
    public void httpUpgrades(HttpUpgrades upgrades) {
        container.httpUpgrades(upgrades);
    }

    private static HttpRequest request(HostRequest host) {
        return HttpRequest.of(host.method(), host.target(), host.protocol(), host.headers());
    }

    private HostedUpgrade upgrade(HostRequest host, HttpRequest request, EndpointRegistry.Match match) {
        long start = System.nanoTime();
        UpgradeRequest upgrade;
        try {
            if (sessionCount() >= config.maxConnections()) {
                resources.operatorLog().overloaded("max-connections", () -> "503 to " + host.remote() + ": "
                        + config.maxConnections() + " sessions open (max-connections)");
                throw new HttpStatusException(503, "the server is at its limit of " + config.maxConnections()
                        + " connections; try again later", Map.of("Retry-After", "5"));
            }
            upgrade = UpgradeRequestValidator.validate(request);
        } catch (HttpStatusException e) {
            return refused(host, request.path(), e, start);
        }
        Authentication authentication = new Authentication(host.principal(), host.roles());
        EndpointUpgrade.Outcome outcome = EndpointUpgrade.decide(this, upgrade, match,
                new EndpointUpgrade.Origin(host.remote(), null, host.secure(), authentication, host.httpSession(),
                        host.contextPath(), start));
        if (outcome instanceof EndpointUpgrade.Refused refusal) {
            return refused(host, request.path(), refusal.error(), start);
        }
        return new Accepted((EndpointUpgrade.Accepted) outcome);
    }

    private HostedUpgrade refused(HostRequest host, String path, HttpStatusException e, long start) {
        LOG.log(System.Logger.Level.DEBUG, () -> "handshake from " + host.remote() + " refused with " + e.status() + ": "
                + e.getMessage());
        resources.events().refused(host.remote(), path, e.status(), e.getMessage(), start);
        return new Refused(e);
    }

    @Override
    public int sessionCount() {
        return ServerResources.sessionCount(container);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis());
        ServerResources.closeSessions(container, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down"));
        container.closeClientSessions("server shutting down", 0);
        try {
            while (sessionCount() > 0 && System.nanoTime() - deadline < 0) {
                TimeUnit.MILLISECONDS.sleep(10); // waiting for the close handshakes
            }
            callbacks.shutdown();
            if (!callbacks.awaitTermination(WebSocketServer.DROP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                callbacks.shutdownNow(); // endpoint code still running is interrupted, not waited for
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callbacks.shutdownNow();
        }
        resources.stop();
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public ServerResources resources() {
        return resources;
    }

    @Override
    public WsServerContainer container() {
        return container;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return resources.housekeeping();
    }

    @Override
    public Executor callbackExecutor() {
        return callbacks;
    }

    /** Hosted, the application's part of a handshake runs on the host's request thread: nothing is handed over. */
    @Override
    public Executor handshakeExecutor() {
        return Runnable::run;
    }

    @Override
    public int connectionCount() {
        return sessionCount();
    }

    /** A refusal: its status, message and headers; nothing to open. */
    private record Refused(HttpStatusException error) implements HostedUpgrade {
        @Override
        public boolean accepted() {
            return false;
        }

        @Override
        public int status() {
            return error.status();
        }

        @Override
        public String message() {
            return error.getMessage();
        }

        @Override
        public Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            error.headers().forEach((name, value) -> headers.put(name, List.of(value)));
            return headers;
        }

        @Override
        public Session open(Connection connection, UnaryOperator<Executor> callbacks) {
            throw new IllegalStateException("a refused upgrade has no session to open");
        }

        @Override
        public void abandon() {
            // nothing is held
        }
    }

    /** An accepted upgrade: the 101's headers, and the session to open once the host switched protocols. */
    private static final class Accepted implements HostedUpgrade {
        private final EndpointUpgrade.Accepted upgrade;
        private final AtomicBoolean used = new AtomicBoolean();

        Accepted(EndpointUpgrade.Accepted upgrade) {
            this.upgrade = upgrade;
        }

        @Override
        public boolean accepted() {
            return true;
        }

        @Override
        public int status() {
            return 101;
        }

        @Override
        public String message() {
            return "";
        }

        @Override
        public Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Upgrade", List.of("websocket"));
            headers.put("Connection", List.of("Upgrade"));
            headers.put("Sec-WebSocket-Accept", List.of(upgrade.acceptKey()));
            if (upgrade.subprotocol() != null) {
                headers.put("Sec-WebSocket-Protocol", List.of(upgrade.subprotocol()));
            }
            if (upgrade.extensionsHeader() != null) {
                headers.put("Sec-WebSocket-Extensions", List.of(upgrade.extensionsHeader()));
            }
            upgrade.headers().forEach((name, values) -> headers.merge(name, values, (a, b) -> b));
            return headers;
        }

        @Override
        public Session open(Connection connection, UnaryOperator<Executor> callbacks) {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("this upgrade was opened or abandoned before");
            }
            EndpointUpgrade.Opened opened = upgrade.open(connection, callbacks);
            connection.loop().execute(() -> opened.begin(NOTHING_LEFT));
            return opened.session();
        }

        @Override
        public void abandon() {
            if (used.compareAndSet(false, true)) {
                upgrade.abandon();
            }
        }
    }
}
