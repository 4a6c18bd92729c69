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
import io.wssocket.test.JdkClient;
import java.time.Duration;
import org.jboss.weld.environment.servlet.EnhancedListener;
import org.jboss.weld.environment.servlet.Listener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The web application's own CDI, Weld Servlet, makes WS Socket's endpoints, decoders and
 * configurators in each container (Tomcat 11, Jetty 12.1 ee10, Undertow 2.3).
 * Weld's {@link Listener} runs after the WebSocket initializer, as a listener declared in
 * web.xml does, so CDI starts after the endpoints were deployed; its {@link EnhancedListener}
 * (what a container finds in weld-servlet's jar) can also run before it.
 */
class CdiInServletContainersTest {
    private static final String CONTAINERS = "io.wssocket.servlet.containers.ServletContainers#all";

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

        try (JdkClient first = JdkClient.connect(container.uri("ws", "/app/greet"));
             JdkClient second = JdkClient.connect(container.uri("ws", "/app/greet"))) {
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

        try (JdkClient client = JdkClient.connect(container.uri("ws", "/app/lifecycle"))) {
            String first = (String) client.ask("x");
            String second = (String) client.ask("x");
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

        try (JdkClient client = JdkClient.connect(container.uri("ws", "/app/decode"))) {
            assertThat(client.ask(" ada ")).isEqualTo("decoded ADA");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aConfiguratorMadeAtDeploymentIsInjectedOnceCdiHasStarted(EmbeddedServletContainer container) throws Exception {
        container.start(withWeld(StampedEndpoint.class));

        try (JdkClient client = JdkClient.connect(container.uri("ws", "/app/stamped"))) {
            assertThat(client.next(10)).isEqualTo("hello, configurator #1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void cdiStartedBeforeTheWebSocketInitializerServesAlike(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new EnhancedListener()).initializer(new WebSocketInitializer())
                .classes(StampedEndpoint.class, GreetingEndpoint.class));

        try (JdkClient stamped = JdkClient.connect(container.uri("ws", "/app/stamped"));
             JdkClient greeted = JdkClient.connect(container.uri("ws", "/app/greet"))) {
            assertThat(stamped.next(10)).isEqualTo("hello, configurator #1");
            assertThat(greeted.ask("ada")).isEqualTo("hello, ada #2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void anEndpointStillOpenWhenTheApplicationStopsIsDestroyed(EmbeddedServletContainer container) throws Exception {
        stopWithASessionOpen(container, withWeld(LifecycleEndpoint.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void anEndpointStillOpenWhenTheApplicationStopsIsDestroyedWithCdiStartedFirst(EmbeddedServletContainer container)
            throws Exception {
        // Weld's initializer first: its listener is destroyed after WS Socket's, which closes the sessions.
        stopWithASessionOpen(container, WebApplication.at("/app").initializer(new EnhancedListener())
                .initializer(new WebSocketInitializer()).classes(LifecycleEndpoint.class));
    }

    private static void stopWithASessionOpen(EmbeddedServletContainer container, WebApplication application) throws Exception {
        container.start(application);
        try (JdkClient client = JdkClient.connect(container.uri("ws", "/app/lifecycle"))) {
            assertThat(client.ask("x")).asString().startsWith("request ");

            container.close();

            assertThat(Lifecycle.EVENTS).contains("endpoint destroyed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void withoutACdiContainerEndpointsAreMadeWithTheirConstructors(EmbeddedServletContainer container) throws Exception {
        container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(GreetingEndpoint.class, StampedEndpoint.class));

        try (JdkClient greeted = JdkClient.connect(container.uri("ws", "/app/greet"));
             JdkClient stamped = JdkClient.connect(container.uri("ws", "/app/stamped"))) {
            assertThat(greeted.ask("ada")).isEqualTo("no CDI: ada");
            assertThat(stamped.next(10)).isEqualTo("not injected");
        }
    }
}
