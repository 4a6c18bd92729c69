package io.wssocket.bench;

/**
 * A driver whose clients each run on their own thread over a blocking socket (the hostile and soak
 * runs), as its {@code main} runs it; the selector drivers have {@link SelectorLoad#runMain}.
 */
interface ThreadedDriver {

    /** Runs the whole load and returns its {@code RESULT} line. */
    String run() throws InterruptedException;

    long errorCount();

    interface Factory {
        /** @throws IllegalArgumentException on a bad option, with a message that names it */
        ThreadedDriver create();
    }

    /**
     * Builds the driver (a bad option: its message and the usage on stderr, exit 2), runs it,
     * prints the result on stdout and exits 1 if any error was seen.
     */
    static void runMain(String name, String usage, Factory factory) throws InterruptedException {
        ThreadedDriver load = BadOptionExit.createOrExit(name, usage, factory::create);
        String result = load.run();
        System.out.println(result);
        System.out.flush();
        // client threads may still sit in a blocked write on a closed socket: do not wait for them
        System.exit(load.errorCount() > 0 ? 1 : 0);
    }
}
