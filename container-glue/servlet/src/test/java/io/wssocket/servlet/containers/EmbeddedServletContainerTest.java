package io.wssocket.servlet.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: what a web application needs of {@link EmbeddedServletContainer}, in each container. */
class EmbeddedServletContainerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path webRoot;

    @InEachServletContainer
    void givesEachInitializerTheClassesItsHandlesTypesSelect(EmbeddedServletContainer container) throws Exception {
        Recording recording = new Recording();
        NothingMatches nothingMatches = new NothingMatches();

        container.start(WebApplication.at("/app")
                .initializer(recording)
                .initializer(nothingMatches)
                .classes(Annotated.class, Implementation.class, Unrelated.class, Contract.class));

        ServletUpgradeProbeTest.report(container, "onStartup when no class matches @HandlesTypes: " + nothingMatches.classes.get());
        assertThat(recording.classes.get()).containsExactlyInAnyOrder(Annotated.class, Implementation.class);
        assertThat(nothingMatches.ran.get()).isTrue();
        assertThat(nothingMatches.classes.get()).as("what a container passes when nothing matches").isNullOrEmpty();
    }

    @InEachServletContainer
    void runsListenersAfterEveryInitializer(EmbeddedServletContainer container) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ServletContainerInitializer publisher = (classes, context) -> {
            context.setAttribute("published", "by the initializer");
            events.add("initializer");
        };
        ServletContextListener listener = new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                events.add("listener saw " + event.getServletContext().getAttribute("published"));
            }
        };

        container.start(WebApplication.at("/app").initializer(publisher).listener(listener));

        assertThat(events).containsExactly("initializer", "listener saw by the initializer");
    }

    @InEachServletContainer
    void servesServletsAndStaticResources(EmbeddedServletContainer container) throws Exception {
        Files.writeString(webRoot.resolve("index.html"), "<p>welcome</p>");
        Files.writeString(webRoot.resolve("style.css"), "p { color: teal }");

        container.start(WebApplication.at("/app").resources(webRoot).servlet("hello", new Hello(), "/hello"));

        HttpResponse<String> hello = get(container.uri("http", "/app/hello?name=probe"));
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello probe from /app");
        HttpResponse<String> welcome = get(container.uri("http", "/app/"));
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.body()).isEqualTo("<p>welcome</p>");
        HttpResponse<String> style = get(container.uri("http", "/app/style.css"));
        assertThat(style.body()).isEqualTo("p { color: teal }");
        assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(get(container.uri("http", "/app/missing.html")).statusCode()).isEqualTo(404);
    }

    @InEachServletContainer
    void failsToStartWhenAnInitializerFails(EmbeddedServletContainer container) {
        ServletContainerInitializer failing = (classes, context) -> {
            throw new ServletException("the application's endpoints are invalid");
        };

        assertThatThrownBy(() -> container.start(WebApplication.at("/app").initializer(failing)))
                .isInstanceOf(Exception.class)
                .satisfies(e -> ServletUpgradeProbeTest.report(container, "a failing initializer: start throws " + e));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Marker {
    }

    interface Contract {
    }

    @Marker
    static final class Annotated {
    }

    static final class Implementation implements Contract {
    }

    static final class Unrelated {
    }

    @HandlesTypes({Marker.class, Contract.class})
    static final class Recording implements ServletContainerInitializer {
        final AtomicReference<Set<Class<?>>> classes = new AtomicReference<>();

        @Override
        public void onStartup(Set<Class<?>> found, ServletContext context) {
            classes.set(found);
        }
    }

    @HandlesTypes(Runnable.class)
    static final class NothingMatches implements ServletContainerInitializer {
        final AtomicReference<Boolean> ran = new AtomicReference<>(false);
        final AtomicReference<Set<Class<?>>> classes = new AtomicReference<>();

        @Override
        public void onStartup(Set<Class<?>> found, ServletContext context) {
            ran.set(true);
            classes.set(found);
        }
    }

    private static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print("hello " + request.getParameter("name") + " from " + request.getContextPath());
        }
    }
}
