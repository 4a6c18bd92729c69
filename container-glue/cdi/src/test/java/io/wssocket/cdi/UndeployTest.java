package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import example.cdi.slow.SlowClosingEndpoint;
import io.wssocket.deploy.Application;
import io.wssocket.test.JdkClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Undeploying stops the application's CDI container only after its sessions' onClose has run,
 * waiting for them no longer than the server's shutdown-timeout.
 */
@Timeout(60)
class UndeployTest {
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 1_000;

    @RegisterExtension
    final DeployingServer server = DeployingServer.with(options -> options.shutdownTimeoutMillis(SHUTDOWN_TIMEOUT_MILLIS));

    @Test
    void anOnCloseShorterThanTheShutdownTimeoutIsWaitedFor() throws Exception {
        assertThat(undeployWhileOnCloseTakes(300)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anOnCloseLongerThanTheShutdownTimeoutIsWaitedForOnlyThatLong() throws Exception {
        assertThat(undeployWhileOnCloseTakes(5_000))
                .isGreaterThanOrEqualTo(Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS - 50))
                .isLessThan(Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS + 2_000));
    }

    /** How long undeploying took with one session open whose onClose takes {@code millis}. */
    private Duration undeployWhileOnCloseTakes(long millis) throws Exception {
        Application application = server.deploy(SlowClosingEndpoint.class, "slow.jar");
        try (JdkClient client = JdkClient.connect(server.uri("/slow"))) {
            assertThat(client.ask(String.valueOf(millis))).isEqualTo("closing will take " + millis + " ms");
            long start = System.nanoTime();
            server.undeploy(application);
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
