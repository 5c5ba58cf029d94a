'use strict';
// The dashboard's other pages, chosen by the address's fragment: the overview (#), the stacks (#stacks) and one
// container (#container/<id>). The overview's lists stay loaded and live while another page is shown.

const WINDOWS = { '1h': 3600e3, '1d': 86400e3, '7d': 7 * 86400e3 };
const LOG_LINES = 2000;

const pages = {
  timer: null,      // the shown container's chart refresh
  reload: {},       // per list (stacks, kernels): its reload waiting for a burst of changes to end
  reads: { stacks: 0, kernels: 0 }, // per list: the number of its latest read
  drawn: { stacks: 0, kernels: 0 }, // per list: the read whose answer is shown; an older answer arriving later is dropped
  logAbort: null,   // the shown container's log stream
  container: null,  // the shown container's id
};

// Called once the overview has loaded.
function pagesLoaded() {
  window.addEventListener('hashchange', route);
  $('chart-window').addEventListener('change', () => pages.container && loadCharts(pages.container));
  route();
}

function route() {
  clearInterval(pages.timer);
  if (pages.logAbort) pages.logAbort.abort();
  pages.logAbort = null;
  pages.container = null;
  const hash = location.hash.replace(/^#\/?/, '');
  const page = hash.startsWith('container/') ? 'container-page' : hash === 'stacks' ? 'stacks-page' : 'overview';
  for (const id of ['overview', 'stacks-page', 'container-page']) $(id).hidden = id !== page;
  $('nav-overview').classList.toggle('current', page === 'overview');
  $('nav-stacks').classList.toggle('current', page === 'stacks-page');
  // The stacks page and the kernels section follow the event stream (its 'stacks' and 'kernels' messages).
  if (page === 'overview') {
    loadKernels();
  } else if (page === 'stacks-page') {
    loadStacks();
  } else {
    showContainer(decodeURIComponent(hash.slice('container/'.length)));
  }
}

// A stack's or a kernel's container changed: the list is read again if it is shown, once per burst of changes
// (a stack's up or down sends several within a moment).
function workloadChanged(kind) {
  const shown = kind === 'stacks' ? !$('stacks-page').hidden : !$('overview').hidden;
  if (!shown || pages.reload[kind]) return;
  pages.reload[kind] = setTimeout(() => {
    pages.reload[kind] = null;
    (kind === 'stacks' ? loadStacks : loadKernels)();
  }, 100);
}

function containerLink(c) {
  const a = document.createElement('a');
  a.href = '#container/' + encodeURIComponent(c.id);
  a.textContent = c.name;
  return a;
}

// ---- kernels (shown when there are any) ---------------------------------------------------------------------------

async function loadKernels() {
  const read = ++pages.reads.kernels;
  let answer;
  try {
    answer = await api('GET', '/kernels');
  } catch (e) {
    return; // the next change tries again
  }
  if (read < pages.drawn.kernels) return; // the answer to a later read is shown already
  pages.drawn.kernels = read;
  const body = $('kernels').tBodies[0];
  body.replaceChildren(...answer.kernels.map(k => {
    const row = document.createElement('tr');
    row.dataset.kernelId = k.kernel_id || '';
    row.replaceChildren(...[k.user || '-', k.kernel_id || '', k.image, k.state, age(k.created), k.container].map(cell));
    return row;
  }));
  $('kernel-count').textContent = '(' + answer.kernels.length + ')';
  $('kernels-section').hidden = answer.kernels.length === 0;
}

// ---- stacks --------------------------------------------------------------------------------------------------------

async function loadStacks() {
  const read = ++pages.reads.stacks;
  let answer;
  try {
    answer = await api('GET', '/stacks');
  } catch (e) {
    say('stacks: ' + e.message, false);
    return;
  }
  if (read < pages.drawn.stacks) return; // the answer to a later read is shown already
  pages.drawn.stacks = read;
  const rows = [];
  for (const stack of answer.stacks) {
    for (const service of stack.services) {
      const row = document.createElement('tr');
      const all = service.containers;
      const bad = all.some(c => c.state !== 'running' || c.health === 'unhealthy');
      const warn = all.some(c => c.health === 'starting');
      row.className = 'health-' + (bad ? 'bad' : warn ? 'warn' : 'ok');
      row.dataset.stack = stack.name;
      row.dataset.service = service.name;
      row.dataset.running = service.running;
      row.replaceChildren(...[dot(), stack.name, service.name, service.running + '/' + service.total,
        distinct(all.map(c => c.state)), distinct(all.map(c => c.health).filter(h => h !== 'none')) || '-',
        distinct(all.flatMap(c => c.ports)) || '-'].map(cell));
      row.children[3].className = 'num';
      rows.push(row);
    }
  }
  $('stacks').tBodies[0].replaceChildren(...rows);
  $('stack-count').textContent = '(' + answer.stacks.length + ')';
}

function distinct(words) {
  return [...new Set(words)].join(', ');
}

// ---- one container: charts and live log ---------------------------------------------------------------------------

function showContainer(id) {
  pages.container = id;
  const c = state.containers.get(id);
  $('container-title').textContent = c ? c.name : short(id);
  $('container-facts').textContent = c ? c.image + ', ' + (c.state || c.status) : '';
  $('log').textContent = '';
  loadCharts(id);
  pages.timer = setInterval(() => loadCharts(id), 60000);
  followLog(id);
}

async function loadCharts(id) {
  const span = $('chart-window').value;
  let answer;
  try {
    answer = await api('GET', '/containers/instances/' + encodeURIComponent(id) + '/health?history=' + span);
  } catch (e) {
    say('charts of ' + short(id) + ': ' + e.message, false);
    return;
  }
  if (pages.container !== id) return;
  const to = Date.now(), from = to - WINDOWS[span];
  const samples = answer.history.map(s => ({ t: new Date(s.ts).getTime(), cpu: s.cpu_usage, memory: s.memory_usage }));
  drawChart($('cpu-chart'), samples.map(s => ({ t: s.t, v: s.cpu })), from, to);
  drawChart($('memory-chart'), samples.map(s => ({ t: s.t, v: s.memory })), from, to);
  $('cpu-now').textContent = 'now ' + answer.cpu_usage + '%';
  $('memory-now').textContent = 'now ' + answer.memory_usage + '%'
    + (answer.memory_bytes != null ? ' (' + bytes(answer.memory_bytes) + ')' : '');
}

async function followLog(id) {
  const controller = new AbortController();
  pages.logAbort = controller;
  const log = $('log');
  $('log-state').textContent = 'connecting';
  try {
    const response = await fetch('/containers/' + encodeURIComponent(id) + '/logs/stream?tail=200', {
      headers: { 'Authorization': 'Bearer ' + state.token, 'Accept': 'text/event-stream' },
      signal: controller.signal, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) {
      let json = null;
      try { json = await response.json(); } catch (e) { json = null; }
      throw new Error(errorLine(json, response.status));
    }
    $('log-state').textContent = 'live';
    await readEvents(response, (message) => {
      if (message.kind === 'end') {
        $('log-state').textContent = 'the container stopped';
        return;
      }
      const stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      log.append(message.data + '\n');
      while (log.childNodes.length > LOG_LINES) log.firstChild.remove();
      if (stick) log.scrollTop = log.scrollHeight;
    });
    if ($('log-state').textContent === 'live') $('log-state').textContent = 'ended';
  } catch (e) {
    if (!controller.signal.aborted) $('log-state').textContent = 'log unavailable: ' + e.message;
  }
}
