package io.wssocket.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The selector loop shared by the idle and broadcast drivers: one thread, one {@link Selector},
 * one read buffer. Opens the connections with at most {@code concurrency} handshakes pending at a
 * time (so that no server's accept backlog overflows and the ramp measures handshakes, not SYN
 * retries), lets the driver run its phases through {@link #tick}, and closes them all at the end.
 */
abstract class SelectorLoad<C extends ClientConnection> implements ClientConnection.Events {

    static final long CLOSE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    final InetSocketAddress address;
    final String host;
    final int port;
    final String path;
    final LoadErrors errors = new LoadErrors();
    final List<C> connections = new ArrayList<>();
    private final int concurrency;
    private final long connectTimeoutNs;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    Selector selector;
    /** ws:// unless a driver sets wss:// ({@link TlsTransport#opener}) before {@link #run}. */
    Transport.Opener transports = Transport.PLAIN;
    /** Stdin's {@code release}, for drivers that hold their connections for the runner ({@link #holds()}). */
    HoldSignal hold;

    private int nextToConnect;
    /** The connections to open so far: all of them, unless the driver opens them in stages ({@link #openUpTo}). */
    private int target;
    private int pending;
    int opened;
    int handshakesFailed;
    int live;
    /** When the current stage of the ramp began. */
    long rampStart;
    /** Time spent opening connections, over every stage of the ramp. */
    private long rampNanos;
    private boolean done;
    private long closeDeadline;

    /** From the {@code --host --port --path --concurrency --connect-timeout} options. */
    SelectorLoad(DriverArgs args, String defaultPath) {
        this(args.string("host", "127.0.0.1"), args.integer("port", 8080, 1, 65535), args.string("path", defaultPath),
                args.integer("concurrency", 100, 1, 100_000), args.seconds("connect-timeout", 60, 0.001));
    }

    SelectorLoad(String host, int port, String path, int concurrency, double connectTimeoutSeconds) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.concurrency = concurrency;
        this.connectTimeoutNs = nanos(connectTimeoutSeconds);
        this.address = new InetSocketAddress(host, port);
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--host must be a loopback address; this driver is for loopback only");
        }
    }

    /** How many connections to open. */
    abstract int connectionCount();

    /** How many of them to open first (the rest when the driver calls {@link #openUpTo}); all by default. */
    int firstStage() {
        return connectionCount();
    }

    /** Connection {@code id} (0 up to {@link #connectionCount()}), not yet connected. */
    abstract C newConnection(int id, SecureRandom random);

    /**
     * Whether this run will print {@code HOLDING} and wait for {@code release} on stdin. Only then
     * is stdin read: a driver run in the background of an interactive shell that read the
     * terminal would be stopped by SIGTTIN.
     */
    boolean holds() {
        return false;
    }

    /** The machine-readable {@code RESULT ...} line printed on stdout at the end. */
    abstract String resultLine();

    /** A readable report for stderr; empty by default. */
    String report() {
        return "";
    }

    /** SO_RCVBUF for this connection, or 0 for the system's default. */
    int receiveBuffer(C connection) {
        return 0;
    }

    /**
     * Called on every turn of the loop; returns the time (System.nanoTime) by which it wants to be
     * called again. {@link #rampDone()} tells whether all connections are open or failed.
     */
    abstract long tick(long now) throws IOException;

    final void run() throws IOException {
        selector = Selector.open();
        if (holds()) {
            hold = HoldSignal.watchStdin(selector);
        }
        SecureRandom random = new SecureRandom();
        for (int i = 0, n = connectionCount(); i < n; i++) {
            connections.add(newConnection(i, random));
        }
        target = Math.min(firstStage(), connections.size());
        rampStart = System.nanoTime();
        try {
            while (!done) {
                long now = System.nanoTime();
                if (!rampDone() && now - rampStart >= connectTimeoutNs) {
                    failUnopened();
                }
                connectMore();
                long wakeAt = closeDeadline != 0 ? closeDeadline : tick(now);
                if (closeDeadline != 0 && (live == 0 || now >= closeDeadline)) {
                    break;
                }
                long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wakeAt - now));
                selector.select(key -> ((ClientConnection) key.attachment()).onSelected(key, readBuffer), waitMs);
            }
        } finally {
            for (C c : connections) {
                c.closeChannel();
            }
            selector.close();
        }
    }

    private void connectMore() {
        while (pending < concurrency && nextToConnect < target) {
            C c = connections.get(nextToConnect++);
            pending++;
            c.connect(selector, address(c), receiveBuffer(c), transports);
        }
    }

    /** Where connection {@code c} connects: {@link #address} unless the driver spreads its connections over several. */
    InetSocketAddress address(C c) {
        return address;
    }

    /** The ramp ran out of time: every connection not open yet (or not even started) fails. */
    private void failUnopened() {
        nextToConnect = target;
        for (C c : connections.subList(0, target)) {
            ClientConnection.State s = c.state();
            if (s == ClientConnection.State.CONNECTING || s == ClientConnection.State.HANDSHAKING) {
                pending++; // fail() settles it as a failed handshake, started or not
                c.fail("opening handshake not done within " + TimeUnit.NANOSECONDS.toSeconds(connectTimeoutNs)
                        + " s of the first connect");
            }
        }
        pending = 0;
    }

    /** Whether every connection of the current stage is open or failed. */
    final boolean rampDone() {
        return opened + handshakesFailed == target;
    }

    /**
     * Starts the next stage of the ramp: opens connections until {@code n} (at most all) have been
     * tried; its time counts in {@link #rampSeconds()} and its own connect timeout starts now.
     */
    final void openUpTo(int n) {
        target = Math.max(target, Math.min(n, connections.size()));
        rampStart = System.nanoTime();
    }

    /** Sends a close frame on every open connection and ends the loop once all are closed or 5 s have passed. */
    final void closeAll(long now) {
        if (closeDeadline != 0) {
            return;
        }
        closeDeadline = now + CLOSE_TIMEOUT_NS;
        for (C c : connections) {
            c.sendClose();
        }
    }

    /** Ends the loop at once (nothing left to do). */
    final void stop() {
        done = true;
    }

    /** The opening handshake of one connection succeeded. */
    @Override
    public final void opened() {
        pending--;
        opened++;
        live++;
        if (rampDone()) {
            rampNanos += System.nanoTime() - rampStart;
        }
    }

    /** One connection failed. */
    @Override
    public final void failed(ClientConnection.State was, String reason) {
        if (was == ClientConnection.State.OPEN || was == ClientConnection.State.CLOSE_SENT) {
            live--;
        } else {
            pending--;
            handshakesFailed++;
            if (rampDone()) {
                rampNanos += System.nanoTime() - rampStart;
            }
        }
        errors.add(reason, 1);
    }

    /** One connection closed normally. */
    @Override
    public final void closed() {
        live--;
    }

    interface Factory {
        SelectorLoad<?> create();
    }

    /**
     * A driver's main: builds it (an {@link IllegalArgumentException} means bad options: exit 2
     * with the usage), runs it, prints the result on stdout and the report on stderr, and exits 1
     * if any error was seen.
     */
    static void runMain(String name, String usage, Factory factory) throws IOException {
        SelectorLoad<?> load = BadOptionExit.createOrExit(name, usage, factory::create);
        load.run();
        System.out.println(load.resultLine());
        System.out.flush();
        System.err.print(load.report());
        System.exit(load.errors.count() > 0 ? 1 : 0);
    }

    /** Seconds spent opening connections (every stage's, not the holds between them). */
    double rampSeconds() {
        return rampNanos / 1e9;
    }

    static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }
}
