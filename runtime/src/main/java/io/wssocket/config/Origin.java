package io.wssocket.config;

import java.nio.file.Path;

/**
 * Where the value of an option came from, so that a bad one is reported the way the user wrote
 * it: {@code WSSOCKET_PORT=abc}, {@code -Dwssocket.port=abc}, {@code --port abc}.
 */
public final class Origin {
    /** The sources in the order they are read; a later one wins. */
    enum Kind { DEFAULT, FILE, ENVIRONMENT, SYSTEM_PROPERTY, COMMAND_LINE, CODE }

    static final Origin DEFAULT = new Origin(Kind.DEFAULT, null);
    static final Origin ENVIRONMENT = new Origin(Kind.ENVIRONMENT, null);
    static final Origin SYSTEM_PROPERTY = new Origin(Kind.SYSTEM_PROPERTY, null);
    static final Origin COMMAND_LINE = new Origin(Kind.COMMAND_LINE, null);
    static final Origin CODE = new Origin(Kind.CODE, null);

    private final Kind kind;
    private final Path file;

    private Origin(Kind kind, Path file) {
        this.kind = kind;
        this.file = file;
    }

    static Origin file(Path file) {
        return new Origin(Kind.FILE, file);
    }

    /** @return the setting as the user wrote it, a secret's value masked */
    String describe(Option<?> option, String text) {
        String value = option.isSecret() ? "****" : text;
        return switch (kind) {
            case DEFAULT -> option.name() + "=" + value + " by default";
            case FILE -> option.name() + "=" + value + " in " + file;
            case ENVIRONMENT -> option.environmentVariable() + "=" + value;
            case SYSTEM_PROPERTY -> "-D" + option.systemProperty() + "=" + value;
            case COMMAND_LINE -> option.flag() + " " + value;
            case CODE -> option.name() + "=" + value + " set in code";
        };
    }

    /** @return whether the option was set nowhere and has its default */
    public boolean isDefault() {
        return kind == Kind.DEFAULT;
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? "file " + file : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
