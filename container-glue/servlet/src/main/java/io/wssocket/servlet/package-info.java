/**
 * WS Socket as the WebSocket implementation of a Servlet 6.0/6.1 container: a
 * {@code ServletContainerInitializer} deploys the web application's endpoints and publishes the
 * {@code jakarta.websocket.server.ServerContainer} context attribute, and each connection is
 * upgraded through {@code HttpServletRequest.upgrade} and served over the container's
 * {@code WebConnection} with non-blocking read and write listeners; in Jetty 12, whose Servlet
 * upgrade loses what the client sends after the 101, it is taken over at Jetty's core level and
 * served on Jetty's endpoint with Jetty's non-blocking callbacks.
 */
package io.wssocket.servlet;
