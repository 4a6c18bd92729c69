package io.wssocket.interop;

import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The close reasons that server endpoints saw in {@code onClose}, by the {@code client} query
 * parameter of the session, so that a test reads exactly its own session's close. Thread-safe:
 * written by the server's callback threads, read by the test.
 */
final class ServerCloses {
    /** The user property under which endpoints find this record. */
    static final String USER_PROPERTY = ServerCloses.class.getName();
    static final String CLIENT_PARAMETER = "client";

    private final ConcurrentMap<String, CompletableFuture<CloseReason>> closes = new ConcurrentHashMap<>();

    void record(String client, CloseReason reason) {
        if (!future(client).complete(reason)) {
            future(client).obtrudeException(new AssertionError("server session of " + client + " closed twice"));
        }
    }

    CloseReason await(String client, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return future(client).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<CloseReason> future(String client) {
        return closes.computeIfAbsent(client, c -> new CompletableFuture<>());
    }
}
