package io.wssocket.server;

import io.wssocket.spi.ServerMetricsListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Option access-log: one line per handshake outcome and per closed session, written by a thread of
 * its own. The threads that tell it (event loops, the handshake executor) only format the line and
 * queue it; the queue is bounded in bytes (access-log-queue-bytes), and a line that does not fit is
 * dropped and counted, never waited for. The writer logs the count of drops once a second while
 * there are any, and writes what is queued when the server stops.
 */
final class AccessLog implements ServerMetricsListener {
    private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());
    /** Where option access-log=logger writes. */
    static final String LOGGER_NAME = "io.wssocket.access";
    private static final String STOP = new String("stop"); // compared by identity

    private final boolean json;
    /** A line's string, its array and its node in the queue, past the characters. */
    private static final long LINE_OVERHEAD = 64;
    private final long maxQueuedBytes;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Where lines go: a file's writer, or the logger; opened at start. */
    private final Destination destination;
    private Thread writer;

    /** Where written lines go. */
    interface Destination {
        /** Writes one line (without its line end). */
        void write(String line) throws IOException;

        /** Called when the queue is empty: what was written becomes visible. */
        void flush() throws IOException;

        void close() throws IOException;
    }

    AccessLog(boolean json, long maxQueuedBytes, Destination destination) {
        this.json = json;
        this.maxQueuedBytes = maxQueuedBytes;
        this.destination = destination;
    }

    /** The access log option access-log asks for, or null when it is off. */
    static AccessLog of(ServerConfig config) {
        String where = config.accessLog();
        if (where.equals("off")) {
            return null;
        }
        boolean json = config.accessLogFormat().equals("json");
        long max = config.accessLogQueueBytes();
        Destination destination = where.equals("file")
                ? file(Path.of(config.accessLogFile()))
                : logger(System.getLogger(LOGGER_NAME));
        return new AccessLog(json, max, destination);
    }

    /** Appends to {@code file}, made if missing, opened when the first line is written. */
    static Destination file(Path file) {
        return new Destination() {
            private Writer out;

            @Override
            public void write(String line) throws IOException {
                if (out == null) {
                    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                }
                out.write(line);
                out.write('\n');
            }

            @Override
            public void flush() throws IOException {
                if (out != null) {
                    out.flush();
                }
            }

            @Override
            public void close() throws IOException {
                if (out != null) {
                    out.close();
                }
            }
        };
    }

    static Destination logger(System.Logger logger) {
        return consumer(line -> logger.log(System.Logger.Level.INFO, line));
    }

    /** Hands each line to {@code sink}: for tests. */
    static Destination consumer(Consumer<String> sink) {
        return new Destination() {
            @Override
            public void write(String line) {
                sink.accept(line);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    synchronized void start() {
        writer = new Thread(this::writeLines, "wssocket-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Writes what is queued, then closes the destination; waits for it at most a few seconds. */
    void stop() {
        Thread w;
        synchronized (this) {
            w = writer;
            writer = null;
        }
        if (w == null) {
            return;
        }
        lines.add(STOP);
        try {
            w.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lines dropped since start because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void handshake(Handshake h) {
        String line = json
                ? "{\"time\":\"" + Instant.now() + "\",\"kind\":\"handshake\",\"remote\":" + JsonText.quoted(address(h.remoteAddress()))
                        + ",\"path\":" + JsonText.quoted(h.path()) + ",\"status\":" + h.status()
                        + ",\"durationMs\":" + millis(h.durationNanos()) + "}"
                : address(h.remoteAddress()) + " [" + Instant.now() + "] handshake " + word(h.path()) + " " + h.status()
                        + " " + millis(h.durationNanos()) + " - - - - -";
        offer(line);
    }

    @Override
    public void sessionClosed(SessionClosed s) {
        String line = json
                ? "{\"time\":\"" + Instant.now() + "\",\"kind\":\"session\",\"remote\":" + JsonText.quoted(address(s.remoteAddress()))
                        + ",\"path\":" + JsonText.quoted(s.path()) + ",\"closeCode\":" + s.closeCode()
                        + ",\"durationMs\":" + millis(s.durationNanos()) + ",\"bytesIn\":" + s.bytesIn()
                        + ",\"bytesOut\":" + s.bytesOut() + ",\"messagesIn\":" + s.messagesIn()
                        + ",\"messagesOut\":" + s.messagesOut() + ",\"initiator\":\"" + s.initiator() + "\"}"
                : address(s.remoteAddress()) + " [" + Instant.now() + "] session " + word(s.path()) + " " + s.closeCode()
                        + " " + millis(s.durationNanos()) + " " + s.bytesIn() + " " + s.bytesOut() + " "
                        + s.messagesIn() + " " + s.messagesOut() + " " + s.initiator();
        offer(line);
    }

    /**
     * The heap a queued line may hold, counted against access-log-queue-bytes: two bytes a
     * character (a string stores one or two) and its queue entry.
     */
    static long heapBytes(String line) {
        return LINE_OVERHEAD + 2L * line.length();
    }

    /** Queues the line if it fits; never waits. */
    void offer(String line) {
        long size = heapBytes(line);
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            dropped.incrementAndGet();
            return;
        }
        lines.add(line);
    }

    private void writeLines() {
        long droppedTold = 0;
        long lastTold = System.nanoTime();
        try {
            while (true) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == STOP) {
                    break;
                }
                if (line != null) {
                    queuedBytes.addAndGet(-heapBytes(line));
                    write(line);
                }
                if (lines.isEmpty()) {
                    destination.flush();
                }
                long now = System.nanoTime();
                if (now - lastTold >= TimeUnit.SECONDS.toNanos(1)) {
                    lastTold = now;
                    droppedTold = tellDrops(droppedTold);
                }
            }
            String rest;
            while ((rest = lines.poll()) != null) {
                if (rest != STOP) {
                    write(rest);
                }
            }
            tellDrops(droppedTold);
            destination.flush();
            destination.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.ERROR, "the access log cannot be written; it stops", e);
        }
    }

    private void write(String line) throws IOException {
        destination.write(line);
    }

    private long tellDrops(long told) {
        long now = dropped.get();
        if (now > told) {
            LOG.log(System.Logger.Level.WARNING, (now - told) + " access-log lines dropped: more were queued than "
                    + "access-log-queue-bytes (" + maxQueuedBytes + ") holds");
        }
        return now;
    }

    private static String millis(long nanos) {
        long micros = TimeUnit.NANOSECONDS.toMicros(nanos);
        return micros / 1000 + "." + String.format("%03d", micros % 1000);
    }

    private static String word(String path) {
        return path == null || path.isEmpty() ? "-" : path.replace(' ', '+');
    }

    private static String address(InetSocketAddress remote) {
        String a = JfrEvents.address(remote);
        return a == null ? "-" : a;
    }
}
