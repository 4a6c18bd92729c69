package io.wssocket.spi;

/**
 * The scrape behind option {@code metrics}: with it on, the standalone server answers
 * {@code GET <health-path>/metrics} with {@link #scrape()}. A module provides it
 * ({@code wssocket-micrometer} does, in Prometheus's text format) and the server finds it with
 * {@link java.util.ServiceLoader}, a new instance per server; with the option on and no provider
 * the server does not start.
 *
 * <p>The server tells {@link #listener()} its events like any other metrics listener, so what the
 * scrape shows is this server's.
 */
public interface MetricsExposition {

    /**
     * The listener that records what the scrape shows; asked once, when the server is made.
     *
     * @return the listener
     */
    ServerMetricsListener listener();

    /**
     * The Content-Type of {@link #scrape()}'s bytes, e.g. {@code text/plain; version=0.0.4; charset=utf-8}.
     *
     * @return the media type with its parameters
     */
    String contentType();

    /**
     * The meters now, as the response's body. Called for each scrape request, off the event loops;
     * may take a while on a large registry, and must be thread-safe.
     *
     * @return the body
     */
    byte[] scrape();
}
