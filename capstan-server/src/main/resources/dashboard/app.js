'use strict';
// The Capstan dashboard: plain DOM code, no framework. The token lives in sessionStorage and goes out only as an
// Authorization header (never in a URL, never in a cookie), so pages of other sites cannot act on the user's behalf.
// Live changes arrive over the server-sent event stream and are applied one by one; lists are loaded once.

const TOKEN_KEY = 'capstan.token';
const EVENT_ROWS = 200;
const $ = (id) => document.getElementById(id);

const state = {
  token: null,
  role: null,
  containers: new Map(),   // id -> container as the API shows it
  rows: new Map(),         // id -> <tr>
  desired: new Map(),      // image -> desired state
  imageRows: new Map(),    // image -> <tr>
  healthClass: new Map(),  // container id -> healthy|warning|critical|stopped (from health events)
  restarts: new Map(),     // container id -> restarts seen in the event log
  decisions: new Map(),    // image -> the autoscaler's last decision {ts, decision}
  lastEventId: null,
  abort: null,
};

// ---- talking to the API ------------------------------------------------------------------------------------------

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + state.token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store' });
  let json = null;
  try { json = await response.json(); } catch (e) { json = null; }
  if (!response.ok && response.status !== 207) {
    const error = new Error(errorLine(json, response.status));
    error.status = response.status;
    throw error;
  }
  return json;
}

function errorLine(json, status) {
  if (json && typeof json.message === 'string') return json.message;
  if (json && typeof json.detail === 'string') return json.detail;
  return 'the server answered ' + status;
}

function imagePath(image) {
  return '/containers/' + encodeURIComponent(image);
}

function say(text, ok) {
  const m = $('message');
  m.textContent = text;
  m.className = ok ? 'ok' : 'error';
}

async function act(what, method, path, body) {
  try {
    const answer = await api(method, path, body);
    const failed = answer && Array.isArray(answer.results) ? answer.results.filter(r => r.ok === false) : [];
    if (failed.length) say(what + ': ' + failed.map(r => r.message || r.error).join('; '), false);
    else say(what + ': done', true);
    return answer;
  } catch (e) {
    say(what + ' refused: ' + e.message, false);
    return null;
  }
}

// ---- signing in --------------------------------------------------------------------------------------------------

async function signIn(token) {
  state.token = token;
  try {
    const session = await api('GET', '/session');
    state.role = session.role;
  } catch (e) {
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn(e.status === 401 ? 'Refused: ' + e.message : 'Cannot reach the server: ' + e.message);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  document.body.classList.toggle('read-only', state.role !== 'admin');
  $('who').textContent = state.role === 'admin' ? 'signed in (admin)' : 'signed in (read-only)';
  $('sign-in').hidden = true;
  $('board').hidden = false;
  $('sign-out').hidden = false;
  $('nav').hidden = false;
  await load();
}

function showSignIn(error) {
  $('sign-in').hidden = false;
  $('board').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  let p = $('sign-in-error');
  if (!p) {
    p = document.createElement('p');
    p.id = 'sign-in-error';
    p.className = 'error';
    $('sign-in').appendChild(p);
  }
  p.textContent = error || '';
}

function signOut() {
  if (state.abort) state.abort.abort();
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
}

// ---- loading once, then live -------------------------------------------------------------------------------------

async function load() {
  const [containers, desired, decisions] = await Promise.all([api('GET', '/containers'), api('GET', '/desired'),
    api('GET', '/autoscale/decisions')]);
  for (const d of desired) state.desired.set(d.image, d);
  for (const d of decisions.decisions) state.decisions.set(d.image, d);
  for (const c of containers.containers) upsertContainer(c);
  for (const image of state.desired.keys()) renderImage(image);
  connect(true);
  pagesLoaded();
}

async function connect(first) {
  const controller = new AbortController();
  state.abort = controller;
  const headers = { 'Authorization': 'Bearer ' + state.token, 'Accept': 'text/event-stream' };
  if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId;
  try {
    const response = await fetch('/events/stream' + (first ? '?history=' + EVENT_ROWS : ''),
      { headers, signal: controller.signal, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) throw new Error('the event stream answered ' + response.status);
    setLive(true);
    if (!first) {
      // changes of stacks and kernels are not stored: whatever happened while offline is read afresh
      workloadChanged('stacks');
      workloadChanged('kernels');
    }
    await readEvents(response, dispatch);
  } catch (e) {
    if (controller.signal.aborted) return;
  }
  setLive(false);
  setTimeout(() => connect(false), 2000);
}

function setLive(on) {
  $('live').textContent = on ? 'live' : 'offline';
  $('live').className = 'live ' + (on ? 'on' : 'off');
}

// Reads a server-sent event stream to its end, handing each message ({id, kind, data}) to onMessage.
async function readEvents(response, onMessage) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message) onMessage(message);
    }
  }
}

