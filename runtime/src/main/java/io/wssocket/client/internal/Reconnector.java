package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.ReconnectListener;
import io.wssocket.session.WsSession;
import io.wssocket.wire.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reconnects the sessions of one client container that ask for it (option client-reconnect, or
 * the endpoint's user property {@link ClientConfig#RECONNECT_PROPERTY}) after the server went away
 * (1001), restarts (1012), asks to come back later (1013), or the connection dropped (1006). A
 * session the application closed never reconnects. Each attempt waits {@link ReconnectBackoff}'s
 * random time, then connects on a thread of its own (a connect blocks up to connect-timeout plus
 * handshake-timeout); after client-reconnect-attempts attempts, or once client-reconnect-time has
 * passed since the close, it gives up, says so in the log and tells the endpoint's
 * {@link ReconnectListener}, once. A reconnected session continues the
 * count of the attempts that made it unless it stays open for client-reconnect-max-delay, so a
 * server that accepts and at once closes again cannot hold the client in a fast loop.
 */
final class Reconnector {
    private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());
    /** The close codes after which the server may well be found again, at this address or behind it. */
    private static final Set<Integer> RECONNECT_CODES = Set.of(CloseCodes.GOING_AWAY, CloseCodes.ABNORMAL,
            CloseReason.CloseCodes.SERVICE_RESTART.getCode(), CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode());

    /** Opens the session again: the same endpoint, the same URI. */
    @FunctionalInterface
    interface Redial {
        /**
         * @param carried the attempts that led here, handed to the new session's own reconnection
         * @return the new session
         */
        Session connect(Attempts carried) throws DeploymentException, IOException;
    }

    private final ReconnectBackoff backoff;
    private final int maxAttempts;
    private final long maxTimeNanos;
    private final long stableNanos;
    private final Set<Attempts> pending = ConcurrentHashMap.newKeySet();
    private ScheduledThreadPoolExecutor timer;

    Reconnector(ClientConfig config) {
        this.backoff = new ReconnectBackoff(config.clientReconnectDelayMillis(), config.clientReconnectMaxDelayMillis());
        this.maxAttempts = config.clientReconnectAttempts();
        this.maxTimeNanos = TimeUnit.MILLISECONDS.toNanos(config.clientReconnectTimeMillis());
        this.stableNanos = TimeUnit.MILLISECONDS.toNanos(config.clientReconnectMaxDelayMillis());
    }

    /**
     * {@code session} has closed (its onClose has run): reconnects when the way it closed calls
     * for it.
     *
     * @param openedAt when it opened, in {@link System#nanoTime()} terms
     * @param carried the attempts that opened it, or null for a first connection
     * @param listener told when the reconnection gives up, or null
     */
    void closed(WsSession session, long openedAt, Attempts carried, Redial redial, ReconnectListener listener) {
        CloseReason reason = session.closedWith();
        if (session.closedByApplication() || reason == null || !RECONNECT_CODES.contains(reason.getCloseCode().getCode())) {
            return;
        }
        Attempts attempts = carried != null && System.nanoTime() - openedAt < stableNanos
                ? carried : new Attempts(session.getRequestURI(), redial);
        attempts.redial = redial;
        attempts.listener = listener;
        LOG.log(System.Logger.Level.DEBUG, () -> "session " + session.getId() + " to " + attempts.target + " closed with "
                + reason.getCloseCode().getCode() + "; reconnecting");
        pending.add(attempts);
        attempts.scheduleNext();
    }

    /** Stops every reconnection under way: the container closes its sessions. */
    void cancelAll() {
        for (Attempts attempts : pending) {
            attempts.cancel();
        }
        pending.clear();
    }

    private synchronized ScheduledThreadPoolExecutor timer() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "wssocket-reconnect-timer");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            // An idle container keeps no thread for it.
            timer.setKeepAliveTime(10, TimeUnit.SECONDS);
            timer.allowCoreThreadTimeOut(true);
        }
        return timer;
    }

    /** The reconnection of one session: how many attempts, since when. */
    final class Attempts {
        private final URI target;
        private final long since = System.nanoTime();
        private volatile Redial redial;
        private volatile ReconnectListener listener;
        private int made;
        private volatile boolean cancelled;
        private ScheduledFuture<?> next;
        /** Why the last attempt failed; null before one has. */
        private volatile Exception lastFailure;
        private boolean gaveUp;

        private Attempts(URI target, Redial redial) {
            this.target = target;
            this.redial = redial;
        }

        private synchronized void scheduleNext() {
            if (cancelled) {
                return;
            }
            if (made >= maxAttempts || System.nanoTime() - since >= maxTimeNanos) {
                giveUp();
                return;
            }
            long delay = backoff.delayMillis(made, ThreadLocalRandom.current());
            made++;
            next = timer().schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        }

        /** On the timer: the connect blocks, so it runs on a thread of its own. */
        private void attempt() {
            if (cancelled) {
                return;
            }
            if (System.nanoTime() - since >= maxTimeNanos) {
                giveUp();
                return;
            }
            Thread connecting = new Thread(this::connect, "wssocket-reconnect");
            connecting.setDaemon(true);
            connecting.start();
        }

        private void connect() {
            if (cancelled) {
                return;
            }
            try {
                Session session = redial.connect(this);
                pending.remove(this);
                if (cancelled) {
                    // The container closed while this attempt connected: the new session goes the same way.
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "client container closed"));
                }
            } catch (DeploymentException | IOException | RuntimeException e) {
                lastFailure = e;
                LOG.log(System.Logger.Level.DEBUG, () -> "reconnection to " + target + " failed: " + e);
                if (!cancelled) {
                    scheduleNext();
                }
            }
        }

        private void giveUp() {
            synchronized (this) {
                if (gaveUp || cancelled) {
                    return;
                }
                gaveUp = true;
            }
            pending.remove(this);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
            LOG.log(System.Logger.Level.WARNING, "gave up reconnecting to " + target + " after " + made + " attempts in "
                    + took + " ms (client-reconnect-attempts " + maxAttempts + ", client-reconnect-time "
                    + TimeUnit.NANOSECONDS.toMillis(maxTimeNanos) + " ms)");
            ReconnectListener told = listener;
            if (told != null) {
                Exception cause = lastFailure != null ? lastFailure : new TimeoutException("no reconnection attempt "
                        + "failed within client-reconnect-time (" + TimeUnit.NANOSECONDS.toMillis(maxTimeNanos) + " ms)");
                try {
                    told.gaveUp(target, made, cause);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "reconnect listener " + told + " threw", e);
                }
            }
        }

        private synchronized void cancel() {
            cancelled = true;
            if (next != null) {
                next.cancel(false);
            }
        }
    }
}
