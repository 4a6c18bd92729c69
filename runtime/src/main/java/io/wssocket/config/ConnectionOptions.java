package io.wssocket.config;

import io.wssocket.transport.TlsContext;
import java.util.List;

/**
 * The options both ends of a connection have, server and client: limits, timeouts, buffers and
 * threads. Each is defined here once; {@code ServerConfig} and {@code ClientConfig} both read
 * them, and {@link ConnectionSettings} makes the settings of each layer from them.
 */
public final class ConnectionOptions {
    static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final OptionType<Integer> POSITIVE_INT = OptionType.integer(1, Integer.MAX_VALUE);
    private static final OptionType<Long> POSITIVE_LONG = OptionType.longInteger(1, Long.MAX_VALUE);
    private static final OptionType<Integer> NON_NEGATIVE_INT = OptionType.integer(0, Integer.MAX_VALUE);
    private static final OptionType<Long> NON_NEGATIVE_LONG = OptionType.longInteger(0, Long.MAX_VALUE);
    /** RFC 6455 §5.5: a control frame carries up to 125 bytes, so no limit may be below it. */
    private static final OptionType<Long> FRAME_BYTES = OptionType.longInteger(125, Long.MAX_VALUE);

    public static final Option<Integer> READ_BUFFER_SIZE = Option.of("read-buffer-size",
            OptionType.integer(1024, Integer.MAX_VALUE), 65536,
            "Bytes read from one socket per turn; one direct buffer per event loop.");
    public static final Option<Long> HANDSHAKE_TIMEOUT = Option.of("handshake-timeout", POSITIVE_LONG, 10000L,
            "Milliseconds a client has to complete its upgrade request; then it is dropped. A client waits as long "
                    + "for the server's answer.");
    public static final Option<Integer> MAX_REQUEST_LINE = Option.of("max-request-line", POSITIVE_INT, 8192,
            "Longest request line, in bytes (414 beyond it); for a client, the longest status line.");
    public static final Option<Integer> MAX_HEADER_COUNT = Option.of("max-header-count", POSITIVE_INT, 100,
            "Most header fields in an upgrade request (431 beyond it) or response.");
    public static final Option<Integer> MAX_HEADER_BYTES = Option.of("max-header-bytes", POSITIVE_INT, 16384,
            "Most bytes of header fields in an upgrade request (431 beyond it) or response.");
    public static final Option<Long> MAX_FRAME_SIZE = Option.of("max-frame-size", FRAME_BYTES, 16777216L,
            "Largest frame payload accepted, in bytes (close 1009 beyond it).");
    public static final Option<Long> MAX_MESSAGE_SIZE = Option.of("max-message-size", FRAME_BYTES, 16777216L,
            "Largest message accepted, all frames together, in bytes (close 1009 beyond it).");
    public static final Option<Integer> MAX_TEXT_BUFFER = Option.of("max-text-buffer", POSITIVE_INT, 16777216,
            "Default Session.getMaxTextMessageBufferSize: largest whole text message, in bytes.");
    public static final Option<Integer> MAX_BINARY_BUFFER = Option.of("max-binary-buffer", POSITIVE_INT, 16777216,
            "Default Session.getMaxBinaryMessageBufferSize: largest whole binary message, in bytes.");
    public static final Option<Long> IDLE_TIMEOUT = Option.of("idle-timeout", NON_NEGATIVE_LONG, 300000L,
            "Default Session.getMaxIdleTimeout: milliseconds without a message in or out, or a ping or pong of the "
                    + "application's or the peer's own, before the session is closed with 1001 (the keep-alive's "
                    + "pings and their pongs do not count); 0 for never.");
    public static final Option<Long> READ_IDLE_TIMEOUT = Option.of("read-idle-timeout", NON_NEGATIVE_LONG, 100000L,
            "Milliseconds without anything read from the peer (messages, pings, pongs) before the connection is "
                    + "closed with 1001, even while this side keeps sending; 0 for never. With ping-interval it finds "
                    + "peers that vanished (a live one answers every ping): the default is a little over three "
                    + "unanswered pings, so a lost pong or two is forgiven.");
    public static final Option<Long> PING_INTERVAL = Option.of("ping-interval", NON_NEGATIVE_LONG, 30000L,
            "Milliseconds without anything written before a ping is sent, to keep NAT and load-balancer mappings "
                    + "alive (many forget a silent connection after 60 s) and draw a pong from a live peer; 0 for "
                    + "never. Pings are not messages: they do not keep a session from its idle-timeout.");
    public static final Option<Long> READ_PROGRESS_TIMEOUT = Option.of("read-progress-timeout", NON_NEGATIVE_LONG,
            20000L, "Milliseconds a peer may go without sending data-frame bytes while it is inside a frame or "
                    + "between the fragments of a message; then the connection is closed with 1008. A peer that "
                    + "starts a frame and stops holds its connection and message state without finishing anything "
                    + "(slowloris); pings do not count as progress. 0 for never.");
    public static final Option<Integer> MAX_FRAMES_PER_MESSAGE = Option.of("max-frames-per-message", POSITIVE_INT,
            4096, "Most frames one message may take, empty continuation frames included (close 1009 beyond it): "
                    + "each frame costs work even when it carries no bytes, which max-message-size does not see.");
    public static final Option<Integer> MAX_PINGS_PER_SECOND = Option.of("max-pings-per-second", NON_NEGATIVE_INT,
            20, "Pings a peer may send in one second; one more closes the connection with 1008 (every ping is "
                    + "answered, so a flood would be echoed). 0 for no limit.");
    public static final Option<Long> CLOSE_TIMEOUT = Option.of("close-timeout", POSITIVE_LONG, 5000L,
            "Milliseconds to wait for the peer's close frame or end of stream before dropping the socket.");
    public static final Option<Long> SEND_TIMEOUT = Option.of("send-timeout", POSITIVE_LONG, 30000L,
            "Milliseconds a blocking or async send may take before the connection is dropped.");
    public static final Option<Long> WRITE_HIGH_WATER = Option.of("write-high-water", NON_NEGATIVE_LONG, 65536L,
            "Queued outbound bytes above which a connection reports itself unwritable.");
    public static final Option<Long> WRITE_LOW_WATER = Option.of("write-low-water", NON_NEGATIVE_LONG, 16384L,
            "Queued outbound bytes below which it reports itself writable again.");
    public static final Option<Long> WRITE_TIMEOUT = Option.of("write-timeout", NON_NEGATIVE_LONG, 60000L,
            "Milliseconds queued outbound bytes may go without progress before the connection is dropped (the "
                    + "peer stopped reading); 0 for never.");
    public static final Option<Long> MAX_QUEUED_BYTES = Option.of("max-queued-bytes", POSITIVE_LONG, 33554432L,
            "Queued outbound bytes per connection beyond which a send fails.");
    public static final Option<String> SEND_QUEUE_POLICY = Option.of("send-queue-policy",
            OptionType.choice("block", "fail", "close"), "block",
            "What a send does when max-queued-bytes are queued for a peer that does not read: block (a blocking "
                    + "send waits within send-timeout until the queue drains below write-low-water; an async send "
                    + "fails), fail (the send fails with WriteQueueFullException), or close (the session is dropped "
                    + "as a slow consumer, reporting 1008; a blocking send waiting for its write drops it too once "
                    + "the connection has stayed above write-high-water with nothing written for send-stall-timeout).");
    public static final Option<Integer> MAX_PENDING_MESSAGES = Option.of("max-pending-messages", POSITIVE_INT, 64,
            "Messages per session waiting for endpoint code beyond which reading pauses.");
    public static final Option<Long> MAX_PENDING_BYTES = Option.of("max-pending-bytes", POSITIVE_LONG, 4194304L,
            "Bytes of whole messages per session handed to endpoint code and not yet handled beyond which reading "
                    + "pauses, until handlers catch up to half of it; a second bound beside max-pending-messages. "
                    + "One message larger than this is still delivered (max-message-size bounds it).");
    public static final Option<Long> MAX_INBOUND_BYTES = Option.computed("max-inbound-bytes", POSITIVE_LONG,
            "heap / 4", values -> quarterHeap(),
            "Bytes of inbound messages the whole server (or client container) holds: those being gathered from "
                    + "their frames plus those waiting for endpoint code. A connection whose whole message takes the "
                    + "total past it pauses reading until the total is down to half of it; a message being gathered "
                    + "that would take the total past it fails its connection with 1013 (try again later).");
    public static final Option<Boolean> VIRTUAL_THREADS = Option.of("virtual-threads", OptionType.bool(), true,
            "Run endpoint code on virtual threads when the JVM has them (Java 21+).");
    public static final Option<Integer> CALLBACK_THREADS = Option.computed("callback-threads", POSITIVE_INT,
            "cores × 8, at least 16", values -> Math.max(16, CORES * 8),
            "Threads running endpoint code when virtual threads are not used.");
    public static final Option<Integer> CALLBACK_THREADS_MAX = Option.of("callback-threads-max", POSITIVE_INT, 512,
            "Ceiling of the callback pool when virtual threads are not used: a thread blocked in a send on a peer "
                    + "that does not read is replaced by a spare, so that callback-threads stay runnable, up to this "
                    + "many threads in all (never fewer than callback-threads). At the ceiling a send that would "
                    + "block drops its peer as a slow consumer (1008) instead of waiting.");
    public static final Option<Long> SEND_STALL_TIMEOUT = Option.of("send-stall-timeout", POSITIVE_LONG, 10000L,
            "Under send-queue-policy close: milliseconds a blocking send may wait on a connection above "
                    + "write-high-water to which nothing could be written before the peer is dropped as a slow "
                    + "consumer (1008), instead of holding its thread for the whole send-timeout. The kernel takes "
                    + "more only once a third of its send buffer (up to megabytes) has drained, so a peer that reads "
                    + "slowly shows progress in steps: keep this well above those gaps.");
    public static final Option<Long> SHUTDOWN_TIMEOUT = Option.of("shutdown-timeout", NON_NEGATIVE_LONG, 5000L,
            "Milliseconds a stopping server, or a closing client container, waits for sessions to close after "
                    + "sending 1001.");
    public static final Option<Boolean> TCP_NO_DELAY = Option.of("tcp-no-delay", OptionType.bool(), true,
            "Disable Nagle's algorithm on accepted and connected sockets.");
    public static final Option<Boolean> PERMESSAGE_DEFLATE = Option.of("permessage-deflate", OptionType.bool(), true,
            "Negotiate permessage-deflate compression (RFC 7692): a server accepts a client's offer, a client offers "
                    + "it. Unless deflate-context-takeover is on, neither side keeps compression state between "
                    + "messages (a server answers server_no_context_takeover and client_no_context_takeover), so an "
                    + "idle connection holds no deflater or inflater; inflated bytes count against max-message-size "
                    + "and max-frame-size, and a message inflating past them closes the connection with 1009. An "
                    + "endpoint can turn it off or on for itself with the user property io.wssocket.permessage-deflate "
                    + "or its configurator's getNegotiatedExtensions.");
    public static final Option<Integer> DEFLATE_THRESHOLD = Option.of("deflate-threshold", NON_NEGATIVE_INT, 256,
            "Under permessage-deflate: messages (or a fragmented message's first fragment) smaller than this many "
                    + "bytes are sent uncompressed; compressing them costs more than it saves.");
    public static final Option<Integer> DEFLATE_LEVEL = Option.of("deflate-level", OptionType.integer(1, 9), 6,
            "Under permessage-deflate: the compression level, 1 (fastest) to 9 (smallest).");
    public static final Option<Integer> DEFLATE_POOL_SIZE = Option.of("deflate-pool-size", NON_NEGATIVE_INT, 16,
            "Under permessage-deflate: idle deflaters, and idle inflaters, kept for reuse by the whole server (or "
                    + "client container); a message borrows one and returns it. One more, made when all are busy, is "
                    + "ended after its message, so native memory stays bounded (a deflater holds about 256 KiB).");
    public static final Option<Boolean> DEFLATE_CONTEXT_TAKEOVER = Option.of("deflate-context-takeover",
            OptionType.bool(), false,
            "Under permessage-deflate: keep compression context from one message to the next where the peer allows "
                    + "it (RFC 7692 §7.1.1), for better compression of small similar messages at the cost of zlib "
                    + "state held per connection for its whole life. A server then answers no_context_takeover "
                    + "parameters only when the client offered them, keeps an inflater for a client that takes its "
                    + "context over and a deflater of its own; a client offers without client_no_context_takeover. "
                    + "Clients that keep their context although told not to (Jetty 12's) need it on. What the "
                    + "connections keep counts against deflate-context-memory.");
    public static final Option<Long> DEFLATE_CONTEXT_MEMORY = Option.of("deflate-context-memory", NON_NEGATIVE_LONG,
            64L << 20,
            "Under deflate-context-takeover: bytes of native zlib state that connections of the whole server (or "
                    + "client container) may keep between messages, counted as 268 KiB per kept deflater and 40 KiB "
                    + "per kept inflater (zlib's own formula at window 15, memory level 8). A connection whose "
                    + "context does not fit when it opens gets no context takeover (both no_context_takeover "
                    + "parameters); the memory returns when it closes.");
    public static final Option<String> TLS_PROTOCOLS = Option.of("tls-protocols", OptionType.text(),
            String.join(",", TlsContext.DEFAULT_PROTOCOLS), "TLS versions offered, server and client; only cipher "
                    + "suites with forward secrecy and AEAD are enabled.");

