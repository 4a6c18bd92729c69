package io.wssocket.transport;

/**
 * Told when one turn of an event loop took longer than its threshold: while it ran, every other
 * connection of that loop waited. Called on the loop that stalled, after the turn; must not block.
 */
public interface LoopStallListener {
    /**
     * @param loop the loop's thread name
     * @param turnNanos how long the turn took, from the end of its select to the end of its work
     * @param connectionsHandled the connections whose reads or writes the turn handled
     * @param tasksRun the tasks other threads had handed to the loop that the turn ran
     * @param slowest what took longest in the turn: "reads and writes of" a connection, "task of"
     *     a class (a task handed to the loop), "registering new connections", or "timers and held frames"
     * @param slowestNanos how long that took
     */
    void stalled(String loop, long turnNanos, int connectionsHandled, int tasksRun, String slowest, long slowestNanos);
}