function parseEvent(block) {
  let id = null, kind = 'message', data = null;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') kind = value;
    else if (field === 'data') data = data === null ? value : data + '\n' + value;
  }
  return data === null ? null : { id, kind, data };
}

function dispatch(message) {
  if (!message.data) return;
  if (message.id) state.lastEventId = message.id;
  apply(message.kind, JSON.parse(message.data));
}

function apply(kind, e) {
  if (kind === 'stacks' || kind === 'kernels') return workloadChanged(kind);
  // A health message without 'previous' is a container's current class, sent at connection: not news for the log.
  if (!(kind === 'health' && e.previous == null)) logEvent(kind, e);
  if (e.event === 'restart' && e.container_id) {
    state.restarts.set(e.container_id, (state.restarts.get(e.container_id) || 0) + 1);
  }
  if (kind === 'health' && e.container_id) state.healthClass.set(e.container_id, e.status);
  if (e.event === 'autoscale' && e.image) state.decisions.set(e.image, { ts: e.ts, decision: e.status });
  if (e.container) upsertContainer(e.container);
  else if (e.event === 'remove' && e.container_id) removeContainer(e.container_id);
  else if (e.container_id && state.rows.has(e.container_id)) renderContainer(state.containers.get(e.container_id));
  if (['desired', 'scale', 'autoscale'].includes(e.event)) refreshDesired(e.image);
  if (e.image) renderImage(e.image);
}

async function refreshDesired(image) {
  try {
    state.desired.set(image, await api('GET', imagePath(image) + '/desired'));
  } catch (e) {
    if (e.status === 404) state.desired.delete(image);
  }
  renderImage(image);
}

// ---- containers --------------------------------------------------------------------------------------------------

function upsertContainer(c) {
  state.containers.set(c.id, c);
  renderContainer(c);
  renderImage(c.image);
}

function removeContainer(id) {
  const c = state.containers.get(id);
  state.containers.delete(id);
  const row = state.rows.get(id);
  if (row) row.remove();
  state.rows.delete(id);
  countContainers();
  if (c) renderImage(c.image);
}

function healthOf(c) {
  const word = c.state || c.status;
  const cls = state.healthClass.get(c.id);
  if (word !== 'running' || c.health === 'unhealthy' || cls === 'critical') return 'bad';
  if (cls === 'warning' || c.health === 'starting') return 'warn';
  return 'ok';
}

function renderContainer(c) {
  let row = state.rows.get(c.id);
  if (!row) {
    row = document.createElement('tr');
    row.setAttribute('role', 'row'); // the list is drawn as a grid (app.css): say it is still a table
    row.dataset.id = c.id;
    $('containers').tBodies[0].appendChild(row);
    state.rows.set(c.id, row);
    countContainers();
  }
  const health = healthOf(c);
  row.className = 'health-' + health;
  row.dataset.name = c.name;
  row.dataset.image = c.image;
  row.dataset.health = health;
  row.dataset.state = c.state || c.status;
  const cls = state.healthClass.get(c.id);
  const cells = [dot(), containerLink(c), c.image, c.state || c.status,
    [c.health !== 'none' ? c.health : '', cls || ''].filter(Boolean).join(', '),
    ports(c.ports), c.cpu_limit ? String(c.cpu_limit) : '-', c.memory_limit ? bytes(c.memory_limit) : '-',
    age(c.created || c.created_at), String(state.restarts.get(c.id) || 0)];
  row.replaceChildren(...cells.map(cell));
  row.children[9].className = 'num';
  if (state.role === 'admin') row.appendChild(containerActions(c));
}

function containerActions(c) {
  const td = document.createElement('td');
  td.className = 'admin';
  td.setAttribute('role', 'cell');
  const running = (c.state || c.status) === 'running';
  td.append(
    running ? button('Stop', 'stop', () => act('stop ' + c.name, 'POST', '/containers/' + c.id + '/stop'))
      : button('Start', 'start', () => act('start ' + c.name, 'POST', '/containers/' + c.id + '/start')),
    button('Delete', 'delete', () => {
      if (confirm('Delete ' + c.name + '?')) act('delete ' + c.name, 'DELETE', '/containers/' + c.id + '?force=true');
    }));
  return td;
}

function countContainers() {
  $('container-count').textContent = '(' + state.rows.size + ')';
}

// ---- images ------------------------------------------------------------------------------------------------------

