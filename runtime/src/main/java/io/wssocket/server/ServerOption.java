package io.wssocket.server;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting of {@link ServerConfig}: its name (the CLI flag is {@code --name}, the system
 * property {@code wssocket.name}), what it means, its default, and how a string sets it.
 */
public final class ServerOption {
    private final String name;
    private final String description;
    private final String defaultValue;
    private final BiConsumer<ServerConfig.Builder, String> setter;

    private ServerOption(String name, String description, String defaultValue, BiConsumer<ServerConfig.Builder, String> setter) {
        this.name = name;
        this.description = description;
        this.defaultValue = defaultValue;
        this.setter = setter;
    }

    static <T> ServerOption of(String name, String description, Object defaultValue,
                               Function<String, T> parse, BiConsumer<ServerConfig.Builder, T> setter) {
        return new ServerOption(name, description, String.valueOf(defaultValue), (builder, text) -> {
            T value;
            try {
                value = parse.apply(text.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--" + name + ": cannot read '" + text + "' (" + e.getMessage() + ")", e);
            }
            setter.accept(builder, value);
        });
    }

    public String name() {
        return name;
    }

    public String flag() {
        return "--" + name;
    }

    public String systemProperty() {
        return "wssocket." + name;
    }

    public String description() {
        return description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public void apply(ServerConfig.Builder builder, String value) {
        setter.accept(builder, value);
    }
}
