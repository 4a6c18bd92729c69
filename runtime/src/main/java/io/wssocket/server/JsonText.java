package io.wssocket.server;

/**
 * JSON written by hand, for the few places that answer or log it (the access log's json format,
 * the admin view): small enough that a JSON library would cost more than it saves.
 */
final class JsonText {
    private JsonText() {
    }

    /**
     * {@code s} as a JSON string, quotes included, or {@code null}: RFC 8259 §7, the quotation
     * mark, the reverse solidus and the control characters escaped, everything else as it is.
     */
    static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
