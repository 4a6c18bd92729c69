package io.wssocket.servlet.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Undertow 2.3.21's upgraded output, once it has a WriteListener, ignores the offset and length of
 * {@code write(byte[], int, int)} and sends the whole array ({@code UpgradeServletOutputStream}
 * wraps {@code b}, not {@code b[off, off + len)}); Tomcat and Jetty send the slice. The bridge must
 * hand that method arrays it sends whole. When this test fails, Undertow has fixed it.
 */
class UndertowUpgradeOutputTest {

    @Test
    void sendsTheWholeArrayOfANonBlockingWriteOfASlice() throws Exception {
        try (UndertowContainer container = new UndertowContainer()) {
            ProbeServlet servlet = ServletUpgradeProbeTest.deploy(container);

            try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=slice")) {
                ProbeRecord record = servlet.upgraded.poll(10, TimeUnit.SECONDS);
                // the handler wrote "[bye\n]" from offset 1, length 4, then closed
                byte[] received = client.in().readAllBytes();

                assertThat(received).asString(StandardCharsets.US_ASCII).isEqualTo("[bye\n]");
                ServletUpgradeProbeTest.report(container, "slice written: " + record.summary());
            }
        }
    }
}
