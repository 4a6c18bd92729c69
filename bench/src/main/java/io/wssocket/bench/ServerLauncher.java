package io.wssocket.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The main shared by all peer servers: {@code --host H --port N [--ignore-stdin]}. Prints exactly
 * one line, {@code READY <port>}, to stdout once listening; stops on SIGTERM (through a shutdown
 * hook) or when stdin reaches end of file, so a server never outlives the harness that started it
 * with a pipe on its stdin.
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

        PeerServer server = factory.get();
        int bound = server.start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(name, server), name + "-stop"));

        PrintStream out = System.out;
        out.println("READY " + bound);
        out.flush();
        System.err.println(name + " serving ws://" + host + ":" + bound + EchoEndpoint.PATH);

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.exit(0); // runs the shutdown hook
            }, name + "-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        // The server's own threads may all be daemons; keep the JVM up until exit is requested.
        new CountDownLatch(1).await();
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) != -1) {
                // discard
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
