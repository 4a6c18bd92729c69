package io.wssocket.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parent of every application's class loader: the JDK, the Jakarta WebSocket API taken from
 * the runtime (so applications and runtime share the API's classes), the runtime's providers
 * of that API's services (the API finds the container's default configurator and
 * {@code ContainerProvider} through {@code ServiceLoader} on the application's loader), and the
 * classes a container integration shares ({@link io.wssocket.spi.ContainerIntegration#sharedClassPrefixes()}:
 * the CDI API, for one), and the runtime's cluster API ({@code io.wssocket.cluster}). Nothing else of the runtime is visible to applications, and nothing of one
 * application to another.
 *
 * <p>It delegates by name, never to its parent: the parent only tells {@code ServiceLoader} where
 * to look for providers in named modules. On the class path that is the platform loader and the
 * runtime's providers are found through the service files shared below; on the module path
 * {@code ServiceLoader} ignores those files' classes (they are in a named module), so the parent is
 * the loader of the runtime's module, whose {@code provides} it then finds.
 */
final class ApiClassLoader extends ClassLoader {
    private static final String API_PACKAGE = "jakarta.websocket.";
    private static final String API_SERVICES = "META-INF/services/jakarta.websocket.";
    /** The runtime's own API for applications: cluster-wide messaging ({@code Cluster.of(session)}). */
    private static final String CLUSTER_PACKAGE = "io.wssocket.cluster.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtime;
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final Set<String> providers;
    /** Class name prefixes shared besides the API's, from the container integration. */
    private final String[] sharedPrefixes;
    /** The same as resource name prefixes ("a/b/"). */
    private final String[] sharedResourcePrefixes;

    ApiClassLoader(ClassLoader runtime) {
        this(runtime, Set.of());
    }

    /** @param sharedPrefixes more class name prefixes ("jakarta.inject.") to take from the runtime */
    ApiClassLoader(ClassLoader runtime, Set<String> sharedPrefixes) {
        super("wssocket-api", ApiClassLoader.class.getModule().isNamed() ? runtime : ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
        this.providers = providersOf(runtime);
        this.sharedPrefixes = sharedPrefixes.toArray(String[]::new);
        this.sharedResourcePrefixes = sharedPrefixes.stream().map(p -> p.replace('.', '/')).toArray(String[]::new);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        try {
            return platform.loadClass(name);
        } catch (ClassNotFoundException notInTheJdk) {
            return findClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        URL found = platform.getResource(name);
        return found != null ? found : findResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> found = Collections.list(platform.getResources(name));
        found.addAll(Collections.list(findResources(name)));
        return Collections.enumeration(found);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE) || name.startsWith(CLUSTER_PACKAGE) || providers.contains(name)
                || startsWithAny(name, sharedPrefixes)) {
            return runtime.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return isShared(name) ? runtime.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return isShared(name) ? runtime.getResources(name) : Collections.emptyEnumeration();
    }

    private boolean isShared(String resource) {
        return resource.startsWith(API_SERVICES) || resource.startsWith(API_PACKAGE.replace('.', '/'))
                || startsWithAny(resource, sharedResourcePrefixes);
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The classes named by the runtime's service files for the Jakarta WebSocket API. */
    private static Set<String> providersOf(ClassLoader runtime) {
        Set<String> names = new HashSet<>();
        for (String service : new String[] {
            "jakarta.websocket.server.ServerEndpointConfig$Configurator",
            "jakarta.websocket.ContainerProvider",
            "jakarta.websocket.server.ServerContainerProvider"}) {
            try {
                for (URL url : Collections.list(runtime.getResources("META-INF/services/" + service))) {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                        in.lines().map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty()).forEach(names::add);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the runtime's service files", e);
            }
        }
        return Set.copyOf(names);
    }
}