    /** Every option both ends have, in the order the reference lists them. */
    public static final List<Option<?>> ALL = List.of(READ_BUFFER_SIZE, HANDSHAKE_TIMEOUT, MAX_REQUEST_LINE,
            MAX_HEADER_COUNT, MAX_HEADER_BYTES, MAX_FRAME_SIZE, MAX_MESSAGE_SIZE, MAX_TEXT_BUFFER, MAX_BINARY_BUFFER,
            IDLE_TIMEOUT, READ_IDLE_TIMEOUT, PING_INTERVAL, READ_PROGRESS_TIMEOUT, MAX_FRAMES_PER_MESSAGE,
            MAX_PINGS_PER_SECOND, CLOSE_TIMEOUT, SEND_TIMEOUT, WRITE_HIGH_WATER, WRITE_LOW_WATER, WRITE_TIMEOUT,
            MAX_QUEUED_BYTES, SEND_QUEUE_POLICY, MAX_PENDING_MESSAGES, MAX_PENDING_BYTES, MAX_INBOUND_BYTES,
            VIRTUAL_THREADS, CALLBACK_THREADS, CALLBACK_THREADS_MAX, SEND_STALL_TIMEOUT, SHUTDOWN_TIMEOUT,
            TCP_NO_DELAY, TLS_PROTOCOLS, PERMESSAGE_DEFLATE, DEFLATE_THRESHOLD, DEFLATE_LEVEL, DEFLATE_POOL_SIZE,
            DEFLATE_CONTEXT_TAKEOVER, DEFLATE_CONTEXT_MEMORY);

