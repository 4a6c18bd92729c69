package io.wssocket.module;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.server.WebSocketServer;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runtime's module descriptor: what it exports is the supported API, and nothing more. */
class ModuleDescriptorTest {
    /** What applications and integrations may use; changing this set changes the public API. */
    private static final Set<String> SUPPORTED = Set.of("io.wssocket.server", "io.wssocket.client", "io.wssocket.spi",
            "io.wssocket.cluster");
    /** Our own modules, the only ones an internal package may be exported to. */
    private static final Set<String> OUR_MODULES = Set.of("io.wssocket.cdi", "io.wssocket.arquillian", "io.wssocket.servlet");

    private static ModuleDescriptor runtime;

    @BeforeAll
    static void read() throws Exception {
        Path classes = Path.of(ModulePathTest.locationOf(WebSocketServer.class));
        runtime = ModuleFinder.of(classes).find("io.wssocket.runtime").orElseThrow().descriptor();
    }

    @Test
    void exportsExactlyTheSupportedPackagesToEveryone() {
        Set<String> unqualified = runtime.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(unqualified).isEqualTo(SUPPORTED);
    }

    @Test
    void exportsInternalPackagesOnlyToOurOwnModules() {
        Map<String, Set<String>> qualified = runtime.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertThat(qualified).containsOnlyKeys("io.wssocket.deploy", "io.wssocket.server.host", "io.wssocket.transport");
        assertThat(qualified.get("io.wssocket.server.host")).containsExactly("io.wssocket.servlet");
        assertThat(qualified.get("io.wssocket.transport")).containsExactly("io.wssocket.servlet");
        qualified.values().forEach(targets -> assertThat(OUR_MODULES).containsAll(targets));
    }

    @Test
    void opensNothing() {
        assertThat(runtime.isOpen()).isFalse();
        assertThat(runtime.opens()).isEmpty();
    }

    @Test
    void providesTheClientAndTheDefaultConfigurator() {
        Map<String, java.util.List<String>> provides = runtime.provides().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers));
        assertThat(provides).containsOnly(
                Map.entry("jakarta.websocket.ContainerProvider", java.util.List.of("io.wssocket.client.internal.ClientProvider")),
                Map.entry("jakarta.websocket.server.ServerEndpointConfig$Configurator",
                        java.util.List.of("io.wssocket.server.DefaultServerConfigurator")));
        assertThat(runtime.uses()).containsExactlyInAnyOrder("io.wssocket.spi.ContainerIntegration",
                "io.wssocket.spi.ClusterTransportProvider", "io.wssocket.spi.ServerMetricsListener",
                "io.wssocket.spi.MetricsExposition");
    }

    @Test
    void requiresTheWebSocketApiTransitively() {
        assertThat(runtime.requires()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("jakarta.websocket");
            assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
    }
}
