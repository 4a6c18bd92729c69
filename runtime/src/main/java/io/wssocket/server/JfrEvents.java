package io.wssocket.server;

import java.net.InetSocketAddress;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The server's JDK Flight Recorder events. Each is committed only while a recording enables it:
 * {@link #enabled} is read first, so a disabled event costs a field read and builds nothing.
 * Durations are fields, measured by the runtime, not the events' own duration (which spans only
 * the commit); their thresholds are the options slow-send-threshold and loop-stall-threshold.
 */
final class JfrEvents {
    private static final String CATEGORY = "WS Socket";

    private static final EventType HANDSHAKE = EventType.getEventType(HandshakeEvent.class);
    private static final EventType SESSION_CLOSED = EventType.getEventType(SessionClosedEvent.class);
    private static final EventType SLOW_SEND = EventType.getEventType(SlowSendEvent.class);
    private static final EventType LIMIT_HIT = EventType.getEventType(LimitHitEvent.class);
    private static final EventType LOOP_STALL = EventType.getEventType(LoopStallEvent.class);

    private JfrEvents() {
    }

    private static boolean enabled(EventType type) {
        return type.isEnabled();
    }

    static void handshake(InetSocketAddress remote, String path, int status, long durationNanos, String reason) {
        if (!enabled(HANDSHAKE)) {
            return;
        }
        HandshakeEvent e = new HandshakeEvent();
        if (e.shouldCommit()) {
            e.remoteAddress = address(remote);
            e.path = path;
            e.status = status;
            e.handshakeDuration = durationNanos;
            e.reason = reason;
            e.commit();
        }
    }

    static void sessionClosed(InetSocketAddress remote, String path, int code, String initiator, long openNanos,
                              long bytesIn, long bytesOut, long messagesIn, long messagesOut) {
        if (!enabled(SESSION_CLOSED)) {
            return;
        }
        SessionClosedEvent e = new SessionClosedEvent();
        if (e.shouldCommit()) {
            e.remoteAddress = address(remote);
            e.path = path;
            e.closeCode = code;
            e.initiator = initiator;
            e.openDuration = openNanos;
            e.bytesIn = bytesIn;
            e.bytesOut = bytesOut;
            e.messagesIn = messagesIn;
            e.messagesOut = messagesOut;
            e.commit();
        }
    }

    static void slowSend(InetSocketAddress remote, String path, long waitedNanos, long queuedBytes) {
        if (!enabled(SLOW_SEND)) {
            return;
        }
        SlowSendEvent e = new SlowSendEvent();
        if (e.shouldCommit()) {
            e.remoteAddress = address(remote);
            e.path = path;
            e.waited = waitedNanos;
            e.queuedBytes = queuedBytes;
            e.commit();
        }
    }

    static void limitHit(String limit, InetSocketAddress remote, String path, int code, String detail) {
        if (!enabled(LIMIT_HIT)) {
            return;
        }
        LimitHitEvent e = new LimitHitEvent();
        if (e.shouldCommit()) {
            e.limit = limit;
            e.remoteAddress = address(remote);
            e.path = path;
            e.code = code;
            e.detail = detail;
            e.commit();
        }
    }

    static void loopStall(String loop, long turnNanos, int connections, int tasks, String slowest, long slowestNanos) {
        if (!enabled(LOOP_STALL)) {
            return;
        }
        LoopStallEvent e = new LoopStallEvent();
        if (e.shouldCommit()) {
            e.loop = loop;
            e.turnDuration = turnNanos;
            e.connectionsHandled = connections;
            e.tasksRun = tasks;
            e.slowest = slowest;
            e.slowestDuration = slowestNanos;
            e.commit();
        }
    }

    static String address(InetSocketAddress remote) {
        return remote == null ? null : remote.getAddress() != null
                ? remote.getAddress().getHostAddress() + ":" + remote.getPort() : remote.toString();
    }

    @Name("io.wssocket.Handshake")
    @Label("WebSocket Handshake")
    @Description("A WebSocket handshake answered: 101 Switching Protocols or a refusal")
    @Category(CATEGORY)
    @StackTrace(false)
    static final class HandshakeEvent extends Event {
        @Label("Remote Address")
        @Description("The client's address; the one a trusted proxy told, when one did")
        String remoteAddress;
        @Label("Path")
        String path;
        @Label("Status")
        @Description("HTTP status answered")
        int status;
        @Label("Handshake Duration")
        @Description("From the connection's accept to the answer")
        @Timespan(Timespan.NANOSECONDS)
        long handshakeDuration;
        @Label("Reason")
        @Description("Why the handshake was refused; empty for 101")
        String reason;
    }

    @Name("io.wssocket.SessionClosed")
    @Label("WebSocket Session Closed")
    @Description("An opened WebSocket session closed: how long it was open, what it carried, how it ended")
    @Category(CATEGORY)
    @StackTrace(false)
    static final class SessionClosedEvent extends Event {
        @Label("Remote Address")
        String remoteAddress;
        @Label("Path")
        @Description("The endpoint's path (its template)")
        String path;
        @Label("Close Code")
        @Description("1006 when the connection ended without a close handshake")
        int closeCode;
        @Label("Initiator")
        @Description("Who began the close: CLIENT, SERVER or NONE")
        String initiator;
        @Label("Open Duration")
        @Timespan(Timespan.NANOSECONDS)
        long openDuration;
        @Label("Bytes In")
        @DataAmount
        long bytesIn;
        @Label("Bytes Out")
        @DataAmount
        long bytesOut;
        @Label("Messages In")
        long messagesIn;
        @Label("Messages Out")
        long messagesOut;
    }

    @Name("io.wssocket.SlowSend")
    @Label("WebSocket Slow Send")
    @Description("A blocking send that waited for the peer longer than slow-send-threshold: a slow consumer")
    @Category(CATEGORY)
    static final class SlowSendEvent extends Event {
        @Label("Remote Address")
        String remoteAddress;
        @Label("Path")
        String path;
        @Label("Waited")
        @Timespan(Timespan.NANOSECONDS)
        long waited;
        @Label("Queued Bytes")
        @Description("Bytes still queued for the peer when the send returned")
        @DataAmount
        long queuedBytes;
    }

    @Name("io.wssocket.LimitHit")
    @Label("WebSocket Limit Hit")
    @Description("A limit closed a WebSocket connection or refused a handshake")
    @Category(CATEGORY)
    @StackTrace(false)
    static final class LimitHitEvent extends Event {
        @Label("Limit")
        @Description("The option that names the limit")
        String limit;
        @Label("Remote Address")
        String remoteAddress;
        @Label("Path")
        String path;
        @Label("Code")
        @Description("The close code sent or the HTTP status answered")
        int code;
        @Label("Detail")
        String detail;
    }

    @Name("io.wssocket.LoopStall")
    @Label("WebSocket Event Loop Stall")
    @Description("One turn of an event loop took longer than loop-stall-threshold: the loop's other connections waited")
    @Category(CATEGORY)
    @StackTrace(false)
    static final class LoopStallEvent extends Event {
        @Label("Loop")
        String loop;
        @Label("Turn Duration")
        @Timespan(Timespan.NANOSECONDS)
        long turnDuration;
        @Label("Connections Handled")
        int connectionsHandled;
        @Label("Tasks Run")
        int tasksRun;
        @Label("Slowest")
        @Description("What took longest in the turn: a connection's reads and writes, a task, or a phase")
        String slowest;
        @Label("Slowest Duration")
        @Timespan(Timespan.NANOSECONDS)
        long slowestDuration;
    }
}
