package io.wssocket.interop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a client connection received, filled by the library's threads and read by the test: a
 * thread-safe inbox that explains a timeout with what did arrive.
 */
final class PeerEvents {
    final BlockingQueue<ReceivedMessage> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    void error(Throwable error) {
        errors.add(error);
    }

    ReceivedMessage nextMessage(Duration timeout) throws InterruptedException {
        ReceivedMessage message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout + "; " + this);
        }
        return message;
    }

    byte[] nextPong(Duration timeout) throws InterruptedException {
        byte[] pong = pongs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (pong == null) {
            throw new AssertionError("no pong within " + timeout + "; " + this);
        }
        return pong;
    }

    CloseStatus awaitClose(Duration timeout) throws InterruptedException, ExecutionException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no close within " + timeout + "; " + this);
        }
    }

    @Override
    public String toString() {
        return "client saw " + messages.size() + " unread messages, " + pongs.size() + " unread pongs, close "
                + (closed.isDone() ? closed.getNow(null) : "not yet") + ", errors " + errors;
    }
}
