package io.wssocket.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The values of the options of one configuration and where each came from; an option not set has
 * its default. What a configuration builder holds; not thread-safe, copied into the immutable
 * configuration.
 */
public final class OptionValues {
    private final List<Option<?>> options;
    private final String owner;
    private final Map<Option<?>, Object> values = new HashMap<>();
    private final Map<Option<?>, Origin> origins = new HashMap<>();

    /**
     * @param options the options the configuration has
     * @param owner the configuration, for messages, e.g. "ClientConfig"
     */
    OptionValues(List<Option<?>> options, String owner) {
        this.options = options;
        this.owner = owner;
    }

    /** @return every option at its default */
    public static OptionValues defaults() {
        return new OptionValues(Options.ALL, "the defaults");
    }

    /**
     * The values a finished configuration reports through its public {@code option(name)}, for
     * the code that runs it: a configuration of the exported API carries no internal type.
     *
     * @param options the options the configuration has, e.g. {@link Options#CLIENT_CONFIG}
     * @param owner the configuration, for messages
     * @param lookup the configuration's value of the option of each name
     * @return those values, every one as set (they were checked when the configuration was built)
     */
    public static OptionValues copyOf(List<Option<?>> options, String owner, Function<String, Object> lookup) {
        OptionValues copy = new OptionValues(options, owner);
        for (Option<?> option : options) {
            copy.values.put(option, lookup.apply(option.name()));
        }
        return copy;
    }

    /** @return a copy that later changes to this one do not reach */
    public OptionValues copy() {
        OptionValues copy = new OptionValues(options, owner);
        copy.values.putAll(values);
        copy.origins.putAll(origins);
        return copy;
    }

    /**
     * @return a copy in which every option has its value, a default worked out now (some depend on
     *     the machine, such as the open-file limit, and must not be worked out on every read)
     */
    public OptionValues frozen() {
        OptionValues frozen = copy();
        for (Option<?> option : options) {
            if (!frozen.values.containsKey(option)) {
                frozen.values.put(option, option.defaultValue(frozen));
            }
        }
        return frozen;
    }

    /** @return the option's value: the one set last, or its default */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        return values.containsKey(option) ? (T) values.get(option) : option.defaultValue(this);
    }

    /**
     * @param name an option name, e.g. {@code max-message-size}
     * @return the value of the option of that name
     * @throws IllegalArgumentException when the configuration has no option of that name
     */
    public Object get(String name) {
        return get(option(name));
    }

    private Option<?> option(String name) {
        Option<?> option = Options.byName(name);
        if (option == null || !options.contains(option)) {
            throw new IllegalArgumentException(owner + " has no option '" + name + "'"
                    + (option == null ? "" : " (it is not one of its own)"));
        }
        return option;
    }

    /** @return where the option's value came from */
    public Origin origin(Option<?> option) {
        return origins.getOrDefault(option, Origin.DEFAULT);
    }

    /**
     * Sets a value given in code.
     *
     * @throws IllegalArgumentException when the option does not take it, e.g. "port=70000 set in
     *     code: port must be an integer 0-65535"
     */
    public <T> void set(Option<T> option, T value) {
        put(option, option.check(value, Origin.CODE), Origin.CODE);
    }

    /**
     * Sets a value given as text in code, as a configuration file would.
     *
     * @param name an option name, e.g. {@code max-message-size}
     * @throws IllegalArgumentException when the configuration has no option of that name, or the
     *     text is no value of it
     */
    public void setText(String name, String text) {
        setText(option(name), text, Origin.CODE);
    }

    void setText(Option<?> option, String text, Origin origin) {
        put(option, option.parse(text, origin), origin);
    }

    private void put(Option<?> option, Object value, Origin origin) {
        values.put(option, value);
        origins.put(option, origin);
    }

    /**
     * The option's value made into what the code uses, e.g. an origin list from its text.
     *
     * @throws IllegalArgumentException naming where the value came from when the conversion refuses it
     */
    public <T, R> R convert(Option<T> option, Function<T, R> conversion) {
        try {
            return conversion.apply(get(option));
        } catch (IllegalArgumentException e) {
            throw invalid(option, e.getMessage());
        }
    }

    /**
     * Fails unless {@code condition} holds.
     *
     * @param problem what is wrong, after the option's setting, e.g. "read-buffer-size must be at least 32768 with TLS"
     * @throws IllegalArgumentException "setting: problem", the setting as the user wrote it
     */
    public void require(boolean condition, Option<?> option, String problem) {
        if (!condition) {
            throw invalid(option, problem);
        }
    }

    /** @return an error naming the option's setting as the user wrote it, then the problem */
    public IllegalArgumentException invalid(Option<?> option, String problem) {
        return new IllegalArgumentException(origin(option).describe(option, String.valueOf(get(option))) + ": " + problem);
    }
}
