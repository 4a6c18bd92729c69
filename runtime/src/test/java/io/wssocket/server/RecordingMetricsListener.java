package io.wssocket.server;

import io.wssocket.spi.ServerMetricsListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A metrics listener that keeps every event it hears, in order, for a test to look at. */
final class RecordingMetricsListener implements ServerMetricsListener {
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void handshake(Handshake handshake) {
        events.add(handshake);
    }

    @Override
    public void sessionOpened(SessionOpened opened) {
        events.add(opened);
    }

    @Override
    public void sessionClosed(SessionClosed closed) {
        events.add(closed);
    }

    @Override
    public void slowSend(SlowSend send) {
        events.add(send);
    }

    @Override
    public void limitHit(LimitHit limit) {
        events.add(limit);
    }

    @Override
    public void loopStall(LoopStall stall) {
        events.add(stall);
    }

    /** The events of one kind, in order. */
    <T> List<T> of(Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
