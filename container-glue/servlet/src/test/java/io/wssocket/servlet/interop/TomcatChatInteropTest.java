package io.wssocket.servlet.interop;

/** The chat sample's WAR in embedded Tomcat 11 with WS Socket as its WebSocket implementation. */
class TomcatChatInteropTest extends ChatInContainerCases {
    @Override
    String containerName() {
        return "Tomcat 11";
    }
}
