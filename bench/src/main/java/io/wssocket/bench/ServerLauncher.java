package io.wssocket.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The main shared by all peer servers: {@code --host H --port N [--ignore-stdin]}. Prints
 * {@code READY <port>} to stdout once listening; stops on SIGTERM (through a shutdown hook) or when
 * stdin reaches end of file, so a server never outlives the harness that started it with a pipe on
 * its stdin.
 *
 * <p>Stdin also takes one command per line: {@code stats} answers with one {@link ServerStats}
 * line on stdout (heap after a full GC, resident set size, failed broadcast sends). Other lines
 * are ignored.
 */
final class ServerLauncher {

    private ServerLauncher() {
    }

    static void run(String name, String[] args, Supplier<PeerServer> factory) throws Exception {
        String host = "127.0.0.1";
        int port = 8080;
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                // A background job of an interactive shell that reads the terminal gets SIGTTIN and
                // stops; such runs pass this flag.
                case "--ignore-stdin" -> watchStdin = false;
                default -> {
                    System.err.println("usage: " + name + " [--host 127.0.0.1] [--port 8080] [--ignore-stdin]");
                    System.exit(2);
                }
            }
        }

        ServerStats.preload();
        PeerServer server = factory.get();
        int bound = server.start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(name, server), name + "-stop"));

        // before READY: the hostile scenario counts the log lines a server writes during an attack,
        // from READY on
        System.err.println(name + " serving ws://" + host + ":" + bound + EchoEndpoint.PATH + ", " + BroadcastEndpoint.PATH
                + " and " + SlowEndpoint.PATH);
        System.err.flush();
        PrintStream out = System.out;
        out.println("READY " + bound);
        out.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                serveCommands(out);
                System.exit(0); // runs the shutdown hook
            }, name + "-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        // The server's own threads may all be daemons; keep the JVM up until exit is requested.
        new CountDownLatch(1).await();
    }

    /** Answers commands until end of file. */
    private static void serveCommands(PrintStream out) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("stats")) {
                    out.println(ServerStats.line());
                    out.flush();
                }
            }
        } catch (IOException e) {
            // treat a broken stdin like end of file
        }
    }

    private static void stop(String name, PeerServer server) {
        try {
            server.stop();
            System.err.println(name + " stopped");
        } catch (Exception e) {
            System.err.println(name + " failed to stop cleanly: " + e);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value after " + args[i - 1]);
        }
        return args[i];
    }
}
