package io.wssocket.servlet.interop;

import io.wssocket.samples.chat.ChatEndpoint;
import io.wssocket.servlet.WebSocketInitializer;
import io.wssocket.servlet.containers.WebApplication;
import io.wssocket.spi.ApplicationInfo;
import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.Integrations;
import io.wssocket.weld.WeldIntegration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The chat sample as samples/chat-war's {@code chat.war} has a container deploy it: at the context
 * path {@value #CONTEXT_PATH}, the chat jar's classes in a loader of the application's own (a
 * container's web application loader, which takes its classes from WEB-INF/lib before its parent),
 * WS Socket's initializer handed every class of the jar (a container's {@code @HandlesTypes} scan),
 * and the page from the jar's {@code META-INF/resources} (Servlet 6.0 §4.6) as the static root.
 *
 * <p>The chat endpoint is created by CDI. The Servlet glue starts no CDI of its own yet, and the
 * embedded containers have none, so an initializer ahead of WS Socket's starts container-glue/cdi's
 * Weld integration over the chat jar for the application's loader, as a container's CDI would serve
 * that application, and stops it with the application.
 */
final class ChatWar implements AutoCloseable {
    /** Where a container deploys {@code chat.war}: the page at {@code /chat/}, the room at {@code /chat/chat}. */
    static final String CONTEXT_PATH = "/chat";
    private static final String PACKAGE = ChatEndpoint.class.getPackageName() + ".";
    private static final String PAGE = "META-INF/resources";

    private final Path jar;
    private final URLClassLoader loader;
    private final Path page;

    private ChatWar(Path jar, URLClassLoader loader, Path page) {
        this.jar = jar;
        this.loader = loader;
        this.page = page;
    }

    /** The chat jar this build made (its class directory when the reactor has not packaged it yet), in a loader of its own. */
    static ChatWar open() throws IOException {
        Path jar;
        try {
            jar = Path.of(ChatEndpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot tell where the chat sample's classes are", e);
        }
        URLClassLoader loader = new URLClassLoader("chat.war", new URL[] {jar.toUri().toURL()},
                new ClassesOfTheApplicationHidden(ChatWar.class.getClassLoader()));
        Path page = Files.createTempDirectory("chat-war-page");
        try {
            withRoot(jar, root -> copyTree(root.resolve(PAGE), page));
        } catch (IOException | RuntimeException e) {
            loader.close();
            throw e;
        }
        return new ChatWar(jar, loader, page);
    }

    /**
     * What the container deploys: the CDI stand-in, WS Socket's initializer with the jar's classes,
     * and the page.
     */
    WebApplication application() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        withRoot(jar, root -> {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    classes.add(Class.forName(name, false, loader));
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the chat jar lists a class it cannot load: " + e.getMessage(), e);
            }
        });
        return WebApplication.at(CONTEXT_PATH)
                .initializer(new ContainerCdi(loader, jar))
                .initializer(new WebSocketInitializer())
                .classes(classes.toArray(Class<?>[]::new))
                .resources(page);
    }

    @Override
    public void close() throws IOException {
        try {
            loader.close();
        } finally {
            try (Stream<Path> paths = Files.walk(page)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Runs {@code action} on the root of a class directory or of a jar's file system. */
    private static void withRoot(Path classRoot, RootAction action) throws IOException {
        if (Files.isDirectory(classRoot)) {
            action.run(classRoot);
            return;
        }
        try (FileSystem jarFiles = FileSystems.newFileSystem(classRoot)) {
            action.run(jarFiles.getPath("/"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    @FunctionalInterface
    private interface RootAction {
        void run(Path root) throws IOException;
    }

    /**
     * The parent of the application's loader: the test's class path without the chat's own
     * classes, so that the application's loader defines them itself, as a web application loader
     * does with the classes of its WEB-INF/lib.
     */
    private static final class ClassesOfTheApplicationHidden extends ClassLoader {
        ClassesOfTheApplicationHidden(ClassLoader parent) {
            super("chat.war-parent", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(PACKAGE)) {
                throw new ClassNotFoundException(name + " belongs to the web application");
            }
            return super.loadClass(name, resolve);
        }
    }

    /**
     * Stands in for the container's CDI: Weld over the chat jar for the application's loader,
     * registered so that WS Socket creates the application's endpoints through it, stopped when the
     * application stops (after WS Socket's own listener, added later, closed its sessions).
     */
    private static final class ContainerCdi implements ServletContainerInitializer {
        private static final Duration SESSIONS_CLOSED_TIMEOUT = Duration.ofSeconds(5);

        private final ClassLoader loader;
        private final Path jar;

        ContainerCdi(ClassLoader loader, Path jar) {
            this.loader = loader;
            this.jar = jar;
        }

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
            ApplicationIntegration cdi;
            try {
                cdi = new WeldIntegration().start(new ApplicationInfo("chat.war", loader, List.of(jar), SESSIONS_CLOSED_TIMEOUT));
            } catch (DeploymentException | UncheckedIOException e) {
                throw new ServletException("CDI for chat.war did not start: " + e.getMessage(), e);
            }
            Integrations.Registration registration = Integrations.registerOrClose(loader, cdi);
            context.addListener(new ServletContextListener() {
                @Override
                public void contextDestroyed(ServletContextEvent event) {
                    registration.close();
                    cdi.close();
                }
            });
        }
    }
}
