package io.wssocket.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection inside a {@link JsonLineDriver}: what the tests ask of it becomes a
 * command, and the driver's events for it fill its {@link PeerEvents}. Whatever the driver runs
 * (a Node.js library, a browser page) looks the same from here.
 */
final class DriverPeer implements InteropPeer {
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final JsonLineDriver driver;
    private final String conn;
    private final PeerEvents events = new PeerEvents();
    private volatile String subprotocol;
    private volatile Optional<Boolean> secure = Optional.empty();
    private volatile Optional<String> extensions = Optional.empty();

    private DriverPeer(JsonLineDriver driver, String conn) {
        this.driver = driver;
        this.conn = conn;
    }

    /**
     * Opens a connection in the driver.
     *
     * @param offerDeflate whether the connection must offer permessage-deflate (RFC 7692) as an
     *     application of the library would ask for it; false leaves the library's default
     */
    static DriverPeer connect(JsonLineDriver driver, URI uri, List<String> subprotocols, boolean offerDeflate) throws Exception {
        DriverPeer peer = new DriverPeer(driver, "c" + CONNECTIONS.incrementAndGet());
        driver.listen(peer.conn, peer::onEvent);
        ObjectNode connect = driver.command("connect", peer.conn).put("url", uri.toString()).put("deflate", offerDeflate);
        ArrayNode protocols = connect.putArray("protocols");
        subprotocols.forEach(protocols::add);
        try {
            JsonNode opened = driver.call(connect, CONNECT_TIMEOUT);
            peer.subprotocol = opened.path("protocol").asText();
            // A driver whose library tells whether the socket is encrypted says so; a browser page cannot.
            if (opened.has("secure")) {
                peer.secure = Optional.of(opened.get("secure").asBoolean());
            }
            if (opened.has("extensions")) {
                peer.extensions = Optional.of(opened.get("extensions").asText());
            }
        } catch (Exception e) {
            peer.release();
            throw e;
        }
        return peer;
    }

    /** Runs on the driver's reading thread, one event at a time, in the order the driver sent them. */
    private void onEvent(JsonNode event) {
        switch (event.path("event").asText()) {
            case "message" -> events.messages.add(new ReceivedMessage(
                    MessageType.valueOf(event.path("type").asText().toUpperCase(Locale.ROOT)),
                    payload(event), event.path("parts").asInt()));
            case "pong" -> events.pongs.add(payload(event));
            case "close" -> events.closed.complete(new CloseStatus(event.path("code").asInt(), event.path("reason").asText()));
            case "error" -> events.error(new IOException(event.path("message").asText()));
            default -> events.error(new IllegalStateException("unexpected event " + event));
        }
    }

    private static byte[] payload(JsonNode event) {
        return Base64.getDecoder().decode(event.path("data").asText());
    }

    @Override
    public void sendText(String part, boolean last) throws Exception {
        send("text", part.getBytes(StandardCharsets.UTF_8), last);
    }

    @Override
    public void sendBinary(ByteBuffer part, boolean last) throws Exception {
        send("binary", InteropPayloads.toArray(part), last);
    }

    private void send(String type, byte[] payload, boolean last) throws Exception {
        driver.call(driver.command("send", conn).put("type", type).put("fin", last).put("data", base64(payload)), SEND_TIMEOUT);
    }

    @Override
    public void sendPing(ByteBuffer payload) throws Exception {
        driver.call(driver.command("ping", conn).put("data", base64(InteropPayloads.toArray(payload))), SEND_TIMEOUT);
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        driver.call(driver.command("close", conn).put("code", code).put("reason", reason), SEND_TIMEOUT);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public Optional<Boolean> secure() {
        return secure;
    }

    @Override
    public Optional<String> extensions() {
        return extensions;
    }

    @Override
    public PeerEvents events() {
        return events;
    }

    @Override
    public void closeNormally() throws Exception {
        if (!events.closed.isDone()) {
            sendClose(1000, "");
        }
    }

    /** Lets the driver drop the connection (socket or page) and stops listening to it. */
    @Override
    public void release() {
        try {
            driver.call(driver.command("dispose", conn), CLOSE_TIMEOUT);
        } catch (Exception e) {
            // Nothing to release on a driver that is gone.
        } finally {
            driver.forget(conn);
        }
    }
}
