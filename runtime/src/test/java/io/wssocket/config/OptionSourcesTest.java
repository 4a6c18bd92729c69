package io.wssocket.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.ContainerConfig;
import io.wssocket.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of both configurations, set through each source, comes out the same; sources win
 * in the documented order; a bad value from any source names that source and the option. The
 * environment and system properties are maps handed in: nothing global is read or changed.
 */
class OptionSourcesTest {
    @TempDir
    static Path dir;

    /** Which configuration: how to make its builder from defaults alone, or from sources given as maps. */
    interface Side {
        ContainerConfig.Builder<?> defaults();

        ContainerConfig.Builder<?> from(Map<String, String> environment, Map<String, String> systemProperties,
                                        Map<String, String> commandLine);
    }

    static final Side SERVER = new Side() {
        @Override
        public ContainerConfig.Builder<?> defaults() {
            return ServerConfig.defaults();
        }

        @Override
        public ContainerConfig.Builder<?> from(Map<String, String> environment, Map<String, String> systemProperties,
                                               Map<String, String> commandLine) {
            return ServerConfig.builder(environment, systemProperties, commandLine);
        }
    };

    /** A client has no command line. */
    static final Side CLIENT = new Side() {
        @Override
        public ContainerConfig.Builder<?> defaults() {
            return ClientConfig.defaults();
        }

        @Override
        public ContainerConfig.Builder<?> from(Map<String, String> environment, Map<String, String> systemProperties,
                                               Map<String, String> commandLine) {
            assertThat(commandLine).isEmpty();
            return ClientConfig.builder(environment, systemProperties);
        }
    };

    /** The ways a value reaches a configuration. */
    enum Source {
        CODE, COMMAND_LINE, SYSTEM_PROPERTY, ENVIRONMENT, FILE;

        /** The configuration with these option values (name to text) given through this source only. */
        ContainerConfig build(Side side, Map<String, String> settings) {
            ContainerConfig.Builder<?> builder = switch (this) {
                case CODE -> {
                    ContainerConfig.Builder<?> defaults = side.defaults();
                    settings.forEach(defaults::option);
                    yield defaults;
                }
                case COMMAND_LINE -> side.from(Map.of(), Map.of(), settings);
                case SYSTEM_PROPERTY -> side.from(Map.of(), properties(settings), Map.of());
                case ENVIRONMENT -> side.from(environment(settings), Map.of(), Map.of());
                case FILE -> side.from(Map.of(), Map.of("wssocket.config", file(settings)), Map.of());
            };
            return builder.build();
        }
    }

    /** A value each option takes that is not its default (and fits the defaults of the others). */
    static String sample(Option<?> option) {
        Map<String, String> special = Map.ofEntries(Map.entry("host", "127.0.0.1"),
                Map.entry("write-high-water", "40000"), Map.entry("write-low-water", "1000"),
                Map.entry("max-queued-bytes", "100000"), Map.entry("send-queue-policy", "close"),
                Map.entry("allowed-origins", "https://chat.example"), Map.entry("tls-protocols", "TLSv1.3"),
                Map.entry("client-proxy", "http://127.0.0.1:3128"),
                Map.entry("trusted-proxies", "10.0.0.0/8,fd00::/8"), Map.entry("forwarded-headers", "x-forwarded-for"),
                Map.entry("admin-allow", "10.0.0.0/8,192.0.2.7"),
                Map.entry("callback-threads-max", "100000"), // above callback-threads, which it never goes below
                // the boolean options off by default
                Map.entry("deflate-context-takeover", "true"), Map.entry("permessage-deflate-offer", "true"),
                Map.entry("client-reconnect", "true"),
                Map.entry("health-path", "/status"), Map.entry("health-host", "127.0.0.2"),
                Map.entry("proxy-protocol", "true"), Map.entry("cluster-client", "true"), Map.entry("metrics", "true"),
                Map.entry("callbacks-on-loop", "true"),
                Map.entry("access-log", "file"), Map.entry("access-log-format", "json"));
        if (special.containsKey(option.name())) {
            return special.get(option.name());
        }
        String type = option.type().description();
        if (type.equals("boolean")) {
            return "false"; // every other boolean option is on by default
        }
        if (type.startsWith("integer")) {
            long min = Long.parseLong(type.replaceAll("integer (≥ )?(\\d+).*", "$2"));
            return Long.toString(min + 7);
        }
        return option.name() + ".file";
    }

