package io.wssocket.servlet.containers;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Globals;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 11 (tomcat-embed-core only: no tomcat-embed-websocket, so no {@code WsSci}). The
 * context is Tomcat's plain {@link Tomcat#addContext}: no web.xml, no scanning of jars for
 * initializers; the application's initializers are added with {@link Context#addServletContainerInitializer}
 * together with the classes their {@code @HandlesTypes} select. Tomcat's {@link DefaultServlet} is on
 * {@code /}, with Tomcat's default MIME types, as in a WAR deployed to a real Tomcat: it serves the
 * static resources, and without it Tomcat would run no filter on a path no servlet maps.
 */
final class TomcatContainer extends EmbeddedContainerBase {
    private Path baseDir;
    private Tomcat tomcat;

    @Override
    public String name() {
        return "Tomcat 11";
    }

    @Override
    int serve(WebApplication application) throws Exception {
        // Tomcat writes its work files under the base directory, the working directory by default.
        baseDir = Files.createTempDirectory("tomcat-servlet-glue");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        // Every real Tomcat maps its default servlet on "/" (conf/web.xml); without one a request for no
        // servlet's path is answered 404 before any filter runs. An application without files gets an empty root.
        Path root = application.resources().orElse(Files.createDirectories(baseDir.resolve("empty-root")));
        String docBase = root.toAbsolutePath().toString();
        Context context = tomcat.addContext(application.contextPath(), docBase);
        for (ServletContainerInitializer initializer : application.initializers()) {
            context.addServletContainerInitializer(initializer, application.handledTypes(initializer));
        }
        Wrapper files = Tomcat.addServlet(context, "default", new DefaultServlet());
        files.addInitParameter("listings", "false");
        files.addMapping("/");
        context.addWelcomeFile("index.html");
        Tomcat.addDefaultMimeTypeMappings(context);
        tomcat.start();
        // Tomcat logs a failed context start and goes on: a container that "started" an application
        // that did not start is no use to a test.
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("Tomcat did not start the application at \"" + application.contextPath()
                    + "\": its state is " + context.getState() + " (see the log for the cause)");
        }
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
                tomcat = null;
            }
        } finally {
            if (baseDir != null) {
                TemporaryFiles.delete(baseDir);
                forgetBaseDir(baseDir.toString());
                baseDir = null;
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
