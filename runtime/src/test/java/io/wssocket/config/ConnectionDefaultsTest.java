package io.wssocket.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.server.ServerConfig;
import org.junit.jupiter.api.Test;

/** The connection limits a server has without configuration: below the open-file limit, a quarter per address. */
class ConnectionDefaultsTest {
    @Test
    void maxConnectionsIsTheOpenFileLimitMinusTheJvmsFilesAndHeadroom() {
        assertThat(ConnectionDefaults.maxConnectionsFor(1024, 0)).isEqualTo(1024 - 102); // 10 % is more than 64
        assertThat(ConnectionDefaults.maxConnectionsFor(256, 0)).isEqualTo(256 - 64);   // 64 is more than 10 %
        assertThat(ConnectionDefaults.maxConnectionsFor(256, 40)).isEqualTo(256 - 40 - 64);
        assertThat(ConnectionDefaults.maxConnectionsFor(1_048_576, 100)).isEqualTo(1_048_576 - 100 - 104_857);
    }

    @Test
    void anUnknownOrTinyLimitStillGivesAUsableValue() {
        assertThat(ConnectionDefaults.maxConnectionsFor(-1, 0)).isEqualTo(ConnectionDefaults.WITHOUT_KNOWN_LIMIT);
        assertThat(ConnectionDefaults.maxConnectionsFor(50, 30)).isEqualTo(1);
        assertThat(ConnectionDefaults.maxConnectionsFor(Long.MAX_VALUE, 0)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theDefaultsFollowThisProcesssLimit() {
        ServerConfig config = ServerConfig.defaults().build();
        ConnectionDefaults.UnixFiles files = ConnectionDefaults.unixFiles();
        if (files != null) {
            assertThat((long) config.maxConnections()).isLessThan(files.limit() - ConnectionDefaults.MIN_HEADROOM);
        }
        assertThat(config.maxConnectionsPerAddress()).isEqualTo(config.maxConnections() / 4);
    }
}
