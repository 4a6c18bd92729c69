package io.wssocket.bench;

/** A driver's error count; the first few are printed on stderr, the rest only counted. */
final class LoadErrors {

    private static final int MAX_PRINTED = 10;

    private long count;

    void add(String message, long n) {
        if (count < MAX_PRINTED) {
            System.err.println("error: " + message);
        } else if (count == MAX_PRINTED) {
            System.err.println("error: (further errors counted, not printed)");
        }
        count += n;
    }

    long count() {
        return count;
    }
}
