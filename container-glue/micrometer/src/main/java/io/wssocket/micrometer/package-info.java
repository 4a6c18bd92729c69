/**
 * Metrics for WS Socket servers with Micrometer: {@link io.wssocket.micrometer.WsSocketMetrics}
 * records a server's events and live values into any {@code MeterRegistry}, and
 * {@link io.wssocket.micrometer.PrometheusExposition} is the Prometheus scrape the standalone
 * server answers at {@code <health-path>/metrics} with option {@code metrics}.
 */
package io.wssocket.micrometer;
