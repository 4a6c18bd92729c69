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
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The standalone server: {@code java -jar wssocket.jar --port 8080 app.jar}. Each application is
 * deployed under its own class loader; one that fails stops the start ({@code --fail-fast}, the
 * default), or is reported while the others start ({@code --no-fail-fast}). Every bad input is one
 * line on stderr and an exit status, never a stack trace: {@value #USAGE_ERROR} for a usage error,
 * {@value #STARTUP_FAILED} when the server cannot start.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** Exit status: the server could not start (an application, the address, the key material). */
    static final int STARTUP_FAILED = 1;
    /** Exit status: the arguments are wrong (an unknown option, a value that cannot be read). */
    static final int USAGE_ERROR = 2;
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
            System.exit(status == DRAINED ? 0 : status);
        }
    }

    /** What {@link #run} returns when an operator's drain request stopped the server: the process exits 0. */
    static final int DRAINED = -1;

    /**
     * Starts the server and blocks until the JVM is asked to stop (SIGTERM, SIGINT: the server
     * drains, then the applications are closed) or an operator's drain request has stopped the
     * server; returns an exit status on failure, {@link #DRAINED} after such a drain.
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Started started = start(args, out, err);
        if (started.status != 0 || started.server == null) {
            return started.status;
        }
        CountDownLatch hookDone = new CountDownLatch(1);
        AtomicBoolean hookRan = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hookRan.set(true);
            if (started.drainAndStop()) { // not when a drain request has stopped it already
                out.println("WS Socket stopped");
                out.flush();
            }
            hookDone.countDown();
        }, "wssocket-shutdown"));
        CountDownLatch serverStopped = new CountDownLatch(1);
        started.server.termination().thenRun(serverStopped::countDown);
        serverStopped.await();
        if (hookRan.get()) {
            // The hook drained: this thread must not end before it has (the JVM would be torn down under it).
            hookDone.await();
            return 0;
        }
        started.stop(); // drained on request: the applications go too, then the process ends
        out.println("WS Socket stopped");
        out.flush();
        return DRAINED;
    }

    /** What {@link #start} brought up. */
    static final class Started {
        final int status;
        final WebSocketServer server;
        final List<Application> applications;
        private final AtomicBoolean stopping = new AtomicBoolean();

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
            stop(false);
        }

        /**
         * Drains the server (drain-grace, then its sessions closed over drain-window, then closed
         * within shutdown-timeout), then closes the applications: SIGTERM's way, within
         * drain-grace + drain-window + shutdown-timeout + {@link #STOP_GRACE_MILLIS}.
         *
         * @return false when it had been stopped before
         */
        boolean drainAndStop() {
            return stop(true);
        }

        /** @return false when it had been stopped before */
        private boolean stop(boolean drain) {
            if (!stopping.compareAndSet(false, true)) {
                return false;
            }
            long drainMillis = server != null && drain ? server.config().drainGraceMillis() + server.config().drainWindowMillis() : 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis
                    + (server != null ? server.config().shutdownTimeoutMillis() : 0) + STOP_GRACE_MILLIS);
            if (server != null && drain) {
                server.drain().join();
            } else if (server != null) {
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
            return true;
        }
    }

    /**
     * Parses the arguments, deploys the applications and starts the server. Every bad input ends
     * here with one line on {@code err} and a status: {@link #USAGE_ERROR} or {@link #STARTUP_FAILED}
     * (the stack trace, where there is one, is logged at FINE).
     */
    static Started start(String[] args, PrintStream out, PrintStream err) {
        try {
            return startOrFail(args, out, err);
        } catch (RuntimeException | LinkageError e) {
            // Nothing below is meant to throw; if it does, the user still gets one line and a status.
            return refused(err, STARTUP_FAILED, "cannot start: " + e, e);
        }
    }

    private static Started startOrFail(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        ServerConfig config;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.help) {
                out.print(CommandLine.usage());
                return new Started(0, null, List.of());
            }
            if (commandLine.version) {
                out.println("WS Socket " + ProductVersion.current());
                return new Started(0, null, List.of());
            }
            config = ServerConfig.builder(System.getenv(), ConfigSources.systemProperties(System.getProperties()),
                    commandLine.flags).build();
        } catch (IllegalArgumentException e) {
            return refused(err, USAGE_ERROR, e.getMessage(), e);
        }
        for (ApplicationSource source : commandLine.applications) {
            Path root = source.classRoots().get(0);
            if (isWar(root)) {
                return refused(err, USAGE_ERROR, root + ": a WAR needs a Servlet container; see the guide, \"Inside a "
                        + "Servlet container\" (the standalone main deploys jars and class directories)", null);
            }
        }
        WebSocketServer server = WebSocketServer.create(config);
        List<Application> applications = new ArrayList<>();
        int failed = 0;
        for (ApplicationSource source : commandLine.applications) {
            Path root = source.classRoots().get(0);
            String problem = notDeployable(root);
            DeploymentException failure = null;
            if (problem == null) {
                try {
                    applications.add(Application.deploy(source, server.container(), Main.class.getClassLoader()));
                    continue;
                } catch (DeploymentException e) {
                    problem = e.getMessage();
                    failure = e;
                }
            }
            failed++;
            if (commandLine.failFast) {
                applications.forEach(Application::close);
                return refused(err, STARTUP_FAILED, "not deployed (" + root + "): " + problem + "; not starting"
                        + (commandLine.applications.size() > 1 ? " (--no-fail-fast starts the other applications)" : ""),
                        failure);
            }
            report(err, "not deployed (" + root + "): " + problem, failure);
        }
        if (!commandLine.applications.isEmpty() && applications.isEmpty()) {
            return refused(err, STARTUP_FAILED, "no application could be deployed; not starting", null);
        }
        try {
            server.start();
        } catch (IOException | IllegalArgumentException e) {
            // The port taken, a host that is not this machine's, key material that cannot be read.
            applications.forEach(Application::close);
            return refused(err, STARTUP_FAILED, e.getMessage(), e);
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

    /**
     * Why {@code root} cannot be deployed before its class loader is even made, or null.
     */
    static String notDeployable(Path root) {
        if (!Files.exists(root)) {
            return root + " does not exist";
        }
        if (!Files.isReadable(root)) {
            return root + " cannot be read (permission denied)";
        }
        return null;
    }

    /** A WAR's classes are under WEB-INF/, where no plain class loader looks: it is for a Servlet container. */
    static boolean isWar(Path root) {
        return Files.isRegularFile(root) && root.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".war");
    }

    /** Reports why the main does not start and returns {@code status}. */
    private static Started refused(PrintStream err, int status, String line, Throwable cause) {
        report(err, line, cause);
        return new Started(status, null, List.of());
    }

    /** One line on stderr; the trace, if any, at FINE for whoever needs it. */
    private static void report(PrintStream err, String line, Throwable cause) {
        err.println("wssocket: " + line);
        err.flush();
        if (cause != null) {
            LOG.log(System.Logger.Level.DEBUG, "wssocket: " + line, cause);
        }
    }

    private static String authority(InetSocketAddress address) {
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return host + ":" + address.getPort();
    }
}
