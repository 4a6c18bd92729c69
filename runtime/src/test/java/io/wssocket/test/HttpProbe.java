package io.wssocket.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** One plain HTTP/1.1 request on a new loopback connection, as a load balancer's health check sends it. */
public final class HttpProbe {
    private HttpProbe() {
    }

    /** Sends {@code method path} and reads the whole response (for HEAD, the head alone). */
    public static RawWebSocket.HttpResponse request(int port, String method, String path) throws IOException {
        try (RawWebSocket connection = RawWebSocket.connect(port)) {
            connection.sendRaw(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (method.equals("POST") ? "Content-Length: 0\r\n" : "") + "\r\n");
            return method.equals("HEAD") ? connection.readHttpHead() : connection.readHttpResponse();
        }
    }

    /** A port free on loopback now, for a listener whose port must be given (health-port: 0 turns it off). */
    public static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET path}: the status alone. */
    public static int status(int port, String path) throws IOException {
        return request(port, "GET", path).status();
    }
}