    private ConnectionOptions() {
    }

    /** The default of the memory budgets: a quarter of the heap the JVM may grow to. */
    static long quarterHeap() {
        return Math.max(1, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * Checks what no single option can: the write water marks in order, at least one TLS version.
     *
     * @throws IllegalArgumentException naming the setting at fault and where it came from
     */
    public static void checkTogether(OptionValues values) {
        values.require(values.get(WRITE_LOW_WATER) <= values.get(WRITE_HIGH_WATER), WRITE_LOW_WATER,
                "write-low-water must not be above write-high-water (" + values.get(WRITE_HIGH_WATER) + ")");
        values.require(values.get(WRITE_HIGH_WATER) <= values.get(MAX_QUEUED_BYTES), WRITE_HIGH_WATER,
                "write-high-water must not be above max-queued-bytes (" + values.get(MAX_QUEUED_BYTES) + ")");
        values.require(!tlsProtocols(values).isEmpty(), TLS_PROTOCOLS, "tls-protocols must name at least one TLS version");
    }

    /** @return the callback pool's ceiling: callback-threads-max, never below callback-threads */
    public static int callbackThreadsMax(OptionValues values) {
        return Math.max(values.get(CALLBACK_THREADS_MAX), values.get(CALLBACK_THREADS));
    }

    /** @return the TLS versions of tls-protocols, as a list */
    public static List<String> tlsProtocols(OptionValues values) {
        return List.of(values.get(TLS_PROTOCOLS).split(",")).stream().map(String::trim).filter(p -> !p.isEmpty())
                .toList();
    }
}
