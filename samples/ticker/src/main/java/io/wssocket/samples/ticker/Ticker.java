package io.wssocket.samples.ticker;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One scheduler thread for all subscribers: it is started by the first subscriber, stopped when
 * the last one leaves, and on every tick sends each subscriber one small JSON message without
 * waiting for it. A subscriber whose previous message is still being sent skips the tick (its
 * next message carries the newer prices), so a client that reads slowly or not at all holds up
 * nobody and never makes messages pile up in the server.
 */
public final class Ticker {
    /** Someone who receives ticks. */
    public interface Subscriber {
        /** The symbols whose prices it wants. */
        Set<String> symbols();

        /** Starts sending {@code json} and returns at once; {@code done} runs when the send has finished, either way. */
        void send(String json, Consumer<Throwable> done);
    }

    private static final System.Logger LOG = System.getLogger(Ticker.class.getName());

    private final long periodMillis;
    private final PriceBoard prices;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private long sequence;
    private long skipped;

    public Ticker(long periodMillis, Random random) {
        this.periodMillis = periodMillis;
        this.prices = new PriceBoard(random);
    }

    public synchronized void subscribe(Subscriber subscriber) {
        subscriptions.add(new Subscription(subscriber));
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                // Named after the application's class loader, to be told apart in a thread dump.
                Thread thread = new Thread(task, "ticker " + Ticker.class.getClassLoader().getName());
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleAtFixedRate(this::tickSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void unsubscribe(Subscriber subscriber) {
        subscriptions.removeIf(s -> s.subscriber == subscriber);
        if (subscriptions.isEmpty() && scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** Whether the scheduler thread runs, i.e. someone is subscribed. */
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Ticks a subscriber did not get because its previous message was still on its way. */
    public synchronized long skipped() {
        return skipped;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule for everyone; one bad tick is only logged.
            LOG.log(System.Logger.Level.WARNING, "tick failed", e);
        }
    }

    /** One tick: new prices, one message to every subscriber that is not still busy with the last. */
    synchronized void tick() {
        prices.step();
        sequence++;
        long time = System.currentTimeMillis();
        for (Subscription subscription : subscriptions) {
            if (!subscription.sending.compareAndSet(false, true)) {
                skipped++;
                continue;
            }
            subscription.subscriber.send(json(sequence, time, subscription.subscriber.symbols()),
                    failure -> subscription.sending.set(false));
        }
    }

    /** {@code {"seq":7,"time":1700000000000,"prices":{"ACME":101.05}}}: symbols need no escaping. */
    private String json(long seq, long time, Set<String> symbols) {
        StringBuilder json = new StringBuilder(48 + 24 * symbols.size());
        json.append("{\"seq\":").append(seq).append(",\"time\":").append(time).append(",\"prices\":{");
        boolean first = true;
        for (String symbol : symbols) {
            json.append(first ? "" : ",").append('"').append(symbol).append("\":").append(prices.price(symbol));
            first = false;
        }
        return json.append("}}").toString();
    }

    private static final class Subscription {
        final Subscriber subscriber;
        final AtomicBoolean sending = new AtomicBoolean();

        Subscription(Subscriber subscriber) {
            this.subscriber = subscriber;
        }
    }
}
