package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each server JVM sees only its own implementation; the drivers see none. WS Socket in Tomcat
 * shares Tomcat's core with Tomcat and WS Socket's runtime with WS Socket.
 */
class ServerKindTest {

    private static final List<String> CLASS_PATH = List.of(
            "/repo/bench/target/classes",
            "/repo/runtime/target/wssocket-runtime-0.1.0-SNAPSHOT.jar",
            "/m2/org/eclipse/jetty/jetty-server/12.1.14/jetty-server-12.1.14.jar",
            "/m2/jakarta/servlet/jakarta.servlet-api/6.0.0/jakarta.servlet-api-6.0.0.jar",
            "/m2/org/apache/tomcat/embed/tomcat-embed-websocket/11.0.27/tomcat-embed-websocket-11.0.27.jar",
            "/m2/org/apache/tomcat/embed/tomcat-embed-core/11.0.27/tomcat-embed-core-11.0.27.jar",
            "/m2/org/apache/tomcat/tomcat-annotations-api/11.0.27/tomcat-annotations-api-11.0.27.jar",
            "/repo/container-glue/servlet/target/wssocket-servlet-0.1.0-SNAPSHOT.jar",
            "/repo/container-glue/hazelcast/target/wssocket-hazelcast.jar",
            "/m2/com/hazelcast/hazelcast/5.7.0/hazelcast-5.7.0.jar",
            "/m2/io/undertow/undertow-core/2.3.21.Final/undertow-core-2.3.21.Final.jar",
            "/m2/org/jboss/xnio/xnio-api/3.8.16.Final/xnio-api-3.8.16.Final.jar",
            "/m2/org/glassfish/tyrus/tyrus-server/2.2.0/tyrus-server-2.2.0.jar",
            "/m2/org/glassfish/grizzly/grizzly-framework/4.0.2/grizzly-framework-4.0.2.jar",
            "/m2/io/netty/netty-codec-http/4.2.18.Final/netty-codec-http-4.2.18.Final.jar",
            "/m2/jakarta/websocket/jakarta.websocket-api/2.2.0/jakarta.websocket-api-2.2.0.jar",
            "/m2/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar");

    @Test
    void eachServerKeepsItsOwnJarsAndTheSharedOnes() {
        assertThat(ServerKind.UNDERTOW.classPathFor(CLASS_PATH)).containsExactly(
                "/repo/bench/target/classes",
                "/m2/jakarta/servlet/jakarta.servlet-api/6.0.0/jakarta.servlet-api-6.0.0.jar",
                "/m2/io/undertow/undertow-core/2.3.21.Final/undertow-core-2.3.21.Final.jar",
                "/m2/org/jboss/xnio/xnio-api/3.8.16.Final/xnio-api-3.8.16.Final.jar",
                "/m2/jakarta/websocket/jakarta.websocket-api/2.2.0/jakarta.websocket-api-2.2.0.jar",
                "/m2/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar");
        assertThat(ServerKind.WSSOCKET.classPathFor(CLASS_PATH))
                .contains("/repo/runtime/target/wssocket-runtime-0.1.0-SNAPSHOT.jar")
                .noneMatch(e -> e.contains("jetty") || e.contains("tyrus") || e.contains("netty"));
        assertThat(ServerKind.UNDERTOW.classPathFor(CLASS_PATH)).noneMatch(e -> e.contains("wssocket"));
    }

    @Test
    void onlyWsSocketAloneHasTheClusterTransportForTheClusterScenarios() {
        List<String> transport = List.of("/repo/container-glue/hazelcast/target/wssocket-hazelcast.jar",
                "/m2/com/hazelcast/hazelcast/5.7.0/hazelcast-5.7.0.jar");

        assertThat(ServerKind.WSSOCKET.classPathFor(CLASS_PATH)).containsAll(transport);
        assertThat(ServerKind.WSSOCKET_TOMCAT.classPathFor(CLASS_PATH)).doesNotContainAnyElementsOf(transport);
        assertThat(ServerKind.JETTY.classPathFor(CLASS_PATH)).doesNotContainAnyElementsOf(transport);
        assertThat(ServerKind.driverClassPath(CLASS_PATH)).doesNotContainAnyElementsOf(transport);
    }

