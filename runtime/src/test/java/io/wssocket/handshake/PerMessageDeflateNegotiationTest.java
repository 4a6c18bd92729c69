package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The permessage-deflate negotiation matrix (RFC 7692 §5, §7.1): the client's offers, as a header,
 * against the server's answer; and the client's check of the server's answer.
 */
class PerMessageDeflateNegotiationTest {
    private static final String DEFAULT_ANSWER = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

    private static PerMessageDeflate.Agreement accept(String header) throws HttpStatusException {
        return PerMessageDeflate.accept(ExtensionHeaderParser.parse(List.of(header)), false);
    }

    /** The header the server answers with; "-" when it declines. */
    private static String answer(String header) throws HttpStatusException {
        PerMessageDeflate.Agreement a = accept(header);
        return a == null ? "-" : a.response().toHeaderValue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // Offers the server accepts: it always asks for no context takeover both ways (§7.1.1.1, §7.1.1.2).
        "permessage-deflate | " + DEFAULT_ANSWER,
        "permessage-deflate; client_max_window_bits | " + DEFAULT_ANSWER,
        "permessage-deflate; client_max_window_bits=10 | " + DEFAULT_ANSWER,
        "permessage-deflate; client_max_window_bits=\"12\" | " + DEFAULT_ANSWER,
        "permessage-deflate; server_no_context_takeover | " + DEFAULT_ANSWER,
        "permessage-deflate; client_no_context_takeover | " + DEFAULT_ANSWER,
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover | " + DEFAULT_ANSWER,
        "permessage-deflate; server_max_window_bits=15 | " + DEFAULT_ANSWER + "; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=9 | " + DEFAULT_ANSWER + "; server_max_window_bits=9",
        "PerMessage-Deflate; Client_Max_Window_Bits | " + DEFAULT_ANSWER,
        // Several offers: the first acceptable one wins (§5), invalid ones are skipped.
        "permessage-deflate; server_max_window_bits=7, permessage-deflate | " + DEFAULT_ANSWER,
        "permessage-deflate; foo, permessage-deflate; server_max_window_bits=10 | " + DEFAULT_ANSWER + "; server_max_window_bits=10",
        "x-webkit-deflate-frame, permessage-deflate; client_max_window_bits | " + DEFAULT_ANSWER,
        // Offers the server declines: unknown or repeated parameters, bad values (§7.1).
        "permessage-deflate; foo | -",
        "permessage-deflate; foo=1 | -",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | -",
        "permessage-deflate; client_max_window_bits; client_max_window_bits=10 | -",
        "permessage-deflate; server_no_context_takeover=1 | -",
        "permessage-deflate; client_no_context_takeover=true | -",
        "permessage-deflate; server_max_window_bits | -",
        "permessage-deflate; server_max_window_bits=7 | -",
        "permessage-deflate; server_max_window_bits=16 | -",
        "permessage-deflate; server_max_window_bits=010 | -",
        "permessage-deflate; client_max_window_bits=0 | -",
        "permessage-deflate; client_max_window_bits=abc | -",
        "permessage-deflate; client_max_window_bits=08 | -",
        "permessage-deflate; foo, permessage-deflate; server_max_window_bits=99 | -",
        "x-webkit-deflate-frame | -",
    })
    void serverAnswer(String offer, String expected) throws Exception {
        assertThat(answer(offer)).isEqualTo(expected);
    }

    @Test
    void theServerNeverKeepsContextAndCompressesUnlessItsWindowIsLimited() throws Exception {
        PerMessageDeflate.Agreement plain = accept("permessage-deflate");
        assertThat(plain.peerTakesContextOver()).isFalse();
        assertThat(plain.keepsOwnContext()).isFalse();
        assertThat(plain.deflateOutbound()).isTrue();
        // The JDK's deflater always uses a 15-bit window: a smaller limit is honoured by not compressing (§6.1).
        assertThat(accept("permessage-deflate; server_max_window_bits=10").deflateOutbound()).isFalse();
        assertThat(accept("permessage-deflate; server_max_window_bits=15").deflateOutbound()).isTrue();
    }

    @Test
    void theClientOffersTheWindowParameterWithoutAValueAndNoContextTakeoverUnlessAllowed() {
        // §7.1.1.2: offered, client_no_context_takeover tells the server it need keep no inflater for this client.
        assertThat(PerMessageDeflate.offer(false).toHeaderValue())
                .isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits");
        assertThat(PerMessageDeflate.offer(true).toHeaderValue()).isEqualTo("permessage-deflate; client_max_window_bits");
    }

    /** With context takeover allowed: the answer, whether the client may take its context over, whether the server keeps its own. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate | permessage-deflate | true | true",
        "permessage-deflate; client_max_window_bits | permessage-deflate | true | true",
        "permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover | true | false",
        "permessage-deflate; client_no_context_takeover | permessage-deflate; client_no_context_takeover | false | true",
        "permessage-deflate; client_no_context_takeover; server_no_context_takeover | " + DEFAULT_ANSWER + " | false | false",
        // A window below 15 bits for the server: it does not compress, so it keeps no deflater.
        "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=10 | true | false",
    })
    void withContextTakeoverTheServerAnswersOnlyWhatWasOffered(String offer, String answer, boolean clientKeeps,
                                                               boolean serverKeeps) throws Exception {
        PerMessageDeflate.Agreement a = PerMessageDeflate.accept(ExtensionHeaderParser.parse(List.of(offer)), true);
        assertThat(a.response().toHeaderValue()).isEqualTo(answer);
        assertThat(a.peerTakesContextOver()).as("the server keeps an inflater").isEqualTo(clientKeeps);
        assertThat(a.keepsOwnContext()).as("the server keeps its deflater").isEqualTo(serverKeeps);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate | true",
        "permessage-deflate; server_no_context_takeover | true",
        "permessage-deflate; client_no_context_takeover | false",
        // A window below 15 bits for the client: it does not compress, so it keeps no deflater.
        "permessage-deflate; client_max_window_bits=10 | false",
    })
    void theClientKeepsItsContextOnlyWhenAllowedByTheAnswerAndConfigured(String answer, boolean keeps)
            throws Exception {
        ExtensionOffer response = ExtensionHeaderParser.parse(List.of(answer)).get(0);
        assertThat(PerMessageDeflate.acceptResponse(response, true).keepsOwnContext()).isEqualTo(keeps);
        assertThat(PerMessageDeflate.acceptResponse(response, false).keepsOwnContext()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate | true | true",
        "permessage-deflate; server_no_context_takeover | false | true",
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover | false | true",
        "permessage-deflate; server_max_window_bits=10 | true | true",
        "permessage-deflate; client_max_window_bits=15 | true | true",
        "permessage-deflate; client_max_window_bits=9; server_no_context_takeover | false | false",
    })
    void theClientUsesAValidAnswer(String answer, boolean peerTakesContextOver, boolean deflateOutbound) throws Exception {
        PerMessageDeflate.Agreement a = PerMessageDeflate.acceptResponse(ExtensionHeaderParser.parse(List.of(answer)).get(0));
        assertThat(a.peerTakesContextOver()).isEqualTo(peerTakesContextOver);
        assertThat(a.deflateOutbound()).isEqualTo(deflateOutbound);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "permessage-deflate; foo",
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; server_max_window_bits",
        "permessage-deflate; server_max_window_bits=20",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover=1",
        "permessage-deflate, permessage-deflate",
    })
    void theClientFailsTheConnectionOnABadAnswer(String answer) {
        // RFC 7692 §5: a response the client cannot accept fails the WebSocket connection.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Accept", List.of("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        headers.put("Sec-WebSocket-Extensions", List.of(answer));
        HandshakeFailedException e = catchThrowableOfType(HandshakeFailedException.class,
                () -> ClientHandshakeValidator.validate(new HttpResponse("HTTP/1.1", 101, "Switching Protocols", headers),
                        "dGhlIHNhbXBsZSBub25jZQ==", List.of(), List.of("permessage-deflate")));
        assertThat(e).as("the answer %s fails", answer).isNotNull();
        assertThat(e.getMessage()).contains("permessage-deflate");
    }

    @Test
    void aBadAnswerIsReportedWithItsReason() {
        assertThatThrownBy(() -> PerMessageDeflate.acceptResponse(
                new ExtensionOffer("permessage-deflate", List.of(new ExtensionOffer.Parameter("x", null)))))
                .hasMessageContaining("unknown parameter x");
    }
}
