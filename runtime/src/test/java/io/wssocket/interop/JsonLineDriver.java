package io.wssocket.interop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A child process that drives WebSocket clients for the tests, spoken to in JSON lines
 * (protocol: {@code src/test/node/json-lines.mjs}): commands on its stdin, each answered by a
 * reply with the same id; events on its stdout, routed by connection id. A thread of its own
 * writes the commands and another reads the lines, so a driver that stops reading or writing
 * holds up no test beyond the timeout of its call.
 */
final class JsonLineDriver implements AutoCloseable {
    /** Room for a 16 MiB message in base64 (4/3 of it) on one line. */
    private static final int MAX_STRING = 32 * InteropPayloads.MIB;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING).build())
            .build()).build();
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Writer commands;
    private final ExecutorService writer;
    private final Thread reader;
    private final OutputTail stderr;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> connections = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile IOException gone;

    private JsonLineDriver(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.writer = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, name + "-stdin"));
        this.stderr = new OutputTail(process.getErrorStream());
        this.reader = daemon(this::readLines, name + "-stdout");
        daemon(stderr, name + "-stderr").start();
        reader.start();
    }

    /** Starts {@code command} in {@code directory} and waits until it says it is ready. */
    static JsonLineDriver start(String name, List<String> command, Path directory, Map<String, String> environment,
            Duration startTimeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        JsonLineDriver driver = new JsonLineDriver(name, builder.start());
        try {
            driver.ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            driver.close();
            throw new IllegalStateException(name + " did not start within " + startTimeout + "; " + driver.stderr, e);
        }
        return driver;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A command for {@link #call}: {@code op} on connection {@code conn}, more fields to be put. */
    ObjectNode command(String op, String conn) {
        return JSON.createObjectNode().put("op", op).put("conn", conn);
    }

    /** Sends the command and waits for its reply; fails with the driver's error if it did not succeed. */
    JsonNode call(ObjectNode command, Duration timeout) throws Exception {
        long id = ids.incrementAndGet();
        command.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        if (gone != null) {
            reply.completeExceptionally(gone);
        }
        writer.execute(() -> write(command, reply));
        try {
            JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!answer.path("ok").asBoolean()) {
                throw new DriverException(name + " could not " + command.path("op").asText() + ": " + answer.path("error").asText());
            }
            return answer;
        } catch (TimeoutException e) {
            throw new AssertionError(name + " did not answer " + command.path("op").asText() + " within " + timeout
                    + "; " + stderr, e);
        } finally {
            replies.remove(id);
        }
    }

    private void write(ObjectNode command, CompletableFuture<JsonNode> reply) {
        try {
            commands.write(JSON.writeValueAsString(command));
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            reply.completeExceptionally(e);
        }
    }

    /** Hands every later event of connection {@code conn} to {@code events}, on the reading thread. */
    void listen(String conn, Consumer<JsonNode> events) {
        connections.put(conn, events);
    }

    void forget(String conn) {
        connections.remove(conn);
    }

    private void readLines() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                dispatch(JSON.readTree(line));
            }
            gone = new IOException(name + " closed its output; " + stderr);
        } catch (IOException e) {
            gone = new IOException(name + " could not be read; " + stderr, e);
        }
        ready.completeExceptionally(gone);
        replies.values().forEach(reply -> reply.completeExceptionally(gone));
        ObjectNode error = JSON.createObjectNode().put("event", "error").put("message", gone.getMessage());
        connections.values().forEach(events -> events.accept(error));
    }

    private void dispatch(JsonNode line) {
        if (line.has("reply")) {
            CompletableFuture<JsonNode> reply = replies.get(line.get("reply").asLong());
            if (reply != null) {
                reply.complete(line);
            }
        } else if ("ready".equals(line.path("event").asText())) {
            ready.complete(null);
        } else {
            // Events of a connection already forgotten (a late close after dispose) have no reader.
            Consumer<JsonNode> events = connections.get(line.path("conn").asText());
            if (events != null) {
                events.accept(line);
            }
        }
    }

    /**
     * Ends the driver: stdin ends after the commands already queued, and the driver is given
     * {@link #EXIT_TIMEOUT} to close its clients and exit; then it is stopped, and so is whatever
     * it started (a browser) that is still running.
     */
    @Override
    public void close() {
        writer.execute(this::endInput);
        writer.shutdown();
        List<ProcessHandle> started = process.descendants().toList();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            reader.join(EXIT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        writer.shutdownNow();
    }

    private void endInput() {
        try {
            commands.close();
        } catch (IOException e) {
            // The driver is gone already; close() stops what is left.
        }
    }

    /** The driver answered a command with a failure. */
    static final class DriverException extends Exception {
        private static final long serialVersionUID = 1L;
        DriverException(String message) {
            super(message);
        }
    }

    /** Reads a stream to its end, keeping only its last lines, for error messages. */
    private static final class OutputTail implements Runnable {
        private static final int KEEP = 8 * 1024;
        private final InputStream stream;
        private final StringBuilder tail = new StringBuilder();

        OutputTail(InputStream stream) {
            this.stream = stream;
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    append(line);
                }
            } catch (IOException e) {
                append("(stderr unreadable: " + e + ")");
            }
        }

        private synchronized void append(String line) {
            tail.append(line).append('\n');
            if (tail.length() > KEEP) {
                tail.delete(0, tail.length() - KEEP);
            }
        }

        @Override
        public synchronized String toString() {
            return tail.length() == 0 ? "its stderr is empty" : "the end of its stderr:\n" + tail;
        }
    }
}
