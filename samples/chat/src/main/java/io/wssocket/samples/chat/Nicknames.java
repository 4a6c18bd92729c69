package io.wssocket.samples.chat;

/** What a member may call themselves: what the page shows next to every message they send. */
final class Nicknames {
    static final int MAX_LENGTH = 24;

    private Nicknames() {
    }

    /** Why {@code name} cannot be used, or null when it can. */
    static String problemWith(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            return "the name is empty";
        }
        if (stripped.codePointCount(0, stripped.length()) > MAX_LENGTH) {
            return "the name is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < stripped.length(); ) {
            int c = stripped.codePointAt(i);
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != '-' && c != '_' && c != '.') {
                return "a name has letters, digits, spaces, '-', '_' and '.' only";
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
