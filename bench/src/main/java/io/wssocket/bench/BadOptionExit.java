package io.wssocket.bench;

import java.util.function.Supplier;

/** How every driver's {@code main} treats a bad option: the reason and the usage on stderr, exit status 2. */
final class BadOptionExit {

    private BadOptionExit() {
    }

    /** The driver {@code create} builds from its options; on an {@link IllegalArgumentException}, the process exits. */
    static <T> T createOrExit(String name, String usage, Supplier<T> create) {
        try {
            return create.get();
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw new AssertionError("unreachable: exited", e);
        }
    }
}
