package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The echo payload: sequence number and connection id up front, so a wrong echo differs. */
class EchoPayloadTest {

    @Test
    void textPayloadCarriesSequenceAndConnectionInHex() {
        EchoPayload p = new EchoPayload(30, true);
        byte[] b = p.template(0xAB);
        p.writeSequence(0x1F, b, 0);

        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("000000000000001f" + "000000ab" + "yzabcd");
    }

    @Test
    void binaryPayloadCarriesRawBigEndianNumbers() {
        EchoPayload p = new EchoPayload(12, false);
        byte[] b = p.template(7);
        p.writeSequence(0x0102, b, 0);

        assertThat(b).startsWith(0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 7);
    }

    @Test
    void differentMessagesAndConnectionsGiveDifferentPayloads() {
        EchoPayload p = new EchoPayload(64, true);
        byte[] a = p.template(1);
        byte[] b = p.template(2);
        assertThat(a).isNotEqualTo(b);
        byte[] c = p.template(1);
        p.writeSequence(1, c, 0);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void aShortPayloadKeepsOnlyTheLowDigitsOfTheSequence() {
        EchoPayload p = new EchoPayload(4, true);
        byte[] b = p.template(9);
        p.writeSequence(0x12345, b, 0);

        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("2345");
    }
}
