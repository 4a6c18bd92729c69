package io.wssocket.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The handshake benchmark, called outside JMH, does the whole handshake and answers it right. */
class HandshakeBenchmarkTest {

    @Test
    void answersTheBrowsersRequestWithTheRfcsAcceptKey() throws Exception {
        HandshakeBenchmark benchmark = new HandshakeBenchmark();
        ByteBuffer response = benchmark.upgrade();
        String text = StandardCharsets.ISO_8859_1.decode(response).toString();

        assertThat(text).startsWith("HTTP/1.1 101 ").endsWith("\r\n\r\n")
                // RFC 6455 §1.3: the sample key's accept value
                .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
        assertThat(HandshakeBenchmark.BROWSER_REQUEST.split("\r\n")).hasSize(14); // the request line and 13 fields
    }
}
