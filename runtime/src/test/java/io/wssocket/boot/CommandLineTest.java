package io.wssocket.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.config.Option;
import io.wssocket.config.Options;
import io.wssocket.deploy.ApplicationSource;
import io.wssocket.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @Test
    void readsFlagsInBothFormsAndApplications() {
        CommandLine cl = CommandLine.parse(new String[] {"--port", "9000", "--host=127.0.0.1", "a.jar", "classes"});
        assertThat(cl.flags).containsEntry("port", "9000").containsEntry("host", "127.0.0.1");
        assertThat(cl.applications).containsExactly(ApplicationSource.of(Path.of("a.jar")), ApplicationSource.of(Path.of("classes")));
        assertThat(cl.help).isFalse();
    }

    @Test
    void theClusterPresenceBoundComesFromItsFlagOrItsEnvironmentVariable() {
        CommandLine cl = CommandLine.parse(new String[] {"--cluster-name", "chat", "--cluster-presence-pending-max", "64"});
        assertThat(ServerConfig.builder(Map.of(), Map.of(), cl.flags).build().clusterPresencePendingMax()).isEqualTo(64);
        assertThat(ServerConfig.builder(Map.of("WSSOCKET_CLUSTER_PRESENCE_PENDING_MAX", "128"), Map.of(), Map.of())
                .build().clusterPresencePendingMax()).isEqualTo(128);
        assertThat(ServerConfig.builder(Map.of(), Map.of(), Map.of()).build().clusterPresencePendingMax()).isEqualTo(4096);
        assertThatThrownBy(() -> ServerConfig.builder(Map.of(), Map.of(), Map.of("cluster-presence-pending-max", "0"))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster-presence-pending-max");
    }

    @Test
    void deploysWithOrWithoutTheFlagAtTheRootOrUnderAContextPath() {
        CommandLine cl = CommandLine.parse(new String[] {"--deploy", "chat.jar=/chat", "--deploy=shop=/shop", "echo.jar"});
        assertThat(cl.applications).containsExactly(ApplicationSource.of(Path.of("chat.jar"), "/chat"),
                ApplicationSource.of(Path.of("shop"), "/shop"), ApplicationSource.of(Path.of("echo.jar")));
        assertThat(cl.flags).isEmpty();
    }

    @Test
    void aBadContextPathIsAUsageError() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--deploy", "chat.jar=chat/"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context path 'chat/'");
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--nope", "1"})).hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port"})).hasMessageContaining("--port needs a value");
    }

    @Test
    void failFastIsOnByDefaultAndTurnedOffInTheFlagStyleOrWithNo() {
        assertThat(CommandLine.parse(new String[] {"a.jar"}).failFast).isTrue();
        CommandLine bare = CommandLine.parse(new String[] {"--fail-fast", "a.jar"});
        assertThat(bare.failFast).isTrue();
        assertThat(bare.applications).as("an application after the bare flag is not its value")
                .containsExactly(ApplicationSource.of(Path.of("a.jar")));
        assertThat(CommandLine.parse(new String[] {"--no-fail-fast", "a.jar"}).failFast).isFalse();
        assertThat(CommandLine.parse(new String[] {"--fail-fast=false"}).failFast).isFalse();
        assertThat(CommandLine.parse(new String[] {"--fail-fast", "false", "a.jar"}).failFast).isFalse();
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--fail-fast=maybe"}))
                .hasMessage("--fail-fast: cannot read 'maybe' (true or false)");
    }

    @Test
    void aTrueOrFalseOptionsValueMayBeLeftOutToMeanTrue() {
        CommandLine bare = CommandLine.parse(new String[] {"--metrics", "a.jar"});
        assertThat(bare.flags).containsEntry("metrics", "true");
        assertThat(bare.applications).as("an application after the bare flag is not its value")
                .containsExactly(ApplicationSource.of(Path.of("a.jar")));
        assertThat(CommandLine.parse(new String[] {"--metrics", "--port", "9000"}).flags)
                .containsEntry("metrics", "true").containsEntry("port", "9000");
        assertThat(CommandLine.parse(new String[] {"--metrics"}).flags).containsEntry("metrics", "true");
        assertThat(CommandLine.parse(new String[] {"--jmx", "FALSE", "a.jar"}).flags).containsEntry("jmx", "FALSE");
        assertThat(CommandLine.parse(new String[] {"--jmx=false"}).flags).containsEntry("jmx", "false");
        assertThat(CommandLine.usage()).contains("--metrics [true|false]").contains("--port <value>");
    }

    @Test
    void versionIsAFlagWithoutAValue() {
        CommandLine cl = CommandLine.parse(new String[] {"--version", "a.jar"});
        assertThat(cl.version).isTrue();
        assertThat(cl.applications).containsExactly(ApplicationSource.of(Path.of("a.jar")));
    }

    @Test
    void anUnknownOptionLastIsUnknownNotMissingAValue() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--nope"})).hasMessage("unknown option --nope (see --help)");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        String usage = CommandLine.usage();
        for (Option<?> option : Options.SERVER_CONFIG) {
            assertThat(usage).contains(option.flag() + " ").contains(option.environmentVariable());
        }
        assertThat(usage).contains("--config <file>");
    }

    @Test
    void takesTheConfigurationFileAsAFlag() {
        CommandLine cl = CommandLine.parse(new String[] {"--config", "server.properties", "--port=9000"});
        assertThat(cl.flags).containsEntry("config", "server.properties").containsEntry("port", "9000");
    }

    @Test
    void refusesOptionsOnlyAClientHas() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--client-event-loops", "2"}))
                .hasMessageContaining("unknown option --client-event-loops");
    }

    @Test
    void flagsWinOverSystemPropertiesWhichWinOverDefaults() {
        ServerConfig config = ServerConfig.builder(Map.of(),
                Map.of("wssocket.port", "7000", "wssocket.max-frame-size", "1000"), Map.of("port", "7001")).build();
        assertThat(config.port()).isEqualTo(7001);
        assertThat(config.maxFrameSize()).isEqualTo(1000);
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> ServerConfig.builder(Map.of(), Map.of(), Map.of("port", "eighty")))
                .hasMessage("--port eighty: port must be an integer 0-65535");
        assertThatThrownBy(() -> ServerConfig.builder(Map.of(), Map.of(), Map.of("tcp-no-delay", "yes")))
                .hasMessage("--tcp-no-delay yes: tcp-no-delay must be true or false");
    }

    @Test
    void mainNamesABadValueOfItsConfigurationFileAndExitsWithStatusTwo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("server.properties"), "host=127.0.0.1\nport=abc\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Main.Started started = Main.start(new String[] {"--config", file.toString()}, System.out,
                new java.io.PrintStream(err));
        assertThat(started.status).isEqualTo(2);
        assertThat(err.toString()).contains("port=abc in " + file + ": port must be an integer 0-65535");
    }

    @Test
    void mainRefusesBadArgumentsWithStatusTwo() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        Main.Started started = Main.start(new String[] {"--bogus", "1"}, System.out, new java.io.PrintStream(err));
        assertThat(started.status).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option --bogus");
    }
}
