package io.wssocket.boot;

import io.wssocket.config.ConfigSources;
import io.wssocket.deploy.Application;
import io.wssocket.deploy.ApplicationSource;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The standalone server: {@code java -jar wssocket.jar --port 8080 app.jar}. Each application is
 * deployed under its own class loader; one that fails is reported and the others still start.
 */
public final class Main {
    /** How long after the shutdown timeout the process may take to stop. */
    static final long STOP_GRACE_MILLIS = 1400;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // One line per record instead of the JDK's two.
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Starts the server and blocks until the JVM is asked to stop; returns an exit status on failure. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Started started = start(args, out, err);
        if (started.status != 0 || started.server == null) {
            return started.status;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.stop();
            out.println("WS Socket stopped");
            out.flush();
            stopped.countDown();
        }, "wssocket-shutdown"));
        stopped.await();
        return 0;
    }

    /** What {@link #start} brought up. */
    static final class Started {
        final int status;
        final WebSocketServer server;
        final List<Application> applications;

        Started(int status, WebSocketServer server, List<Application> applications) {
            this.status = status;
            this.server = server;
            this.applications = applications;
        }

        /**
         * Closes the server, then the applications (their container integrations may run
         * application code, @PreDestroy for one), all within shutdown-timeout plus
         * {@link #STOP_GRACE_MILLIS}: an application still closing then is left to the JVM's exit.
         */
        void stop() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                    (server != null ? server.config().shutdownTimeoutMillis() : 0) + STOP_GRACE_MILLIS);
            if (server != null) {
                server.close();
            }
            Thread closing = new Thread(() -> applications.forEach(Application::close), "wssocket-undeploy");
            closing.setDaemon(true);
            closing.start();
            try {
                closing.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Started start(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        ServerConfig config;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.help) {
                out.print(CommandLine.usage());
                return new Started(0, null, List.of());
            }
            config = ServerConfig.builder(System.getenv(), ConfigSources.systemProperties(System.getProperties()),
                    commandLine.flags).build();
        } catch (IllegalArgumentException e) {
            err.println("wssocket: " + e.getMessage());
            return new Started(2, null, List.of());
        }
        WebSocketServer server = WebSocketServer.create(config);
        List<Application> applications = new ArrayList<>();
        int failed = 0;
        for (ApplicationSource source : commandLine.applications) {
            Path root = source.classRoots().get(0);
            if (!Files.exists(root)) {
                err.println("wssocket: not deployed: " + root + " does not exist");
                failed++;
                continue;
            }
            try {
                applications.add(Application.deploy(source, server.container(), Main.class.getClassLoader()));
            } catch (DeploymentException e) {
                err.println("wssocket: not deployed (" + root + "): " + e.getMessage());
                failed++;
            }
        }
        if (!commandLine.applications.isEmpty() && applications.isEmpty()) {
            err.println("wssocket: no application could be deployed; not starting");
            return new Started(1, null, List.of());
        }
        try {
            server.start();
        } catch (IOException e) {
            err.println("wssocket: " + e.getMessage());
            applications.forEach(Application::close);
            return new Started(1, null, List.of());
        }
        String authority = authority(server.localAddress());
        boolean secure = config.tlsEnabled();
        String base = (secure ? "wss://" : "ws://") + authority;
        out.println("WS Socket is listening on " + base + "/");
        for (Application app : applications) {
            if (app.pagesPath() != null) {
                out.println("  " + (secure ? "https://" : "http://") + authority + app.pagesPath()
                        + "   (pages from " + app.source().name() + ")");
            }
            for (String path : app.paths()) {
                out.println("  " + base + path + "   (from " + app.source().name() + ")");
            }
        }
        if (applications.isEmpty()) {
            out.println("  no applications deployed; pass a jar or class directory (see --help)");
        }
        if (failed > 0) {
            out.println("  " + failed + " application(s) failed to deploy; see above");
        }
        out.flush();
        return new Started(0, server, applications);
    }

    private static String authority(InetSocketAddress address) {
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return host + ":" + address.getPort();
    }
}
