package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerVersionsTest {
    @Test
    void readsThePackagesDirectlyUnderNodeModulesFromTheLockFile() throws URISyntaxException {
        Path lock = Path.of(PeerVersionsTest.class.getResource("/interop-report/package-lock.json").toURI());

        assertThat(PeerVersions.lockedPackages(lock)).isEqualTo(Map.of("ws", "8.23.0", "playwright-core", "1.65.1"));
    }

    @Test
    void anInstalledProgramsVersionIsTheFirstDottedNumberItPrints() {
        assertThat(InstalledVersion.firstDottedNumber("Chromium 156.0.8078.108 built on Debian GNU/Linux 12 (bookworm)"))
                .contains("156.0.8078.108");
        assertThat(InstalledVersion.firstDottedNumber("v20.20.2\n")).contains("20.20.2");
        assertThat(InstalledVersion.firstDottedNumber("command not found")).isEmpty();
    }

    @Test
    void aProgramThatDoesNotRunHasNoVersion() {
        assertThat(InstalledVersion.of("/nonexistent/wssocket-no-such-program")).isEmpty();
    }

    @Test
    void aPeersVersionFillsItsTemplateAndSaysWhatIsUnknown() {
        MatrixPeer peer = new MatrixPeer("NodeWs", "Node.js `ws`", "{ws} (Node.js {node})", EnumSet.allOf(Direction.class));

        assertThat(peer.version(Map.of("ws", "8.23.0", "node", "20.20.2"))).isEqualTo("8.23.0 (Node.js 20.20.2)");
        assertThat(peer.version(Map.of("ws", "8.23.0"))).isEqualTo("8.23.0 (Node.js unknown)");
    }
}
