package io.wssocket.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;

/**
 * Jetty 12 (ee10 and ee11): the connection is taken over at Jetty's core level, as Jetty's own
 * WebSocket does, not through {@link HttpServletRequest#upgrade}. Jetty parses a request without a
 * body to its end before the servlet runs, so the end of the request's content is already queued
 * when its Servlet upgrade turns the connection into a tunnel, and the upgraded input ends at once
 * (CONTAINERS.md). Instead, the request carries a {@link JettyConnection}'s Jetty side in the attribute
 * {@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}: once the 101 is written, Jetty's HTTP/1.1
 * connection puts it on the endpoint in its place, with the bytes it had read beyond the request.
 *
 * <p>Loaded by name ({@link ServletUpgrades}) where Jetty's core classes are visible: in a Jetty
 * distribution they are hidden from web applications unless the glue is on the server's class path.
 */
final class JettyHandover implements CoreHandover {
    /** Per class of Jetty's Servlet request (ee10's, ee11's): its public {@code getRequest()}, or none. */
    private final Map<Class<?>, Optional<Method>> coreRequestGetters = new ConcurrentHashMap<>();

    /** Loaded by name. */
    JettyHandover() {
    }

    @Override
    public boolean handOver(HttpServletRequest request, AcceptedUpgrade accepted) {
        Request core = coreRequest(request);
        if (core == null) {
            return false;
        }
        ConnectionMetaData connection = core.getConnectionMetaData();
        if (connection.getHttpVersion() != HttpVersion.HTTP_1_1) {
            return false; // the server admits HTTP/1.1 upgrades only; whatever else Jetty does with it
        }
        EndPoint endPoint = connection.getConnection().getEndPoint();
        JettyConnection upgraded = new JettyConnection(endPoint, core.getComponents().getExecutor(), accepted);
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, upgraded.jettySide());
        // Jetty puts the connection on the endpoint inside the stream's succeeded(), after the 101 is written
        core.addHttpStreamWrapper(stream -> new HttpStream.Wrapper(stream) {
            @Override
            public void succeeded() {
                super.succeeded();
                upgraded.exchangeEnded();
            }

            @Override
            public void failed(Throwable failure) {
                super.failed(failure);
                upgraded.exchangeEnded();
            }
        });
        return true;
    }

    /**
     * Jetty's core request under the Servlet request: ee10's and ee11's {@code ServletApiRequest}
     * both answer it from a public {@code getRequest()}; this glue knows neither environment's classes.
     */
    private Request coreRequest(ServletRequest request) {
        ServletRequest innermost = CoreHandover.innermost(request);
        if (!innermost.getClass().getName().startsWith("org.eclipse.jetty.")) {
            return null;
        }
        Optional<Method> getter = coreRequestGetters.computeIfAbsent(innermost.getClass(), JettyHandover::getter);
        if (getter.isEmpty()) {
            return null;
        }
        try {
            return getter.get().invoke(innermost) instanceof Request core ? core : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<Method> getter(Class<?> requestClass) {
        try {
            Method method = requestClass.getMethod("getRequest");
            return Request.class.isAssignableFrom(method.getReturnType()) ? Optional.of(method) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty(); // not a request of Jetty's Servlet environments
        }
    }
}
