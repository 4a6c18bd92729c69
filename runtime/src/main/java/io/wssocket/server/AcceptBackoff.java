package io.wssocket.server;

/**
 * How long the acceptor pauses after accept fails (most often EMFILE: the process is out of file
 * descriptors, and retrying at once only spins and floods the log): 10 ms, doubling with every
 * failure in a row up to 1 s, and back to 10 ms after the first success. Acceptor thread only.
 */
final class AcceptBackoff {
    static final long FIRST_PAUSE_MILLIS = 10;
    static final long MAX_PAUSE_MILLIS = 1000;

    private long nextPause = FIRST_PAUSE_MILLIS;

    /** One more failure in a row: @return how long to pause before the next accept, in milliseconds */
    long failed() {
        long pause = nextPause;
        nextPause = Math.min(MAX_PAUSE_MILLIS, nextPause * 2);
        return pause;
    }

    void succeeded() {
        nextPause = FIRST_PAUSE_MILLIS;
    }
}
