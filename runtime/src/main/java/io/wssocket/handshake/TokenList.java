package io.wssocket.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated header values (RFC 9110 §5.6.1: {@code #element}), possibly spread over
 * repeated header lines, as in {@code Connection: keep-alive, Upgrade}. Elements are trimmed of
 * OWS and empty elements are skipped. Quoted strings are not interpreted: the headers read this
 * way ({@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-Protocol}) carry tokens only.
 */
public final class TokenList {
    private TokenList() {
    }

    /** Whether any element of {@code headerValues} equals {@code token}, ignoring case. */
    public static boolean contains(List<String> headerValues, String token) {
        for (String value : headerValues) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int s = start;
                int e = end;
                while (s < e && HttpSyntax.isOws(value.charAt(s))) {
                    s++;
                }
                while (e > s && HttpSyntax.isOws(value.charAt(e - 1))) {
                    e--;
                }
                if (e - s == token.length() && value.regionMatches(true, s, token, 0, token.length())) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    /** All non-empty elements, trimmed of OWS, in order. */
    public static List<String> tokens(List<String> headerValues) {
        List<String> tokens = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : value.split(",", -1)) {
                String trimmed = HttpSyntax.trimOws(element);
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
            }
        }
        return tokens;
    }
}
