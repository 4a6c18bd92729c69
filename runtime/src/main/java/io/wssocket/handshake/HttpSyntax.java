package io.wssocket.handshake;

/** Character classes of the HTTP grammar (RFC 9110 §5.6). */
final class HttpSyntax {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "."
        //                        / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpSyntax() {
    }

    static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    /** RFC 9110 §5.6.2: token = 1*tchar. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.6.3: OWS = *( SP / HTAB ). */
    static boolean isOws(int c) {
        return c == ' ' || c == '\t';
    }

    /** {@code s} without leading and trailing SP / HTAB. */
    static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isOws(s.charAt(start))) {
            start++;
        }
        while (end > start && isOws(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Appends {@code name: value CRLF}, refusing a name that is not a token and a value with a
     * character a field value may not hold (RFC 9110 §5.5: VCHAR, SP, HTAB, obs-text); a CR or LF
     * would split the head (header injection).
     */
    static void appendHeader(StringBuilder head, String name, String value) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("Header name is not a token: \"" + name + "\" (RFC 9110 §5.1)");
        }
        java.util.Objects.requireNonNull(value, () -> "value of header " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new IllegalArgumentException(
                        "Value of header " + name + " contains a character not allowed in HTTP (U+"
                                + String.format("%04X", (int) c) + "): header injection refused");
            }
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }
}