    /** The options that go together: tls-cert needs tls-key and the other way round. */
    static Map<String, String> settingOf(Option<?> option) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(option.name(), sample(option));
        if (option == ServerOptions.TLS_CERT) {
            settings.put(ServerOptions.TLS_KEY.name(), "key.pem");
        } else if (option == ServerOptions.TLS_KEY) {
            settings.put(ServerOptions.TLS_CERT.name(), "cert.pem");
        } else if (option == ServerOptions.PROXY_PROTOCOL || option == ServerOptions.FORWARDED_HEADERS) {
            settings.put(ServerOptions.TRUSTED_PROXIES.name(), "127.0.0.1"); // neither does anything without it
        }
        return settings;
    }

    static Stream<Arguments> serverOptions() {
        return Options.SERVER_CONFIG.stream().map(option -> Arguments.of(option.name(), option));
    }

    static Stream<Arguments> clientOptions() {
        return Options.CLIENT_CONFIG.stream().map(option -> Arguments.of(option.name(), option));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverOptions")
    void everyServerOptionComesOutTheSameFromEverySource(String name, Option<?> option) {
        Object defaultValue = ServerConfig.defaults().build().option(name);
        Object fromCode = Source.CODE.build(SERVER, settingOf(option)).option(name);
        assertThat(fromCode).as("a value other than the default").isNotEqualTo(defaultValue);
        for (Source source : Source.values()) {
            assertThat(source.build(SERVER, settingOf(option)).option(name)).as(source.name()).isEqualTo(fromCode);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientOptions")
    void everyClientOptionComesOutTheSameFromEverySource(String name, Option<?> option) {
        Object defaultValue = ClientConfig.defaults().build().option(name);
        Object fromCode = Source.CODE.build(CLIENT, settingOf(option)).option(name);
        assertThat(fromCode).as("a value other than the default").isNotEqualTo(defaultValue);
        for (Source source : List.of(Source.SYSTEM_PROPERTY, Source.ENVIRONMENT, Source.FILE)) {
            assertThat(source.build(CLIENT, settingOf(option)).option(name)).as(source.name()).isEqualTo(fromCode);
        }
    }

    @Test
    void aLaterSourceWinsOverAnEarlierOne() {
        String file = file(Map.of("port", "1001", "backlog", "11", "max-header-count", "21", "max-pings-per-second", "31",
                "max-frames-per-message", "41"));
        Map<String, String> env = Map.of("WSSOCKET_BACKLOG", "12", "WSSOCKET_MAX_HEADER_COUNT", "22",
                "WSSOCKET_MAX_PINGS_PER_SECOND", "32", "WSSOCKET_MAX_FRAMES_PER_MESSAGE", "42");
        Map<String, String> props = Map.of("wssocket.max-header-count", "23", "wssocket.max-pings-per-second", "33",
                "wssocket.max-frames-per-message", "43");
        Map<String, String> flags = Map.of("config", file, "max-pings-per-second", "34", "max-frames-per-message", "44");
        ServerConfig config = ServerConfig.builder(env, props, flags).maxFramesPerMessage(45).build();
        assertThat(config.port()).as("file over default").isEqualTo(1001);
        assertThat(config.backlog()).as("environment over file").isEqualTo(12);
        assertThat(config.maxHeaderCount()).as("system property over environment").isEqualTo(23);
        assertThat(config.maxPingsPerSecond()).as("command line over system property").isEqualTo(34);
        assertThat(config.maxFramesPerMessage()).as("code over command line").isEqualTo(45);
        assertThat(config.readBufferSize()).as("default where nothing is given").isEqualTo(65536);
    }

    @Test
    void theFileIsNamedByTheCommandLineElseTheSystemPropertyElseTheEnvironment() {
        String one = file(Map.of("port", "1")), two = file(Map.of("port", "2")), three = file(Map.of("port", "3"));
        assertThat(ServerConfig.builder(Map.of("WSSOCKET_CONFIG", three), Map.of("wssocket.config", two),
                Map.of("config", one)).build().port()).isEqualTo(1);
        assertThat(ServerConfig.builder(Map.of("WSSOCKET_CONFIG", three), Map.of("wssocket.config", two), Map.of())
                .build().port()).isEqualTo(2);
        assertThat(ServerConfig.builder(Map.of("WSSOCKET_CONFIG", three), Map.of(), Map.of()).build().port()).isEqualTo(3);
    }

    @Test
    void oneFileServesServerAndClientEachTakingItsOwn() {
        String file = file(Map.of("port", "9001", "client-event-loops", "3", "max-message-size", "2000"));
        assertThat(ServerConfig.builder(Map.of(), Map.of(), Map.of("config", file)).build().maxMessageSize()).isEqualTo(2000);
        ClientConfig client = ClientConfig.builder(Map.of("WSSOCKET_CONFIG", file), Map.of()).build();
        assertThat(client.clientEventLoops()).isEqualTo(3);
        assertThat(client.maxMessageSize()).isEqualTo(2000);
    }

    @Test
    void aBadValueNamesItsSourceAndTheOption() {
        Function<Source, Throwable> badPort = source -> catchThrown(() -> source.build(SERVER, Map.of("port", "abc")));
        assertThat(badPort.apply(Source.ENVIRONMENT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WSSOCKET_PORT=abc: port must be an integer 0-65535");
        assertThat(badPort.apply(Source.SYSTEM_PROPERTY)).hasMessage("-Dwssocket.port=abc: port must be an integer 0-65535");
        assertThat(badPort.apply(Source.COMMAND_LINE)).hasMessage("--port abc: port must be an integer 0-65535");
        assertThat(badPort.apply(Source.CODE)).hasMessage("port=abc set in code: port must be an integer 0-65535");
        assertThat(badPort.apply(Source.FILE)).hasMessageStartingWith("port=abc in ").hasMessageContaining(dir.toString())
                .hasMessageEndingWith(": port must be an integer 0-65535");
        assertThatThrownBy(() -> ServerConfig.defaults().port(70000))
                .hasMessage("port=70000 set in code: port must be an integer 0-65535");
        assertThatThrownBy(() -> ClientConfig.builder(Map.of(), Map.of("wssocket.send-queue-policy", "drop")))
                .hasMessage("-Dwssocket.send-queue-policy=drop: send-queue-policy must be one of block, fail, close");
        assertThatThrownBy(() -> ClientConfig.builder(Map.of("WSSOCKET_VIRTUAL_THREADS", "yes"), Map.of()))
                .hasMessage("WSSOCKET_VIRTUAL_THREADS=yes: virtual-threads must be true or false");
    }

    @Test
    void aValueThatOnlyItsUseRefusesIsNamedWithItsSourceToo() {
        assertThatThrownBy(() -> ServerConfig.builder(Map.of("WSSOCKET_ALLOWED_ORIGINS", "chat.example"), Map.of(), Map.of())
                .build()).hasMessageStartingWith("WSSOCKET_ALLOWED_ORIGINS=chat.example: ");
        assertThatThrownBy(() -> ClientConfig.builder(Map.of(), Map.of("wssocket.client-proxy", "socks://user:secret@h:1"))
                .build()).hasMessageStartingWith("-Dwssocket.client-proxy=****: ");
        assertThatThrownBy(() -> ServerConfig.builder(Map.of(), Map.of(), Map.of("write-low-water", "70000")).build())
                .hasMessage("--write-low-water 70000: write-low-water must not be above write-high-water (65536)");
        assertThatThrownBy(() -> ServerConfig.builder(Map.of("WSSOCKET_TLS_CERT", "c.pem"), Map.of(), Map.of()).build())
                .hasMessage("WSSOCKET_TLS_CERT=c.pem: tls-cert and tls-key go together: give both, or neither");
    }

    @Test
    void theFileMayHoldNoUnknownKeyAndMustBeReadable() {
        String typo = file(Map.of("prot", "9000"));
        assertThatThrownBy(() -> ServerConfig.builder(Map.of(), Map.of(), Map.of("config", typo)))
                .hasMessageContaining("unknown option 'prot'");
        assertThatThrownBy(() -> ServerConfig.builder(Map.of("WSSOCKET_CONFIG", dir.resolve("none").toString()), Map.of(),
                Map.of())).hasMessageContaining("cannot read the configuration file").hasMessageContaining("WSSOCKET_CONFIG");
    }

    @Test
    void theDefaultsIgnoreEverySource() {
        // builder() reads the process's sources; defaults() none: the same as empty maps.
        assertThat(ServerConfig.defaults().build().port()).isEqualTo(8080);
        assertThat(ClientConfig.defaults().build().connectTimeoutMillis()).isEqualTo(10000);
    }

    @Test
    void aConfigurationHasOnlyItsOwnOptions() {
        assertThatThrownBy(() -> ClientConfig.defaults().option("port", "1"))
                .hasMessage("ClientConfig has no option 'port' (it is not one of its own)");
        assertThatThrownBy(() -> ServerConfig.defaults().build().option("prot")).hasMessage("ServerConfig has no option 'prot'");
    }

    @Test
    void theServerContainersClientConnectionsTakeTheServersValues() {
        ServerConfig server = ServerConfig.defaults().maxMessageSize(5000).connectTimeoutMillis(1234)
                .sendQueuePolicy(io.wssocket.client.SendQueuePolicy.FAIL).build();
        assertThat(server.clientConfig().maxMessageSize()).isEqualTo(5000);
        assertThat(server.clientConfig().connectTimeoutMillis()).isEqualTo(1234);
        assertThat(server.clientConfig().sendQueuePolicy()).isEqualTo(io.wssocket.client.SendQueuePolicy.FAIL);
    }

    private static Throwable catchThrown(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing thrown");
    }

    static Map<String, String> properties(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>();
        settings.forEach((name, value) -> properties.put("wssocket." + name, value));
        return properties;
    }

    static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>();
        settings.forEach((name, value) -> environment.put(Option.environmentVariable(name), value));
        return environment;
    }

    static String file(Map<String, String> settings) {
        StringBuilder text = new StringBuilder("# written by OptionSourcesTest\n");
        settings.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        try {
            Path file = Files.createTempFile(dir, "wssocket", ".properties");
            Files.writeString(file, text);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
