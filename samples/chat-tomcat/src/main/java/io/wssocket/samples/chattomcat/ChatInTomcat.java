package io.wssocket.samples.chattomcat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;

/**
 * Embedded Tomcat 11 with one WAR deployed as a Tomcat installation deploys it
 * ({@link Tomcat#addWebapp(String, String)}: Tomcat's {@code ContextConfig} with the defaults of
 * Tomcat's {@code conf/web.xml} but Jasper's JSP servlet, the WAR expanded and loaded by a web application class loader, the {@code ServletContainerInitializer}s
 * of {@code WEB-INF/lib} found through {@code META-INF/services}, Tomcat's default servlet for the
 * pages). Tomcat's own WebSocket implementation ({@code tomcat-embed-websocket}) is not on the class
 * path: the WAR's {@code wssocket-servlet} is its WebSocket implementation.
 *
 * <pre>java -jar chat-tomcat.jar [--host 127.0.0.1] [--port 8080] [app.war]</pre>
 *
 * <p>The WAR is {@value #DEFAULT_WAR} (relative to the working directory) unless named; it is served
 * at the context path its file name gives, as Tomcat's host does ({@code chat.war} at {@code /chat},
 * {@code ROOT.war} at {@code /}). Ctrl-C stops Tomcat, which stops the application (WS Socket closes
 * its sessions with 1001, going away).
 */
public final class ChatInTomcat {
    /** The WAR deployed when none is named: samples/chat-war's, from the checkout's root. */
    static final String DEFAULT_WAR = "samples/chat-war/target/chat.war";
    /** Exit status: the WAR or Tomcat could not start. */
    static final int STARTUP_FAILED = 1;
    /** Exit status: the arguments are wrong. */
    static final int USAGE_ERROR = 2;

    private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
    private static final String USAGE = """
            usage: java -jar chat-tomcat.jar [--host HOST] [--port PORT] [WAR]
              --host HOST  the address to listen on (default 127.0.0.1)
              --port PORT  the port (default 8080; 0 picks a free one)
              WAR          the web application to deploy (default %s)
            """.formatted(DEFAULT_WAR);

    private ChatInTomcat() {
    }

