package io.wssocket.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} headers by the grammar of RFC 6455 §9.1:
 * <pre>
 * extension-list  = 1#extension
 * extension       = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 * where a quoted-string value must be a token once unquoted. OWS is allowed around the
 * separators, and empty list elements are ignored (RFC 9110 §5.6.1.2).
 */
public final class ExtensionHeaderParser {
    private static final String HEADER = "Sec-WebSocket-Extensions";

    private ExtensionHeaderParser() {
    }

    /** The extensions offered, in order, across all the header's values. */
    public static List<ExtensionOffer> parse(List<String> headerValues) throws HttpStatusException {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (String value : headerValues) {
            new Scanner(value).parseList(offers);
        }
        return offers;
    }

    private static final class Scanner {
        private final String s;
        private int pos;

        Scanner(String s) {
            this.s = s;
        }

        void parseList(List<ExtensionOffer> offers) throws HttpStatusException {
            int found = 0;
            while (true) {
                skipOws();
                if (atEnd()) {
                    break;
                }
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                String name = token();
                if (name.isEmpty()) {
                    throw malformed("expected an extension name");
                }
                List<ExtensionOffer.Parameter> params = new ArrayList<>();
                skipOws();
                while (!atEnd() && peek() == ';') {
                    pos++;
                    skipOws();
                    params.add(parameter(name));
                    skipOws();
                }
                offers.add(new ExtensionOffer(name, params));
                found++;
                if (!atEnd()) {
                    if (peek() != ',') {
                        throw malformed("expected ',' or ';'");
                    }
                    pos++;
                }
            }
            // RFC 6455 §9.1: extension-list = 1#extension.
            if (found == 0) {
                throw new HttpStatusException(400, "Malformed " + HEADER + " header: it names no extension");
            }
        }

        private ExtensionOffer.Parameter parameter(String extension) throws HttpStatusException {
            String name = token();
            if (name.isEmpty()) {
                throw malformed("expected a parameter name after ';' of extension " + extension);
            }
            skipOws();
            if (atEnd() || peek() != '=') {
                return new ExtensionOffer.Parameter(name, null);
            }
            pos++;
            skipOws();
            String value;
            if (!atEnd() && peek() == '"') {
                value = quotedString(name);
                // RFC 6455 §9.1: a quoted value must conform to the token ABNF once unquoted.
                if (!HttpSyntax.isToken(value)) {
                    throw malformed("the quoted value of parameter " + name + " is not a token");
                }
            } else {
                value = token();
                if (value.isEmpty()) {
                    throw malformed("parameter " + name + " has '=' but no value");
                }
            }
            return new ExtensionOffer.Parameter(name, value);
        }

        /** RFC 9110 §5.6.4: quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE. */
        private String quotedString(String param) throws HttpStatusException {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
            throw malformed("the quoted value of parameter " + param + " has no closing '\"'");
        }

        private String token() {
            int start = pos;
            while (!atEnd() && HttpSyntax.isTokenChar(peek())) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skipOws() {
            while (!atEnd() && HttpSyntax.isOws(peek())) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        private char peek() {
            return s.charAt(pos);
        }

        private HttpStatusException malformed(String problem) {
            String at = atEnd() ? "at the end" : "at position " + pos + " ('" + peek() + "')";
            return new HttpStatusException(400,
                    "Malformed " + HEADER + " header \"" + s + "\": " + problem + " " + at + " (RFC 6455 §9.1)");
        }
    }
}
