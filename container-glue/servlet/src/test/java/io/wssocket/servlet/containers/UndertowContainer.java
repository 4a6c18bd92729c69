package io.wssocket.servlet.containers;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletContainerInitializer;
import java.net.InetSocketAddress;

/**
 * Undertow 2.3 servlet (undertow-servlet only: no undertow-websockets-jsr): a deployment whose
 * initializers are {@link ServletContainerInitializerInfo}s holding the application's instances and
 * the classes their {@code @HandlesTypes} select, under a path handler at the context path. Static
 * resources come from a {@link PathResourceManager}, served by Undertow's default servlet.
 */
final class UndertowContainer extends EmbeddedContainerBase {
    private DeploymentManager deployment;
    private Undertow server;

    @Override
    public String name() {
        return "Undertow 2.3";
    }

    @Override
    int serve(WebApplication application) throws Exception {
        String contextPath = application.contextPath().isEmpty() ? "/" : application.contextPath();
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(UndertowContainer.class.getClassLoader())
                .setContextPath(contextPath)
                .setDeploymentName("application" + application.contextPath().replace('/', '-'));
        for (ServletContainerInitializer initializer : application.initializers()) {
            info.addServletContainerInitializer(new ServletContainerInitializerInfo(initializer.getClass(),
                    new ImmediateInstanceFactory<>(initializer), application.handledTypes(initializer)));
        }
        application.resources().ifPresent(directory -> {
            info.setResourceManager(new PathResourceManager(directory.toAbsolutePath()));
            info.addWelcomePage("index.html");
        });
        deployment = Servlets.newContainer().addDeployment(info);
        deployment.deploy();
        PathHandler root = Handlers.path().addPrefixPath(contextPath, deployment.start());
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(root).build();
        server.start();
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.stop();
                server = null;
            }
        } finally {
            if (deployment != null) {
                deployment.stop();
                deployment.undeploy();
                deployment = null;
            }
        }
    }
}
