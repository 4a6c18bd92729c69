package io.wssocket.interop;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;

/**
 * An annotated client endpoint that offers the subprotocols {@code x-unknown} and
 * {@code chat.v2}, in that order, and records the text messages and the close it receives.
 */
@ClientEndpoint(subprotocols = {ServerInteropCases.UNKNOWN_SUBPROTOCOL, PeerServerEndpoints.SUBPROTOCOL_NAME})
public class AnnotatedChatClient {
    private final EventRecorder recorder;

    AnnotatedChatClient(EventRecorder recorder) {
        this.recorder = recorder;
    }

    @OnMessage
    public void onText(String message) {
        recorder.wholeText(message);
    }

    @OnClose
    public void onClose(CloseReason closeReason) {
        recorder.closed(closeReason);
    }

    @OnError
    public void onError(Throwable error) {
        recorder.error(error);
    }
}
