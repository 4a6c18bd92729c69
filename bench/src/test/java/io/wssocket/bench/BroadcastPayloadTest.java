package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The broadcast payload's head (sequence, send time) and the hexadecimal numbers it is made of. */
class BroadcastPayloadTest {

    @Test
    void headCarriesSequenceAndSendTimeInHexAndTheFillerFollows() {
        byte[] payload = BroadcastPayload.template(40);

        BroadcastPayload.writeHead(payload, 0x1234, 0xCAFEBABEL);

        assertThat(new String(payload, StandardCharsets.US_ASCII))
                .isEqualTo("0000000000001234" + "00000000cafebabe" + "ghijklmn");
        assertThat(BroadcastPayload.sequence(payload)).isEqualTo(0x1234);
        assertThat(BroadcastPayload.sentNanos(payload)).isEqualTo(0xCAFEBABEL);
    }

    @Test
    void aCorruptedHeadIsNotANumber() {
        byte[] payload = BroadcastPayload.template(32);
        payload[3] = 'x';

        assertThat(BroadcastPayload.sequence(payload)).isEqualTo(-1);
        assertThat(HexDigits.parse("00fF".getBytes(StandardCharsets.US_ASCII), 0, 4)).as("upper case is not ours").isEqualTo(-1);
    }

    @Test
    void hexDigitsRoundTripTheFullWidth() {
        byte[] b = new byte[16];
        HexDigits.write(Long.MAX_VALUE, b, 0, 16);
        assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("7fffffffffffffff");
        assertThat(HexDigits.parse(b, 0, 16)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void tooShortForTheHeadIsRefused() {
        assertThatThrownBy(() -> BroadcastPayload.template(31)).isInstanceOf(IllegalArgumentException.class);
    }
}
