package io.wssocket;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, held against the runtime's main classes: each layer package
 * depends only on the packages its row of the layer table lists, six arrows must never exist, and
 * the layer packages form no cycle. A new import that breaks one fails the build; if the new arrow
 * is right, change the table and this test together.
 */
class LayerRulesTest {
    private static final String ROOT = "io.wssocket.";
    /** The JDK: every layer may use it (what a layer must not touch of it has its own rule). */
    private static final String[] JDK = {"java..", "javax.."};
    private static final String JAKARTA = "jakarta.websocket..";

    private static JavaClasses runtime;

    @BeforeAll
    static void importMainClasses() {
        runtime = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.wssocket");
    }

    // ------------------------------------------------------------------ one whitelist per layer

    @Test
    void wireDependsOnTheJdkOnly() {
        onlyDependsOn("wire");
    }

    @Test
    void transportDependsOnTheJdkOnly() {
        onlyDependsOn("transport");
    }

    /** Jakarta for the negotiation's API types ({@code JakartaExtension}); no container, no connection. */
    @Test
    void handshakeDependsOnJakartaOnly() {
        onlyDependsOn("handshake", JAKARTA);
    }

    @Test
    void messageDependsOnTheJdkOnly() {
        onlyDependsOn("message");
    }

    @Test
    void protocolDependsOnWireAndTransport() {
        onlyDependsOn("protocol", layer("wire"), layer("transport"));
    }

    @Test
    void sessionDependsOnProtocolMessageAndSpi() {
        onlyDependsOn("session", layer("protocol"), layer("message"), layer("spi"), JAKARTA);
    }

    @Test
    void endpointDependsOnSessionAndSpi() {
        onlyDependsOn("endpoint", layer("session"), layer("spi"), JAKARTA);
    }

    @Test
    void spiDependsOnJakartaOnly() {
        onlyDependsOn("spi", JAKARTA);
    }

    /** The cluster API applications use: Jakarta's Session and nothing of the runtime. */
    @Test
    void clusterDependsOnJakartaOnly() {
        onlyDependsOn("cluster", JAKARTA);
    }

    @Test
    void webresourcesDependsOnHandshake() {
        onlyDependsOn("webresources", layer("handshake"));
    }

    /** The options, defined once, and the settings records of the layers that server and client make from them. */
    @Test
    void configDependsOnTheSettingsOfTheLayersItConfigures() {
        onlyDependsOn("config", layer("handshake"), layer("protocol"), layer("session"), layer("transport"),
                "com.sun.management..");
    }

    /**
     * The server wires the stack together; its container is also a WebSocketContainer (server → client).
     * Its Flight Recorder events are the one place jdk.jfr is used.
     */
    @Test
    void serverDependsOnTheLayersItAssembles() {
        onlyDependsOn("server", layer("client"), layer("cluster"), layer("config"), layer("endpoint"), layer("handshake"),
                layer("protocol"), layer("session"), layer("spi"), layer("transport"), layer("webresources"),
                layer("wire"), JAKARTA, "jdk.jfr..");
    }

    @Test
    void deployDependsOnServerSpiAndWebresources() {
        onlyDependsOn("deploy", layer("server"), layer("spi"), layer("webresources"), JAKARTA, "org.jboss.jandex..");
    }

    @Test
    void clientDependsOnTheLayersItAssembles() {
        onlyDependsOn("client", layer("config"), layer("endpoint"), layer("handshake"), layer("protocol"),
                layer("session"), layer("spi"), layer("transport"), layer("wire"), JAKARTA);
    }

    @Test
    void bootDependsOnServerDeployAndClient() {
        onlyDependsOn("boot", layer("server"), layer("deploy"), layer("client"), layer("config"), JAKARTA);
    }

    // ------------------------------------------------------------------ arrows that must never exist

    @Test
    void clientNeverDependsOnServer() {
        never("client", "server", "the client does not need the server");
    }

    @Test
    void sessionNeverDependsOnTransport() {
        never("session", "transport", "sessions talk to the protocol layer only");
    }

    @Test
    void sessionNeverDependsOnWire() {
        never("session", "wire", "no frame types in the Jakarta layer");
    }

    @Test
    void wireNeverDependsOnSession() {
        never("wire", "session", "the codec knows no Jakarta");
    }

    @Test
    void transportNeverDependsOnProtocol() {
        never("transport", "protocol", "the transport knows bytes only");
    }

    @Test
    void handshakeNeverDependsOnServer() {
        never("handshake", "server", "the upgrade parser knows no container");
    }

    @Test
    void wireUsesNoJakartaTypes() {
        check(noClasses().that().resideInAPackage(layer("wire"))
                .should().dependOnClassesThat().resideInAPackage("jakarta..")
                .because("the frame codec serves the server, the client and the servlet bridge alike"));
    }

    @Test
    void endpointNeverTouchesSocketChannels() {
        check(noClasses().that().resideInAPackage(layer("endpoint"))
                .should().dependOnClassesThat().resideInAPackage("java.nio.channels..")
                .because("the endpoint model never touches sockets"));
    }

    /**
     * No cycles between layer packages. The client → server arrow is left to
     * {@link #clientNeverDependsOnServer}, so that it is reported once, by the rule that names it.
     */
    @Test
    void layersAreFreeOfCycles() {
        check(slices().matching("io.wssocket.(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideIn("client"), resideIn("server")));
    }

    // ------------------------------------------------------------------ helpers

    private static String layer(String name) {
        return ROOT + name + "..";
    }

    private static DescribedPredicate<JavaClass> resideIn(String name) {
        return JavaClass.Predicates.resideInAPackage(layer(name));
    }

    /** The layer itself, the JDK and {@code others}. */
    private static String[] allowed(String name, String... others) {
        List<String> packages = new ArrayList<>(List.of(layer(name)));
        packages.addAll(List.of(JDK));
        packages.addAll(List.of(others));
        return packages.toArray(String[]::new);
    }

    private static void onlyDependsOn(String name, String... others) {
        check(classes().that().resideInAPackage(layer(name))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(name, others))
                .because("docs/architecture.md lists what the " + name + " layer may use"));
    }

    private static void never(String from, String to, String why) {
        check(noClasses().that().resideInAPackage(layer(from))
                .should().dependOnClassesThat().resideInAPackage(layer(to))
                .because(why));
    }

    /** ArchUnit fails a rule that selects no classes, so a renamed package cannot make its rules pass unseen. */
    private static void check(ArchRule rule) {
        rule.check(runtime);
    }

}