    /**
     * Starts Tomcat with the WAR and blocks until the JVM is asked to stop.
     *
     * @param args {@code --host}, {@code --port} and the WAR, all optional
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chat-tomcat: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        if (commandLine.help()) {
            System.out.print(USAGE);
            return;
        }
        if (!Files.isRegularFile(commandLine.war())) {
            System.err.println("chat-tomcat: no WAR at " + commandLine.war().toAbsolutePath() + (commandLine.war().toString()
                    .equals(DEFAULT_WAR) ? ": build it from the checkout's root (mvn -q -B -DskipTests -pl samples/chat-tomcat "
                    + "-am package) and start this there, or name a WAR" : ""));
            System.exit(STARTUP_FAILED);
            return;
        }
        Served served;
        try {
            served = Served.start(commandLine, System.out);
        } catch (LifecycleException | IOException | IllegalStateException e) {
            System.err.println("chat-tomcat: " + e.getMessage());
            System.exit(STARTUP_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            served.stop();
            System.out.println("Tomcat stopped");
            System.out.flush();
            stopped.countDown();
        }, "chat-tomcat-shutdown"));
        stopped.await();
    }

    /** What the command line asks for. */
    record CommandLine(String host, int port, Path war, boolean help) {
        static CommandLine parse(String[] args) {
            String host = "127.0.0.1";
            int port = 8080;
            Path war = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        return new CommandLine(host, port, Path.of(DEFAULT_WAR), true);
                    }
                    case "--host" -> host = value(args, ++i, arg);
                    case "--port" -> port = port(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (war != null) {
                            throw new IllegalArgumentException("one WAR only, got " + war + " and " + arg);
                        }
                        war = Path.of(arg);
                    }
                }
            }
            return new CommandLine(host, port, war != null ? war : Path.of(DEFAULT_WAR), false);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("--port takes a number from 0 to 65535, got " + value);
        }

        /** Where Tomcat's host would deploy this WAR: its file name without {@code .war}, {@code ROOT} at the root. */
        String contextPath() {
            String name = war.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".war")) {
                name = name.substring(0, name.length() - ".war".length());
            }
            return name.equals("ROOT") ? "" : "/" + name.replace('#', '/');
        }
    }

    /** Tomcat serving the WAR, and its working directory (the expanded WAR, work files), removed at stop. */
    private record Served(Tomcat tomcat, Path baseDir) {
        static Served start(CommandLine commandLine, PrintStream out) throws LifecycleException, IOException {
            Path baseDir = Files.createTempDirectory("chat-tomcat");
            Tomcat tomcat = new Tomcat();
            Served served = new Served(tomcat, baseDir);
            try {
                tomcat.setBaseDir(baseDir.toString());
                // the host's appBase, where Tomcat expands the WAR
                Files.createDirectories(baseDir.resolve("webapps"));
                Connector connector = new Connector();
                connector.setProperty("address", commandLine.host());
                connector.setPort(commandLine.port());
                tomcat.setConnector(connector);
                // Tomcat's own defaults for every application (its conf/web.xml) name Jasper's JSP servlet, which
                // this Tomcat has not got: the same defaults without it.
                tomcat.setAddDefaultWebXmlToWebapp(false);
                Context context = tomcat.addWebapp(commandLine.contextPath(), commandLine.war().toAbsolutePath().toString());
                context.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        addDefaultsWithoutJsp(context);
                    }
                });
                tomcat.start();
                // Tomcat logs an application that failed to start and goes on serving without it.
                if (context.getState() != LifecycleState.STARTED) {
                    throw new IllegalStateException(commandLine.war() + " did not start (state " + context.getState()
                            + "); Tomcat's log above says why");
                }
                if (connector.getLocalPort() <= 0) {
                    throw new IllegalStateException("Tomcat is not listening on " + commandLine.host() + ":" + commandLine.port()
                            + "; its log above says why");
                }
                served.report(out, commandLine, context, connector.getLocalPort());
                return served;
            } catch (LifecycleException | IOException | RuntimeException e) {
                served.stop();
                throw e;
            }
        }

        /** What Tomcat's {@code conf/web.xml} gives every application, but the JSP servlet. */
        private static void addDefaultsWithoutJsp(Context context) {
            Wrapper files = Tomcat.addServlet(context, "default", DefaultServlet.class.getName());
            files.setLoadOnStartup(1);
            files.setOverridable(true);
            files.addMapping("/");
            context.setSessionTimeout(30);
            Tomcat.addDefaultMimeTypeMappings(context);
            context.addWelcomeFile("index.html");
            context.addWelcomeFile("index.htm");
        }

        private void report(PrintStream out, CommandLine commandLine, Context context, int port) {
            String host = commandLine.host().contains(":") ? "[" + commandLine.host() + "]" : commandLine.host();
            String base = "http://" + host + ":" + port;
            out.println(ServerInfo.getServerInfo() + " is listening on " + base + "/");
            out.println("  open " + base + commandLine.contextPath() + "/   (" + commandLine.war().getFileName() + " at "
                    + (commandLine.contextPath().isEmpty() ? "/" : commandLine.contextPath()) + ")");
            Object webSockets = context.getServletContext().getAttribute(SERVER_CONTAINER);
            out.println(webSockets == null
                    ? "  no WebSocket implementation: the WAR set no " + SERVER_CONTAINER
                    : "  WebSockets served by " + webSockets.getClass().getName() + " (" + origin(webSockets.getClass()) + ")");
            out.flush();
        }

        /** The jar a class came from, by its file name ({@code WEB-INF/lib/...} for the WAR's). */
        private static String origin(Class<?> type) {
            URL location = type.getProtectionDomain().getCodeSource() == null ? null
                    : type.getProtectionDomain().getCodeSource().getLocation();
            if (location == null) {
                return "no code source";
            }
            String path = location.getPath();
            int lib = path.indexOf("/WEB-INF/lib/");
            return lib >= 0 ? path.substring(lib + 1) : path;
        }

        /** Stops and destroys Tomcat (the application stops with it) and removes the working directory. */
        void stop() {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                System.err.println("chat-tomcat: Tomcat did not stop cleanly: " + e.getMessage());
            }
            try (Stream<Path> paths = Files.walk(baseDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException | UncheckedIOException e) {
                System.err.println("chat-tomcat: could not remove " + baseDir + ": " + e.getMessage());
            }
        }
    }
}
