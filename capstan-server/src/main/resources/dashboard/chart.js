'use strict';
// A small line chart in plain SVG (no library): percentages over a time window, scaled to the highest value, averaged into at most MAX_POINTS
// buckets so a week of samples stays light to draw.

const SVG_NS = 'http://www.w3.org/2000/svg';
const CHART = { width: 600, height: 160, left: 38, right: 8, top: 8, bottom: 22 };
const MAX_POINTS = 300;

// samples: [{t: epoch ms, v: percent}] in any order; from/to: the window in epoch ms.
function drawChart(svg, samples, from, to) {
  const w = CHART.width, h = CHART.height;
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
  svg.setAttribute('class', 'chart');
  const inner = { x0: CHART.left, x1: w - CHART.right, y0: h - CHART.bottom, y1: CHART.top };
  const points = buckets(samples, from, to);
  const top = niceCeiling(Math.max(1, ...points.map(p => p.v)));
  const x = (t) => inner.x0 + (inner.x1 - inner.x0) * (t - from) / Math.max(1, to - from);
  const y = (v) => inner.y0 - (inner.y0 - inner.y1) * v / top;
  const parts = [];
  for (const v of [0, top / 2, top]) {
    parts.push(svgElement('line', { x1: inner.x0, x2: inner.x1, y1: y(v), y2: y(v), class: 'grid' }));
    parts.push(svgText(inner.x0 - 4, y(v) + 4, v + '%', 'end'));
  }
  parts.push(svgText(inner.x0, h - 6, timeLabel(from, to), 'start'));
  parts.push(svgText(inner.x1, h - 6, 'now', 'end'));
  svg.dataset.points = String(points.length);
  if (points.length) {
    parts.push(svgElement('polyline', { class: 'line',
      points: points.map(p => x(p.t).toFixed(1) + ',' + y(p.v).toFixed(1)).join(' ') }));
  } else {
    parts.push(svgText((inner.x0 + inner.x1) / 2, (inner.y0 + inner.y1) / 2, 'no samples in this window yet', 'middle'));
  }
  svg.replaceChildren(...parts);
}

// The scale's top: 1, 2 or 5 times a power of ten, at or above the highest value, so small figures stay visible.
function niceCeiling(value) {
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

function buckets(samples, from, to) {
  const inWindow = samples.filter(s => s.t >= from && s.t <= to).sort((a, b) => a.t - b.t);
  if (inWindow.length <= MAX_POINTS) return inWindow;
  const width = (to - from) / MAX_POINTS;
  const sums = new Map();
  for (const s of inWindow) {
    const i = Math.min(MAX_POINTS - 1, Math.floor((s.t - from) / width));
    const b = sums.get(i) || { t: 0, v: 0, n: 0 };
    b.t += s.t; b.v += s.v; b.n++;
    sums.set(i, b);
  }
  return [...sums.keys()].sort((a, b) => a - b).map(i => {
    const b = sums.get(i);
    return { t: b.t / b.n, v: b.v / b.n };
  });
}

function timeLabel(from, to) {
  const span = to - from;
  const d = new Date(from);
  return span > 86400000 * 1.5 ? d.toLocaleDateString() : d.toLocaleTimeString();
}

function svgElement(name, attributes) {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

function svgText(x, y, text, anchor) {
  const t = svgElement('text', { x, y, 'text-anchor': anchor, class: 'axis' });
  t.textContent = text;
  return t;
}
