package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CaseGroupTest {
    private static final TestClasses BUILD = new ClasspathTestClasses(CaseGroupTest.class.getClassLoader());

    /** Fails when a case is added to the interop cases: give it a group here and, if need be, a word in CaseGroup. */
    @Test
    void everyCaseOfTheInteropCasesHasItsGroup() {
        Map<String, CaseGroup> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("echoesMessageByteForByte", CaseGroup.ECHO),
                Map.entry("wholeHandlersGetTheEchoByteForByte", CaseGroup.ECHO),
                Map.entry("partialHandlerEchoesEachPieceAsItArrives", CaseGroup.PARTIAL),
                Map.entry("partialHandlersGetTheServersFragments", CaseGroup.PARTIAL),
                Map.entry("clientPingIsAnsweredWithPongOfSamePayload", CaseGroup.PING_PONG),
                Map.entry("serverPingIsAnsweredWithPongOfSamePayload", CaseGroup.PING_PONG),
                Map.entry("serverAnswersClientPingWithPong", CaseGroup.PING_PONG),
                Map.entry("clientAnswersServerPingWithPong", CaseGroup.PING_PONG),
                Map.entry("clientClosesWithCode", CaseGroup.CLOSE),
                Map.entry("serverClosesWithCode", CaseGroup.CLOSE),
                Map.entry("serverSeesTheCodeTheClientClosesWith", CaseGroup.CLOSE),
                Map.entry("clientSeesTheCodeTheServerClosesWith", CaseGroup.CLOSE),
                Map.entry("bothEndsAgreeOnTheSubprotocolTheServerPicks", CaseGroup.SUBPROTOCOL),
                Map.entry("programmaticEndpointNegotiatesTheSubprotocolTheServerSupports", CaseGroup.SUBPROTOCOL),
                Map.entry("annotatedEndpointNegotiatesTheSubprotocolTheServerSupports", CaseGroup.SUBPROTOCOL),
                Map.entry("sessionHasNoSubprotocolWithoutAgreement", CaseGroup.SUBPROTOCOL),
                Map.entry("bothEndsKnowWhetherTheConnectionIsSecure", CaseGroup.TLS),
                Map.entry("deflateIsNegotiatedAndBothEndsSayWhat", CaseGroup.DEFLATE),
                Map.entry("deflateEchoesEverySizeOnOneConnection", CaseGroup.DEFLATE),
                Map.entry("deflateRepeatedMessageShowsWhetherTheClientDropsItsContext", CaseGroup.DEFLATE),
                Map.entry("deflateEchoesFragmentedCompressedMessages", CaseGroup.DEFLATE),
                Map.entry("deflateEchoesAnEmptyMessageBetweenOthers", CaseGroup.DEFLATE),
                Map.entry("deflateCompressesWhatGoesOnTheWire", CaseGroup.DEFLATE)));
        Map<String, CaseGroup> actual = new TreeMap<>();
        for (String cases : new String[] {"io.wssocket.interop.ClientInteropCases", "io.wssocket.interop.ServerInteropCases"}) {
            Set<String> methods = BUILD.testMethods(cases).orElseThrow();
            methods.forEach(method -> actual.put(method, CaseGroup.of(method)));
        }

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theNarrowerGroupWinsWhenANameHasWordsOfTwo() {
        assertThat(CaseGroup.of("partialHandlerEchoesEachPieceAsItArrives")).isEqualTo(CaseGroup.PARTIAL);
        assertThat(CaseGroup.of("pingAfterCloseIsRefused")).isEqualTo(CaseGroup.PING_PONG);
        assertThat(CaseGroup.of("echoesOverTls")).isEqualTo(CaseGroup.ECHO);
        assertThat(CaseGroup.of("untrustedCertificateIsRefused")).isEqualTo(CaseGroup.TLS);
        assertThat(CaseGroup.of("deflateEchoesFragmentedCompressedMessages")).isEqualTo(CaseGroup.DEFLATE);
    }

    @Test
    void namesAreCutIntoLowerCaseWords() {
        assertThat(CaseGroup.wordsOf("wssEchoOverTLSAndHTTP2Works")).containsExactly("wss", "echo", "over", "tls", "and", "http2", "works");
    }

    @Test
    void aMethodThatFitsNoGroupIsRefusedByName() {
        assertThatThrownBy(() -> CaseGroup.of("handshakeCarriesExtraHeaders"))
                .isInstanceOf(CaseGroup.UnknownCaseException.class)
                .hasMessageContaining("handshakeCarriesExtraHeaders")
                .hasMessageContaining(CaseGroup.class.getName());
    }
}
