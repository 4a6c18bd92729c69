/**
 * Embedding the server: {@link io.wssocket.server.WebSocketServer} listens, serves the endpoints
 * deployed on its {@link io.wssocket.server.WsServerContainer} (a Jakarta WebSocket
 * {@code ServerContainer}) and is configured by an immutable {@link io.wssocket.server.ServerConfig}
 * made with its builder. A {@link io.wssocket.server.HandshakeAuthenticator} decides who opens a
 * WebSocket ({@link io.wssocket.server.Authentication}) or refuses the handshake
 * ({@link io.wssocket.server.HandshakeRejection}); an {@link io.wssocket.server.OriginPolicy}
 * says which pages may.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.create(ServerConfig.builder().port(8080).build())) {
 *     server.container().addEndpoint(ChatEndpoint.class);
 *     server.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Applications deployed by the bootstrap main ({@code java -jar wssocket.jar app.jar}) need
 * nothing of this package: they use the Jakarta WebSocket API only.
 */
package io.wssocket.server;
