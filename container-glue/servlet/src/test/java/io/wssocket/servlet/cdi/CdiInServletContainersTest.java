package io.wssocket.servlet.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.servlet.WebSocketInitializer;
import io.wssocket.servlet.cdi.app.DecodingEndpoint;
import io.wssocket.servlet.cdi.app.GreetingEndpoint;
import io.wssocket.servlet.cdi.app.Lifecycle;
import io.wssocket.servlet.cdi.app.LifecycleEndpoint;
import io.wssocket.servlet.cdi.app.StampedEndpoint;
import io.wssocket.servlet.containers.EmbeddedServletContainer;
import io.wssocket.servlet.containers.WebApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.servlet.EnhancedListener;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The web application's own CDI, Weld Servlet, makes WS Socket's endpoints, decoders and
 * configurators in each container that serves upgraded connections (Tomcat 11, Undertow 2.3).
 * Weld's {@link Listener} runs after the WebSocket initializer, as a listener declared in
 * web.xml does, so CDI starts after the endpoints were deployed; its {@link EnhancedListener}
 * (what a container finds in weld-servlet's jar) can also run before it.
 */
class CdiInServletContainersTest {
    private static final String CONTAINERS = "io.wssocket.servlet.containers.ServletContainers#servingUpgradedConnections";

    @BeforeEach
    void forgetEvents() {
        Lifecycle.EVENTS.clear();
    }

    private static WebApplication withWeld(Class<?>... endpoints) {
        return WebApplication.at("/app").initializer(new WebSocketInitializer()).classes(endpoints).listener(new Listener());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void anApplicationScopedBeanIsInjectedIntoAnEndpointThatIsNoBean(EmbeddedServletContainer container) throws Exception {
        container.start(withWeld(GreetingEndpoint.class));

        try (Client first = Client.connect(container.uri("ws", "/app/greet"));
             Client second = Client.connect(container.uri("ws", "/app/greet"))) {
            assertThat(first.ask("ada")).isEqualTo("hello, ada #1");
            assertThat(second.ask("bob")).isEqualTo("hello, bob #2"); // one Greetings for both connections
            assertThat(first.ask("cy")).isEqualTo("hello, cy #3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aDependentEndpointIsConstructedAndDestroyedWithItsSessionAndEachCallbackHasItsRequestScope(
            EmbeddedServletContainer container) throws Exception {
        container.start(withWeld(LifecycleEndpoint.class));

        try (Client client = Client.connect(container.uri("ws", "/app/lifecycle"))) {
            String first = client.ask("x");
            String second = client.ask("x");
            assertThat(first).startsWith("request ");
            assertThat(second).startsWith("request ").isNotEqualTo(first);
            assertThat(Lifecycle.EVENTS).contains("endpoint constructed", first + " ended")
                    .doesNotContain("endpoint destroyed");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Lifecycle.EVENTS.contains("endpoint destroyed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aDecoderGetsItsInjectedBean(EmbeddedServletContainer container) throws Exception {
        container.start(withWeld(DecodingEndpoint.class));

        try (Client client = Client.connect(container.uri("ws", "/app/decode"))) {
            assertThat(client.ask(" ada ")).isEqualTo("decoded ADA");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aConfiguratorMadeAtDeploymentIsInjectedOnceCdiHasStarted(EmbeddedServletContainer container) throws Exception {
        container.start(withWeld(StampedEndpoint.class));

        try (Client client = Client.connect(container.uri("ws", "/app/stamped"))) {
            assertThat(client.next()).isEqualTo("hello, configurator #1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void cdiStartedBeforeTheWebSocketInitializerServesAlike(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new EnhancedListener()).initializer(new WebSocketInitializer())
                .classes(StampedEndpoint.class, GreetingEndpoint.class));

        try (Client stamped = Client.connect(container.uri("ws", "/app/stamped"));
             Client greeted = Client.connect(container.uri("ws", "/app/greet"))) {
            assertThat(stamped.next()).isEqualTo("hello, configurator #1");
            assertThat(greeted.ask("ada")).isEqualTo("hello, ada #2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void withoutACdiContainerEndpointsAreMadeWithTheirConstructors(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(GreetingEndpoint.class, StampedEndpoint.class));

        try (Client greeted = Client.connect(container.uri("ws", "/app/greet"));
             Client stamped = Client.connect(container.uri("ws", "/app/stamped"))) {
            assertThat(greeted.ask("ada")).isEqualTo("no CDI: ada");
            assertThat(stamped.next()).isEqualTo("not injected");
        }
    }

    /** A JDK client that answers with the next whole text message. */
    private static final class Client implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client connect(URI uri) throws Exception {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        String ask(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
            return next();
        }

        String next() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return text;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }
}
