package io.wssocket.bench;

import io.wssocket.servlet.WebSocketInitializer;

/**
 * WS Socket as the Jakarta WebSocket implementation of Tomcat 11 embedded (tomcat-embed-core
 * without tomcat-embed-websocket), through wssocket-servlet's {@link WebSocketInitializer}: the
 * same Tomcat, connector and thread pool as {@link TomcatEchoServer}, so that the two differ in the
 * WebSocket implementation only. WS Socket's options come from {@code -Dwssocket.*} properties
 * inside a container; option {@code permessage-deflate} is set from {@code -Dbench.deflate}, as
 * for {@link WsSocketEchoServer}, unless {@code -Dwssocket.permessage-deflate} is given.
 */
public final class WsSocketInTomcatServer implements PeerServer {

    private static final String DEFLATE_OPTION = "wssocket.permessage-deflate";

    private EmbeddedTomcat tomcat;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("wssocket-tomcat", args, WsSocketInTomcatServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        if (System.getProperty(DEFLATE_OPTION) == null) {
            System.setProperty(DEFLATE_OPTION, Boolean.toString(Boolean.getBoolean(EchoEndpoint.DEFLATE_PROPERTY)));
        }
        tomcat = EmbeddedTomcat.start(host, port, new WebSocketInitializer());
        return tomcat.port();
    }

    @Override
    public void stop() throws Exception {
        tomcat.stop();
    }
}
