// Drives clients of the `ws` library (https://github.com/websockets/ws) for the runtime's interop
// tests, through the line protocol of json-lines.mjs. Usage: node ws-driver.mjs
//
// ws gathers a message's frames before its 'message' event and has no public per-frame event, so
// every message is reported as one part. It answers pings by itself (RFC 6455 §5.5.2).
//
// For wss:// it trusts the certificates of the PEM file named by the environment variable CA_FILE
// (the `ca` option, which ws hands to https.request), instead of Node's own list; a connection
// reports whether its socket is encrypted.
//
// ws offers permessage-deflate (RFC 7692) by default; a connect with `deflate: true` asks for it
// explicitly (perMessageDeflate: true), as an application that depends on it would. The reply to a
// connect names the extensions the handshake settled on, as ws reports them (names only).

import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { emit, lookup, serve } from './json-lines.mjs';

const sockets = new Map();
const options = process.env.CA_FILE ? { ca: readFileSync(process.env.CA_FILE) } : {};

function connect({ conn, url, protocols, deflate }) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, deflate ? { ...options, perMessageDeflate: true } : options);
    sockets.set(conn, socket);
    let secure = false;
    // The handshake's response comes before 'open'; over TLS its socket is a tls.TLSSocket, encrypted.
    socket.on('upgrade', (response) => {
      secure = response.socket.encrypted === true;
    });
    socket.on('open', () => resolve({ protocol: socket.protocol, secure, extensions: socket.extensions }));
    socket.on('message', (data, isBinary) => {
      emit({ conn, event: 'message', type: isBinary ? 'binary' : 'text', data: data.toString('base64'), parts: 1 });
    });
    socket.on('pong', (data) => emit({ conn, event: 'pong', data: data.toString('base64') }));
    socket.on('close', (code, reason) => emit({ conn, event: 'close', code, reason: reason.toString('utf8') }));
    socket.on('error', (error) => {
      emit({ conn, event: 'error', message: error.message });
      reject(error);
    });
  });
}

/** Runs one ws call that reports completion through a callback (once the frame is written). */
function written(start) {
  return new Promise((resolve, reject) => start((error) => (error ? reject(error) : resolve({}))));
}

serve({
  connect,
  // `fin: false` makes ws send a non-final frame; the next send continues the message (RFC 6455 §5.4).
  send: ({ conn, type, fin, data }) =>
    written((done) => lookup(sockets, conn).send(Buffer.from(data, 'base64'), { binary: type === 'binary', fin }, done)),
  ping: ({ conn, data }) => written((done) => lookup(sockets, conn).ping(Buffer.from(data, 'base64'), undefined, done)),
  close: ({ conn, code, reason }) => {
    lookup(sockets, conn).close(code, reason);
    return {};
  },
  dispose: ({ conn }) => {
    lookup(sockets, conn).terminate();
    sockets.delete(conn);
    return {};
  },
}, async () => {
  for (const socket of sockets.values()) {
    socket.terminate();
  }
});
