package io.wssocket.servlet.interop;

import io.wssocket.samples.chat.ChatEndpoint;
import io.wssocket.servlet.WebSocketInitializer;
import io.wssocket.servlet.containers.WebApplication;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.weld.environment.servlet.EnhancedListener;

/**
 * The chat sample as samples/chat-war's {@code chat.war} has a container deploy it, with Weld
 * Servlet from its WEB-INF/lib as the application's CDI (the chat endpoint is created by CDI): at
 * the context path {@value #CONTEXT_PATH}, Weld's and WS Socket's initializers (what the container
 * finds in their jars), WS Socket's handed every class of the chat jar (a container's
 * {@code @HandlesTypes} scan), and the page from the jar's {@code META-INF/resources} (Servlet 6.0
 * §4.6) as the static root. Weld finds the chat's beans through the jar's {@code META-INF/beans.xml}
 * on the class path.
 */
final class ChatWar implements AutoCloseable {
    /** Where a container deploys {@code chat.war}: the page at {@code /chat/}, the room at {@code /chat/chat}. */
    static final String CONTEXT_PATH = "/chat";
    private static final String PAGE = "META-INF/resources";

    private final Path jar;
    private final Path page;

    private ChatWar(Path jar, Path page) {
        this.jar = jar;
        this.page = page;
    }

    /** The chat jar this build made (its class directory when the reactor has not packaged it yet). */
    static ChatWar open() throws IOException {
        Path jar;
        try {
            jar = Path.of(ChatEndpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot tell where the chat sample's classes are", e);
        }
        ChatWar war = new ChatWar(jar, Files.createTempDirectory("chat-war-page"));
        try {
            withRoot(jar, root -> copyTree(root.resolve(PAGE), war.page));
        } catch (IOException | RuntimeException e) {
            war.close();
            throw e;
        }
        return war;
    }

    /** What the container deploys: Weld's and WS Socket's initializers, the jar's classes and the page. */
    WebApplication application() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        withRoot(jar, root -> {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    classes.add(Class.forName(name, false, ChatWar.class.getClassLoader()));
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the chat jar lists a class it cannot load: " + e.getMessage(), e);
            }
        });
        return WebApplication.at(CONTEXT_PATH)
                .initializer(new EnhancedListener())
                .initializer(new WebSocketInitializer())
                .classes(classes.toArray(Class<?>[]::new))
                .resources(page);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(page)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
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
}
