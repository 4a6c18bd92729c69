package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How max-connections and max-connections-per-address combine, and how the acceptor backs off. */
class ConnectionLimitsTest {
    @Test
    void perAddressIsAQuarterOfAGivenMaxConnectionsUnlessSetItself() {
        assertThat(ServerConfig.defaults().maxConnections(1000).build().maxConnectionsPerAddress()).isEqualTo(250);
        assertThat(ServerConfig.defaults().maxConnections(3).build().maxConnectionsPerAddress()).isEqualTo(1);
        assertThat(ServerConfig.defaults().maxConnections(1000).maxConnectionsPerAddress(0).build()
                .maxConnectionsPerAddress()).as("0 still turns it off").isZero();
        assertThat(ServerConfig.defaults().maxConnectionsPerAddress(7).maxConnections(1000).build()
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