    @Test
    void onlyTheMetricsVariantHasTheMetricsModule() {
        List<String> withMetrics = new java.util.ArrayList<>(CLASS_PATH);
        List<String> metrics = List.of("/repo/container-glue/micrometer/target/wssocket-micrometer.jar",
                "/m2/io/micrometer/micrometer-core/1.17.2/micrometer-core-1.17.2.jar",
                "/m2/io/prometheus/prometheus-metrics-core/1.7.0/prometheus-metrics-core-1.7.0.jar",
                "/m2/org/jspecify/jspecify/1.0.1/jspecify-1.0.1.jar");
        withMetrics.addAll(metrics);

        assertThat(ServerKind.WSSOCKET_METRICS.classPathFor(withMetrics)).containsAll(metrics)
                .contains("/repo/runtime/target/wssocket-runtime-0.1.0-SNAPSHOT.jar",
                        "/m2/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar")
                .noneMatch(e -> e.contains("hazelcast"));
        assertThat(ServerKind.WSSOCKET_METRICS.jvmOptions()).containsExactly("-Dwssocket.metrics=true");
        assertThat(ServerKind.WSSOCKET.classPathFor(withMetrics)).doesNotContainAnyElementsOf(metrics);
        assertThat(ServerKind.JETTY.classPathFor(withMetrics)).doesNotContainAnyElementsOf(metrics);
        assertThat(ServerKind.driverClassPath(withMetrics)).doesNotContainAnyElementsOf(metrics)
                .contains("/m2/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar");
    }

    @Test
    void wsSocketInTomcatHasTomcatsCoreAndOurGlueButNotTomcatsWebSocket() {
        assertThat(ServerKind.WSSOCKET_TOMCAT.classPathFor(CLASS_PATH)).containsExactly(
                "/repo/bench/target/classes",
                "/repo/runtime/target/wssocket-runtime-0.1.0-SNAPSHOT.jar",
                "/m2/org/apache/tomcat/embed/tomcat-embed-core/11.0.27/tomcat-embed-core-11.0.27.jar",
                "/m2/org/apache/tomcat/tomcat-annotations-api/11.0.27/tomcat-annotations-api-11.0.27.jar",
                "/repo/container-glue/servlet/target/wssocket-servlet-0.1.0-SNAPSHOT.jar",
                "/m2/jakarta/websocket/jakarta.websocket-api/2.2.0/jakarta.websocket-api-2.2.0.jar",
                "/m2/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar");
    }

    @Test
    void tomcatAndWsSocketAloneDoNotSeeTheServletGlue() {
        assertThat(ServerKind.TOMCAT.classPathFor(CLASS_PATH))
                .contains("/m2/org/apache/tomcat/embed/tomcat-embed-websocket/11.0.27/tomcat-embed-websocket-11.0.27.jar",
                        "/m2/org/apache/tomcat/embed/tomcat-embed-core/11.0.27/tomcat-embed-core-11.0.27.jar")
                .noneMatch(e -> e.contains("wssocket") || e.contains("servlet-api"));
        assertThat(ServerKind.WSSOCKET.classPathFor(CLASS_PATH))
                .noneMatch(e -> e.contains("wssocket-servlet") || e.contains("tomcat") || e.contains("servlet-api"));
        assertThat(ServerKind.JETTY.classPathFor(CLASS_PATH))
                .contains("/m2/jakarta/servlet/jakarta.servlet-api/6.0.0/jakarta.servlet-api-6.0.0.jar")
                .noneMatch(e -> e.contains("tomcat") || e.contains("wssocket"));
    }

    @Test
    void theDriversGetNoServer() {
        assertThat(ServerKind.driverClassPath(CLASS_PATH)).containsExactly(
                "/repo/bench/target/classes",
                "/m2/jakarta/websocket/jakarta.websocket-api/2.2.0/jakarta.websocket-api-2.2.0.jar",
                "/m2/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar");
    }

    @Test
    void serversAreNamedOnTheCommandLineByTheirIds() {
        assertThat(ServerKind.byId("Tomcat")).isEqualTo(ServerKind.TOMCAT);
        assertThatThrownBy(() -> ServerKind.byId("nginx")).hasMessageContaining("known: wssocket jetty tomcat");
    }
}
