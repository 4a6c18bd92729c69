package io.wssocket.client;

import io.wssocket.config.ClientOptions;
import io.wssocket.config.ConnectionOptions;
import io.wssocket.config.Option;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What every WebSocket container of WS Socket is configured with, the server's and the client's:
 * the limits, timeouts and threads of its sessions and the way it connects to servers. Implemented
 * by {@link ClientConfig} and by the server's configuration, which has these options and its own.
 *
 * <p>Each option is defined once, with its name, type, default and meaning, in the configuration
 * reference ({@code docs/configuration.md}); the methods here are typed views of those options.
 */
public interface ContainerConfig {
    /**
     * A user property of an endpoint's configuration ({@code ServerEndpointConfig} or
     * {@code ClientEndpointConfig}) that turns permessage-deflate on ({@code Boolean.TRUE} or
     * {@code "true"}) or off ({@code Boolean.FALSE} or {@code "false"}) for that endpoint alone,
     * whatever option {@code permessage-deflate} says for the container. Off, a server endpoint
     * answers 101 without the extension and a client endpoint does not offer it.
     */
    String PERMESSAGE_DEFLATE_PROPERTY = "io.wssocket.permessage-deflate";

    /**
     * Whether permessage-deflate is on for an endpoint: its user property
     * {@link #PERMESSAGE_DEFLATE_PROPERTY} if set, else option {@code permessage-deflate}.
     *
     * @param userProperties the endpoint configuration's user properties
     * @return whether the endpoint offers (client) or accepts (server) permessage-deflate
     */
    default boolean permessageDeflateFor(Map<String, Object> userProperties) {
        return io.wssocket.config.UserPropertyFlag.of(userProperties, PERMESSAGE_DEFLATE_PROPERTY, permessageDeflate());
    }
    /**
     * The value of an option, by the name it has in the configuration reference.
     *
     * @param name an option name, e.g. {@code max-message-size}
     * @return its value: an {@code Integer}, {@code Long}, {@code Boolean} or {@code String},
     *     as the reference gives its type
     * @throws IllegalArgumentException when this configuration has no option of that name
     */
    Object option(String name);

    /**
     * Option {@code read-buffer-size}: Bytes read from one socket per turn; one direct buffer per event loop.
     *
     * @return its value
     */
    default int readBufferSize() {
        return value(ConnectionOptions.READ_BUFFER_SIZE);
    }

    /**
     * Option {@code handshake-timeout}: Milliseconds a client has to complete its upgrade request; then it is
     * dropped.
     *
     * @return its value
     */
    default long handshakeTimeoutMillis() {
        return value(ConnectionOptions.HANDSHAKE_TIMEOUT);
    }

    /**
     * Option {@code max-request-line}: Longest request line, in bytes (414 beyond it); for a client, the
     * longest status line.
     *
     * @return its value
     */
    default int maxRequestLineLength() {
        return value(ConnectionOptions.MAX_REQUEST_LINE);
    }

    /**
     * Option {@code max-header-count}: Most header fields in an upgrade request (431 beyond it) or response.
     *
     * @return its value
     */
    default int maxHeaderCount() {
        return value(ConnectionOptions.MAX_HEADER_COUNT);
    }

    /**
     * Option {@code max-header-bytes}: Most bytes of header fields in an upgrade request (431 beyond it) or
     * response.
     *
     * @return its value
     */
    default int maxHeaderBytes() {
        return value(ConnectionOptions.MAX_HEADER_BYTES);
    }

    /**
     * Option {@code max-frame-size}: Largest frame payload accepted, in bytes (close 1009 beyond it).
     *
     * @return its value
     */
    default long maxFrameSize() {
        return value(ConnectionOptions.MAX_FRAME_SIZE);
    }

    /**
     * Option {@code max-message-size}: Largest message accepted, all frames together, in bytes (close 1009
     * beyond it).
     *
     * @return its value
     */
    default long maxMessageSize() {
        return value(ConnectionOptions.MAX_MESSAGE_SIZE);
    }

    /**
     * Option {@code max-text-buffer}: Default Session.getMaxTextMessageBufferSize: largest whole text message,
     * in bytes.
     *
     * @return its value
     */
    default int maxTextMessageBufferSize() {
        return value(ConnectionOptions.MAX_TEXT_BUFFER);
    }

