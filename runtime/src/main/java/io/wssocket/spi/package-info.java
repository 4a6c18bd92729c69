/**
 * How a dependency-injection container (the CDI glue in {@code container-glue/cdi}) plugs into the
 * runtime without the runtime depending on it: a {@link io.wssocket.spi.ContainerIntegration}
 * found with {@code ServiceLoader} starts one {@link io.wssocket.spi.ApplicationIntegration} per
 * deployed application, which creates the application's endpoint, encoder, decoder and
 * configurator instances and wraps every callback of its sessions. With no integration on the
 * runtime's class path nothing here is consulted after the first look-up.
 */
package io.wssocket.spi;
