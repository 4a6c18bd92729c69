package io.wssocket.deploy;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
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
 * One deployed application: a jar or class directory under its own class loader, its endpoints
 * chosen by the rules of Jakarta WebSocket 2.2 §6.2: every {@link ServerApplicationConfig} it holds
 * filters the endpoints found by scanning; with none, every annotated endpoint is deployed.
 */
public final class Application implements AutoCloseable {
    private final Path source;
    private final URLClassLoader classLoader;
    private final List<String> paths;

    private Application(Path source, URLClassLoader classLoader, List<String> paths) {
        this.source = source;
        this.classLoader = classLoader;
        this.paths = paths;
    }

    /**
     * Scans {@code source} and deploys its endpoints into {@code container}.
     *
     * @param runtime the loader of the Jakarta WebSocket API the container uses; the application
     *     sees that API and the JDK, nothing else outside itself
     * @throws DeploymentException naming the application and what is wrong with it
     */
    public static Application deploy(Path source, ServerContainer container, ClassLoader runtime) throws DeploymentException {
        ApplicationIndex index;
        try {
            index = ApplicationIndex.of(source);
        } catch (IOException e) {
            throw new DeploymentException(source + ": cannot read the application: " + e.getMessage(), e);
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("app:" + source.getFileName(), new URL[] {source.toUri().toURL()},
                    new ApiClassLoader(runtime));
        } catch (IOException e) {
            throw new DeploymentException(source + ": " + e.getMessage(), e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            List<String> paths = new ArrayList<>();
            for (ServerEndpointConfig config : endpointConfigs(source, index, loader)) {
                container.addEndpoint(config);
                paths.add(config.getPath());
            }
            for (Class<?> annotated : annotatedEndpoints(source, index, loader)) {
                container.addEndpoint(annotated);
                paths.add(annotated.getAnnotation(jakarta.websocket.server.ServerEndpoint.class).value());
            }
            if (paths.isEmpty()) {
                throw new DeploymentException(source + ": no endpoints to deploy (no ServerApplicationConfig "
                        + "returned any, and no @ServerEndpoint class was found)");
            }
            return new Application(source, loader, List.copyOf(paths));
        } catch (DeploymentException | RuntimeException | LinkageError e) {
            closeQuietly(loader);
            if (e instanceof DeploymentException) {
                throw (DeploymentException) e;
            }
            throw new DeploymentException(source + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static List<ServerEndpointConfig> endpointConfigs(Path source, ApplicationIndex index, ClassLoader loader)
            throws DeploymentException {
        List<ServerEndpointConfig> configs = new ArrayList<>();
        Set<Class<? extends Endpoint>> endpoints = new LinkedHashSet<>();
        for (String name : index.programmaticEndpoints()) {
            endpoints.add(load(source, name, loader).asSubclass(Endpoint.class));
        }
        for (ServerApplicationConfig app : applicationConfigs(source, index, loader)) {
            Set<ServerEndpointConfig> chosen = app.getEndpointConfigs(Set.copyOf(endpoints));
            if (chosen != null) {
                configs.addAll(chosen);
            }
        }
        return configs;
    }

    private static Set<Class<?>> annotatedEndpoints(Path source, ApplicationIndex index, ClassLoader loader)
            throws DeploymentException {
        Set<Class<?>> scanned = new LinkedHashSet<>();
        for (String name : index.annotatedEndpoints()) {
            scanned.add(load(source, name, loader));
        }
        List<ServerApplicationConfig> apps = applicationConfigs(source, index, loader);
        if (apps.isEmpty()) {
            return scanned;
        }
        Set<Class<?>> chosen = new LinkedHashSet<>();
        for (ServerApplicationConfig app : apps) {
            Set<Class<?>> result = app.getAnnotatedEndpointClasses(Set.copyOf(scanned));
            if (result != null) {
                chosen.addAll(result);
            }
        }
        return chosen;
    }

    private static List<ServerApplicationConfig> applicationConfigs(Path source, ApplicationIndex index, ClassLoader loader)
            throws DeploymentException {
        List<ServerApplicationConfig> apps = new ArrayList<>();
        for (String name : index.serverApplicationConfigs()) {
            Class<?> type = load(source, name, loader);
            try {
                apps.add((ServerApplicationConfig) type.getConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new DeploymentException(source + ": cannot create " + name
                        + " (a ServerApplicationConfig needs a public no-argument constructor): " + e, e);
            }
        }
        return apps;
    }

    private static Class<?> load(Path source, String name, ClassLoader loader) throws DeploymentException {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DeploymentException(source + ": cannot load " + name + ": " + e, e);
        }
    }

    public Path source() {
        return source;
    }

    /** The paths of the endpoints this application deployed. */
    public List<String> paths() {
        return paths;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    @Override
    public void close() {
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