    /**
     * Option {@code max-binary-buffer}: Default Session.getMaxBinaryMessageBufferSize: largest whole binary
     * message, in bytes.
     *
     * @return its value
     */
    default int maxBinaryMessageBufferSize() {
        return value(ConnectionOptions.MAX_BINARY_BUFFER);
    }

    /**
     * Option {@code idle-timeout}: Default Session.getMaxIdleTimeout: milliseconds without a message in or out,
     * or a ping or pong of the application's or the peer's own, before the session is closed with 1001 (the
     * keep-alive's pings and their pongs do not count); 0 for never.
     *
     * @return its value
     */
    default long idleTimeoutMillis() {
        return value(ConnectionOptions.IDLE_TIMEOUT);
    }

    /**
     * Option {@code read-idle-timeout}: Milliseconds without anything read from the peer (messages, pings,
     * pongs) before the connection is closed with 1001, even while this side keeps sending; 0 for never.
     *
     * @return its value
     */
    default long readIdleTimeoutMillis() {
        return value(ConnectionOptions.READ_IDLE_TIMEOUT);
    }

    /**
     * Option {@code ping-interval}: Milliseconds without anything written before a ping is sent, to keep NAT
     * and load-balancer mappings alive (many forget a silent connection after 60 s) and draw a pong from a live
     * peer; 0 for never.
     *
     * @return its value
     */
    default long pingIntervalMillis() {
        return value(ConnectionOptions.PING_INTERVAL);
    }

    /**
     * Option {@code read-progress-timeout}: Milliseconds a peer may go without sending data-frame bytes while
     * it is inside a frame or between the fragments of a message; then the connection is closed with 1008.
     *
     * @return its value
     */
    default long readProgressTimeoutMillis() {
        return value(ConnectionOptions.READ_PROGRESS_TIMEOUT);
    }

    /**
     * Option {@code max-frames-per-message}: Most frames one message may take, empty continuation frames
     * included (close 1009 beyond it): each frame costs work even when it carries no bytes, which
     * max-message-size does not see.
     *
     * @return its value
     */
    default int maxFramesPerMessage() {
        return value(ConnectionOptions.MAX_FRAMES_PER_MESSAGE);
    }

    /**
     * Option {@code max-pings-per-second}: Pings a peer may send in one second; one more closes the connection
     * with 1008 (every ping is answered, so a flood would be echoed).
     *
     * @return its value
     */
    default int maxPingsPerSecond() {
        return value(ConnectionOptions.MAX_PINGS_PER_SECOND);
    }

    /**
     * Option {@code close-timeout}: Milliseconds to wait for the peer's close frame or end of stream before
     * dropping the socket.
     *
     * @return its value
     */
    default long closeTimeoutMillis() {
        return value(ConnectionOptions.CLOSE_TIMEOUT);
    }

    /**
     * Option {@code send-timeout}: Milliseconds a blocking or async send may take before the connection is
     * dropped.
     *
     * @return its value
     */
    default long sendTimeoutMillis() {
        return value(ConnectionOptions.SEND_TIMEOUT);
    }

    /**
     * Option {@code write-high-water}: Queued outbound bytes above which a connection reports itself
     * unwritable.
     *
     * @return its value
     */
    default long writeHighWaterMark() {
        return value(ConnectionOptions.WRITE_HIGH_WATER);
    }

    /**
     * Option {@code write-low-water}: Queued outbound bytes below which it reports itself writable again.
     *
     * @return its value
     */
    default long writeLowWaterMark() {
        return value(ConnectionOptions.WRITE_LOW_WATER);
    }

    /**
     * Option {@code write-timeout}: Milliseconds queued outbound bytes may go without progress before the
     * connection is dropped (the peer stopped reading); 0 for never.
     *
     * @return its value
     */
    default long writeTimeoutMillis() {
        return value(ConnectionOptions.WRITE_TIMEOUT);
    }

    /**
     * Option {@code max-queued-bytes}: Queued outbound bytes per connection beyond which a send fails.
     *
     * @return its value
     */
    default long maxQueuedBytes() {
        return value(ConnectionOptions.MAX_QUEUED_BYTES);
    }

