package io.wssocket.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;

/**
 * Lets the suite runner hold a driver's connections open while it measures the server: the driver
 * prints {@code HOLDING} and keeps its connections until a {@code release} line (or end of file)
 * arrives on stdin. A driver may hold more than once (the idle driver at two connection counts):
 * each {@code release} line ends one hold, end of file ends them all. A daemon thread reads stdin
 * and wakes the driver's selector.
 */
final class HoldSignal {

    private volatile int releases;
    private volatile boolean ended;

    /** Starts watching stdin; {@code selector} is woken at every release. */
    static HoldSignal watchStdin(Selector selector) {
        return watch(System.in, selector::wakeup);
    }

    /** Starts watching {@code in}; {@code wakeup} runs at every release and at its end. */
    static HoldSignal watch(InputStream in, Runnable wakeup) {
        HoldSignal signal = new HoldSignal();
        Thread watcher = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.trim().equals("release")) {
                        signal.releases++; // this thread is the only writer
                        wakeup.run();
                    }
                }
            } catch (IOException e) {
                // a broken stdin releases like end of file
            }
            signal.ended = true;
            wakeup.run();
        }, "hold-signal");
        watcher.setDaemon(true);
        watcher.start();
        return signal;
    }

    /** Whether the first hold has been released. */
    boolean released() {
        return released(1);
    }

    /** Whether the {@code n}th hold (from 1) has been released: n release lines, or end of file. */
    boolean released(int n) {
        return ended || releases >= n;
    }

    /** Tells the runner on stdout that the connections are being held. */
    static void announce() {
        System.out.println("HOLDING");
        System.out.flush();
    }
}
