package io.wssocket.deploy.sample;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Replies with a greeting that names the class loader it was loaded by and the thread's context loader. */
public class GreetingEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, name -> {
            try {
                session.getBasicRemote().sendText("hello " + name + " from " + getClass().getClassLoader().getName()
                        + " in " + Thread.currentThread().getContextClassLoader().getName());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
