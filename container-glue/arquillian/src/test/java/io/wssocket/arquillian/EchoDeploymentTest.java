package io.wssocket.arquillian;

import io.wssocket.test.JdkClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.arquillian.app.EchoEndpoint;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a user's Arquillian test sees: its WAR deployed under its name, at the URL Arquillian injects. */
@ExtendWith(ArquillianExtension.class)
class EchoDeploymentTest {
    @Deployment(testable = false)
    static WebArchive echoApp() {
        return TestArchives.echoWar("echoapp.war");
    }

    @ArquillianResource
    URL base;

    @Test
    void theInjectedUrlIsTheApplicationsContextOnTheServersRealPort() {
        assertThat(base.getProtocol()).isEqualTo("http");
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(base.getPort()).isPositive();
        assertThat(base.getPath()).isEqualTo("/echoapp/");
    }

    @Test
    void theEndpointEchoes() throws Exception {
        try (JdkClient client = JdkClient.connect(ws("echo"))) {
            assertThat(client.ask("hello arquillian")).isEqualTo("hello arquillian");
        }
    }

    @Test
    void propertiesOfArquillianXmlReachTheServer() throws Exception {
        try (JdkClient client = JdkClient.connect(ws("echo"))) {
            assertThat(client.ask(EchoEndpoint.IDLE_TIMEOUT_QUESTION)).isEqualTo("120000");
        }
    }

    /** ws://host:port/echoapp/{path}, from the injected http URL. */
    private URI ws(String path) throws Exception {
        return URI.create("ws" + base.toURI().toString().substring("http".length()) + path);
    }
}
