package io.wssocket.deploy;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import io.wssocket.server.DeploymentScope;
import io.wssocket.server.WsServerContainer;
import io.wssocket.spi.ApplicationInfo;
import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.ContainerIntegration;
import io.wssocket.spi.Integrations;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One deployed application: jars and class directories under their own class loader, served
 * under a context path, its endpoints chosen by the rules of Jakarta WebSocket 2.2 §6.2: every
 * {@link ServerApplicationConfig} it holds filters the endpoints found by scanning; with none,
 * every annotated endpoint is deployed. Its endpoints are registered all together or not at all;
 * the files under {@code META-INF/resources/} of its own class roots (never its parent loader's) are
 * served to plain HTTP requests under its context path. {@link #close()} undeploys it (sessions
 * closed with 1001) and releases its class loader and jars. With a
 * container integration on the runtime's class path ({@link Integrations#discovered()}, such as the
 * CDI glue) the integration is started for the application before its endpoints are registered,
 * creates its instances, and is stopped when it is undeployed.
 */
public final class Application implements AutoCloseable {
    private final ApplicationSource source;
    private final URLClassLoader classLoader;
    private final DeploymentScope scope;
    private final Integrated integrated;

    private Application(ApplicationSource source, URLClassLoader classLoader, DeploymentScope scope, Integrated integrated) {
        this.source = source;
        this.classLoader = classLoader;
        this.scope = scope;
        this.integrated = integrated;
    }

    /** The container integration started for an application, and its registration for the application's loader. */
    private record Integrated(ApplicationIntegration integration, Integrations.Registration registration) {
        /** Null when the container does not manage this application. */
        static Integrated start(ContainerIntegration container, ApplicationInfo application) throws DeploymentException {
            ApplicationIntegration integration = container.start(application);
            if (integration == null) {
                return null;
            }
            return new Integrated(integration, Integrations.registerOrClose(application.classLoader(), integration));
        }

        void stop() {
            registration.close();
            integration.close();
        }
    }

    /** A jar or class directory at the root context; see {@link #deploy(ApplicationSource, WsServerContainer, ClassLoader)}. */
    public static Application deploy(Path source, WsServerContainer container, ClassLoader runtime) throws DeploymentException {
        return deploy(ApplicationSource.of(source), container, runtime);
    }

    /**
     * Scans {@code source} and deploys its endpoints into {@code container}.
     *
     * @param runtime the loader of the Jakarta WebSocket API the container uses; the application
     *     sees that API and the JDK, nothing else outside itself
     * @throws DeploymentException naming the application and what is wrong with it
     */
    public static Application deploy(ApplicationSource source, WsServerContainer container, ClassLoader runtime)
            throws DeploymentException {
        String name = source.name();
        ContainerIntegration integration = Integrations.discovered();
        ApplicationIndex index;
        URLClassLoader loader;
        try {
            index = ApplicationIndex.of(source.classRoots());
            URL[] urls = new URL[source.classRoots().size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = source.classRoots().get(i).toUri().toURL();
            }
            loader = new URLClassLoader("app:" + name, urls,
                    new ApiClassLoader(runtime, integration == null ? Set.of() : integration.sharedClassPrefixes()));
        } catch (IOException e) {
            throw new DeploymentException(name + ": cannot read the application: " + e.getMessage(), e);
        }
        DeploymentScope scope = container.scope(source.contextPath());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        Integrated integrated = null;
        try {
            if (integration != null) {
                integrated = Integrated.start(integration, new ApplicationInfo(name, loader, source.classRoots(),
                        container.shutdownTimeout(), container));
            }
            EndpointSelection selection = selection(name, index, loader);
            for (ServerEndpointConfig config : selection.configs()) {
                scope.addEndpoint(config);
            }
            for (Class<?> annotated : selection.annotated()) {
                scope.addEndpoint(annotated);
            }
            scope.addResourceRoots(source.classRoots());
            if (scope.paths().isEmpty()) {
                throw new DeploymentException(name + ": no endpoints to deploy (no ServerApplicationConfig "
                        + "returned any, and no @ServerEndpoint class was found)");
            }
            scope.commit();
            return new Application(source, loader, scope, integrated);
        } catch (IOException | DeploymentException | RuntimeException | LinkageError e) {
            scope.undeploy();
            if (integrated != null) {
                integrated.stop();
            }
            closeQuietly(loader);
            if (e instanceof IOException) {
                throw new DeploymentException(name + ": cannot read the static resources: " + e.getMessage(), e);
            }
            if (e instanceof DeploymentException) {
                throw (DeploymentException) e;
            }
            throw new DeploymentException(name + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static EndpointSelection selection(String source, ApplicationIndex index, ClassLoader loader)
            throws DeploymentException {
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        for (String name : index.programmaticEndpoints()) {
            programmatic.add(load(source, name, loader).asSubclass(Endpoint.class));
        }
        Set<Class<?>> annotated = new LinkedHashSet<>();
        for (String name : index.annotatedEndpoints()) {
            annotated.add(load(source, name, loader));
        }
        List<Class<? extends ServerApplicationConfig>> apps = new ArrayList<>();
        for (String name : index.serverApplicationConfigs()) {
            Class<?> type = load(source, name, loader);
            if (!ServerApplicationConfig.class.isAssignableFrom(type)) {
                throw new DeploymentException(source + ": " + name + " is not a ServerApplicationConfig");
            }
            apps.add(type.asSubclass(ServerApplicationConfig.class));
        }
        return EndpointSelection.of(programmatic, annotated, EndpointSelection.create(source, apps));
    }

    private static Class<?> load(String source, String name, ClassLoader loader) throws DeploymentException {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DeploymentException(source + ": cannot load " + name + ": " + e, e);
        }
    }

    public ApplicationSource source() {
        return source;
    }

    /** The full paths (context path included) of the endpoints this application deployed. */
    public List<String> paths() {
        return scope.paths();
    }

    /**
     * Where its {@code META-INF/resources/} pages are served ("/" or "/name/"), or null when it has
     * none or the server serves no static resources.
     */
    public String pagesPath() {
        return scope.pagesPath();
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /**
     * Undeploys: the endpoints are removed, their sessions closed with 1001, the container
     * integration stopped (it lets the sessions finish closing first), the class loader closed.
     */
    @Override
    public void close() {
        scope.undeploy();
        if (integrated != null) {
            integrated.stop();
        }
        closeQuietly(classLoader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the loader's jar files are closed as far as they can be
        }
    }
}
