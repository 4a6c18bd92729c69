package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The hostile and soak drivers' options, and the handshake status the origin attack reads. */
class HostileArgsTest {

    private static HostileLoad hostile(String... args) {
        return new HostileLoad(new DriverArgs(args, HostileLoad.OPTIONS));
    }

    @Test
    void anAttackMustBeNamedAndStayOnLoopback() {
        assertThatThrownBy(() -> hostile("--attack", "ddos")).hasMessageContaining("--attack must be one of");
        assertThatThrownBy(() -> hostile("--attack", "fd", "--good-host", "10.0.0.1")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> hostile("--attack", "fd", "--attackers", "6000")).hasMessageContaining("--attackers");
        assertThat(hostile("--attack", "origin").resultLine()).contains("attack=origin", "origin_evil=null", "errors=0");
    }

    @Test
    void aResultWithoutSamplesHasNoPercentiles() {
        String line = hostile("--attack", "blocked").resultLine();

        assertThat(line).startsWith("RESULT server=unknown scenario=hostile attack=blocked attackers=200")
                .contains("samples=0").doesNotContain("p99_us");
    }

    @Test
    void theSoakStaysOnLoopbackToo() {
        assertThatThrownBy(() -> new SoakLoad(new DriverArgs(new String[] {"--host", "192.168.1.1"}, SoakLoad.OPTIONS)))
                .hasMessageContaining("loopback");
    }

    @Test
    void statusCodeOfAStatusLine() {
        assertThat(BlockingClient.statusCode("HTTP/1.1 403 Forbidden")).isEqualTo(403);
        assertThat(BlockingClient.statusCode("HTTP/1.1 101 Switching Protocols")).isEqualTo(101);
        assertThat(BlockingClient.statusCode("garbage")).isEqualTo(-1);
    }
}
