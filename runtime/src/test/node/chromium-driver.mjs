// Drives the WebSocket of a headless Chromium for the runtime's interop tests, through the line
// protocol of json-lines.mjs: one browser for the driver's life, one page per connection, each page
// holding one `new WebSocket(url, protocols)`. Usage: CHROMIUM=/path/to/chromium node chromium-driver.mjs
//
// What a page can do is what the WebSocket API of the HTML standard offers: whole messages only
// (no fragments), no pings (the browser answers the server's by itself), close codes 1000 and
// 3000-4999 only. A message event carries the whole message, so it is reported as one part. The
// browser offers permessage-deflate (RFC 7692) on every connection, which a page cannot change; a
// connect's reply names the extensions the handshake settled on (the socket's `extensions`).
//
// Payloads go between this driver and the pages over a loopback HTTP server of the driver's own,
// which also serves the pages, rather than as arguments of page.evaluate: a 16 MiB message takes
// seconds through the DevTools protocol and milliseconds as a request body.
//
// For wss:// the browser trusts what a Linux user's Chromium trusts: its root store and the NSS
// database under $HOME/.pki/nssdb. The browser inherits this process's environment, so a HOME whose
// database trusts the test certificate (ChromiumClientWssInteropTest makes one) lets it verify the
// test server; nothing here tells it to skip certificate checks.

import { once } from 'node:events';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { emit, lookup, serve } from './json-lines.mjs';

const executablePath = process.env.CHROMIUM;
if (!executablePath) {
  throw new Error('set CHROMIUM to the Chromium executable');
}

/** Payloads of pending sends, each fetched once by its page as GET /payload?key=... */
const payloads = new Map();
let lastPayload = 0;

/** Reads what a page reports: POST /event?conn=...&event=...; the body holds the bytes of it. */
async function report(fields, body) {
  const { conn, event } = fields;
  if (event === 'message') {
    await emit({ conn, event, type: fields.type, data: body.toString('base64'), parts: 1 });
  } else if (event === 'close') {
    await emit({ conn, event, code: Number(fields.code), reason: body.toString('utf8') });
  } else {
    await emit({ conn, event: 'error', message: body.toString('utf8') });
  }
}

const pageServer = createServer(async (request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  const chunks = [];
  for await (const chunk of request) {
    chunks.push(chunk);
  }
  if (request.method === 'POST' && url.pathname === '/event') {
    // Answered once the event is on stdout: a page sends its next event only then, so they keep their order.
    await report(Object.fromEntries(url.searchParams), Buffer.concat(chunks));
    response.writeHead(204).end();
  } else if (request.method === 'GET' && url.pathname === '/payload' && payloads.has(url.searchParams.get('key'))) {
    const payload = payloads.get(url.searchParams.get('key'));
    payloads.delete(url.searchParams.get('key'));
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }).end(payload);
  } else if (request.method === 'GET' && url.pathname === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>interop peer</title><link rel="icon" href="data:,">');
  } else {
    response.writeHead(404).end();
  }
});
pageServer.listen(0, '127.0.0.1');
await once(pageServer, 'listening');
const origin = `http://127.0.0.1:${pageServer.address().port}`;

// headless: true adds --headless; Playwright gives the browser a fresh temporary --user-data-dir
// and removes it on close.
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Chromium's own calls home would only be refused on a closed network, at every start.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext();

/** A page at the driver's origin, its console going to stderr (which the tests quote when they fail). */
async function newPage() {
  const page = await context.newPage();
  page.on('console', (message) => console.error(`page: ${message.text()}`));
  await page.goto(`${origin}/`);
  return page;
}

/** Opens the page for the next connection while the current one is in use. */
function openSparePage() {
  const page = newPage();
  // Its failure belongs to the connect that takes it, not to the process.
  page.catch(() => {});
  return page;
}
let sparePage = openSparePage();
const pages = new Map();

/**
 * Runs in the page: opens the socket, posts its events to the driver one after another (a large
 * message must not be overtaken by a close that came after it), and resolves with the negotiated
 * subprotocol and extensions once open, or rejects if the socket closes first.
 */
function openSocket({ conn, url, protocols }) {
  let posted = Promise.resolve();
  const post = (fields, body) => {
    const query = new URLSearchParams({ conn, ...fields });
    posted = posted.then(() => fetch(`/event?${query}`, { method: 'POST', body }))
      .catch((error) => console.error(`could not report ${query}: ${error}`));
  };
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.binaryType = 'arraybuffer';
    window.peerSocket = socket;
    socket.onopen = () => resolve({ protocol: socket.protocol, extensions: socket.extensions });
    socket.onmessage = ({ data }) => post({ event: 'message', type: typeof data === 'string' ? 'text' : 'binary' }, data);
    socket.onerror = () => post({ event: 'error' }, 'the WebSocket fired an error event');
    socket.onclose = ({ code, reason }) => {
      post({ event: 'close', code }, reason);
      reject(new Error(`closed with ${code} before it opened`));
    };
  });
}

/** Runs in the page: sends one whole message, fetching its payload from the driver. */
async function sendMessage({ type, key }) {
  const bytes = await (await fetch(`/payload?key=${key}`)).arrayBuffer();
  window.peerSocket.send(type === 'text' ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : bytes);
}

async function connect({ conn, url, protocols }) {
  const page = await sparePage;
  sparePage = openSparePage();
  pages.set(conn, page);
  return page.evaluate(openSocket, { conn, url, protocols });
}

serve({
  connect,
  send: async ({ conn, type, fin, data }) => {
    if (!fin) {
      throw new Error('a browser WebSocket sends whole messages only');
    }
    const key = String(++lastPayload);
    payloads.set(key, Buffer.from(data, 'base64'));
    try {
      await lookup(pages, conn).evaluate(sendMessage, { type, key });
    } finally {
      payloads.delete(key);
    }
    return {};
  },
  ping: () => {
    throw new Error('the browser WebSocket API has no ping');
  },
  close: async ({ conn, code, reason }) => {
    await lookup(pages, conn).evaluate(([c, r]) => window.peerSocket.close(c, r), [code, reason]);
    return {};
  },
  dispose: async ({ conn }) => {
    const page = lookup(pages, conn);
    pages.delete(conn);
    await page.close();
    return {};
  },
}, async () => {
  await browser.close();
  pageServer.close();
});
