package io.wssocket.interop.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The peers of the matrix, in the order of its rows, with the directions each is tested in. A
 * report of an interop test class that no peer here explains stops the generator (see
 * {@link RunCoverage}), so a new peer cannot be left out of the matrix by accident.
 */
final class MatrixPeers {
    static final List<MatrixPeer> ALL = List.of(
            new MatrixPeer("Tyrus", "Tyrus (Grizzly)", "{tyrus}", EnumSet.allOf(Direction.class)),
            new MatrixPeer("Jdk", "JDK `java.net.http`", "{jdk}", EnumSet.of(Direction.CLIENT_TO_US)),
            new MatrixPeer("Jetty", "Jetty", "{jetty}", EnumSet.allOf(Direction.class)),
            new MatrixPeer("Tomcat", "Tomcat", "{tomcat}", EnumSet.of(Direction.US_TO_SERVER)),
            new MatrixPeer("NodeWs", "Node.js `ws`", "{ws} (Node.js {node})", EnumSet.allOf(Direction.class)),
            new MatrixPeer("Chromium", "Chromium, headless", "{chromium}", EnumSet.of(Direction.CLIENT_TO_US)),
            new MatrixPeer("WsSocket", "WS Socket (our own server)", "{wssocket}", EnumSet.of(Direction.US_TO_SERVER)));

    private MatrixPeers() {
    }

    /** Every test class the matrix knows: each peer, each of its directions, each transport. */
    static List<Suite> suites() {
        List<Suite> suites = new ArrayList<>();
        for (Transport transport : Transport.values()) {
            for (Direction direction : Direction.values()) {
                ALL.stream().filter(peer -> peer.sides().contains(direction))
                        .forEach(peer -> suites.add(new Suite(peer, direction, transport)));
            }
        }
        return List.copyOf(suites);
    }

    static Optional<Suite> suiteOf(String testClass) {
        return suites().stream().filter(suite -> suite.testClass().equals(testClass)).findFirst();
    }
}
