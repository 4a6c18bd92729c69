package io.wssocket.bench;

import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.xnio.OptionMap;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * Undertow 2.3 (undertow-websockets-jsr) serving the {@link BenchEndpoints}, with XNIO's default
 * worker (I/O threads sized to the CPUs the JVM sees) and a pool of direct 16 KiB buffers, as
 * Undertow's own examples set it up; wss:// through its HTTPS listener (the JDK's SSLEngine) with
 * {@code -Dbench.tls.keystore} ({@link BenchTls}).
 */
public final class UndertowEchoServer implements PeerServer {

    private static final int BUFFER_SIZE = 16 * 1024;

    private Undertow server;
    private DeploymentManager deployment;
    private XnioWorker worker;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("undertow", args, UndertowEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        worker = Xnio.getInstance().createWorker(OptionMap.EMPTY);
        WebSocketDeploymentInfo websockets = new WebSocketDeploymentInfo()
                .setWorker(worker)
                .setBuffers(new DefaultByteBufferPool(true, BUFFER_SIZE));
        for (ServerEndpointConfig config : BenchEndpoints.configs()) {
            websockets.addEndpoint(config);
        }
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(UndertowEchoServer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("bench")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, websockets);
        deployment = Servlets.defaultContainer().addDeployment(info);
        deployment.deploy();
        Undertow.Builder builder = Undertow.builder();
        Path keystore = BenchTls.serverKeystore();
        if (keystore == null) {
            builder.addHttpListener(port, host);
        } else {
            builder.addHttpsListener(port, host, BenchTls.serverContext(keystore, BenchTls.serverPassword()));
        }
        server = builder.setHandler(deployment.start()).build();
        server.start();
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
        deployment.stop();
        deployment.undeploy();
        worker.shutdown();
    }
}
