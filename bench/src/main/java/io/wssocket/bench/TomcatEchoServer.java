package io.wssocket.bench;

import org.apache.tomcat.websocket.server.WsSci;

/**
 * Tomcat 11 embedded with its own Jakarta WebSocket implementation ({@code WsSci}, from
 * tomcat-embed-websocket) serving the {@link BenchEndpoints}, with Tomcat's default NIO connector
 * and thread pool.
 */
public final class TomcatEchoServer implements PeerServer {

    private EmbeddedTomcat tomcat;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("tomcat", args, TomcatEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        tomcat = EmbeddedTomcat.start(host, port, new WsSci());
        return tomcat.port();
    }

    @Override
    public void stop() throws Exception {
        tomcat.stop();
    }
}
