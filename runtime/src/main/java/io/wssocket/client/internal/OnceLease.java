package io.wssocket.client.internal;

import io.wssocket.transport.EventLoop;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/** A lease whose release action runs once, however often and from whichever threads it is released. */
final class OnceLease implements ClientTransport.Lease {
    private final EventLoop loop;
    private final Executor callbacks;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    OnceLease(EventLoop loop, Executor callbacks, Runnable onRelease) {
        this.loop = loop;
        this.callbacks = callbacks;
        this.onRelease = onRelease;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public Executor callbacks() {
        return callbacks;
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }
}
