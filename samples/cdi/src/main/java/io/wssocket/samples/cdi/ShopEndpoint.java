package io.wssocket.samples.cdi;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A shopping basket over a WebSocket: {@code add <item>}, {@code list}, {@code checkout},
 * {@code stats}. The endpoint only parses; the work is done by beans of three scopes — the shop
 * (one for the application), the basket (one per connection) and the request stamp (one per
 * message) — and every message handled is counted by an interceptor.
 */
@ServerEndpoint("/shop")
public class ShopEndpoint {
    static final String PATH = "/shop";

    @Inject
    Shop shop;
    @Inject
    Basket basket;
    @Inject
    RequestStamp stamp;

    @Audited
    @OnMessage
    public String onMessage(String command) {
        String trimmed = command.strip();
        int space = trimmed.indexOf(' ');
        String verb = space < 0 ? trimmed : trimmed.substring(0, space);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        String answer = switch (verb) {
            case "add" -> shop.add(basket, argument);
            case "list" -> "basket: " + basket.items();
            case "checkout" -> shop.checkout(basket);
            case "stats" -> shop.stats();
            default -> "unknown command '" + verb + "': add <item>, list, checkout, stats";
        };
        return answer + " [request " + stamp.id() + "]";
    }
}
