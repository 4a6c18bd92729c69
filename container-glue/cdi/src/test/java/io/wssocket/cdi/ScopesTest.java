package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wssocket.cdi.app.Lifecycle;
import io.wssocket.cdi.app.PerCallback;
import io.wssocket.cdi.app.PerConnection;
import io.wssocket.cdi.app.ScopesEndpoint;
import io.wssocket.test.JdkClient;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request scope and the connection scope around callbacks. */
@Timeout(30)
class ScopesTest {
    private static final Pattern ANSWER = Pattern.compile("request=(\\d+) connection=(\\d+) count=(\\d+)");
    @RegisterExtension
    static final CdiServer server = CdiServer.with(
            List.of(ScopesEndpoint.class, PerCallback.class, PerConnection.class),
            List.of(ScopesEndpoint.class));

    @Test
    void eachCallbackHasAFreshRequestScope() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/scopes"))) {
            int first = Integer.parseInt(answer(client.ask("a")).group(1));
            int second = Integer.parseInt(answer(client.ask("b")).group(1));
            assertThat(second).isNotEqualTo(first);
        }
        // onOpen touched no request bean; each message made one, destroyed at the end of its callback.
        await().atMost(Duration.ofSeconds(5)).until(() -> Lifecycle.countOf("request bean destroyed") == 2);
    }

    @Test
    void aConnectionScopedBeanIsOnePerConnectionAndDestroyedAtClose() throws Exception {
        try (JdkClient first = JdkClient.connect(server.uri("/scopes"));
             JdkClient second = JdkClient.connect(server.uri("/scopes"))) {
            Matcher a1 = answer(first.ask("x"));
            Matcher a2 = answer(first.ask("y"));
            Matcher b1 = answer(second.ask("z"));
            assertThat(a2.group(2)).isEqualTo(a1.group(2));
            assertThat(b1.group(2)).isNotEqualTo(a1.group(2));
            // onOpen counted once on the same instance, then each message
            assertThat(a1.group(3)).isEqualTo("2");
            assertThat(a2.group(3)).isEqualTo("3");
            assertThat(b1.group(3)).isEqualTo("2");
            assertThat(Lifecycle.countOf("connection bean destroyed")).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Lifecycle.countOf("connection bean destroyed") == 2);
    }

    @Test
    void theConnectionScopeOutsideACallbackSaysSo() {
        PerConnection outside = server.cdi().beanManager().createInstance().select(PerConnection.class).get();
        assertThatThrownBy(outside::id)
                .isInstanceOf(ContextNotActiveException.class)
                .hasMessageContaining(ConnectionScoped.class.getName());
    }

    @Test
    void theConnectionContextItselfIsInactiveOutsideACallbackAndSaysWhereItIsActive() {
        BeanManager beans = server.cdi().beanManager();
        Bean<?> bean = beans.resolve(beans.getBeans(PerConnection.class));
        Context context = beans.getContexts(ConnectionScoped.class).iterator().next();
        assertThat(context.isActive()).isFalse(); // CDI 4.1 §6.2
        assertThatThrownBy(() -> context.get(bean))
                .isInstanceOf(ContextNotActiveException.class)
                .hasMessageStartingWith("@ConnectionScoped beans are usable only inside a WebSocket callback "
                        + "(onOpen, onMessage, onError, onClose) of their session");
    }

    private static Matcher answer(Object message) {
        Matcher matcher = ANSWER.matcher(String.valueOf(message));
        assertThat(matcher.matches()).as("answer '%s'", message).isTrue();
        return matcher;
    }
}
