package io.wssocket.bench;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * Embedded Tomcat 11 with its default NIO connector and thread pool (with its own TLS when
 * {@code -Dbench.tls.keystore} is given, {@link BenchTls}), serving the
 * {@link BenchEndpoints} through whichever Jakarta WebSocket implementation it is given: Tomcat's
 * own ({@code WsSci}) or WS Socket's ({@code WebSocketInitializer}). Both publish the
 * {@link ServerContainer} as the context attribute the specification names, into which the
 * endpoints are deployed; so the two servers differ in the WebSocket implementation only.
 */
final class EmbeddedTomcat {

    private final Tomcat tomcat;
    private final int port;

    private EmbeddedTomcat(Tomcat tomcat, int port) {
        this.tomcat = tomcat;
        this.port = port;
    }

    /** Starts Tomcat on {@code host:port} with {@code webSocket} as the application's WebSocket implementation. */
    static EmbeddedTomcat start(String host, int port, ServletContainerInitializer webSocket) throws Exception {
        Path baseDir = Files.createTempDirectory("bench-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setProperty("address", host);
        connector.setPort(port);
        Path keystore = BenchTls.serverKeystore();
        if (keystore != null) {
            enableTls(connector, keystore);
        }
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", baseDir.toString());
        // Tomcat maps a request to a servlet before its filters run, and the WebSocket
        // implementation's filter does the upgrade: without a servlet at "/" every handshake would
        // be answered 404.
        Tomcat.addServlet(context, "default", new DefaultServlet()).addMapping("/");
        // The implementation's initializer publishes the ServerContainer as a context attribute; the
        // second initializer, run after it (initializers run in the order added), deploys the
        // endpoints into it.
        context.addServletContainerInitializer(webSocket, null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            if (container == null) {
                throw new ServletException(webSocket.getClass().getName() + " published no ServerContainer");
            }
            for (ServerEndpointConfig config : BenchEndpoints.configs()) {
                try {
                    container.addEndpoint(config);
                } catch (DeploymentException e) {
                    throw new ServletException("cannot deploy " + config.getPath(), e);
                }
            }
        }, null);
        tomcat.start();
        // Tomcat logs a context that failed to start and goes on serving 404s.
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("Tomcat did not start the application: its state is " + context.getState()
                    + " (see the log)");
        }
        return new EmbeddedTomcat(tomcat, connector.getLocalPort());
    }

    /** Tomcat's own TLS on its NIO connector (JSSE: the JDK's SSLEngine), TLS 1.3 only. */
    private static void enableTls(Connector connector, Path keystore) {
        connector.setSecure(true);
        connector.setScheme("https");
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        host.setProtocols(BenchTls.PROTOCOL);
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keystore.toString());
        certificate.setCertificateKeystorePassword(BenchTls.serverPassword());
        certificate.setCertificateKeystoreType("PKCS12");
        certificate.setCertificateKeyAlias(BenchTls.ALIAS);
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
    }

    int port() {
        return port;
    }

    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
