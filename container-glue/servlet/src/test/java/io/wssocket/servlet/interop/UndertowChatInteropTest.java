package io.wssocket.servlet.interop;

/** The chat sample's WAR in embedded Undertow 2.3 (servlet) with WS Socket as its WebSocket implementation. */
class UndertowChatInteropTest extends ChatInContainerCases {
    @Override
    String containerName() {
        return "Undertow 2.3";
    }
}
