// The line protocol between the runtime's interop tests (JsonLineDriver.java) and a driver script:
// one JSON object per line on stdin (commands) and stdout (replies and events). Payloads travel in
// base64, so a line never holds a raw newline, and UTF-8 text arrives exactly as it was on the wire.
//
// Commands:  {"id": 7, "op": "connect" | "send" | "ping" | "close" | "dispose", "conn": "c1", ...}
// Replies:   {"reply": 7, "ok": true, ...result} or {"reply": 7, "ok": false, "error": "why"}
// Events:    {"conn": "c1", "event": "message" | "pong" | "close" | "error", ...}
// The driver says {"event": "ready"} once it can take commands, and exits when stdin ends.

import { once } from 'node:events';

let output = Promise.resolve();

/** Writes one line to stdout, after every line before it, waiting for the pipe to drain when it is full. */
export function emit(object) {
  const line = JSON.stringify(object) + '\n';
  output = output.then(async () => {
    if (!process.stdout.write(line)) {
      await once(process.stdout, 'drain');
    }
  });
  return output;
}

/**
 * Reads commands until stdin ends, then runs `shutdown` and exits. Each command runs as soon as it
 * arrives (a slow one does not hold up the others) and is answered with the value its handler
 * returns or resolves to, or with the error it throws.
 */
export function serve(handlers, shutdown) {
  readLines(process.stdin, (line) => answer(handlers, JSON.parse(line)));
  process.stdin.on('end', async () => {
    try {
      await shutdown();
    } finally {
      await output;
      process.exit(0);
    }
  });
  emit({ event: 'ready' });
}

/**
 * Calls `onLine` with each line of `stream`. Unlike node:readline, which grows a string piece by
 * piece, this joins a line's chunks once: a 22 MB line (16 MiB in base64) takes milliseconds.
 */
function readLines(stream, onLine) {
  let pending = [];
  stream.on('data', (chunk) => {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, end));
      const line = Buffer.concat(pending).toString('utf8');
      pending = [];
      start = end + 1;
      if (line.trim() !== '') {
        onLine(line);
      }
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
    }
  });
}

async function answer(handlers, command) {
  try {
    const handler = handlers[command.op];
    if (handler === undefined) {
      throw new Error(`unknown op ${command.op}`);
    }
    const result = await handler(command);
    await emit({ reply: command.id, ok: true, ...result });
  } catch (error) {
    await emit({ reply: command.id, ok: false, error: String(error && error.message ? error.message : error) });
  }
}

/** The entry of `map` under `conn`, or an error naming the unknown connection. */
export function lookup(map, conn) {
  const value = map.get(conn);
  if (value === undefined) {
    throw new Error(`no connection ${conn}`);
  }
  return value;
}