    /**
     * Option {@code send-queue-policy}: What a send does when max-queued-bytes are queued for a peer that does
     * not read: block (a blocking send waits within send-timeout until the queue drains below write-low-water;
     * an async send fails), fail (the send fails with WriteQueueFullException), or close (the session is
     * dropped as a slow consumer, reporting 1008; a blocking send waiting for its write drops it too once the
     * connection has stayed above write-high-water with nothing written for send-stall-timeout).
     *
     * @return its value
     */
    default SendQueuePolicy sendQueuePolicy() {
        return SendQueuePolicy.valueOf(value(ConnectionOptions.SEND_QUEUE_POLICY).toUpperCase(Locale.ROOT));
    }

    /**
     * Option {@code max-pending-messages}: Messages per session waiting for endpoint code beyond which reading
     * pauses.
     *
     * @return its value
     */
    default int maxPendingMessages() {
        return value(ConnectionOptions.MAX_PENDING_MESSAGES);
    }

    /**
     * Option {@code max-pending-bytes}: Bytes of whole messages per session handed to endpoint code and not yet
     * handled beyond which reading pauses, until handlers catch up to half of it; a second bound beside
     * max-pending-messages.
     *
     * @return its value
     */
    default long maxPendingBytes() {
        return value(ConnectionOptions.MAX_PENDING_BYTES);
    }

    /**
     * Option {@code max-inbound-bytes}: Bytes of inbound messages the whole server (or client container) holds:
     * those being gathered from their frames plus those waiting for endpoint code.
     *
     * @return its value
     */
    default long maxInboundBytes() {
        return value(ConnectionOptions.MAX_INBOUND_BYTES);
    }

    /**
     * Option {@code virtual-threads}: Run endpoint code on virtual threads when the JVM has them (Java 21+).
     *
     * @return its value
     */
    default boolean virtualThreads() {
        return value(ConnectionOptions.VIRTUAL_THREADS);
    }

    /**
     * Option {@code callback-threads}: Threads running endpoint code when virtual threads are not used.
     *
     * @return its value
     */
    default int callbackThreads() {
        return value(ConnectionOptions.CALLBACK_THREADS);
    }

    /**
     * Option {@code callback-threads-max}: Ceiling of the callback pool when virtual threads are not used: a
     * thread blocked in a send on a peer that does not read is replaced by a spare, so that callback-threads
     * stay runnable, up to this many threads in all (never fewer than callback-threads).
     *
     * @return its value
     */
    default int callbackThreadsMax() {
        return Math.max(value(ConnectionOptions.CALLBACK_THREADS_MAX), callbackThreads());
    }

    /**
     * Option {@code send-stall-timeout}: Under send-queue-policy close: milliseconds a blocking send may wait
     * on a connection above write-high-water to which nothing could be written before the peer is dropped as a
     * slow consumer (1008), instead of holding its thread for the whole send-timeout.
     *
     * @return its value
     */
    default long sendStallTimeoutMillis() {
        return value(ConnectionOptions.SEND_STALL_TIMEOUT);
    }

    /**
     * Option {@code shutdown-timeout}: Milliseconds a stopping server, or a closing client container, waits for
     * sessions to close after sending 1001.
     *
     * @return its value
     */
    default long shutdownTimeoutMillis() {
        return value(ConnectionOptions.SHUTDOWN_TIMEOUT);
    }

    /**
     * Option {@code tcp-no-delay}: Disable Nagle's algorithm on accepted and connected sockets.
     *
     * @return its value
     */
    default boolean tcpNoDelay() {
        return value(ConnectionOptions.TCP_NO_DELAY);
    }

    /**
     * Option {@code permessage-deflate}: whether permessage-deflate compression (RFC 7692) is
     * negotiated: a server accepts a client's offer, a client offers it.
     *
     * @return its value
     */
    default boolean permessageDeflate() {
        return value(ConnectionOptions.PERMESSAGE_DEFLATE);
    }

    /**
     * Option {@code deflate-threshold}: messages smaller than this many bytes are sent uncompressed.
     *
     * @return its value
     */
    default int deflateThreshold() {
        return value(ConnectionOptions.DEFLATE_THRESHOLD);
    }

    /**
     * Option {@code deflate-level}: the compression level, 1 (fastest) to 9 (smallest).
     *
     * @return its value
     */
    default int deflateLevel() {
        return value(ConnectionOptions.DEFLATE_LEVEL);
    }

