package io.wssocket.micrometer;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wssocket.spi.MetricsExposition;
import io.wssocket.spi.ServerMetricsListener;
import java.nio.charset.StandardCharsets;

/**
 * The scrape behind the standalone server's option {@code metrics}: a Prometheus registry of its
 * own per server, holding the server's meters ({@link WsSocketMetrics}) and the JVM's (memory,
 * garbage collection, threads, classes, processor, uptime), in Prometheus's text format 0.0.4.
 * Found by the runtime with the ServiceLoader; an application that has a registry of its own
 * binds {@link WsSocketMetrics} to it instead and leaves the option off.
 */
public final class PrometheusExposition implements MetricsExposition {
    /** Prometheus's text exposition format, version 0.0.4: what every Prometheus server reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final WsSocketMetrics server = WsSocketMetrics.bindTo(registry);

    /** A registry for one server, with the JVM's meters bound. */
    public PrometheusExposition() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        server.closeAtStop(gc); // its listeners of the JVM's GC notifications
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @Override
    public ServerMetricsListener listener() {
        return server;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] scrape() {
        return registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
    }

    /** The registry the scrape shows, for tests. */
    PrometheusMeterRegistry registry() {
        return registry;
    }
}
