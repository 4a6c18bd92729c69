package io.wssocket.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

/**
 * A class index of one application (a jar or a class directory), read from the class files
 * without loading them, so scanning runs no application code and costs no class loading.
 */
final class ApplicationIndex {
    static final DotName SERVER_APPLICATION_CONFIG = DotName.createSimple("jakarta.websocket.server.ServerApplicationConfig");
    static final DotName ENDPOINT = DotName.createSimple("jakarta.websocket.Endpoint");
    static final DotName SERVER_ENDPOINT = DotName.createSimple("jakarta.websocket.server.ServerEndpoint");

    private final Index index;

    private ApplicationIndex(Index index) {
        this.index = index;
    }

    /** Indexes every class file of the jars and below the directories. */
    public static ApplicationIndex of(List<Path> roots) throws IOException {
        Indexer indexer = new Indexer();
        for (Path root : roots) {
            index(root, indexer);
        }
        return new ApplicationIndex(indexer.complete());
    }

    private static void index(Path application, Indexer indexer) throws IOException {
        if (Files.isDirectory(application)) {
            try (Stream<Path> files = Files.walk(application)) {
                for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    try (InputStream in = Files.newInputStream(file)) {
                        indexer.index(in);
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(application.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            indexer.index(in);
                        }
                    }
                }
            }
        }
    }

    /** Concrete classes implementing {@code ServerApplicationConfig}. */
    public List<String> serverApplicationConfigs() {
        return concreteNames(index.getAllKnownImplementations(SERVER_APPLICATION_CONFIG));
    }

    /** Concrete subclasses of {@code jakarta.websocket.Endpoint}. */
    public List<String> programmaticEndpoints() {
        return concreteNames(index.getAllKnownSubclasses(ENDPOINT));
    }

    /** Classes annotated with {@code @ServerEndpoint}. */
    public List<String> annotatedEndpoints() {
        List<String> names = new ArrayList<>();
        index.getAnnotations(SERVER_ENDPOINT).forEach(a -> {
            if (a.target() != null && a.target().kind() == org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                names.add(a.target().asClass().name().toString());
            }
        });
        names.sort(null);
        return names;
    }

    private static List<String> concreteNames(java.util.Collection<ClassInfo> classes) {
        List<String> names = new ArrayList<>();
        for (ClassInfo c : classes) {
            if (!c.isInterface() && !java.lang.reflect.Modifier.isAbstract(c.flags())) {
                names.add(c.name().toString());
            }
        }
        names.sort(null);
        return names;
    }
}
