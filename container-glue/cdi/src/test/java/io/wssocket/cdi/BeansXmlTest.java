package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.cdi.discovery.DiscoveryEndpoint;
import example.cdi.discovery.Plain;
import example.cdi.enabled.CountingInterceptor;
import example.cdi.enabled.EnabledEndpoint;
import example.cdi.enabled.Exclaiming;
import example.cdi.enabled.LoudGreeting;
import io.wssocket.test.JdkClient;
import jakarta.websocket.DeploymentException;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployed jar's META-INF/beans.xml decides what CDI sees (CDI 4.1 §12.1): the discovery mode,
 * and the interceptors, decorators and alternatives it enables. Each case deploys the same classes
 * with a different file.
 */
@Timeout(60)
class BeansXmlTest {
    @RegisterExtension
    final DeployingServer server = DeployingServer.create();

    @Test
    void allMakesAClassWithoutAnnotationsABean() throws Exception {
        deploy(DiscoveryEndpoint.class, beansXml("all", ""));
        assertThat(answer("/discovery", "?")).isEqualTo("plain bean");
    }

    @Test
    void annotatedLeavesItOutSoItsInjectionFailsTheDeployment() {
        assertPlainIsNoBean(() -> deploy(DiscoveryEndpoint.class, beansXml("annotated", "")));
    }

    @Test
    void withoutBeansXmlDiscoveryIsAnnotatedToo() {
        assertPlainIsNoBean(() -> server.deploy(DiscoveryEndpoint.class, "app.jar"));
    }

    /** Refused with CDI's message, the endpoint's name and advice on making the class a bean. */
    private static void assertPlainIsNoBean(ThrowingCallable deployment) {
        assertThatThrownBy(deployment)
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("WELD-001408")
                .hasMessageContaining("endpoint " + DiscoveryEndpoint.class.getName())
                .hasMessageContaining(Plain.class.getName() + " is in the application but is no bean")
                .hasMessageContaining("bean-discovery-mode=\"all\"");
    }

    @Test
    void noneLeavesTheApplicationToTheServerWithoutCdi() throws Exception {
        deploy(DiscoveryEndpoint.class, beansXml("none", ""));
        assertThat(answer("/discovery", "?")).isEqualTo("not injected");
    }

    @Test
    void interceptorsDecoratorsAndAlternativesApplyWhereBeansXmlEnablesThem() throws Exception {
        deploy(EnabledEndpoint.class, beansXml("annotated", """
                  <interceptors><class>%s</class></interceptors>
                  <decorators><class>%s</class></decorators>
                  <alternatives><class>%s</class></alternatives>
                """.formatted(CountingInterceptor.class.getName(), Exclaiming.class.getName(), LoudGreeting.class.getName())));
        assertThat(answer("/enabled", "ann")).isEqualTo("HELLO ANN! (1 intercepted)");
    }

    @Test
    void withoutBeingEnabledTheyDoNot() throws Exception {
        deploy(EnabledEndpoint.class, beansXml("annotated", ""));
        assertThat(answer("/enabled", "ann")).isEqualTo("hello ann (0 intercepted)");
    }

    private void deploy(Class<?> sample, String beansXml) throws Exception {
        server.deploy(sample, "app.jar", Map.of("META-INF/beans.xml", beansXml));
    }

    private Object answer(String path, String text) throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri(path))) {
            return client.ask(text);
        }
    }

    private static String beansXml(String mode, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                       version="4.0" bean-discovery-mode="%s">
                %s</beans>
                """.formatted(mode, body);
    }
}
