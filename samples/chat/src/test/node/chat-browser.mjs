// Two members chat through the sample's own page in headless Chromium: each page is served by the
// standalone server from the jar's META-INF/resources, joins the room over a WebSocket and must
// show what the other one said; a page that has joined hides its Join form and ignores a second
// join. Usage: CHROMIUM=/path/to/chromium node chat-browser.mjs http://127.0.0.1:PORT/
// Prints one JSON line per step on stdout (chat-browser-steps.jsonl lists those of a working chat); exits
// with 1 (and the reason on stderr) when a step fails.
import { chromium } from 'playwright-core';

const base = process.argv[2];
const executablePath = process.env.CHROMIUM;
if (!base || !executablePath) {
  console.error('usage: CHROMIUM=/path/to/chromium node chat-browser.mjs http://127.0.0.1:PORT/');
  process.exit(2);
}
const STEP_TIMEOUT_MS = 15000;

function step(name, fields = {}) {
  console.log(JSON.stringify({ step: name, ...fields }));
}

async function join(browser, name) {
  // A context per member: separate storage, as two people on two machines.
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  // Counts the sockets the page opens (a second join would open one more, synchronously) and keeps
  // them, to tell what the server agreed to (the browser offers permessage-deflate by itself).
  await page.addInitScript(() => {
    const NativeWebSocket = window.WebSocket;
    window.socketsOpened = 0;
    window.sockets = [];
    window.WebSocket = class extends NativeWebSocket {
      constructor(...args) {
        super(...args);
        window.socketsOpened++;
        window.sockets.push(this);
      }
    };
  });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  const response = await page.goto(base);
  step('loaded', { name, status: response.status(), contentType: response.headers()['content-type'] });
  await page.fill('#name', name);
  await page.click('#join');
  await page.locator('#status', { hasText: 'connected as ' + name }).waitFor();
  step('joined', { name });
  step('extensions', { name, agreed: await page.evaluate(() => window.sockets.map((s) => s.extensions)) });
  return { page, problems };
}

// What a user (Enter pressed twice) or a script can still do once the form is hidden: submit it.
async function joinAgain(member, name) {
  const formVisible = await member.page.locator('#join-form').isVisible();
  await member.page.evaluate(() => {
    const form = document.getElementById('join-form');
    form.requestSubmit();
    form.dispatchEvent(new Event('submit', { cancelable: true }));
  });
  step('join-again', { name, formVisible, socketsOpened: await member.page.evaluate(() => window.socketsOpened) });
}

async function say(member, text) {
  await member.page.fill('#text', text);
  await member.page.click('#send');
}

async function sees(member, from, text) {
  await member.page.locator('#log li', { hasText: from + ':' }).filter({ hasText: text }).waitFor();
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const ann = await join(browser, 'Ann');
  await joinAgain(ann, 'Ann');
  const bob = await join(browser, 'Bob');
  // The room's own count: Ann's page counted twice would make Bob the third member.
  const bobJoined = await ann.page.locator('#log li.presence', { hasText: 'Bob joined' }).first().textContent();
  step('presence', { seenBy: 'Ann', joined: 'Bob', members: Number(/\((\d+) here\)/.exec(bobJoined)[1]) });

  await say(ann, 'hello from Ann <b>not bold</b>');
  await sees(bob, 'Ann', 'hello from Ann <b>not bold</b>');
  await sees(ann, 'Ann', 'hello from Ann <b>not bold</b>');
  step('delivered', { from: 'Ann', to: 'Bob', markupShownAsText: await bob.page.locator('#log b').count() === 0 });

  await say(bob, 'hi Ann, Bob here ✓');
  await sees(ann, 'Bob', 'hi Ann, Bob here ✓');
  step('delivered', { from: 'Bob', to: 'Ann' });

  await bob.page.close();
  await ann.page.locator('#log li.presence', { hasText: 'Bob left' }).waitFor();
  step('presence', { seenBy: 'Ann', left: 'Bob' });
  step('page-errors', { count: ann.problems.length + bob.problems.length, errors: [...ann.problems, ...bob.problems] });
  step('done');
} catch (e) {
  console.error(e.stack || String(e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
