package io.wssocket.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where option values come from besides code, read in this order, a later source winning over an
 * earlier one: the defaults, a configuration file, the environment ({@code WSSOCKET_NAME}), the
 * system properties ({@code -Dwssocket.name}) and the command line ({@code --name value}). Values
 * set in code on a builder afterwards win over all of them.
 *
 * <p>The configuration file is a Java properties file whose keys are option names. It is named by
 * {@code --config FILE}, else {@code -Dwssocket.config=FILE}, else {@code WSSOCKET_CONFIG=FILE}. One
 * file may serve server and client: each reads the keys it knows. A key that no option has is an
 * error (a typo must not go unnoticed).
 *
 * <p>The maps are copied when this is made, so a test can hand in its own and the process's
 * environment and system properties are neither read nor changed.
 */
public final class ConfigSources {
    /** The name of the meta-option that names the configuration file. */
    public static final String CONFIG_FILE = "config";
    private static final ConfigSources NONE = new ConfigSources(Map.of(), Map.of(), Map.of());

    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private final Map<String, String> commandLine;

    private ConfigSources(Map<String, String> environment, Map<String, String> systemProperties,
                          Map<String, String> commandLine) {
        this.environment = Map.copyOf(environment);
        this.systemProperties = Map.copyOf(systemProperties);
        this.commandLine = Map.copyOf(commandLine);
    }

    /**
     * @param environment variables as {@link System#getenv()} gives them
     * @param systemProperties system properties by name
     * @param commandLine option name (without {@code --}) to value, as given on the command line
     * @return the sources those maps hold, and the configuration file one of them names
     */
    public static ConfigSources of(Map<String, String> environment, Map<String, String> systemProperties,
                                   Map<String, String> commandLine) {
        return new ConfigSources(environment, systemProperties, commandLine);
    }

    /** @return this process's environment and system properties, without a command line */
    public static ConfigSources process() {
        return of(System.getenv(), systemProperties(System.getProperties()), Map.of());
    }

    /** @return no source at all: only the defaults */
    public static ConfigSources none() {
        return NONE;
    }

    /** @return the string-valued entries of {@code properties}, as a map */
    public static Map<String, String> systemProperties(Properties properties) {
        Map<String, String> map = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    /**
     * Reads the values of the given options from every source.
     *
     * @param options the options the configuration has
     * @param owner the configuration, for messages, e.g. "ClientConfig"
     * @throws IllegalArgumentException naming the source and the option of a bad value, or the
     *     configuration file when it cannot be read or holds an unknown key
     */
    public OptionValues read(List<Option<?>> options, String owner) {
        OptionValues values = new OptionValues(options, owner);
        readFile(options, values);
        for (Option<?> option : options) {
            setIfPresent(values, option, environment.get(option.environmentVariable()), Origin.ENVIRONMENT);
        }
        for (Option<?> option : options) {
            setIfPresent(values, option, systemProperties.get(option.systemProperty()), Origin.SYSTEM_PROPERTY);
        }
        for (Option<?> option : options) {
            setIfPresent(values, option, commandLine.get(option.name()), Origin.COMMAND_LINE);
        }
        return values;
    }

    private static void setIfPresent(OptionValues values, Option<?> option, String text, Origin origin) {
        if (text != null) {
            values.setText(option, text, origin);
        }
    }

    private void readFile(List<Option<?>> options, OptionValues values) {
        String named = namedFile();
        if (named == null || named.isBlank()) {
            return;
        }
        Path file = Path.of(named);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the configuration file " + file + " (" + namedBy() + "): " + e, e);
        }
        Origin origin = Origin.file(file);
        for (String key : properties.stringPropertyNames()) {
            Option<?> option = Options.byName(key);
            if (option == null) {
                throw new IllegalArgumentException(file + ": unknown option '" + key + "' (docs/configuration.md lists them)");
            }
            if (options.contains(option)) {
                values.setText(option, properties.getProperty(key), origin);
            }
        }
    }

    /** @return the configuration file's name as the sources give it, or null */
    String namedFile() {
        String fromCommandLine = commandLine.get(CONFIG_FILE);
        if (fromCommandLine != null) {
            return fromCommandLine;
        }
        String fromProperty = systemProperties.get("wssocket." + CONFIG_FILE);
        return fromProperty != null ? fromProperty : environment.get(Option.environmentVariable(CONFIG_FILE));
    }

    private String namedBy() {
        if (commandLine.containsKey(CONFIG_FILE)) {
            return "--" + CONFIG_FILE;
        }
        return systemProperties.containsKey("wssocket." + CONFIG_FILE) ? "-Dwssocket." + CONFIG_FILE
                : Option.environmentVariable(CONFIG_FILE);
    }
}
