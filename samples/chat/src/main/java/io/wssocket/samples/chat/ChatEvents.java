package io.wssocket.samples.chat;

import java.time.Instant;

/**
 * The JSON the page reads, one object per WebSocket message: {@code {"type":"message","from":...,
 * "text":...,"at":...}} or {@code {"type":"joined"|"left","name":...,"members":n,"at":...}}.
 */
final class ChatEvents {
    private ChatEvents() {
    }

    static String message(String from, String text, Instant at) {
        return "{\"type\":\"message\",\"from\":" + quote(from) + ",\"text\":" + quote(text) + ",\"at\":\"" + at + "\"}";
    }

    static String presence(String type, String name, int members, Instant at) {
        return "{\"type\":\"" + type + "\",\"name\":" + quote(name) + ",\"members\":" + members + ",\"at\":\"" + at + "\"}";
    }

    /** A JSON string (RFC 8259 §7): quote, backslash and control characters escaped; the rest as it is. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
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
