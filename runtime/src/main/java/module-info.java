/**
 * WS Socket: a Jakarta WebSocket 2.2 server and client with its own RFC 6455 engine.
 *
 * <p>Applications use the Jakarta WebSocket API ({@code jakarta.websocket}, required
 * transitively) and, to embed the server, {@link io.wssocket.server.WebSocketServer} with its
 * {@link io.wssocket.server.ServerConfig}. The client is found through
 * {@code ContainerProvider.getWebSocketContainer()}. {@link io.wssocket.spi} is for containers
 * that create application objects (the CDI glue). Every other package is internal.
 *
 * <p>An application module must open the packages of its endpoints, encoders, decoders and
 * configurators to this module: the runtime creates their instances and binds their methods by
 * reflection ({@code opens com.example.chat to io.wssocket.runtime;}).
 */
@SuppressWarnings("module") // the qualified export's targets are built after this module
module io.wssocket.runtime {
    // The API's types are in our exported signatures (WsServerContainer is a ServerContainer).
    requires transitive jakarta.websocket;
    requires org.jboss.jandex;
    // ConnectionLimits reads the process's open-file limit from the platform MXBean.
    requires jdk.management;
    // System.Logger's backend: boot.Main formats log lines with java.util.logging's properties,
    // which the JDK uses for System.Logger only when java.logging is in the module graph.
    requires java.logging;
    // The server's Flight Recorder events (io.wssocket.Handshake, SessionClosed, ...): the JDK's own, no dependency.
    requires jdk.jfr;

    exports io.wssocket.server;
    exports io.wssocket.client;
    exports io.wssocket.spi;
    exports io.wssocket.cluster;
    // Deploying jars and directories: the Arquillian container and the Weld glue; endpoint selection: the Servlet glue.
    exports io.wssocket.deploy to io.wssocket.cdi, io.wssocket.arquillian, io.wssocket.servlet;
    // A Servlet container as the host of a server: its requests, its upgraded connections.
    exports io.wssocket.server.host to io.wssocket.servlet;
    exports io.wssocket.transport to io.wssocket.servlet;

    uses io.wssocket.spi.ContainerIntegration;
    uses io.wssocket.spi.ClusterTransportProvider;
    uses io.wssocket.spi.ServerMetricsListener;
    uses io.wssocket.spi.MetricsExposition;

    provides jakarta.websocket.ContainerProvider with io.wssocket.client.internal.ClientProvider;
    provides jakarta.websocket.server.ServerEndpointConfig.Configurator with io.wssocket.server.DefaultServerConfigurator;
}