    /**
     * Option {@code deflate-pool-size}: idle deflaters, and idle inflaters, kept for reuse.
     *
     * @return its value
     */
    default int deflatePoolSize() {
        return value(ConnectionOptions.DEFLATE_POOL_SIZE);
    }

    /**
     * Option {@code deflate-context-takeover}: whether compression context is kept from one message
     * to the next where the peer allows it (RFC 7692 §7.1.1), within {@code deflate-context-memory}.
     *
     * @return its value
     */
    default boolean deflateContextTakeover() {
        return value(ConnectionOptions.DEFLATE_CONTEXT_TAKEOVER);
    }

    /**
     * Option {@code deflate-context-memory}: bytes of zlib state that all connections may keep
     * between messages under {@code deflate-context-takeover}.
     *
     * @return its value
     */
    default long deflateContextMemory() {
        return value(ConnectionOptions.DEFLATE_CONTEXT_MEMORY);
    }

    /**
     * Option {@code tls-protocols}: TLS versions offered, server and client; only cipher suites with forward
     * secrecy and AEAD are enabled.
     *
     * @return its value
     */
    default String tlsProtocols() {
        return value(ConnectionOptions.TLS_PROTOCOLS);
    }

    /**
     * Option {@code connect-timeout}: Client: milliseconds connectToServer waits for the TCP connection (to the
     * server or the proxy); the handshake-timeout then bounds the upgrade.
     *
     * @return its value
     */
    default long connectTimeoutMillis() {
        return value(ClientOptions.CONNECT_TIMEOUT);
    }

    /**
     * Option {@code permessage-deflate-offer}: Client: whether every connection offers
     * permessage-deflate, not only those whose endpoint asks for it (the Jakarta WebSocket spec has
     * a client offer the extensions its {@code ClientEndpointConfig} lists, none by default).
     *
     * @return its value
     */
    default boolean permessageDeflateOffer() {
        return value(ClientOptions.PERMESSAGE_DEFLATE_OFFER);
    }

    /**
     * Option {@code client-proxy}: Client: HTTP proxy for ws:// and wss:// connections, tunnelled with CONNECT,
     * as http://[user:password@]host:port; empty for none.
     *
     * @return its value
     */
    default String clientProxy() {
        return value(ClientOptions.CLIENT_PROXY);
    }

    /**
     * Option {@code client-truststore}: Client: certificates trusted for wss:// (PKCS#12, or PEM for
     * .pem/.crt); empty for the JVM's default trust store.
     *
     * @return its value
     */
    default String clientTruststore() {
        return value(ClientOptions.CLIENT_TRUSTSTORE);
    }

    @SuppressWarnings("unchecked")
    private <T> T value(Option<T> option) {
        return (T) option(option.name());
    }

    /**
     * What the builders of server and client configurations have in common: a setter for each
     * option of {@link ContainerConfig}. A value set here wins over every other source.
     *
     * @param <B> the builder's own type
     */
    interface Builder<B extends Builder<B>> {
        /**
         * Sets an option by the name it has in the configuration reference, from text, as a
         * configuration file would; for embedders that read settings from their own sources.
         *
         * @param name an option name, e.g. {@code max-message-size}
         * @param value its value as text, e.g. {@code 1048576}
         * @return this builder
         * @throws IllegalArgumentException when the builder has no option of that name, or the
         *     text is no value of it
         */
        B option(String name, String value);

        /**
         * @return the configuration
         * @throws IllegalArgumentException when options contradict each other, naming them
         */
        ContainerConfig build();

