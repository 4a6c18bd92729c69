package io.wssocket.interop;

/**
 * How a message travels in an echo case: in how many parts the client sends it, and which server
 * endpoint answers, whole or in parts.
 */
enum EchoRoute {
    /** One frame each way. */
    WHOLE(InteropEndpoints.ECHO, 1, false),
    /** The client sends three frames; the server gathers them and answers with one. */
    CLIENT_FRAGMENTED(InteropEndpoints.ECHO, 3, false),
    /** One frame from the client; the server answers in three parts. */
    SERVER_FRAGMENTED(InteropEndpoints.FRAGMENTING_ECHO, 1, true),
    /** Three frames from the client; the server gathers them and answers in three parts. */
    FRAGMENTED_BOTH_WAYS(InteropEndpoints.FRAGMENTING_ECHO, 3, true);

    private final String path;
    private final int clientParts;
    private final boolean serverFragments;

    EchoRoute(String path, int clientParts, boolean serverFragments) {
        this.path = path;
        this.clientParts = clientParts;
        this.serverFragments = serverFragments;
    }

    String path() {
        return path;
    }

    int clientParts() {
        return clientParts;
    }

    /** Whether the reply comes in at least three frames. */
    boolean serverFragments() {
        return serverFragments;
    }
}
