package io.wssocket.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FreePortForEmbeddedTomcatTest {
    private String launch;
    private String port;

    @BeforeEach
    void keepTheProperties() {
        launch = System.getProperty(FreePortForEmbeddedTomcat.LAUNCH_PROPERTY);
        port = System.getProperty(FreePortForEmbeddedTomcat.PORT_PROPERTY);
        System.clearProperty(FreePortForEmbeddedTomcat.PORT_PROPERTY);
    }

    @AfterEach
    void restoreTheProperties() {
        restore(FreePortForEmbeddedTomcat.LAUNCH_PROPERTY, launch);
        restore(FreePortForEmbeddedTomcat.PORT_PROPERTY, port);
    }

    @Test
    void givesTomcatAPortItCanBindAtLoopback() throws IOException {
        System.setProperty(FreePortForEmbeddedTomcat.LAUNCH_PROPERTY, "tomcat");

        new FreePortForEmbeddedTomcat().launcherSessionOpened(null);

        int chosen = Integer.parseInt(System.getProperty(FreePortForEmbeddedTomcat.PORT_PROPERTY));
        try (ServerSocket tomcat = new ServerSocket(chosen, 1, InetAddress.getLoopbackAddress())) {
            assertThat(tomcat.getLocalPort()).isEqualTo(chosen);
        }
    }

    @Test
    void keepsAPortSetOnTheCommandLine() {
        System.setProperty(FreePortForEmbeddedTomcat.LAUNCH_PROPERTY, "tomcat");
        System.setProperty(FreePortForEmbeddedTomcat.PORT_PROPERTY, "18080");

        new FreePortForEmbeddedTomcat().launcherSessionOpened(null);

        assertThat(System.getProperty(FreePortForEmbeddedTomcat.PORT_PROPERTY)).isEqualTo("18080");
    }

    @Test
    void leavesOtherContainersAlone() {
        System.setProperty(FreePortForEmbeddedTomcat.LAUNCH_PROPERTY, "wssocket");

        new FreePortForEmbeddedTomcat().launcherSessionOpened(null);

        assertThat(System.getProperty(FreePortForEmbeddedTomcat.PORT_PROPERTY)).isNull();
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
