package io.wssocket.samples.ticker;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pushes price ticks to every subscriber: {@code ws://host/ticker} for all symbols,
 * {@code ws://host/ticker?symbols=ACME,HOOLI} for some. A bad filter is refused with close 1008
 * (policy violation) and a reason that says what was wrong.
 */
@ServerEndpoint("/ticker")
public class TickerEndpoint implements Ticker.Subscriber {
    /** Milliseconds between ticks. */
    public static final long PERIOD_MILLIS = 100;

    /**
     * One ticker per deployment: each application has its own class loader, so this static is
     * the deployment's. Undeploying closes every session, and the last to leave stops it.
     */
    private static final Ticker TICKER = new Ticker(PERIOD_MILLIS, new SecureRandom());

    private Session session;
    private Set<String> symbols;

    @OnOpen
    public void onOpen(Session session) throws IOException {
        List<String> filter = session.getRequestParameterMap().get("symbols");
        try {
            if (filter != null && filter.size() > 1) {
                throw new IllegalArgumentException("give symbols once, comma-separated");
            }
            symbols = Symbols.parse(filter == null ? null : filter.get(0));
        } catch (IllegalArgumentException e) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.getMessage()));
            return;
        }
        this.session = session;
        TICKER.subscribe(this);
    }

    @OnClose
    public void onClose() {
        if (session != null) {
            TICKER.unsubscribe(this);
        }
    }

    @OnError
    public void onError(Throwable failure) {
        // A failed send or a broken connection: the session closes and onClose unsubscribes.
    }

    @Override
    public Set<String> symbols() {
        return symbols;
    }

    @Override
    public void send(String json, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(json, result -> done.accept(result.getException()));
        } catch (RuntimeException e) {
            done.accept(e); // the session closed between the tick and the send
        }
    }
}
