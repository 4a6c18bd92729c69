package io.wssocket.hazelcast;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;

/**
 * A WS Socket node with {@link RoomEndpoint} that joins a cluster as a Hazelcast client (option
 * cluster-client), in a process of its own, so that a test can pause the whole node (SIGSTOP) as
 * an operating system or a network does, and let it go on (SIGCONT). Arguments: the cluster's
 * name, its members, the lease in milliseconds. Prints {@code ready PORT NODE_ID} once started;
 * stops when its standard input ends.
 */
public final class ClientNodeProcess {
    private ClientNodeProcess() {
    }

    /**
     * Starts the node.
     *
     * @param args cluster name, members, lease in milliseconds
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        WebSocketServer server = WebSocketServer.create(ServerConfig.defaults().host("127.0.0.1").port(0).eventLoops(1)
                .clusterName(args[0]).clusterMembers(args[1]).clusterClient(true)
                .clusterClientLeaseMillis(Long.parseLong(args[2])).build());
        server.container().addEndpoint(RoomEndpoint.class);
        server.start();
        System.out.println("ready " + server.port() + " " + server.cluster().nodeId());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        server.close();
    }
}
