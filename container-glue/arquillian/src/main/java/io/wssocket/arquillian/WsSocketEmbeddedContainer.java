package io.wssocket.arquillian;

import io.wssocket.deploy.Application;
import io.wssocket.deploy.ApplicationSource;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Runs a WS Socket server inside the test's JVM and deploys ShrinkWrap archives into it: a WAR
 * ({@code WEB-INF/classes} and {@code WEB-INF/lib/*.jar}) or a JAR, each under the context path
 * {@code /} + its name without extension, under its own class loader.
 *
 * <p>Only client-side tests ({@code @Deployment(testable = false)} or {@code @RunAsClient}) are
 * supported: nothing is injected into the deployment to run tests inside it.
 */
public final class WsSocketEmbeddedContainer implements DeployableContainer<WsSocketContainerConfiguration> {
    private static final System.Logger LOG = System.getLogger(WsSocketEmbeddedContainer.class.getName());

    private WsSocketContainerConfiguration configuration = new WsSocketContainerConfiguration();
    private WebSocketServer server;
    /** By archive name, in deployment order. */
    private final Map<String, Deployed> deployed = new LinkedHashMap<>();

    /** A deployment that serves: its application and the directory its archive was unpacked into. */
    private record Deployed(Application application, Path directory) {
    }

    @Override
    public Class<WsSocketContainerConfiguration> getConfigurationClass() {
        return WsSocketContainerConfiguration.class;
    }

    @Override
    public void setup(WsSocketContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public synchronized void start() throws LifecycleException {
        if (server != null) {
            throw new LifecycleException("the WS Socket container is already started");
        }
        ServerConfig.Builder builder = ServerConfig.builder()
                .host(configuration.getBindAddress())
                .port(configuration.getBindHttpPort());
        if (configuration.getIdleTimeoutMillis() != null) {
            builder.idleTimeoutMillis(configuration.getIdleTimeoutMillis());
        }
        WebSocketServer created = WebSocketServer.create(builder.build());
        try {
            created.start();
        } catch (IOException e) {
            created.close();
            throw new LifecycleException(e.getMessage() + "; set bindHttpPort to a free port, or to 0 to let the "
                    + "system pick one", e);
        }
        server = created;
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        for (String name : List.copyOf(deployed.keySet())) {
            undeploy(name);
        }
        server.close();
        server = null;
    }

    /**
     * "Local": the deployments are tested from the client side, so no protocol has to be packaged
     * into them; an in-container protocol ({@code testable = true}) is not offered yet.
     */
    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    /**
     * Unpacks the archive into a temporary directory and deploys its endpoints, all or none. When
     * the runtime refuses the application, fails with Arquillian's {@link DeploymentException}, or,
     * with {@code failOnDeploymentError=false}, logs the reason and returns as if it had been
     * deployed, with none of its endpoints served.
     */
    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (server == null) {
            throw new DeploymentException("cannot deploy " + archive.getName() + ": the WS Socket container is not started");
        }
        String name = archive.getName();
        if (deployed.containsKey(name)) {
            throw new DeploymentException("cannot deploy " + name + ": an archive of that name is deployed already; "
                    + "undeploy it first or give the new one another name");
        }
        Layout layout = Layout.of(archive);
        String contextName = layout.contextName(name);
        if (contextName.isEmpty() || contextName.contains("/")) {
            throw new DeploymentException("cannot deploy '" + name + "': the archive's name without its extension "
                    + "is its context path, so it must be a non-empty name without '/'");
        }
        String contextPath = "/" + contextName;
        Path directory = null;
        try {
            directory = Files.createTempDirectory("wssocket-arquillian-");
            archive.as(ExplodedExporter.class).exportExplodedInto(directory.toFile());
        } catch (IOException | RuntimeException e) {
            if (directory != null) {
                deleteQuietly(directory);
            }
            throw new DeploymentException("cannot unpack " + name + " into a temporary directory: " + e, e);
        }
        try {
            ApplicationSource source = layout == Layout.WAR
                    ? ApplicationSource.ofExplodedWar(name, directory, contextPath)
                    : new ApplicationSource(name, contextPath, List.of(directory));
            Application application = Application.deploy(source, server.container(), WebSocketServer.class.getClassLoader());
            deployed.put(name, new Deployed(application, directory));
            LOG.log(System.Logger.Level.DEBUG, () -> "deployed " + name + ": " + application.paths());
        } catch (jakarta.websocket.DeploymentException | IOException e) {
            deleteQuietly(directory);
            if (configuration.isFailOnDeploymentError()) {
                // Arquillian matches @ShouldThrowException against the cause of the DeploymentException a
                // container throws, then the causes of that. With a second DeploymentException between
                // them, a test may expect Arquillian's DeploymentException or the WebSocket one.
                throw new DeploymentException("WS Socket refused " + name,
                        new DeploymentException(String.valueOf(e.getMessage()), e));
            }
            LOG.log(System.Logger.Level.WARNING, "WS Socket refused " + name + "; it serves nothing "
                    + "(failOnDeploymentError=false): " + e.getMessage());
        }
        ProtocolMetaData metaData = new ProtocolMetaData();
        metaData.addContext(new HTTPContext(reportedHost(), server.port()).add(new Servlet("default", contextPath)));
        return metaData;
    }

    @Override
    public synchronized void undeploy(Archive<?> archive) {
        undeploy(archive.getName());
    }

    /** Undeploys: endpoints removed, their sessions closed with 1001, the class loader closed, the files deleted. */
    private void undeploy(String name) {
        Deployed removed = deployed.remove(name);
        if (removed == null) {
            // Refused at deployment (failOnDeploymentError=false), or never deployed: nothing to do.
            return;
        }
        removed.application().close();
        deleteQuietly(removed.directory());
    }

    /** The application deployed from the archive of that name, if it is deployed and serving. */
    synchronized Optional<Application> application(String archiveName) {
        return Optional.ofNullable(deployed.get(archiveName)).map(Deployed::application);
    }

    /** The host clients should connect to: the bind address, or loopback when it is a wildcard. */
    private String reportedHost() {
        InetAddress address = server.localAddress().getAddress();
        if (address.isAnyLocalAddress()) {
            address = InetAddress.getLoopbackAddress();
        }
        String host = address.getHostAddress();
        // Arquillian joins host and port into a URI string, so an IPv6 literal needs its brackets.
        return address instanceof Inet6Address ? "[" + host + "]" : host;
    }

    private static void deleteQuietly(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + directory + ": " + e);
        }
    }

    /** How an archive's classes are laid out. */
    private enum Layout {
        WAR(".war"), JAR(".jar");

        private final String extension;

        Layout(String extension) {
            this.extension = extension;
        }

        static Layout of(Archive<?> archive) throws DeploymentException {
            String name = archive.getName();
            if (archive instanceof WebArchive || name.endsWith(WAR.extension)) {
                return WAR;
            }
            if (archive instanceof JavaArchive || name.endsWith(JAR.extension)) {
                return JAR;
            }
            throw new DeploymentException("cannot deploy " + name + ": WS Socket deploys web archives (.war) and "
                    + "Java archives (.jar); deploy the WAR or JAR inside it instead");
        }

        /** The archive's name without its extension: the TCK and users address the application by it. */
        String contextName(String archiveName) {
            return archiveName.endsWith(extension)
                    ? archiveName.substring(0, archiveName.length() - extension.length())
                    : archiveName;
        }
    }
}
