package io.wssocket.handshake;

import java.net.InetSocketAddress;

/**
 * What a PROXY protocol header said about the connection it precedes.
 *
 * @param version 1 (text) or 2 (binary)
 * @param source the client's address and port, or null when the header carries none that
 *     applies: v1 {@code UNKNOWN}, v2 {@code LOCAL} (a health check of the proxy's own), or a v2
 *     family or transport other than TCP over IPv4/IPv6; the connection's own addresses stand then
 * @param destination the address the client connected to, or null as for {@code source}
 */
public record ProxyHeader(int version, InetSocketAddress source, InetSocketAddress destination) {
}
