package io.wssocket.arquillian;

import io.wssocket.test.JdkClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.wssocket.deploy.Application;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The container driven directly, as Arquillian drives it: setup, start, deploy, undeploy, stop. */
@Timeout(60)
class WsSocketEmbeddedContainerTest {
    private WsSocketEmbeddedContainer container;

    private WsSocketEmbeddedContainer start(boolean failOnDeploymentError) throws Exception {
        WsSocketContainerConfiguration configuration = new WsSocketContainerConfiguration();
        configuration.setFailOnDeploymentError(failOnDeploymentError);
        configuration.validate();
        container = new WsSocketEmbeddedContainer();
        container.setup(configuration);
        container.start();
        return container;
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void aWarIsServedUnderItsNameAndReportedWithTheRealPort() throws Exception {
        ProtocolMetaData metaData = start(true).deploy(TestArchives.echoWar("echoapp.war"));

        HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
        assertThat(http.getHost()).isEqualTo("127.0.0.1");
        assertThat(http.getPort()).isPositive();
        assertThat(http.getServlets()).extracting(Servlet::getName, Servlet::getContextRoot)
                .containsExactly(tuple("default", "/echoapp"));
        assertThat(http.getServletByName("default").getBaseURI())
                .isEqualTo(URI.create("http://127.0.0.1:" + http.getPort() + "/echoapp/"));
        assertThat(container.application("echoapp.war").orElseThrow().paths()).containsExactly("/echoapp/echo");
        try (JdkClient client = JdkClient.connect(ws(http, "/echoapp/echo"))) {
            assertThat(client.ask("hello")).isEqualTo("hello");
        }
    }

    @Test
    void aJarIsServedUnderItsNameLikeAWar() throws Exception {
        ProtocolMetaData metaData = start(true).deploy(TestArchives.echoJar("tools.jar"));

        HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
        try (JdkClient client = JdkClient.connect(ws(http, "/tools/echo"))) {
            assertThat(client.ask("from a jar")).isEqualTo("from a jar");
        }
    }

    @Test
    void theApplicationRunsUnderItsOwnClassLoaderNotTheTests() throws Exception {
        start(true).deploy(TestArchives.echoWar("echoapp.war"));

        ClassLoader loader = container.application("echoapp.war").orElseThrow().classLoader();
        Class<?> endpoint = loader.loadClass(io.wssocket.arquillian.app.EchoEndpoint.class.getName());
        assertThat(endpoint).isNotSameAs(io.wssocket.arquillian.app.EchoEndpoint.class);
        assertThat(endpoint.getClassLoader()).isSameAs(loader);
        assertThatThrownBy(() -> loader.loadClass(WsSocketEmbeddedContainer.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void inTckModeARefusedApplicationDeploysWithoutErrorAndServesNothing() throws Exception {
        ProtocolMetaData metaData = start(false).deploy(TestArchives.clashingWar("clash.war"));

        HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
        assertThat(http.getServlets()).extracting(Servlet::getName, Servlet::getContextRoot)
                .containsExactly(tuple("default", "/clash"));
        assertThat(container.application("clash.war")).isEmpty();
        // The valid endpoint of the application is not served either: all or nothing.
        assertThat(JdkClient.handshakeStatus(ws(http, "/clash/echo"))).isEqualTo(404);
        assertThat(JdkClient.handshakeStatus(ws(http, "/clash/twice"))).isEqualTo(404);

        container.undeploy(TestArchives.clashingWar("clash.war"));
        // The name is free again.
        container.deploy(TestArchives.echoWar("clash.war"));
        assertThat(JdkClient.handshakeStatus(ws(http, "/clash/echo"))).isEqualTo(101);
    }

    @Test
    void aRefusedApplicationFailsDeploymentSoThatTestsMayExpectEitherDeploymentException() throws Exception {
        start(true);

        assertThatThrownBy(() -> container.deploy(TestArchives.clashingWar("clash.war")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("clash.war")
                // What Arquillian matches @ShouldThrowException against: the cause, then its causes.
                .cause().isInstanceOf(DeploymentException.class)
                .hasMessageContaining("'/clash/twice' is already taken")
                .cause().isInstanceOf(jakarta.websocket.DeploymentException.class);
        assertThat(container.application("clash.war")).isEmpty();
    }

    @Test
    void undeployingClosesSessionsStopsServingDeletesTheFilesAndReleasesTheClassLoader() throws Exception {
        ProtocolMetaData metaData = start(true).deploy(TestArchives.echoWar("echoapp.war"));
        HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
        Application application = container.application("echoapp.war").orElseThrow();
        WeakReference<ClassLoader> loader = new WeakReference<>(application.classLoader());
        List<Path> unpacked = application.source().classRoots();
        assertThat(unpacked).isNotEmpty().allMatch(Files::exists);
        application = null;

        try (JdkClient client = JdkClient.connect(ws(http, "/echoapp/echo"))) {
            assertThat(client.ask("before")).isEqualTo("before");
            container.undeploy(TestArchives.echoWar("echoapp.war"));
            assertThat(client.closed.get(5, TimeUnit.SECONDS))
                    .isEqualTo(new JdkClient.Close(1001, "application undeployed"));
        }

        assertThat(JdkClient.handshakeStatus(ws(http, "/echoapp/echo"))).isEqualTo(404);
        assertThat(unpacked).noneMatch(Files::exists);
        assertThat(isCollected(loader)).as("the application's class loader is garbage collected").isTrue();
    }

    @Test
    void anArchiveOfADeployedNameIsRefused() throws Exception {
        start(true).deploy(TestArchives.echoWar("echoapp.war"));

        assertThatThrownBy(() -> container.deploy(TestArchives.echoWar("echoapp.war")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("echoapp.war").hasMessageContaining("deployed already");
    }

    @Test
    void anEnterpriseArchiveIsRefusedWithWhatIsSupported() throws Exception {
        start(false);

        assertThatThrownBy(() -> container.deploy(ShrinkWrap.create(EnterpriseArchive.class, "shop.ear")))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("shop.ear").hasMessageContaining("(.war)").hasMessageContaining("(.jar)");
    }

    @Test
    void stoppingUndeploysWhatIsLeft() throws Exception {
        start(true).deploy(TestArchives.echoWar("echoapp.war"));
        List<Path> unpacked = container.application("echoapp.war").orElseThrow().source().classRoots();

        container.stop();
        container = null;

        assertThat(unpacked).noneMatch(Files::exists);
    }

    @Test
    void theIdleTimeoutIsPassedToTheServer() throws Exception {
        WsSocketContainerConfiguration configuration = new WsSocketContainerConfiguration();
        configuration.setIdleTimeoutMillis(12_345L);
        container = new WsSocketEmbeddedContainer();
        container.setup(configuration);
        container.start();
        ProtocolMetaData metaData = container.deploy(TestArchives.echoWar("echoapp.war"));

        HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
        try (JdkClient client = JdkClient.connect(ws(http, "/echoapp/echo"))) {
            assertThat(client.ask(io.wssocket.arquillian.app.EchoEndpoint.IDLE_TIMEOUT_QUESTION)).isEqualTo("12345");
        }
    }

    @Test
    void aWebArchiveWithoutNameExtensionIsStillAWebArchive() throws Exception {
        ProtocolMetaData metaData = start(true).deploy(
                ShrinkWrap.create(WebArchive.class, "plain").merge(TestArchives.echoWar("x.war")));

        HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
        assertThat(JdkClient.handshakeStatus(ws(http, "/plain/echo"))).isEqualTo(101);
    }

    private static URI ws(HTTPContext http, String path) {
        return URI.create("ws://" + http.getHost() + ":" + http.getPort() + path);
    }

    /** Whether the referent is collected within 20 garbage collections. */
    private static boolean isCollected(WeakReference<?> reference) throws InterruptedException {
        for (int i = 0; i < 20 && reference.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return reference.get() == null;
    }
}
