// The ws library's server as a peer of the runtime's server interop cases
// (io.wssocket.interop.ServerInteropCases): the same four paths, with the same text commands, as the
// Jakarta endpoints deployed by PeerServerEndpoints.java for Tyrus, Jetty and Tomcat.
//
//   /echo              sends every message back whole, as the same type
//   /fragmenting-echo  sends every message back in three frames; text is cut at byte boundaries, so a
//                      frame may end inside a UTF-8 sequence (RFC 6455 §5.6 validates whole messages)
//   /control           "ping <hex>"             sends a ping with that payload; a pong is reported as
//                                               the text "pong <hex>"
//                      "close <code> <reason>"  closes with that code and reason
//                      "closed <client>"        answers "closed <code> <reason>" once the connection
//                                               opened with ?client=<client> has closed, or
//                                               "not closed <client>" after ten seconds
//                      "secure"                 answers "secure true" when the connection runs over
//                                               TLS, else "secure false"
//                      "extensions"             answers "extensions <names>", the extensions the
//                                               handshake settled on as ws reports them (names only)
//   /subprotocol       selects the subprotocol "chat.v2" when offered and says "subprotocol <selected>"
//
// It accepts permessage-deflate (RFC 7692) when a client offers it, as Jetty and Tomcat do by default:
// ws's defaults otherwise (context takeover on both sides, messages under 1 KiB sent uncompressed).
//
// Listens on an ephemeral loopback port and prints "listening <port>" on stdout. Runs until it is
// terminated, or until its standard input ends because the JVM that started it has gone. With the
// environment variables TLS_CERTIFICATE and TLS_KEY naming PEM files it serves HTTPS, so wss://.

import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { WebSocketServer } from 'ws';

// Room for the cases' 16 MiB messages, the same limit as the Java peers.
const MAX_MESSAGE = 17 * 1024 * 1024;
const FRAGMENTS = 3;
const SUBPROTOCOL = 'chat.v2';
const REPORT_WAIT_MS = 10_000;

/** Close codes and reasons seen on /control, by the connection's "client" query parameter. */
class CloseLog {
  #closes = new Map();

  record(client, code, reason) {
    this.#entry(client).settle({ code, reason });
  }

  /** The close of that client, or null if it has not closed within the wait. */
  async await(client) {
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), REPORT_WAIT_MS);
    });
    try {
      return await Promise.race([this.#entry(client).closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #entry(client) {
    let entry = this.#closes.get(client);
    if (entry === undefined) {
      let settle;
      const closed = new Promise((resolve) => {
        settle = resolve;
      });
      entry = { closed, settle };
      this.#closes.set(client, entry);
    }
    return entry;
  }
}

const closeLog = new CloseLog();

function fragmentingEcho(ws) {
  ws.on('message', (data, isBinary) => {
    for (let i = 0; i < FRAGMENTS; i++) {
      const part = data.subarray(Math.floor((data.length * i) / FRAGMENTS), Math.floor((data.length * (i + 1)) / FRAGMENTS));
      ws.send(part, { binary: isBinary, fin: i === FRAGMENTS - 1 });
    }
  });
}

function control(ws, url, secure) {
  const client = url.searchParams.get('client');
  if (client !== null) {
    ws.on('close', (code, reason) => closeLog.record(client, code, reason.toString()));
  }
  ws.on('pong', (payload) => ws.send(`pong ${payload.toString('hex')}`));
  ws.on('message', async (data) => {
    const [verb, argument = '', ...rest] = data.toString().split(' ');
    if (verb === 'ping') {
      ws.ping(Buffer.from(argument, 'hex'));
    } else if (verb === 'close') {
      ws.close(Number(argument), rest.join(' '));
    } else if (verb === 'closed') {
      const seen = await closeLog.await(argument);
      ws.send(seen === null ? `not closed ${argument}` : `closed ${seen.code} ${seen.reason}`);
    } else if (verb === 'secure') {
      ws.send(`secure ${secure}`);
    } else if (verb === 'extensions') {
      ws.send(`extensions ${ws.extensions}`);
    } else {
      ws.send(`unknown command: ${data}`);
    }
  });
}

const routes = new Map([
  ['/echo', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))],
  ['/fragmenting-echo', fragmentingEcho],
  ['/control', control],
  ['/subprotocol', (ws) => ws.send(`subprotocol ${ws.protocol}`)],
]);

function requestUrl(request) {
  return new URL(request.url, 'ws://127.0.0.1');
}

const sockets = new WebSocketServer({
  noServer: true,
  maxPayload: MAX_MESSAGE,
  perMessageDeflate: true,
  handleProtocols: (offered, request) =>
    requestUrl(request).pathname === '/subprotocol' && offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false,
});

function webSocketOnly(request, response) {
  response.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket only\n');
}

const tls = process.env.TLS_CERTIFICATE && process.env.TLS_KEY
  ? { cert: readFileSync(process.env.TLS_CERTIFICATE), key: readFileSync(process.env.TLS_KEY) }
  : null;
const server = tls === null ? createHttpServer(webSocketOnly) : createHttpsServer(tls, webSocketOnly);

server.on('upgrade', (request, socket, head) => {
  const url = requestUrl(request);
  const route = routes.get(url.pathname);
  if (route === undefined) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  // A TLS socket says encrypted (node:tls, tlsSocket.encrypted); a plain one has no such property.
  sockets.handleUpgrade(request, socket, head, (ws) => route(ws, url, socket.encrypted === true));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
