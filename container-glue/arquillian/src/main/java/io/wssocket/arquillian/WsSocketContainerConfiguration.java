package io.wssocket.arquillian;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The properties of the container in {@code arquillian.xml}; Arquillian sets them through the
 * setters, by name. Every property, its default and its meaning are listed in the module's README.
 */
public final class WsSocketContainerConfiguration implements ContainerConfiguration {
    private String bindAddress = "127.0.0.1";
    private int bindHttpPort = 0;
    private boolean failOnDeploymentError = true;
    private Long idleTimeoutMillis;

    @Override
    public void validate() throws ConfigurationException {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new ConfigurationException("bindAddress must name an address to listen on, for example 127.0.0.1");
        }
        try {
            InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new ConfigurationException("bindAddress '" + bindAddress + "' does not resolve to an address; "
                    + "use an IP address such as 127.0.0.1", e);
        }
        if (bindHttpPort < 0 || bindHttpPort > 65535) {
            throw new ConfigurationException("bindHttpPort " + bindHttpPort + " is not a TCP port; use 1-65535, "
                    + "or 0 to let the system pick a free one");
        }
        if (idleTimeoutMillis != null && idleTimeoutMillis < 0) {
            throw new ConfigurationException("idleTimeoutMillis " + idleTimeoutMillis
                    + " is negative; use 0 for no idle timeout, or leave it out for the server's default");
        }
    }

    /**
     * The address the server listens on.
     *
     * @return a host name or IP address; 127.0.0.1 by default
     */
    public String getBindAddress() {
        return bindAddress;
    }

    /**
     * Sets the address the server listens on ({@code bindAddress} in {@code arquillian.xml}).
     *
     * @param bindAddress a host name or IP address
     */
    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    /**
     * The port the server listens on; 0 picks a free one, reported to tests through the deployment's URL.
     *
     * @return the port, 0 by default
     */
    public int getBindHttpPort() {
        return bindHttpPort;
    }

    /**
     * Sets the port the server listens on ({@code bindHttpPort} in {@code arquillian.xml}).
     *
     * @param bindHttpPort 1 to 65535, or 0 for a free one
     */
    public void setBindHttpPort(int bindHttpPort) {
        this.bindHttpPort = bindHttpPort;
    }

    /**
     * Whether a deployment the runtime refuses fails {@code deploy} with Arquillian's
     * {@code DeploymentException} (true), or is logged and serves nothing (false: what the
     * Jakarta WebSocket TCK expects of its invalid applications).
     *
     * @return true by default
     */
    public boolean isFailOnDeploymentError() {
        return failOnDeploymentError;
    }

    /**
     * Sets whether a refused deployment fails {@code deploy} ({@code failOnDeploymentError} in
     * {@code arquillian.xml}).
     *
     * @param failOnDeploymentError true to fail, false to log and serve nothing
     */
    public void setFailOnDeploymentError(boolean failOnDeploymentError) {
        this.failOnDeploymentError = failOnDeploymentError;
    }

    /**
     * The server's default session idle timeout.
     *
     * @return milliseconds, 0 for none; null (the default) keeps the server's default
     */
    public Long getIdleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    /**
     * Sets the server's default session idle timeout ({@code idleTimeoutMillis} in {@code arquillian.xml}).
     *
     * @param idleTimeoutMillis milliseconds, 0 for none, null for the server's default
     */
    public void setIdleTimeoutMillis(Long idleTimeoutMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
    }
}