function renderImage(image) {
  const d = state.desired.get(image);
  let row = state.imageRows.get(image);
  if (!d) {
    if (row) row.remove();
    state.imageRows.delete(image);
    return;
  }
  if (!row) {
    row = document.createElement('tr');
    row.dataset.image = image;
    $('images').tBodies[0].appendChild(row);
    state.imageRows.set(image, row);
    addImageOption(image);
  }
  let running = 0, healthy = 0;
  for (const c of state.containers.values()) {
    if (c.image !== image || (c.state || c.status) !== 'running') continue;
    running++;
    if (healthOf(c) === 'ok') healthy++;
  }
  const memory = d.resources && (d.resources.memory_limit || d.resources.memory);
  const cells = [image, String(d.replicas), String(running), String(healthy),
    d.min_replicas + '..' + d.max_replicas, typeof memory === 'number' ? bytes(memory) : memory || '-',
    decisionText(state.decisions.get(image))];
  row.dataset.desired = d.replicas;
  row.dataset.running = running;
  row.replaceChildren(...cells.map(cell));
  for (const i of [1, 2, 3]) row.children[i].className = 'num';
  if (state.role === 'admin') row.appendChild(imageActions(image, d));
}

function imageActions(image, d) {
  const td = document.createElement('td');
  td.className = 'admin';
  const replicas = document.createElement('input');
  replicas.type = 'number';
  replicas.min = d.min_replicas;
  replicas.max = d.max_replicas;
  replicas.value = d.replicas;
  replicas.className = 'replicas';
  replicas.setAttribute('aria-label', 'replicas of ' + image);
  const memory = document.createElement('input');
  memory.className = 'memory';
  memory.placeholder = '256Mi';
  memory.setAttribute('aria-label', 'memory limit of ' + image);
  td.append(replicas, button('Scale', 'scale', () => act('scale ' + image + ' to ' + replicas.value, 'POST',
      imagePath(image) + '/scale', { replicas: Number(replicas.value) })),
    memory, button('Set memory', 'memory', async () => {
      await act('memory limit of ' + image + ' to ' + memory.value, 'PUT', imagePath(image) + '/resources',
        { memory_limit: memory.value });
      refreshDesired(image);
    }));
  return td;
}

function decisionText(d) {
  if (!d) return '-';
  return (d.ts ? new Date(d.ts).toLocaleTimeString() + ': ' : '') + d.decision;
}

function addImageOption(image) {
  const select = $('event-image');
  if ([...select.options].some(o => o.value === image)) return;
  const option = document.createElement('option');
  option.value = image;
  option.textContent = image;
  select.appendChild(option);
}

// ---- event log ---------------------------------------------------------------------------------------------------

function logEvent(kind, e) {
  const row = document.createElement('tr');
  row.setAttribute('role', 'row');
  row.dataset.kind = kind;
  row.dataset.image = e.image || '';
  row.dataset.event = e.event;
  const time = e.ts ? new Date(e.ts).toLocaleTimeString() : '';
  row.replaceChildren(...[time, kind, e.event, e.image || '', e.name || short(e.container_id), e.status || '']
    .map(cell));
  filterRow(row);
  const body = $('events').tBodies[0];
  body.insertBefore(row, body.firstChild);
  while (body.rows.length > EVENT_ROWS * 5) body.lastChild.remove();
}

function filterRow(row) {
  const image = $('event-image').value, kind = $('event-kind').value;
  row.hidden = (image && row.dataset.image !== image) || (kind && row.dataset.kind !== kind);
}

// ---- small helpers -----------------------------------------------------------------------------------------------

function cell(content) {
  const td = document.createElement('td');
  td.setAttribute('role', 'cell');
  if (content instanceof Node) td.appendChild(content);
  else td.textContent = content;
  if (td.textContent) td.title = td.textContent; // the whole text, where the column cuts it short
  return td;
}

function dot() {
  const span = document.createElement('span');
  span.className = 'dot';
  return span;
}

function button(label, action, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  b.addEventListener('click', onClick);
  return b;
}

function ports(map) {
  if (!map) return '';
  return Object.entries(map).map(([inside, host]) => (host ? host + '\u2192' : '') + inside).join(', ');
}

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (Number.isInteger(n) ? n : n.toFixed(1)) + ' ' + units[i];
}

function age(iso) {
  if (!iso) return '';
  const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return Math.floor(s) + 's';
  if (s < 3600) return Math.floor(s / 60) + 'm';
  if (s < 86400) return Math.floor(s / 3600) + 'h';
  return Math.floor(s / 86400) + 'd';
}

function short(id) {
  return id ? id.slice(0, 12) : '';
}

// ---- start -------------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('token').value.trim());
  });
  $('sign-out').addEventListener('click', signOut);
  for (const id of ['event-image', 'event-kind']) {
    $(id).addEventListener('change', () => [...$('events').tBodies[0].rows].forEach(filterRow));
  }
  // Ages move on by themselves: only their cells are touched.
  setInterval(() => {
    for (const [id, row] of state.rows) {
      const c = state.containers.get(id);
      const cell = c && row.children[8];
      if (cell) cell.textContent = cell.title = age(c.created || c.created_at);
    }
  }, 10000);
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) signIn(saved);
});