        /**
         * Sets option {@code read-buffer-size}: Bytes read from one socket per turn; one direct buffer per
         * event loop.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B readBufferSize(int bytes) {
            return set(ConnectionOptions.READ_BUFFER_SIZE, bytes);
        }

        /**
         * Sets option {@code handshake-timeout}: Milliseconds a client has to complete its upgrade request;
         * then it is dropped.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B handshakeTimeoutMillis(long millis) {
            return set(ConnectionOptions.HANDSHAKE_TIMEOUT, millis);
        }

        /**
         * Sets option {@code max-request-line}: Longest request line, in bytes (414 beyond it); for a client,
         * the longest status line.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxRequestLineLength(int bytes) {
            return set(ConnectionOptions.MAX_REQUEST_LINE, bytes);
        }

        /**
         * Sets option {@code max-header-count}: Most header fields in an upgrade request (431 beyond it) or
         * response.
         *
         * @param count its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxHeaderCount(int count) {
            return set(ConnectionOptions.MAX_HEADER_COUNT, count);
        }

        /**
         * Sets option {@code max-header-bytes}: Most bytes of header fields in an upgrade request (431 beyond
         * it) or response.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxHeaderBytes(int bytes) {
            return set(ConnectionOptions.MAX_HEADER_BYTES, bytes);
        }

        /**
         * Sets option {@code max-frame-size}: Largest frame payload accepted, in bytes (close 1009 beyond it).
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxFrameSize(long bytes) {
            return set(ConnectionOptions.MAX_FRAME_SIZE, bytes);
        }

        /**
         * Sets option {@code max-message-size}: Largest message accepted, all frames together, in bytes (close
         * 1009 beyond it).
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxMessageSize(long bytes) {
            return set(ConnectionOptions.MAX_MESSAGE_SIZE, bytes);
        }

        /**
         * Sets option {@code max-text-buffer}: Default Session.getMaxTextMessageBufferSize: largest whole text
         * message, in bytes.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxTextMessageBufferSize(int bytes) {
            return set(ConnectionOptions.MAX_TEXT_BUFFER, bytes);
        }

        /**
         * Sets option {@code max-binary-buffer}: Default Session.getMaxBinaryMessageBufferSize: largest whole
         * binary message, in bytes.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxBinaryMessageBufferSize(int bytes) {
            return set(ConnectionOptions.MAX_BINARY_BUFFER, bytes);
        }

        /**
         * Sets option {@code idle-timeout}: Default Session.getMaxIdleTimeout: milliseconds without a message
         * in or out, or a ping or pong of the application's or the peer's own, before the session is closed
         * with 1001 (the keep-alive's pings and their pongs do not count); 0 for never.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B idleTimeoutMillis(long millis) {
            return set(ConnectionOptions.IDLE_TIMEOUT, millis);
        }

        /**
         * Sets option {@code read-idle-timeout}: Milliseconds without anything read from the peer (messages,
         * pings, pongs) before the connection is closed with 1001, even while this side keeps sending; 0 for
         * never.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B readIdleTimeoutMillis(long millis) {
            return set(ConnectionOptions.READ_IDLE_TIMEOUT, millis);
        }

        /**
         * Sets option {@code ping-interval}: Milliseconds without anything written before a ping is sent, to
         * keep NAT and load-balancer mappings alive (many forget a silent connection after 60 s) and draw a
         * pong from a live peer; 0 for never.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B pingIntervalMillis(long millis) {
            return set(ConnectionOptions.PING_INTERVAL, millis);
        }

        /**
         * Sets option {@code read-progress-timeout}: Milliseconds a peer may go without sending data-frame
         * bytes while it is inside a frame or between the fragments of a message; then the connection is closed
         * with 1008.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B readProgressTimeoutMillis(long millis) {
            return set(ConnectionOptions.READ_PROGRESS_TIMEOUT, millis);
        }

        /**
         * Sets option {@code max-frames-per-message}: Most frames one message may take, empty continuation
         * frames included (close 1009 beyond it): each frame costs work even when it carries no bytes, which
         * max-message-size does not see.
         *
         * @param frames its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxFramesPerMessage(int frames) {
            return set(ConnectionOptions.MAX_FRAMES_PER_MESSAGE, frames);
        }

        /**
         * Sets option {@code max-pings-per-second}: Pings a peer may send in one second; one more closes the
         * connection with 1008 (every ping is answered, so a flood would be echoed).
         *
         * @param pings its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxPingsPerSecond(int pings) {
            return set(ConnectionOptions.MAX_PINGS_PER_SECOND, pings);
        }

        /**
         * Sets option {@code close-timeout}: Milliseconds to wait for the peer's close frame or end of stream
         * before dropping the socket.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B closeTimeoutMillis(long millis) {
            return set(ConnectionOptions.CLOSE_TIMEOUT, millis);
        }

        /**
         * Sets option {@code send-timeout}: Milliseconds a blocking or async send may take before the
         * connection is dropped.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B sendTimeoutMillis(long millis) {
            return set(ConnectionOptions.SEND_TIMEOUT, millis);
        }

        /**
         * Sets option {@code write-high-water}: Queued outbound bytes above which a connection reports itself
         * unwritable.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B writeHighWaterMark(long bytes) {
            return set(ConnectionOptions.WRITE_HIGH_WATER, bytes);
        }

        /**
         * Sets option {@code write-low-water}: Queued outbound bytes below which it reports itself writable
         * again.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B writeLowWaterMark(long bytes) {
            return set(ConnectionOptions.WRITE_LOW_WATER, bytes);
        }

        /**
         * Sets option {@code write-timeout}: Milliseconds queued outbound bytes may go without progress before
         * the connection is dropped (the peer stopped reading); 0 for never.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B writeTimeoutMillis(long millis) {
            return set(ConnectionOptions.WRITE_TIMEOUT, millis);
        }

        /**
         * Sets option {@code max-queued-bytes}: Queued outbound bytes per connection beyond which a send fails.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxQueuedBytes(long bytes) {
            return set(ConnectionOptions.MAX_QUEUED_BYTES, bytes);
        }

        /**
         * Sets option {@code send-queue-policy}: What a send does when max-queued-bytes are queued for a peer
         * that does not read: block (a blocking send waits within send-timeout until the queue drains below
         * write-low-water; an async send fails), fail (the send fails with WriteQueueFullException), or close
         * (the session is dropped as a slow consumer, reporting 1008; a blocking send waiting for its write
         * drops it too once the connection has stayed above write-high-water with nothing written for
         * send-stall-timeout).
         *
         * @param policy its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B sendQueuePolicy(SendQueuePolicy policy) {
            return set(ConnectionOptions.SEND_QUEUE_POLICY, Objects.requireNonNull(policy, "policy").name().toLowerCase(Locale.ROOT));
        }

        /**
         * Sets option {@code max-pending-messages}: Messages per session waiting for endpoint code beyond which
         * reading pauses.
         *
         * @param count its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxPendingMessages(int count) {
            return set(ConnectionOptions.MAX_PENDING_MESSAGES, count);
        }

        /**
         * Sets option {@code max-pending-bytes}: Bytes of whole messages per session handed to endpoint code
         * and not yet handled beyond which reading pauses, until handlers catch up to half of it; a second
         * bound beside max-pending-messages.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxPendingBytes(long bytes) {
            return set(ConnectionOptions.MAX_PENDING_BYTES, bytes);
        }

        /**
         * Sets option {@code max-inbound-bytes}: Bytes of inbound messages the whole server (or client
         * container) holds: those being gathered from their frames plus those waiting for endpoint code.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B maxInboundBytes(long bytes) {
            return set(ConnectionOptions.MAX_INBOUND_BYTES, bytes);
        }

        /**
         * Sets option {@code virtual-threads}: Run endpoint code on virtual threads when the JVM has them (Java
         * 21+).
         *
         * @param virtualThreads its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B virtualThreads(boolean virtualThreads) {
            return set(ConnectionOptions.VIRTUAL_THREADS, virtualThreads);
        }

        /**
         * Sets option {@code callback-threads}: Threads running endpoint code when virtual threads are not
         * used.
         *
         * @param threads its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B callbackThreads(int threads) {
            return set(ConnectionOptions.CALLBACK_THREADS, threads);
        }

        /**
         * Sets option {@code callback-threads-max}: Ceiling of the callback pool when virtual threads are not
         * used: a thread blocked in a send on a peer that does not read is replaced by a spare, so that
         * callback-threads stay runnable, up to this many threads in all (never fewer than callback-threads).
         *
         * @param threads its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B callbackThreadsMax(int threads) {
            return set(ConnectionOptions.CALLBACK_THREADS_MAX, threads);
        }

        /**
         * Sets option {@code send-stall-timeout}: Under send-queue-policy close: milliseconds a blocking send
         * may wait on a connection above write-high-water to which nothing could be written before the peer is
         * dropped as a slow consumer (1008), instead of holding its thread for the whole send-timeout.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B sendStallTimeoutMillis(long millis) {
            return set(ConnectionOptions.SEND_STALL_TIMEOUT, millis);
        }

        /**
         * Sets option {@code shutdown-timeout}: Milliseconds a stopping server, or a closing client container,
         * waits for sessions to close after sending 1001.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B shutdownTimeoutMillis(long millis) {
            return set(ConnectionOptions.SHUTDOWN_TIMEOUT, millis);
        }

        /**
         * Sets option {@code tcp-no-delay}: Disable Nagle's algorithm on accepted and connected sockets.
         *
         * @param tcpNoDelay its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B tcpNoDelay(boolean tcpNoDelay) {
            return set(ConnectionOptions.TCP_NO_DELAY, tcpNoDelay);
        }

        /**
         * Sets option {@code permessage-deflate}: whether permessage-deflate compression (RFC 7692)
         * is negotiated.
         *
         * @param permessageDeflate its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B permessageDeflate(boolean permessageDeflate) {
            return set(ConnectionOptions.PERMESSAGE_DEFLATE, permessageDeflate);
        }

        /**
         * Sets option {@code deflate-threshold}: messages smaller than this many bytes are sent uncompressed.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B deflateThreshold(int bytes) {
            return set(ConnectionOptions.DEFLATE_THRESHOLD, bytes);
        }

        /**
         * Sets option {@code deflate-level}: the compression level, 1 (fastest) to 9 (smallest).
         *
         * @param level its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B deflateLevel(int level) {
            return set(ConnectionOptions.DEFLATE_LEVEL, level);
        }

        /**
         * Sets option {@code deflate-pool-size}: idle deflaters, and idle inflaters, kept for reuse.
         *
         * @param size its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B deflatePoolSize(int size) {
            return set(ConnectionOptions.DEFLATE_POOL_SIZE, size);
        }

        /**
         * Sets option {@code deflate-context-takeover}: whether compression context is kept from one
         * message to the next where the peer allows it (RFC 7692 §7.1.1).
         *
         * @param contextTakeover its value
         * @return this builder
         */
        default B deflateContextTakeover(boolean contextTakeover) {
            return set(ConnectionOptions.DEFLATE_CONTEXT_TAKEOVER, contextTakeover);
        }

