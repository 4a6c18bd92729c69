package io.wssocket.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TckPackagesTest {

    @Test
    void groupsByAreaAndTheSegmentAfterTheMirroredApiPackage() {
        assertThat(TckPackages.group("com.sun.ts.tests.websocket.ee.jakarta.websocket.session11.client.WSClientIT"))
                .isEqualTo("ee.session11");
        assertThat(TckPackages.group("com.sun.ts.tests.websocket.api.jakarta.websocket.closereason.WSClientIT"))
                .isEqualTo("api.closereason");
        assertThat(TckPackages.group("com.sun.ts.tests.websocket.negdep.onmessage.srv.textduplicate.WSCClientIT"))
                .isEqualTo("negdep.onmessage");
        assertThat(TckPackages.group("com.sun.ts.tests.websocket.spec.application.closing.WSClientIT"))
                .isEqualTo("spec.application");
        assertThat(TckPackages.group("com.sun.ts.tests.websocket.signaturetest.WebSocketSigTestIT"))
                .isEqualTo("signaturetest");
    }

    @Test
    void theAreaIsTheFirstSegment() {
        assertThat(TckPackages.area("com.sun.ts.tests.websocket.negdep.malformedpath.WSCClientIT")).isEqualTo("negdep");
        assertThat(TckPackages.area("com.sun.ts.tests.websocket.signaturetest.WebSocketSigTestIT")).isEqualTo("signaturetest");
    }

    @Test
    void classesOutsideTheTckKeepTheirNames() {
        assertThat(TckPackages.shortName("org.example.SomeIT")).isEqualTo("org.example.SomeIT");
        assertThat(TckPackages.group("SomeIT")).isEqualTo("(default)");
    }
}
