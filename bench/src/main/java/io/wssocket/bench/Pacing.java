package io.wssocket.bench;

import java.util.concurrent.TimeUnit;

/** Sleeps to a deadline on the monotonic clock, so that a paced sender keeps its rate however long each send took. */
final class Pacing {

    private Pacing() {
    }

    static void sleepMs(long ms) {
        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms));
    }

    /** Returns early only on interrupt, keeping the flag set for the caller's loop to see. */
    static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
