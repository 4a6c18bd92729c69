package io.wssocket.servlet.cdi.app;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the fixtures' lifecycle callbacks report, for the test to read. */
public final class Lifecycle {
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    private Lifecycle() {
    }
}
