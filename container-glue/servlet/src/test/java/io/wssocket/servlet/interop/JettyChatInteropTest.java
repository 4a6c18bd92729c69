package io.wssocket.servlet.interop;

/** The chat sample's WAR in embedded Jetty 12.1 (ee10) with WS Socket as its WebSocket implementation. */
class JettyChatInteropTest extends ChatInContainerCases {
    @Override
    String containerName() {
        return "Jetty 12.1 ee10";
    }
}
