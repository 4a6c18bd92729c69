// The chat page: joins the room at ./chat with a name, shows what the room sends, sends what is typed.
// Everything received is shown with textContent, never as HTML.
'use strict';

const joinForm = document.getElementById('join-form');
const sayForm = document.getElementById('say-form');
const log = document.getElementById('log');
const status = document.getElementById('status');
let socket = null;

function chatUrl(name) {
  const url = new URL('chat', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ name }).toString();
  return url.toString();
}

function show(event) {
  const item = document.createElement('li');
  if (event.type === 'message') {
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = event.from + ':';
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = event.text;
    item.append(from, text);
  } else {
    item.className = 'presence';
    item.textContent = event.name + ' ' + event.type + ' (' + event.members + ' here)';
  }
  const at = document.createElement('time');
  at.dateTime = event.at;
  at.textContent = new Date(event.at).toLocaleTimeString();
  item.append(at);
  log.append(item);
  item.scrollIntoView({ block: 'end' });
}

joinForm.addEventListener('submit', (e) => {
  e.preventDefault();
  // One membership per page: a second join (Enter pressed twice, a script submitting the form)
  // while the socket connects, is open or is still closing would open another socket and count
  // this page twice in the room. After the close event the user may join again.
  if (socket !== null) {
    return;
  }
  const name = document.getElementById('name').value.trim();
  const ws = new WebSocket(chatUrl(name));
  socket = ws;
  joinForm.hidden = true;
  status.textContent = 'connecting…';
  // Connected once the room has counted this page: its own "joined" event comes after the room
  // added it, whereas the socket opens as soon as the handshake is answered.
  let inRoom = false;
  ws.addEventListener('open', () => {
    status.textContent = 'joining the room as ' + name + '…';
    sayForm.hidden = false;
    document.getElementById('text').focus();
  });
  ws.addEventListener('message', (m) => {
    const event = JSON.parse(m.data);
    show(event);
    if (!inRoom && event.type === 'joined' && event.name === name) {
      inRoom = true;
      status.textContent = 'connected as ' + name;
    }
  });
  ws.addEventListener('close', (c) => {
    socket = null;
    status.textContent = 'disconnected' + (c.reason ? ': ' + c.reason : '') + ' (' + c.code + ')';
    joinForm.hidden = false;
    sayForm.hidden = true;
  });
});

sayForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = document.getElementById('text');
  if (socket && socket.readyState === WebSocket.OPEN && input.value.trim() !== '') {
    socket.send(input.value);
    input.value = '';
  }
});
