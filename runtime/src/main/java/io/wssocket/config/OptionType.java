package io.wssocket.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What values an {@link Option} takes: how text becomes one, which ones are allowed, and how both
 * are described, in the reference ({@link #description()}) and in an error ({@link #requirement()}).
 *
 * @param <T> the Java type of the values
 */
public final class OptionType<T> {
    private static final String BOOLEAN = "boolean";
    private final String description;
    private final String requirement;
    private final Function<String, T> parse;
    private final Predicate<T> allowed;

    private OptionType(String description, String requirement, Function<String, T> parse, Predicate<T> allowed) {
        this.description = description;
        this.requirement = requirement;
        this.parse = parse;
        this.allowed = allowed;
    }

    /** Whole numbers from {@code min} to {@code max}. */
    public static OptionType<Integer> integer(int min, int max) {
        String range = range(min, max, Integer.MAX_VALUE);
        return new OptionType<>(range, "an " + range, Integer::valueOf, v -> v >= min && v <= max);
    }

    /** Whole numbers from {@code min} to {@code max}, as a {@code long}. */
    public static OptionType<Long> longInteger(long min, long max) {
        String range = range(min, max, Long.MAX_VALUE);
        return new OptionType<>(range, "an " + range, Long::valueOf, v -> v >= min && v <= max);
    }

    /** {@code true} or {@code false}, in any case; nothing else (a typo must not read as false). */
    public static OptionType<Boolean> bool() {
        return new OptionType<>(BOOLEAN, "true or false", text -> {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(text);
            }
            return Boolean.valueOf(text);
        }, v -> true);
    }

    /** Any text; what it must look like beyond that is checked where it is used. */
    public static OptionType<String> text() {
        return new OptionType<>("text", "text", text -> text, v -> true);
    }

    /** One of the given words, in any case; the value is the word in lower case. */
    public static OptionType<String> choice(String... words) {
        List<String> allowed = List.of(words);
        return new OptionType<>(String.join(" | ", allowed), "one of " + String.join(", ", allowed),
                text -> text.toLowerCase(Locale.ROOT), allowed::contains);
    }

    private static String range(long min, long max, long unbounded) {
        return max == unbounded ? "integer ≥ " + min : "integer " + min + "-" + max;
    }

    /** For the reference: {@code integer ≥ 1}, {@code boolean}, {@code block | fail | close}. */
    public String description() {
        return description;
    }

    /**
     * Whether this is {@link #bool()}: on the command line its value may be left out to mean true.
     *
     * @return true for a true-or-false type
     */
    public boolean isBoolean() {
        return description.equals(BOOLEAN);
    }

    /** For errors, after "must be": {@code an integer 0-65535}, {@code true or false}. */
    public String requirement() {
        return requirement;
    }

    /** @return the value the trimmed text stands for, or null when it stands for none this type allows */
    T parse(String text) {
        try {
            T value = parse.apply(text.trim());
            return allowed.test(value) ? value : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    boolean allows(T value) {
        return value != null && allowed.test(value);
    }
}
