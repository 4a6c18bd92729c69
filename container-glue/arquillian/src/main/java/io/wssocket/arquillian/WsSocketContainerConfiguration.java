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

    /** The address the server listens on. */
    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    /** The port the server listens on; 0 picks a free one, reported to tests through the deployment's URL. */
    public int getBindHttpPort() {
        return bindHttpPort;
    }

    public void setBindHttpPort(int bindHttpPort) {
        this.bindHttpPort = bindHttpPort;
    }

    /**
     * Whether a deployment the runtime refuses fails {@code deploy} with Arquillian's
     * {@code DeploymentException} (true), or is logged and serves nothing (false: what the
     * Jakarta WebSocket TCK expects of its invalid applications).
     */
    public boolean isFailOnDeploymentError() {
        return failOnDeploymentError;
    }

    public void setFailOnDeploymentError(boolean failOnDeploymentError) {
        this.failOnDeploymentError = failOnDeploymentError;
    }

    /** The server's default session idle timeout in milliseconds, 0 for none; null keeps the server's default. */
    public Long getIdleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    public void setIdleTimeoutMillis(Long idleTimeoutMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
    }
}
