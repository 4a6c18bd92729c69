package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The connection limits a server has without configuration: below the open-file limit, a quarter per address. */
class ConnectionLimitsTest {
    @Test
    void maxConnectionsIsTheOpenFileLimitMinusTheJvmsFilesAndHeadroom() {
        assertThat(ConnectionLimits.maxConnectionsFor(1024, 0)).isEqualTo(1024 - 102); // 10 % is more than 64
        assertThat(ConnectionLimits.maxConnectionsFor(256, 0)).isEqualTo(256 - 64);   // 64 is more than 10 %
        assertThat(ConnectionLimits.maxConnectionsFor(256, 40)).isEqualTo(256 - 40 - 64);
        assertThat(ConnectionLimits.maxConnectionsFor(1_048_576, 100)).isEqualTo(1_048_576 - 100 - 104_857);
    }

    @Test
    void anUnknownOrTinyLimitStillGivesAUsableValue() {
        assertThat(ConnectionLimits.maxConnectionsFor(-1, 0)).isEqualTo(ConnectionLimits.WITHOUT_KNOWN_LIMIT);
        assertThat(ConnectionLimits.maxConnectionsFor(50, 30)).isEqualTo(1);
        assertThat(ConnectionLimits.maxConnectionsFor(Long.MAX_VALUE, 0)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theDefaultsFollowThisProcesssLimit() {
        ServerConfig config = ServerConfig.builder().build();
        ConnectionLimits.UnixFiles files = ConnectionLimits.unixFiles();
        if (files != null) {
            assertThat((long) config.maxConnections()).isLessThan(files.limit() - ConnectionLimits.MIN_HEADROOM);
        }
        assertThat(config.maxConnectionsPerAddress()).isEqualTo(config.maxConnections() / 4);
    }

    @Test
    void perAddressIsAQuarterOfAGivenMaxConnectionsUnlessSetItself() {
        assertThat(ServerConfig.builder().maxConnections(1000).build().maxConnectionsPerAddress()).isEqualTo(250);
        assertThat(ServerConfig.builder().maxConnections(3).build().maxConnectionsPerAddress()).isEqualTo(1);
        assertThat(ServerConfig.builder().maxConnections(1000).maxConnectionsPerAddress(0).build()
                .maxConnectionsPerAddress()).as("0 still turns it off").isZero();
        assertThat(ServerConfig.builder().maxConnectionsPerAddress(7).maxConnections(1000).build()
                .maxConnectionsPerAddress()).isEqualTo(7);
    }

    @Test
    void refusalsInFlightHaveAReserveBeyondMaxConnections() {
        assertThat(ConnectionLimits.rejectionReserve(10)).isEqualTo(8);
        assertThat(ConnectionLimits.rejectionReserve(16_000)).isEqualTo(1000);
    }

    @Test
    void acceptBacksOffFrom10msDoublingTo1sAndResetsOnSuccess() {
        AcceptBackoff backoff = new AcceptBackoff();
        assertThat(backoff.failed()).isEqualTo(10);
        assertThat(backoff.failed()).isEqualTo(20);
        assertThat(backoff.failed()).isEqualTo(40);
        for (int i = 0; i < 10; i++) {
            backoff.failed();
        }
        assertThat(backoff.failed()).isEqualTo(1000);
        backoff.succeeded();
        assertThat(backoff.failed()).isEqualTo(10);
    }
}
