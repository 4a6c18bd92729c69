package io.wssocket.interop;

import io.wssocket.test.RunningServer;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Tyrus client (Grizzly transport) against our server. */
class TyrusClientInteropTest extends ClientInteropCases {
    private static final ServerCloses CLOSES = new ServerCloses();

    @RegisterExtension
    static final RunningServer server = InteropEndpoints.server(CLOSES);

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers) throws Exception {
        return TyrusPeer.connect(uri, partialHandlers);
    }

    @Override
    RunningServer server() {
        return server;
    }

    @Override
    ServerCloses serverCloses() {
        return CLOSES;
    }

    /** A Tyrus client puts 1000 on the wire for 1012 and 1013 (ProtocolHandler.close, Tyrus 2.2.0). */
    @Override
    boolean clientSendsCloseCode(int code) {
        return code != 1012 && code != 1013;
    }

    /** Tyrus fails the connection with 1002 on any received code from 1014 to 2999 (CloseFrame, Tyrus 2.2.0). */
    @Override
    boolean clientAcceptsCloseCode(int code) {
        return code != 1014;
    }
}
