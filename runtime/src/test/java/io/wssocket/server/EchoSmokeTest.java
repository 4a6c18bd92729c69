package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EchoSmokeTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void jdkClientGetsItsTextBackAndTheCloseEchoed() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/echo"))) {
            client.send("hello, wire");
            assertThat(client.next(5)).isEqualTo("hello, wire");
            client.ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
            assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(new JdkClient.Close(1000, ""));
        }
    }
}
