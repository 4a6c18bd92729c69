package io.wssocket.weld;

import jakarta.decorator.Decorator;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.NormalScope;
import jakarta.enterprise.inject.Stereotype;
import jakarta.interceptor.Interceptor;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The bean classes of an application, found in its class roots as CDI 4.1 §12.1 discovers them:
 * a root whose beans.xml says {@code all} gives every class; {@code annotated} (also an empty
 * beans.xml, or none at all) gives the classes with a bean defining annotation, plus every
 * {@code @ServerEndpoint} and {@code @ClientEndpoint} class, which become {@code @Dependent} beans;
 * {@code none} gives nothing.
 *
 * @param classes to add to the container
 * @param interceptors, decorators, alternatives enabled by the roots' beans.xml files
 * @param excluded every root says {@code none}: the application is no bean archive at all
 * @param undiscovered classes of annotated roots left out for want of a bean defining annotation,
 *     for the advice when one of them is an unsatisfied dependency
 */
record BeanArchive(List<Class<?>> classes, List<Class<?>> interceptors, List<Class<?>> decorators,
                   List<Class<?>> alternatives, boolean excluded, List<Class<?>> undiscovered) {

    /** The given classes as beans, nothing enabled: for an embedded server's endpoints. */
    static BeanArchive of(List<Class<?>> classes) {
        return new BeanArchive(List.copyOf(classes), List.of(), List.of(), List.of(), false, List.of());
    }

    static BeanArchive of(String application, List<Path> roots, ClassLoader loader) throws DeploymentException {
        Set<Class<?>> classes = new LinkedHashSet<>();
        List<Class<?>> interceptors = new ArrayList<>();
        List<Class<?>> decorators = new ArrayList<>();
        List<Class<?>> alternatives = new ArrayList<>();
        boolean excluded = true;
        List<Class<?>> undiscovered = new ArrayList<>();
        for (Path root : roots) {
            BeansXml beansXml;
            List<String> names;
            try {
                beansXml = beansXml(root);
                names = classNames(root);
            } catch (IOException e) {
                throw new DeploymentException(application + ": cannot read " + root + " for CDI: " + e.getMessage(), e);
            }
            if (beansXml.mode() == BeansXml.Mode.NONE) {
                continue;
            }
            excluded = false;
            for (String name : names) {
                Class<?> type = load(name, loader);
                if (type == null) {
                    continue;
                }
                if (beansXml.mode() == BeansXml.Mode.ALL || isDiscoveredWhenAnnotated(type)) {
                    classes.add(type);
                } else {
                    undiscovered.add(type);
                }
            }
            interceptors.addAll(loadAll(application, beansXml.interceptors(), loader));
            decorators.addAll(loadAll(application, beansXml.decorators(), loader));
            alternatives.addAll(loadAll(application, beansXml.alternatives(), loader));
        }
        return new BeanArchive(List.copyOf(classes), interceptors, decorators, alternatives, excluded, undiscovered);
    }

    /**
     * The concrete {@link Endpoint} subclasses among the classes, beans or not: candidates for
     * programmatic endpoints, which the runtime may have CDI create.
     */
    List<Class<?>> programmaticEndpoints() {
        return Stream.concat(classes.stream(), undiscovered.stream())
                .filter(type -> Endpoint.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers()))
                .toList();
    }

    /** A bean defining annotation (CDI 4.1 §2.5.1) or an endpoint annotation on the class itself. */
    static boolean isDiscoveredWhenAnnotated(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            Class<? extends Annotation> kind = annotation.annotationType();
            if (kind == Dependent.class || kind == Interceptor.class || kind == Decorator.class
                    || kind == ServerEndpoint.class || kind == ClientEndpoint.class
                    || kind.isAnnotationPresent(NormalScope.class) || kind.isAnnotationPresent(Stereotype.class)) {
                return true;
            }
        }
        return false;
    }

    private static BeansXml beansXml(Path root) throws IOException {
        String entry = "META-INF/beans.xml";
        if (Files.isDirectory(root)) {
            Path file = root.resolve(entry);
            if (!Files.isRegularFile(file)) {
                return BeansXml.ABSENT;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return BeansXml.parse(in, file.toString());
            }
        }
        try (JarFile jar = new JarFile(root.toFile())) {
            JarEntry found = jar.getJarEntry(entry);
            if (found == null) {
                return BeansXml.ABSENT;
            }
            try (InputStream in = jar.getInputStream(found)) {
                return BeansXml.parse(in, root + "!/" + entry);
            }
        }
    }

    private static List<String> classNames(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                        .forEach(path -> addClassName(path, names));
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().map(JarEntry::getName).forEach(path -> addClassName(path, names));
            }
        }
        return names;
    }

    private static void addClassName(String path, List<String> names) {
        if (path.endsWith(".class") && !path.startsWith("META-INF/") && !path.endsWith("module-info.class")
                && !path.endsWith("package-info.class")) {
            names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }

    /** The class, or null when it cannot be loaded (a class referring to what the application lacks is no bean). */
    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static List<Class<?>> loadAll(String application, List<String> names, ClassLoader loader)
            throws DeploymentException {
        List<Class<?>> loaded = new ArrayList<>();
        for (String name : names) {
            try {
                loaded.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new DeploymentException(application + ": beans.xml names " + name + ", which cannot be loaded: " + e, e);
            }
        }
        return loaded;
    }
}
