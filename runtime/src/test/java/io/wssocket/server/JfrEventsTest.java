package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.spi.ServerMetricsListener;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each of the server's Flight Recorder events is recorded when it happens, with the fields an
 * operator reads in {@code jfr print}: the recording is dumped to target/jfr and read back.
 */
class JfrEventsTest {
    private static final RecordingMetricsListener LISTENER = new RecordingMetricsListener();

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.metricsListener(LISTENER)
            .option("max-message-size", "200")
            .option("slow-send-threshold", "100")
            .option("loop-stall-threshold", "50"), TelemetryEndpoints::deploy);

    private Recording recording;
    private Path file;

    @BeforeEach
    void record(TestInfo test) throws IOException {
        LISTENER.events.clear();
        recording = new Recording();
        for (String name : List.of("Handshake", "SessionClosed", "SlowSend", "LimitHit", "LoopStall")) {
            recording.enable("io.wssocket." + name).withoutThreshold();
        }
        recording.start();
        Path dir = Files.createDirectories(Path.of("target", "jfr"));
        file = dir.resolve(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName() + ".jfr");
    }

    @AfterEach
    void stop() {
        recording.close();
    }

    private List<RecordedEvent> recorded(String name) throws IOException {
        if (recording.getState() == jdk.jfr.RecordingState.RUNNING) {
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.wssocket." + name)).toList();
    }

    @Test
    void theEventsAreDescribedForJfrTools() {
        List<EventType> ours = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().startsWith("io.wssocket.")).toList();
        assertThat(ours).extracting(EventType::getName).contains("io.wssocket.Handshake", "io.wssocket.SessionClosed",
                "io.wssocket.SlowSend", "io.wssocket.LimitHit", "io.wssocket.LoopStall");
        assertThat(ours).allSatisfy(t -> {
            assertThat(t.getCategoryNames()).containsExactly("WS Socket");
            assertThat(t.getLabel()).startsWith("WebSocket");
            assertThat(t.getDescription()).isNotBlank();
        });
    }

    @Test
    void aSessionRecordsItsHandshakeAndItsClose() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/echo")) {
            ws.sendText("hello");
            assertThat(ws.readFrame().text()).isEqualTo("hello");
            ws.sendClose(1001, "");
            ws.readCloseFrame();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !LISTENER.of(ServerMetricsListener.SessionClosed.class).isEmpty());

        RecordedEvent handshake = single(recorded("Handshake"));
        assertThat(handshake.getInt("status")).isEqualTo(101);
        assertThat(handshake.getString("path")).isEqualTo("/echo");
        assertThat(handshake.getString("remoteAddress")).startsWith("127.0.0.1:");
        assertThat(handshake.getDuration("handshakeDuration")).isPositive();

        RecordedEvent closed = single(recorded("SessionClosed"));
        assertThat(closed.getInt("closeCode")).isEqualTo(1001);
        assertThat(closed.getString("initiator")).isEqualTo("CLIENT");
        assertThat(closed.getString("path")).isEqualTo("/echo");
        assertThat(closed.getLong("messagesIn")).isEqualTo(1);
        assertThat(closed.getLong("messagesOut")).isEqualTo(1);
        assertThat(closed.getLong("bytesIn")).isEqualTo(11 + 8);
        assertThat(closed.getLong("bytesOut")).isEqualTo(7);
        assertThat(closed.getDuration("openDuration")).isPositive();
    }

    @Test
    void aRefusalRecordsItsStatus() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(SERVER.port())) {
            ws.sendRaw(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().status()).isEqualTo(404);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(ServerMetricsListener.Handshake.class).isEmpty());
        RecordedEvent refused = single(recorded("Handshake"));
        assertThat(refused.getInt("status")).isEqualTo(404);
        assertThat(refused.getString("path")).isEqualTo("/nowhere");
        assertThat(refused.getString("reason")).contains("no WebSocket endpoint");
    }

    @Test
    void aLimitThatClosesASessionIsRecordedByName() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/echo")) {
            ws.sendText("x".repeat(300));
            assertThat(ws.readCloseFrame().code()).isEqualTo(1009);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(ServerMetricsListener.LimitHit.class).isEmpty());
        RecordedEvent hit = single(recorded("LimitHit"));
        assertThat(hit.getString("limit")).isEqualTo("max-message-size");
        assertThat(hit.getInt("code")).isEqualTo(1009);
        assertThat(hit.getString("path")).isEqualTo("/echo");
    }

    @Test
    void aSendThatWaitsForAPeerThatDoesNotReadIsRecorded() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connectWithReceiveBuffer(SERVER.port(), 4096)) {
            ws.handshake("/big");
            ws.sendText("go");
            // Not reading for a while: the server's blocking send of 8 MiB waits past slow-send-threshold.
            TimeUnit.MILLISECONDS.sleep(400);
            RawWebSocket.Frame big = ws.readFrame();
            assertThat(big.payload()).hasSize(TelemetryEndpoints.BIG);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(ServerMetricsListener.SlowSend.class).isEmpty());
        RecordedEvent slow = recorded("SlowSend").get(0);
        assertThat(slow.getString("path")).isEqualTo("/big");
        assertThat(slow.getDuration("waited")).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(slow.getString("remoteAddress")).startsWith("127.0.0.1:");
    }

    @Test
    void anAsynchronousSendThatWaitsForAPeerThatDoesNotReadIsRecordedWhenItIsWritten() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connectWithReceiveBuffer(SERVER.port(), 4096)) {
            ws.handshake("/big");
            ws.sendText("async");
            TimeUnit.MILLISECONDS.sleep(400); // the send is queued, the handler long returned
            assertThat(LISTENER.of(ServerMetricsListener.SlowSend.class)).as("not told before it is written").isEmpty();
            RawWebSocket.Frame big = ws.readFrame();
            assertThat(big.payload()).hasSize(TelemetryEndpoints.BIG);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(ServerMetricsListener.SlowSend.class).isEmpty());
        RecordedEvent slow = single(recorded("SlowSend"));
        assertThat(slow.getString("path")).isEqualTo("/big");
        assertThat(slow.getDuration("waited")).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aLoopTurnLongerThanTheThresholdIsRecorded() throws Exception {
        SERVER.server().eventLoops().next().execute(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(120); // what a blocking call on a loop does to its connections
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(ServerMetricsListener.LoopStall.class).isEmpty());
        RecordedEvent stall = recorded("LoopStall").stream()
                .filter(e -> e.getInt("tasksRun") >= 1).findFirst().orElseThrow();
        assertThat(stall.getString("loop")).startsWith("wssocket-loop-");
        assertThat(stall.getDuration("turnDuration")).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        // It names what ran: the task handed to the loop, by the class that made it.
        assertThat(stall.getString("slowest")).isEqualTo("task of " + JfrEventsTest.class.getName());
        assertThat(stall.getDuration("slowestDuration")).isGreaterThanOrEqualTo(Duration.ofMillis(120));
        assertThat(LISTENER.of(ServerMetricsListener.LoopStall.class)).anySatisfy(told -> {
            assertThat(told.slowest()).isEqualTo("task of " + JfrEventsTest.class.getName());
            assertThat(told.slowestNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
        });
    }

    private static RecordedEvent single(List<RecordedEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
