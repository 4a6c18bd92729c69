package io.wssocket.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * Broadcast deliveries a server under test refused or failed, for the whole process: the
 * {@code STATS} command of {@link ServerLauncher} reports it.
 */
final class SendFailures {

    private static final LongAdder COUNT = new LongAdder();

    private SendFailures() {
    }

    static void increment() {
        COUNT.increment();
    }

    static long count() {
        return COUNT.sum();
    }
}