        /**
         * Sets option {@code deflate-context-memory}: bytes of zlib state that all connections may
         * keep between messages under {@code deflate-context-takeover}.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B deflateContextMemory(long bytes) {
            return set(ConnectionOptions.DEFLATE_CONTEXT_MEMORY, bytes);
        }

        /**
         * Sets option {@code tls-protocols}: TLS versions offered, server and client; only cipher suites with
         * forward secrecy and AEAD are enabled.
         *
         * @param protocols its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B tlsProtocols(String protocols) {
            return set(ConnectionOptions.TLS_PROTOCOLS, protocols);
        }

        /**
         * Sets option {@code connect-timeout}: Client: milliseconds connectToServer waits for the TCP
         * connection (to the server or the proxy); the handshake-timeout then bounds the upgrade.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B connectTimeoutMillis(long millis) {
            return set(ClientOptions.CONNECT_TIMEOUT, millis);
        }

        /**
         * Sets option {@code permessage-deflate-offer}: Client: whether every connection offers
         * permessage-deflate, not only those whose endpoint asks for it.
         *
         * @param offer its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B permessageDeflateOffer(boolean offer) {
            return set(ClientOptions.PERMESSAGE_DEFLATE_OFFER, offer);
        }

        /**
         * Sets option {@code client-proxy}: Client: HTTP proxy for ws:// and wss:// connections, tunnelled with
         * CONNECT, as http://[user:password@]host:port; empty for none.
         *
         * @param proxy its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B clientProxy(String proxy) {
            return set(ClientOptions.CLIENT_PROXY, proxy);
        }

        /**
         * Sets option {@code client-truststore}: Client: certificates trusted for wss:// (PKCS#12, or PEM for
         * .pem/.crt); empty for the JVM's default trust store.
         *
         * @param path its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B clientTruststore(String path) {
            return set(ClientOptions.CLIENT_TRUSTSTORE, path);
        }

        /**
         * Sets option {@code client-truststore-password}: Client: password of a PKCS#12 trust store.
         *
         * @param password its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        default B clientTruststorePassword(String password) {
            return set(ClientOptions.CLIENT_TRUSTSTORE_PASSWORD, password);
        }

        private B set(Option<?> option, Object value) {
            return option(option.name(), value == null ? "" : String.valueOf(value));
        }
    }
}
