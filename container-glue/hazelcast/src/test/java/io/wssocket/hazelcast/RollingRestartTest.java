package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.WebSocketClient;
import io.wssocket.cluster.Cluster;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rolling restart of issue 17: three clustered nodes behind HAProxy
 * ({@code docs/deploy/haproxy-leastconn.cfg}), 300 members of one room on our client container
 * with reconnection on, and application code publishing 50 numbered messages a second to the room
 * through the {@link Cluster} API of a node that stays up (as a feed running in the application
 * would). Each node in turn is drained and restarted, a new server on the same port joining the
 * cluster again, while the messages flow. What must hold: the members on the other nodes are not
 * disturbed and receive every message published while the node drains and restarts, in order
 * (0 lost); the drained node's members get 1001 and come back through HAProxy; every session
 * receives the numbers in order without a gap for as long as it is open; the servers that stopped
 * leave no threads behind. How long the drained node's members took to come back is reported (in
 * the test's output and {@code target/rolling-restart.txt}), not asserted.
 */
@Timeout(300)
class RollingRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MEMBERS = 300;
    private static final int PER_SECOND = 50;
    private static final String ROOM = "rolling";
    private static final Path REPORT = Path.of("target", "rolling-restart.txt");

    /** What one node's drain and restart left: who stayed where, and the numbers published meanwhile. */
    record Phase(int node, String drained, Map<RoomMember, RoomMember.Stay> atStart, int firstPublished,
                 int lastPublished, Resources after) {
        /** The members whose session was on another node when the drain began. */
        List<RoomMember> stayed() {
            return atStart.entrySet().stream().filter(e -> !e.getValue().node().equals(drained)).map(Map.Entry::getKey).toList();
        }

        List<RoomMember> moved() {
            return atStart.entrySet().stream().filter(e -> e.getValue().node().equals(drained)).map(Map.Entry::getKey).toList();
        }
    }

    /** The JVM's live threads and open file descriptors (-1 where /proc is missing). */
    record Resources(int threads, long fds) {
        static Resources now() {
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            } catch (IOException e) {
                fds = -1;
            }
            return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), fds);
        }

        @Override
        public String toString() {
            return threads + " threads, " + fds + " fds";
        }
    }

    @Test
    void eachNodeDrainedAndRestartedInTurnWhile50MessagesASecondFlowLosesNothingOnTheOtherNodes() throws Exception {
        List<Phase> phases = new ArrayList<>();
        Resources idle;
        Resources connected;
        int published;
        try (ClusterNodes nodes = new ClusterNodes(3, options -> options.drainGraceMillis(2500).drainWindowMillis(2000)
                .shutdownTimeoutMillis(3000).forwardedHeaders("x-forwarded-for").trustedProxies("127.0.0.1"));
             Balancer haproxy = Balancer.haproxy("haproxy-leastconn.cfg", nodes.placeholders());
             WebSocketClient client = WebSocketClient.create(ClientConfig.defaults().clientReconnect(true).build());
             Publisher publisher = new Publisher(nodes.node(2).cluster())) {
            idle = Resources.now();
            List<RoomMember> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(RoomMember.join(client, haproxy.port(), ROOM, publisher::published));
            }
            await("members in the room, receiving").atMost(WAIT)
                    .until(() -> members.stream().allMatch(RoomMember::receiving));
            connected = Resources.now();

            for (int node = 0; node < 3; node++) {
                phases.add(drainAndRestart(node, nodes, haproxy, members, publisher));
            }
            published = publisher.stop();
            assertThat(publisher.failures).as("publishing failed").isEmpty();
            await("every open session has the last message").atMost(WAIT).until(() -> members.stream()
                    .allMatch(m -> m.current().isOpen() && m.current().last() == published));

            for (RoomMember member : members) {
                for (RoomMember.Stay stay : member.stays()) {
                    // every number published while the session was in the room, in order
                    assertThat(stay.faults()).as("numbers received out of order or with a gap").isEmpty();
                    assertThat(stay.first()).as("first number received, published %d when the session joined",
                            stay.publishedAtJoin()).isBetween(0, stay.publishedAtJoin() + 2);
                }
            }
        }
        String report = report(phases, idle, connected, published);
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report, StandardCharsets.UTF_8);

        for (Phase phase : phases) {
            int expected = phase.lastPublished() - phase.firstPublished() + 1;
            for (RoomMember member : phase.stayed()) {
                RoomMember.Stay stay = phase.atStart().get(member);
                assertThat(stay.receivedBetween(phase.firstPublished(), phase.lastPublished()))
                        .as("numbers %d..%d published while node%d drained and restarted, received by a session of another node",
                                phase.firstPublished(), phase.lastPublished(), phase.node() + 1)
                        .isEqualTo(expected);
            }
        }
        // What the restarted servers hold replaces what the stopped ones held.
        Resources end = phases.get(2).after();
        assertThat(end.threads()).as("threads after three restarts (connected: %s)", connected)
                .isLessThan(connected.threads() + 40);
        assertThat(end.fds()).as("file descriptors after three restarts (connected: %s)", connected)
                .isLessThan(connected.fds() + 100);
    }

    /**
     * Drains node {@code index} with the publisher on another node and restarts it: its members
     * must come back through HAProxy while the others' sessions stay; ends once HAProxy has it
     * in rotation again and every member receives.
     */
    private static Phase drainAndRestart(int index, ClusterNodes nodes, Balancer haproxy, List<RoomMember> members,
                                         Publisher publisher) throws Exception {
        String server = "Server nodes/node" + (index + 1) + " is ";
        long upBefore = haproxy.linesWith(server + "UP");
        long downBefore = haproxy.linesWith(server + "DOWN");
        publisher.via(nodes.node((index + 2) % 3).cluster());
        String drained = nodes.node(index).cluster().nodeId();
        Map<RoomMember, RoomMember.Stay> atStart = members.stream().collect(Collectors.toMap(Function.identity(), RoomMember::current));
        int first = publisher.published() + 1;

        CompletableFuture<Void> stopped = nodes.node(index).drain();
        stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        haproxy.awaitLines(server + "DOWN", downBefore + 1);
        await("node" + (index + 1) + "'s members back in the room").atMost(WAIT).until(() -> members.stream()
                .allMatch(m -> m.receiving() && m.current().node() != null && !m.current().node().equals(drained)));
        nodes.restart(index);
        haproxy.awaitLines(server + "UP", upBefore + 1);
        int last = publisher.published();
        Phase phase = new Phase(index, drained, atStart, first, last, Resources.now());

        for (RoomMember member : phase.stayed()) {
            assertThat(member.current()).as("a member of a node that stayed while node%d drained", index + 1)
                    .isSameAs(atStart.get(member));
            assertThat(member.current().isOpen()).isTrue();
        }
        for (RoomMember member : phase.moved()) {
            RoomMember.Stay gone = atStart.get(member);
            assertThat(gone.closeCode()).as("how node%d closed its session", index + 1).isEqualTo(1001);
            assertThat(member.stays()).as("the member's sessions").hasSize(member.stays().indexOf(gone) + 2);
        }
        return phase;
    }

    private static String report(List<Phase> phases, Resources idle, Resources connected, int published) {
        StringBuilder out = new StringBuilder("Rolling restart: 3 nodes behind HAProxy (haproxy-leastconn.cfg), " + MEMBERS
                + " room members with client-reconnect, " + PER_SECOND + " msg/s through the Cluster API; drain-grace 2.5 s, "
                + "drain-window 2 s.\n");
        out.append("Messages published: ").append(published).append('\n');
        out.append("Resources (this JVM: 3 nodes, " + MEMBERS + " clients): idle ").append(idle).append("; connected ")
                .append(connected).append('\n');
        List<Long> all = new ArrayList<>();
        for (Phase phase : phases) {
            List<RoomMember> stayed = phase.stayed();
            long lost = 0;
            for (RoomMember member : stayed) {
                lost += (phase.lastPublished() - phase.firstPublished() + 1)
                        - phase.atStart().get(member).receivedBetween(phase.firstPublished(), phase.lastPublished());
            }
            List<Long> millis = new ArrayList<>();
            long missed = 0;
            int again = 0;
            for (RoomMember member : phase.moved()) {
                RoomMember.Stay gone = phase.atStart().get(member);
                again += member.stays().indexOf(gone) > 0 ? 1 : 0;
                RoomMember.Stay next = member.stays().get(member.stays().indexOf(gone) + 1);
                millis.add(TimeUnit.NANOSECONDS.toMillis(next.joinedNanos() - gone.closedNanos()));
                missed += next.first() - gone.last() - 1;
            }
            all.addAll(millis);
            out.append(String.format("node%d: messages %d..%d published while it drained and restarted; %d sessions on the "
                    + "other nodes lost %d; %d sessions moved (%d of them moved before: their back-off goes on from "
                    + "the first move, cap 1 s), reconnect %s; messages published while a moved client was away: %d "
                    + "in all; after: %s%n", phase.node() + 1, phase.firstPublished(), phase.lastPublished(),
                    stayed.size(), lost, millis.size(), again, spread(millis), missed, phase.after()));
        }
        out.append("All moved clients: reconnect ").append(spread(all)).append('\n');
        return out.toString();
    }

    /** min/median/max in ms, from the 1001 to the new session in the room. */
    private static String spread(List<Long> millis) {
        if (millis.isEmpty()) {
            return "-";
        }
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format("min %d ms, median %d ms, max %d ms", sorted.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1));
    }

    /**
     * Application code publishing {@code "p:1"}, {@code "p:2"}, ... to the room at
     * {@value #PER_SECOND} a second, one after another, through the cluster of a node it is told.
     */
    private static final class Publisher implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "publisher");
            t.setDaemon(true);
            return t;
        });
        private final AtomicInteger published = new AtomicInteger();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private volatile Cluster via;

        Publisher(Cluster via) {
            this.via = via;
            timer.scheduleAtFixedRate(this::publishNext, 0, 1000 / PER_SECOND, TimeUnit.MILLISECONDS);
        }

        private void publishNext() {
            int next = published.get() + 1;
            try {
                via.broadcastToGroup(ROOM, RoomMember.NUMBERED + next);
                published.set(next);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }

        /** From the next message on, through {@code cluster}. */
        void via(Cluster cluster) {
            via = cluster;
        }

        /** The last number whose publishing returned. */
        int published() {
            return published.get();
        }

        /** Stops after the message being published; the last number. */
        int stop() throws InterruptedException {
            timer.shutdown();
            assertThat(timer.awaitTermination(30, TimeUnit.SECONDS)).as("publisher stopped").isTrue();
            return published.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
