package example.cdi.slow;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Its onClose takes as many milliseconds as the last message said. */
@ServerEndpoint("/slow")
public class SlowClosingEndpoint {
    private long closingMillis;

    @OnMessage
    public String onMessage(String millis) {
        closingMillis = Long.parseLong(millis);
        return "closing will take " + millis + " ms";
    }

    @OnClose
    public void onClose() throws InterruptedException {
        Thread.sleep(closingMillis);
    }
}
