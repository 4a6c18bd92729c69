package io.wssocket.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;

/**
 * Lets the suite runner hold a driver's connections open while it measures the server: the driver
 * prints {@code HOLDING} and keeps its connections until a {@code release} line (or end of file)
 * arrives on stdin. A daemon thread reads stdin and wakes the driver's selector.
 */
final class HoldSignal {

    private volatile boolean released;

    /** Starts watching stdin; {@code selector} is woken when the release comes. */
    static HoldSignal watchStdin(Selector selector) {
        HoldSignal signal = new HoldSignal();
        Thread watcher = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals("release")) {
                    // wait for the release
                }
            } catch (IOException e) {
                // a broken stdin releases like end of file
            }
            signal.released = true;
            selector.wakeup();
        }, "hold-signal");
        watcher.setDaemon(true);
        watcher.start();
        return signal;
    }

    boolean released() {
        return released;
    }

    /** Tells the runner on stdout that the connections are being held. */
    static void announce() {
        System.out.println("HOLDING");
        System.out.flush();
    }
}
