package io.wssocket.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The defaults the README documents, and validation that says what to write instead. */
class WsSocketContainerConfigurationTest {
    @Test
    void defaultsAreLoopbackAFreePortAndFailingOnRefusedDeployments() {
        WsSocketContainerConfiguration configuration = new WsSocketContainerConfiguration();
        configuration.validate();

        assertThat(configuration.getBindAddress()).isEqualTo("127.0.0.1");
        assertThat(configuration.getBindHttpPort()).isZero();
        assertThat(configuration.isFailOnDeploymentError()).isTrue();
        assertThat(configuration.getIdleTimeoutMillis()).isNull();
    }

    @Test
    void aPortOutsideTheTcpRangeIsRefused() {
        WsSocketContainerConfiguration configuration = new WsSocketContainerConfiguration();
        configuration.setBindHttpPort(65536);

        assertThatThrownBy(configuration::validate).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bindHttpPort 65536").hasMessageContaining("or 0");
    }

    @Test
    void aBlankAddressIsRefused() {
        WsSocketContainerConfiguration configuration = new WsSocketContainerConfiguration();
        configuration.setBindAddress(" ");

        assertThatThrownBy(configuration::validate).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bindAddress");
    }

    @Test
    void aNegativeIdleTimeoutIsRefused() {
        WsSocketContainerConfiguration configuration = new WsSocketContainerConfiguration();
        configuration.setIdleTimeoutMillis(-1L);

        assertThatThrownBy(configuration::validate).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("idleTimeoutMillis -1").hasMessageContaining("0 for no idle timeout");
    }
}
