package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.cluster.PresenceEvent;
import io.wssocket.spi.ClusterSettings;
import io.wssocket.spi.ClusterTransport;
import io.wssocket.spi.ClusterTransportProvider;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence under session churn: what waits to be recorded in the cluster is one entry per session
 * at most, within a bound, whatever the churn; past the bound the node re-syncs its presence from
 * its open sessions (logged) rather than dropping changes; the presence every node sees ends equal
 * to the sessions open, with a join and then a leave event for every session that was recorded.
 * Two nodes share an in-memory transport whose recording can be held up, standing in for a slow
 * cluster engine.
 */
class ClusterPresenceChurnTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PATH = "/chat";
    private final SharedPresence cluster = new SharedPresence();
    private final List<ClusterMessaging> nodes = new ArrayList<>();

    @AfterEach
    void leave() {
        cluster.open();
        nodes.forEach(ClusterMessaging::close);
    }

    @Test
    void theBoundIsOptionClusterPresencePendingMax4096ByDefault() {
        assertThat(node(null).presenceUpdater().bound()).isEqualTo(4096);
        assertThat(node(64).presenceUpdater().bound()).isEqualTo(64);
    }

    @Test
    void aBurstOfTwentyThousandOpenClosePairsStaysWithinTheBoundAndPresenceEndsEqualToTheOpenSessions() throws Exception {
        ClusterMessaging a = node(64);
        ClusterMessaging b = node(64);
        List<PresenceEvent> seenOnB = new CopyOnWriteArrayList<>();
        b.onPresence(seenOnB::add);
        Set<Session> sessionsOfA = a.observe(PATH, ConcurrentHashMap.newKeySet());
        Set<String> staying = new HashSet<>();

        cluster.hold();
        try (CapturedLog log = CapturedLog.start(PresenceUpdater.class, Level.WARNING)) {
            for (int i = 0; i < 20_000; i++) {
                Session session = session("burst-" + i);
                sessionsOfA.add(session);
                a.join(session, "room");
                sessionsOfA.remove(session);
                if (i % 2_000 == 0) {
                    Session stays = session("stays-" + i);
                    sessionsOfA.add(stays);
                    a.join(stays, "room");
                    staying.add(stays.getId());
                }
            }
            assertThat(a.presenceUpdater().pendingHighWater()).isEqualTo(64);
            cluster.open();

            await().atMost(WAIT).until(() -> a.presenceUpdater().idle());
            // Warned once for each time the bound was reached, each followed by a re-sync.
            List<String> warnings = log.messages(Level.WARNING, "presence changes of 64 sessions wait");
            assertThat(warnings).isNotEmpty();
            assertThat(a.presenceUpdater().resyncs()).isEqualTo(warnings.size());
        }
        assertThat(a.presenceUpdater().pendingHighWater()).isLessThanOrEqualTo(64);
        for (ClusterMessaging node : List.of(a, b)) {
            assertThat(node.sessions(PATH)).isEqualTo(staying);
            assertThat(node.groupMembers("room")).isEqualTo(staying);
        }
        assertThat(presentAfter(seenOnB, PresenceEvent.Scope.PATH)).isEqualTo(staying);
        assertThat(presentAfter(seenOnB, PresenceEvent.Scope.GROUP)).isEqualTo(staying);
        for (String id : staying) {
            assertThat(seenOnB).contains(new PresenceEvent(PresenceEvent.Scope.PATH, PATH, id, true),
                    new PresenceEvent(PresenceEvent.Scope.GROUP, "room", id, true));
        }
    }

    @Test
    void aSessionThatOpensAndClosesBeforeItIsRecordedBringsNoEventWhileOneThatStaysBringsItsJoinAndLaterItsLeave() {
        ClusterMessaging a = node(null);
        ClusterMessaging b = node(null);
        List<PresenceEvent> seenOnB = new CopyOnWriteArrayList<>();
        b.onPresence(seenOnB::add);
        Set<Session> sessionsOfA = a.observe(PATH, ConcurrentHashMap.newKeySet());

        cluster.hold();
        sessionsOfA.add(session("first")); // the updater takes it at once, and waits for the engine
        await().atMost(WAIT).until(() -> cluster.held > 0);
        Session brief = session("brief");
        sessionsOfA.add(brief);
        a.join(brief, "room");
        sessionsOfA.remove(brief);
        Session stays = session("stays");
        sessionsOfA.add(stays);
        a.join(stays, "room");
        a.leave(stays, "room");
        a.join(stays, "lobby");
        cluster.open();

        await().atMost(WAIT).until(() -> a.presenceUpdater().idle() && b.sessions(PATH).contains("stays"));
        assertThat(b.groupMembers("lobby")).containsExactly("stays");
        assertThat(b.groupMembers("room")).isEmpty();
        assertThat(seenOnB).extracting(PresenceEvent::sessionId).doesNotContain("brief");
        assertThat(seenOnB).containsExactlyInAnyOrder(
                new PresenceEvent(PresenceEvent.Scope.PATH, PATH, "first", true),
                new PresenceEvent(PresenceEvent.Scope.PATH, PATH, "stays", true),
                new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", "stays", true));
        assertThat(a.presenceUpdater().resyncs()).isZero();

        sessionsOfA.remove(stays);

        await().atMost(WAIT).untilAsserted(() -> assertThat(seenOnB).contains(
                new PresenceEvent(PresenceEvent.Scope.PATH, PATH, "stays", false),
                new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", "stays", false)));
        assertThat(b.sessions(PATH)).containsExactly("first");
        assertThat(b.groupMembers("lobby")).isEmpty();
    }

    @Test
    void closingTheNodeStopsItsUpdaterEvenWhileTheEngineHoldsItUp() {
        ClusterMessaging a = node(64);
        Set<Session> sessionsOfA = a.observe(PATH, ConcurrentHashMap.newKeySet());
        cluster.hold();
        for (int i = 0; i < 1_000; i++) {
            sessionsOfA.add(session("s-" + i));
        }
        await().atMost(WAIT).until(() -> cluster.held > 0);

        a.close();
        nodes.remove(a);

        await().atMost(WAIT).until(() -> a.presenceUpdater().terminated());
        assertThat(a.presenceUpdater().pendingHighWater()).isLessThanOrEqualTo(64);
    }

    /** Which ids the events leave present in {@code scope}, replayed in order. */
    private static Set<String> presentAfter(List<PresenceEvent> events, PresenceEvent.Scope scope) {
        Map<String, Integer> balance = new HashMap<>();
        for (PresenceEvent event : events) {
            if (event.scope() == scope) {
                int now = balance.merge(event.sessionId(), event.joined() ? 1 : -1, Integer::sum);
                assertThat(now).as("events of " + event.sessionId() + " alternate join, leave").isBetween(0, 1);
            }
        }
        Set<String> present = new HashSet<>();
        balance.forEach((id, count) -> {
            if (count == 1) {
                present.add(id);
            }
        });
        return present;
    }

    /** A node with option cluster-presence-pending-max {@code bound}, or its default for null. */
    private ClusterMessaging node(Integer bound) {
        ServerConfig.Builder config = ServerConfig.defaults().clusterName("test");
        if (bound != null) {
            config.clusterPresencePendingMax(bound);
        }
        try {
            ClusterMessaging node = ClusterMessaging.join(cluster, config.build());
            nodes.add(node);
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A server session as far as the cluster looks at one: an id, open. */
    private static Session session(String id) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isOpen" -> true;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "session " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * The presence table of an in-memory cluster: every node's transport records in it and tells
     * every node's receiver of each change; {@link #hold} makes recording wait until {@link #open}.
     */
    private static final class SharedPresence implements ClusterTransportProvider {
        private final Map<String, Set<String>> presence = new HashMap<>();
        private final List<ClusterTransport.Receiver> receivers = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        volatile int held;

        void hold() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public ClusterTransport join(ClusterSettings settings, ClusterTransport.Receiver receiver) {
            receivers.add(receiver);
            String nodeId = "node-" + receivers.size();
            return new ClusterTransport() {
                @Override
                public String nodeId() {
                    return nodeId;
                }

                @Override
                public void publish(byte[] message) {
                    receivers.forEach(r -> r.message(message));
                }

                @Override
                public void present(String scope, String sessionId) {
                    change(scope, sessionId, true);
                }

                @Override
                public void absent(String scope, String sessionId) {
                    change(scope, sessionId, false);
                }

                @Override
                public Set<String> presentIn(String scope) {
                    synchronized (presence) {
                        return Set.copyOf(presence.getOrDefault(scope, Set.of()));
                    }
                }

                @Override
                public void close() {
                    receivers.remove(receiver);
                }
            };
        }

        private void change(String scope, String sessionId, boolean joined) {
            held++;
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the engine held the change up", e);
            }
            synchronized (presence) {
                Set<String> ids = presence.computeIfAbsent(scope, s -> new HashSet<>());
                if (joined ? ids.add(sessionId) : ids.remove(sessionId)) {
                    receivers.forEach(r -> r.presence(scope, sessionId, joined));
                }
            }
        }
    }
}
