package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wssocket.handshake.ExtensionOffer.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionHeaderParserTest {

    private static HttpStatusException failure(String... values) {
        HttpStatusException e = catchThrowableOfType(HttpStatusException.class,
                () -> ExtensionHeaderParser.parse(List.of(values)));
        assertThat(e).as("parse fails").isNotNull();
        return e;
    }

    @Test
    void extensionWithoutParameters() throws Exception {
        assertThat(ExtensionHeaderParser.parse(List.of("permessage-deflate")))
                .containsExactly(new ExtensionOffer("permessage-deflate", List.of()));
    }

    @Test
    void parametersWithAndWithoutValues() throws Exception {
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse(
                List.of("permessage-deflate; client_max_window_bits; server_max_window_bits=10"));

        assertThat(offers).containsExactly(new ExtensionOffer("permessage-deflate", List.of(
                new Parameter("client_max_window_bits", null),
                new Parameter("server_max_window_bits", "10"))));
    }

    @Test
    void quotedValuesAreUnquoted() throws Exception {
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse(
                List.of("permessage-deflate; server_max_window_bits=\"10\"; x=\"a\\b\""));

        assertThat(offers.get(0).parameters()).containsExactly(
                new Parameter("server_max_window_bits", "10"), new Parameter("x", "ab"));
    }

    @Test
    void whitespaceAroundSeparatorsIsAllowed() throws Exception {
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse(List.of("  foo ;\ta = 1 ; b ,\tbar  "));

        assertThat(offers).containsExactly(
                new ExtensionOffer("foo", List.of(new Parameter("a", "1"), new Parameter("b", null))),
                new ExtensionOffer("bar", List.of()));
    }

    @Test
    void multipleExtensionsAndRepeatedHeadersKeepTheirOrder() throws Exception {
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse(List.of(
                "permessage-deflate; client_max_window_bits, permessage-deflate", "x-webkit-deflate-frame"));

        assertThat(offers).extracting(ExtensionOffer::name)
                .containsExactly("permessage-deflate", "permessage-deflate", "x-webkit-deflate-frame");
        assertThat(offers.get(0).parameters()).hasSize(1);
        assertThat(offers.get(1).parameters()).isEmpty();
    }

    @Test
    void emptyListElementsAreIgnored() throws Exception {
        assertThat(ExtensionHeaderParser.parse(List.of(", foo,, bar ,")))
                .extracting(ExtensionOffer::name).containsExactly("foo", "bar");
    }

    @Test
    void noHeaderMeansNoExtensions() throws Exception {
        assertThat(ExtensionHeaderParser.parse(List.of())).isEmpty();
    }

    @Test
    void offersRenderBackToTheirHeaderForm() throws Exception {
        String header = "permessage-deflate; client_max_window_bits; server_no_context_takeover=x";

        assertThat(ExtensionHeaderParser.parse(List.of(header)).get(0).toHeaderValue()).isEqualTo(header);
        assertThat(new ExtensionOffer("x", List.of(new Parameter("p", "a b\"c"))).toHeaderValue())
                .isEqualTo("x; p=\"a b\\\"c\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"; foo", "=foo", ", ;a"})
    void emptyExtensionNameIs400(String header) {
        HttpStatusException e = failure(header);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("expected an extension name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"perm/deflate", "foo bar", "foo; a=b=c", "foo; a=(x)", "foo \"bar\"", "f\u00e9e"})
    void badTokenCharactersAre400(String header) {
        HttpStatusException e = failure(header);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("Malformed Sec-WebSocket-Extensions header").contains(header);
    }

    @Test
    void unterminatedQuoteIs400() {
        HttpStatusException e = failure("foo; a=\"10");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("no closing '\"'");
        assertThat(failure("foo; a=\"10\\").status()).isEqualTo(400);
    }

    @Test
    void quotedValueThatIsNotATokenIs400() {
        assertThat(failure("foo; a=\"1 0\"").getMessage()).contains("is not a token");
        assertThat(failure("foo; a=\"\"").getMessage()).contains("is not a token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo;", "foo; ", "foo;,bar", "foo; a; ;b"})
    void semicolonWithNothingAfterIs400(String header) {
        HttpStatusException e = failure(header);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("expected a parameter name after ';' of extension foo");
    }

    @Test
    void equalsWithoutValueIs400() {
        assertThat(failure("foo; a=").getMessage()).contains("parameter a has '=' but no value");
        assertThat(failure("foo; a= , bar").getMessage()).contains("parameter a has '=' but no value");
    }

    @Test
    void headerWithoutAnyExtensionIs400() {
        assertThat(failure("").getMessage()).contains("names no extension");
        assertThat(failure(" , ").status()).isEqualTo(400);
    }
}
