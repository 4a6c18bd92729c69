package io.wssocket.servlet.bridge;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** Endpoints the bridge tests deploy into the containers. */
final class BridgeEndpoints {
    private BridgeEndpoints() {
    }

    /** Echoes texts and binaries; {@code "uri"} is answered with the session's request URI's path. */
    @ServerEndpoint("/echo")
    public static final class Echo {
        @OnMessage
        public String text(String message, Session session) {
            return message.equals("uri") ? session.getRequestURI().getPath() : message;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer message) {
            return message;
        }
    }

    /** An onOpen that takes a while: what the client sends meanwhile waits for it. */
    @ServerEndpoint("/slow-open")
    public static final class SlowOpen {
        @OnOpen
        public void open() throws InterruptedException {
            Thread.sleep(500);
        }
    }

    /** A session the server closes once it has been quiet for 200 ms. */
    @ServerEndpoint("/quick-idle")
    public static final class QuickIdle {
        @OnOpen
        public void open(Session session) {
            session.setMaxIdleTimeout(200);
        }
    }

    /** Echoes texts; {@code "idle"} first makes the session time out after 1 ms of quiet (as the TCK's closing test does). */
    @ServerEndpoint("/idle-on-request")
    public static final class IdleOnRequest {
        @OnMessage
        public String text(String message, Session session) {
            if (message.equals("idle")) {
                session.setMaxIdleTimeout(1);
            }
            return message;
        }
    }

    /** A programmatic endpoint a ServletContextListener adds: answers every text with "added:" and the text. */
    public static final class Added extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    session.getAsyncRemote().sendText("added:" + text));
        }
    }

    /** Annotated methods without {@code @ServerEndpoint}: what a servlet may name in upgradeHttpToWebSocket. */
    public static final class Unannotated {
        @OnMessage
        public String text(String message) {
            return "upgraded:" + message;
        }
    }

    /** Upgrades its GET requests to {@link Unannotated} through the ServerContainer. */
    public static final class UpgradingServlet extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws jakarta.servlet.ServletException {
            try {
                upgradeToUnannotated(getServletContext(), request, response, "/upgraded");
            } catch (jakarta.websocket.DeploymentException | java.io.IOException e) {
                throw new jakarta.servlet.ServletException(e);
            }
        }
    }

    /** Writes a line and commits the response, then tries to upgrade to {@link Unannotated} and writes what happened. */
    public static final class CommittingServlet extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws java.io.IOException {
            response.setContentType("text/plain");
            response.getWriter().println("already answering");
            response.flushBuffer();
            try {
                upgradeToUnannotated(getServletContext(), request, response, "/late");
                response.getWriter().println("upgraded");
            } catch (jakarta.websocket.DeploymentException e) {
                response.getWriter().println("refused: " + e.getMessage());
            }
        }
    }

    /** Upgrades the request to {@link Unannotated} at {@code path} through the application's ServerContainer. */
    static void upgradeToUnannotated(jakarta.servlet.ServletContext context, jakarta.servlet.http.HttpServletRequest request,
                                     jakarta.servlet.http.HttpServletResponse response, String path)
            throws jakarta.websocket.DeploymentException, java.io.IOException {
        jakarta.websocket.server.ServerContainer container = (jakarta.websocket.server.ServerContainer)
                context.getAttribute("jakarta.websocket.server.ServerContainer");
        container.upgradeHttpToWebSocket(request, response,
                jakarta.websocket.server.ServerEndpointConfig.Builder.create(Unannotated.class, path).build(), java.util.Map.of());
    }

    /** Takes the path of {@link Echo}: deploying both is an error. */
    @ServerEndpoint("/echo")
    public static final class SamePath {
        @OnMessage
        public String text(String message) {
            return message;
        }
    }
}
