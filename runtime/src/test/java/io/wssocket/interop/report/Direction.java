package io.wssocket.interop.report;

/** Which end of an interop test is the third party's. */
enum Direction {
    /** A third-party client against WS Socket's server: the {@code *ClientInteropTest} classes. */
    CLIENT_TO_US,
    /** WS Socket's client container against a third-party server: the {@code *ServerInteropTest} classes. */
    US_TO_SERVER;

    /** What the test class name says after the peer's name. */
    String classInfix() {
        return this == CLIENT_TO_US ? "Client" : "Server";
    }

    /** The third party's end. */
    String peerSide() {
        return this == CLIENT_TO_US ? "its client" : "its server";
    }

    /** The heading of the direction's column in the matrix. */
    String column() {
        return this == CLIENT_TO_US ? "its client → WS Socket server" : "WS Socket client → its server";
    }

    /** The heading of the direction's section on the page. */
    String heading() {
        return this == CLIENT_TO_US ? "Third-party clients → WS Socket server" : "WS Socket client → third-party servers";
    }
}
