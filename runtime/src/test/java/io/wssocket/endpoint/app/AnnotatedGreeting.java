package io.wssocket.endpoint.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** An annotated endpoint deployed as an application of its own: greets in the name of its path and its class loader. */
@ServerEndpoint("/greet/{greeting}")
public class AnnotatedGreeting {
    @OnMessage
    public String greet(String name, @PathParam("greeting") String greeting) {
        return greeting + " " + name + " from " + getClass().getClassLoader().getName()
                + " in " + Thread.currentThread().getContextClassLoader().getName();
    }
}
