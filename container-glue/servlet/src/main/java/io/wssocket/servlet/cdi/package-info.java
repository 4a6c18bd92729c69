/**
 * The web application's own CDI container (Weld Servlet's in Tomcat or Undertow, a Jakarta EE
 * server's) making its WebSocket endpoint, encoder, decoder and configurator instances, and the
 * request scope around endpoint callbacks, which run off the container's request threads.
 */
package io.wssocket.servlet.cdi;
