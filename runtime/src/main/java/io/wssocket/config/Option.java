package io.wssocket.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration option, defined once: its name, the values it takes, its default and what it
 * means. Everything else follows from the name: the flag {@code --name}, the system property
 * {@code wssocket.name}, the environment variable {@code WSSOCKET_NAME} and the key {@code name}
 * of a configuration file.
 *
 * @param <T> the Java type of its values
 */
public final class Option<T> {
    private final String name;
    private final OptionType<T> type;
    private final Function<OptionValues, T> defaultValue;
    private final String defaultText;
    private final String description;
    private final boolean secret;

    private Option(String name, OptionType<T> type, Function<OptionValues, T> defaultValue, String defaultText,
                   String description, boolean secret) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = description;
        this.secret = secret;
    }

    /** An option whose default is a constant. */
    static <T> Option<T> of(String name, OptionType<T> type, T defaultValue, String description) {
        if (!type.allows(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not " + type.requirement());
        }
        return new Option<>(name, type, values -> defaultValue, String.valueOf(defaultValue), description, false);
    }

    /**
     * An option whose default depends on the machine or on other options.
     *
     * @param defaultText the default as the reference states it, e.g. "number of cores"
     */
    static <T> Option<T> computed(String name, OptionType<T> type, String defaultText,
                                  Function<OptionValues, T> defaultValue, String description) {
        return new Option<>(name, type, defaultValue, defaultText, description, false);
    }

    /** The same option whose value never appears in a message (a password). */
    Option<T> secret() {
        return new Option<>(name, type, defaultValue, defaultText, description, true);
    }

    /** @return the name, e.g. {@code max-message-size} */
    public String name() {
        return name;
    }

    /** @return the command-line flag, e.g. {@code --max-message-size} */
    public String flag() {
        return "--" + name;
    }

    /** @return the system property, e.g. {@code wssocket.max-message-size} */
    public String systemProperty() {
        return "wssocket." + name;
    }

    /** @return the environment variable, e.g. {@code WSSOCKET_MAX_MESSAGE_SIZE} */
    public String environmentVariable() {
        return environmentVariable(name);
    }

    static String environmentVariable(String name) {
        return "WSSOCKET_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** @return the values it takes */
    public OptionType<T> type() {
        return type;
    }

    /** @return the default as the reference states it */
    public String defaultText() {
        return defaultText;
    }

    /** @return what it means, one paragraph */
    public String description() {
        return description;
    }

    /** @return whether its value is kept out of messages */
    public boolean isSecret() {
        return secret;
    }

    /** @return its default where the other options have the given values */
    T defaultValue(OptionValues values) {
        return defaultValue.apply(values);
    }

    /**
     * @return {@code value} unchanged
     * @throws IllegalArgumentException naming where the value came from when the option does not take it
     */
    T check(T value, Origin origin) {
        if (!type.allows(value)) {
            throw invalid(String.valueOf(value), origin);
        }
        return value;
    }

    /**
     * @return the value the text stands for
     * @throws IllegalArgumentException naming where the text came from when it stands for no value the option takes
     */
    T parse(String text, Origin origin) {
        T value = type.parse(Objects.requireNonNull(text, name));
        if (value == null) {
            throw invalid(text, origin);
        }
        return value;
    }

    private IllegalArgumentException invalid(String text, Origin origin) {
        return new IllegalArgumentException(origin.describe(this, text) + ": " + name + " must be " + type.requirement());
    }

    @Override
    public String toString() {
        return name;
    }
}
