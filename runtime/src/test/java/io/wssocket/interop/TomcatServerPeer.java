package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import org.apache.catalina.Context;
import org.apache.catalina.Globals;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.websocket.server.DefaultServerEndpointConfigurator;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 11 with its WebSocket server: a context with Tomcat's WebSocket initializer
 * ({@link WsSci}), then one that deploys the peer endpoints into the container it created, as a
 * web application's {@code ServletContainerInitializer} would. Over wss its connector reads the
 * test certificate and key as PEM files, as a server.xml {@code <SSLHostConfig>} would.
 */
final class TomcatServerPeer implements PeerServer {
    private TemporaryDirectory baseDir;
    private Tomcat tomcat;

    @Override
    public int start(Scheme scheme) throws Exception {
        // Tomcat writes its work files under the base directory, the working directory by default.
        baseDir = TemporaryDirectory.create("tomcat-peer");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.path().toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        if (scheme == Scheme.WSS) {
            useTls(connector);
        }
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            deploy((ServerContainer) servletContext.getAttribute(ServerContainer.class.getName()));
            // Tomcat answers 404 before running any filter when no servlet maps the path, and its
            // WebSocket upgrade is a filter: a servlet on "/" (405 for every method) lets it run.
            servletContext.addServlet("websocket-only", new HttpServlet() { }).addMapping("/");
        }, null);
        tomcat.start();
        return connector.getLocalPort();
    }

    /** What {@code <Connector SSLEnabled="true" scheme="https" secure="true">} with one {@code <SSLHostConfig>} sets. */
    private static void useTls(Connector connector) {
        SSLHostConfig host = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateFile(TestCertificates.localhost().certificatePem().toString());
        certificate.setCertificateKeyFile(TestCertificates.localhost().keyPem().toString());
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        connector.setProperty("SSLEnabled", "true");
        connector.setScheme("https");
        connector.setSecure(true);
    }

    private static void deploy(ServerContainer container) throws ServletException {
        try {
            PeerServerEndpoints.deploy(container, DefaultServerEndpointConfigurator::new);
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }

    @Override
    public void stop() throws Exception {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            if (baseDir != null) {
                baseDir.close();
                forgetBaseDir(baseDir.path().toString());
            }
        }
    }

    /**
     * Embedded Tomcat sets the JVM-wide properties catalina.base and, when unset, catalina.home to
     * its base directory, and leaves them; the next Tomcat in this JVM would take that home and
     * create the removed directory again ({@code Tomcat.initBaseDir}, Tomcat 11.0).
     */
    private static void forgetBaseDir(String path) {
        for (String property : new String[] {Globals.CATALINA_BASE_PROP, Globals.CATALINA_HOME_PROP}) {
            if (path.equals(System.getProperty(property))) {
                System.clearProperty(property);
            }
        }
    }
}
