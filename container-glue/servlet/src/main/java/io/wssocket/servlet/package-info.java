/**
 * WS Socket as the WebSocket implementation of a Servlet 6.0/6.1 container: a
 * {@code ServletContainerInitializer} deploys the web application's endpoints and publishes the
 * {@code jakarta.websocket.server.ServerContainer} context attribute, and each connection is
 * upgraded through {@code HttpServletRequest.upgrade} and served over the container's
 * {@code WebConnection} with non-blocking read and write listeners.
 */
package io.wssocket.servlet;
