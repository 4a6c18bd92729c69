package io.wssocket.protocol;

import java.util.concurrent.atomic.LongAdder;

/**
 * Messages and bytes of many connections added up as they flow (an endpoint's, for its metrics),
 * so that an operator sees the traffic of sessions that stay open, not only of those that closed.
 * A connection adds once per read (what the read carried) and once per send, to adders that
 * threads on different loops do not contend for. Any thread.
 */
public final class TrafficCounter {
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();

    /** A read: its bytes and the whole messages it completed. */
    void read(long bytes, long messages) {
        bytesIn.add(bytes);
        if (messages != 0) {
            messagesIn.add(messages);
        }
    }

    /** A send: its frame bytes, and whether it ended a data message. */
    void sent(long bytes, boolean endsMessage) {
        bytesOut.add(bytes);
        if (endsMessage) {
            messagesOut.increment();
        }
    }

    /** @return bytes read after the handshake */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** @return whole data messages read */
    public long messagesIn() {
        return messagesIn.sum();
    }

    /** @return frame bytes sent */
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** @return whole data messages sent */
    public long messagesOut() {
        return messagesOut.sum();
    }
}
