package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.cluster.Cluster;
import io.wssocket.cluster.PresenceEvent;
import io.wssocket.cluster.PresenceEvent.Scope;
import io.wssocket.test.JdkClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client node (option cluster-client) whose process is paused past its lease, as a machine that
 * stalls or a network that drops it does: its lease expires, the other nodes remove its sessions'
 * presence and tell leaves; when it goes on, it finds its lease gone and records its presence
 * again, and they tell joins. The node runs in a process of its own ({@link ClientNodeProcess}),
 * paused with SIGSTOP and let go with SIGCONT, so that nothing of it runs meanwhile: no renewal,
 * no Hazelcast client thread.
 */
class ClientNodePausedTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long LEASE_MILLIS = 3_000;
    private ClusterNodes members;
    private Process clientNode;

    @AfterEach
    void stop() throws Exception {
        if (clientNode != null) {
            signal("CONT");
            clientNode.getOutputStream().close(); // it stops when its input ends
            if (!clientNode.waitFor(30, TimeUnit.SECONDS)) {
                clientNode.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (members != null) {
            members.close();
        }
    }

    @Test
    void aClientNodePausedPastItsLeaseLeavesPresenceWithLeavesAndComesBackWithJoins() throws Exception {
        members = new ClusterNodes(2);
        Cluster seenFrom = members.node(1).cluster();
        List<PresenceEvent> seen = new CopyOnWriteArrayList<>();
        seenFrom.onPresence(seen::add);
        String[] ready = startClientNode();
        URI room = URI.create("ws://127.0.0.1:" + ready[1] + "/room?group=lobby");
        try (JdkClient onPaused = JdkClient.connect(room);
             JdkClient onMember = JdkClient.connect(members.uri(0, "group=lobby"))) {
            String paused = ClusterMessagingTest.idOf(onPaused);
            String member = ClusterMessagingTest.idOf(onMember);
            await().atMost(WAIT).untilAsserted(() -> assertThat(seen).containsExactlyInAnyOrder(
                    joined(paused, true), new PresenceEvent(Scope.PATH, "/room", paused, true),
                    joined(member, true), new PresenceEvent(Scope.PATH, "/room", member, true)));

            signal("STOP");
            await("its lease expired and its presence removed").atMost(WAIT).untilAsserted(() -> {
                assertThat(seenFrom.groupMembers("lobby")).containsExactly(member);
                assertThat(seenFrom.sessions("/room")).containsExactly(member);
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(since(seen, 4)).containsExactlyInAnyOrder(
                    joined(paused, false), new PresenceEvent(Scope.PATH, "/room", paused, false)));

            signal("CONT");
            for (int node = 0; node < 2; node++) {
                Cluster cluster = members.node(node).cluster();
                await("its presence recorded again").atMost(WAIT).untilAsserted(() -> {
                    assertThat(cluster.groupMembers("lobby")).containsExactlyInAnyOrder(paused, member);
                    assertThat(cluster.sessions("/room")).containsExactlyInAnyOrder(paused, member);
                });
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(since(seen, 6)).containsExactlyInAnyOrder(
                    joined(paused, true), new PresenceEvent(Scope.PATH, "/room", paused, true)));
            // It is whole again: a message from it reaches the member's session.
            onPaused.send("room lobby back");
            assertThat(onMember.next(60)).isEqualTo("back");
            // And it stays so over the renewals that follow.
            Thread.sleep(2 * LEASE_MILLIS); // several renewals: nothing to wait for but time
            assertThat(seenFrom.groupMembers("lobby")).containsExactlyInAnyOrder(paused, member);
            assertThat(seen).hasSize(8);
        }
    }

    /** The event of session {@code id} joining or leaving group lobby. */
    private static PresenceEvent joined(String id, boolean joined) {
        return new PresenceEvent(Scope.GROUP, "lobby", id, joined);
    }

    /** The events from the {@code from}th on, of a copy taken now. */
    private static List<PresenceEvent> since(List<PresenceEvent> events, int from) {
        List<PresenceEvent> now = List.copyOf(events);
        return now.subList(Math.min(from, now.size()), now.size());
    }

    /** Starts {@link ClientNodeProcess}; returns its ready line's words: "ready", port, node id. */
    private String[] startClientNode() throws Exception {
        Path log = Path.of("target", "client-node-process.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(List.of(ClientNodeProcess.class.getName(), members.name, members.members,
                Long.toString(LEASE_MILLIS)));
        clientNode = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(clientNode.getInputStream(),
                StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(line).as("the client node's first line (its log: %s)", log).startsWith("ready ");
        return line.split(" ");
    }

    /** Sends signal {@code name} to the client node's process (ours, by its pid). */
    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(clientNode.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
