package io.wssocket.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With failOnDeploymentError=true (arquillian.xml), an application the runtime refuses fails its
 * deployment, and a test may expect Arquillian's DeploymentException or the WebSocket one.
 * Arquillian itself fails the class if a deployment that should throw does not.
 */
@ExtendWith(ArquillianExtension.class)
class RefusedDeploymentTest {
    @Deployment(name = "arquillian-exception", testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive expectingArquilliansException() {
        return TestArchives.clashingWar("clash.war");
    }

    @Deployment(name = "websocket-exception", testable = false)
    @ShouldThrowException(jakarta.websocket.DeploymentException.class)
    static WebArchive expectingTheWebSocketException() {
        return TestArchives.clashingWar("clash2.war");
    }

    @Test
    void bothDeploymentsFailedAsExpected() {
        // Reaching this method is the assertion: Arquillian deploys before the first test and
        // reports a deployment that should have thrown but did not as this test's failure.
    }
}
