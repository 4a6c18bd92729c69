package io.wssocket.samples.chat;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The compiled sample deployed as the bootstrap main deploys a jar: its own class loader, CDI
 * booted over it by container-glue/cdi (on the test class path), its page served from
 * META-INF/resources; one server on loopback for the test class.
 */
final class DeployedChat implements BeforeAllCallback, AfterAllCallback {
    private WebSocketServer server;
    private Application application;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).build());
        application = Application.deploy(Path.of("target/classes"), server.container(), DeployedChat.class.getClassLoader());
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        application.close();
    }

    Application application() {
        return application;
    }

    /** http://127.0.0.1:port/ followed by {@code path} ("" for the page). */
    URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + "/" + path);
    }

    /** The room, joined as {@code name} (percent-encoded here). */
    URI chat(String name) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/chat?name="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
