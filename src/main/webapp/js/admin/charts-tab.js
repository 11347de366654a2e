// Charts tab: the server's figures over the last hour (GET /api/admin/server), redrawn every 10 s
// while the tab is shown.

import { el, replaceChildren } from '../dom.js';
import { adminLive } from './admin-api.js';
import { bitrate } from './list-panel.js';
import { drawLineChart } from './line-chart.js';

const REFRESH_MS = 10_000;

const CHARTS = [
  { id: 'users', title: 'Users online', series: [
    { key: 'usersOnline', label: 'users', color: '#3559e0' },
    { key: 'sockets', label: 'sockets', color: '#9aa9e8' }], format: (v) => String(Math.round(v)) },
  { id: 'rooms', title: 'Rooms active', series: [
    { key: 'roomsActive', label: 'rooms', color: '#2e7d32' }], format: (v) => String(Math.round(v)) },
  { id: 'bitrate', title: 'Media bitrate', series: [
    { key: 'bitrateInBps', label: 'in', color: '#e0a100' },
    { key: 'bitrateOutBps', label: 'out', color: '#8e24aa' }], format: bitrate },
  { id: 'loss', title: 'Packet loss', series: [
    { key: 'packetLossPercent', label: 'loss %', color: '#c62828' }], format: (v) => `${v.toFixed(1)} %` },
];

const FIGURES = [
  ['usersOnline', 'Users online'], ['sockets', 'Sockets'], ['roomsActive', 'Rooms active'],
  ['transports', 'Transports'], ['producers', 'Producers'], ['consumers', 'Consumers'],
  ['bitrateInBps', 'Bitrate in', bitrate], ['bitrateOutBps', 'Bitrate out', bitrate],
  ['packetsIn', 'Packets in /s'], ['packetsOut', 'Packets out /s'],
  ['packetLossPercent', 'Packet loss %'], ['errors', 'Errors'],
];

export function chartsTab(root) {
  const status = el('p', { className: 'admin-status', attrs: { role: 'status' }, data: { test: 'admin-charts-status' } });
  const error = el('p', { className: 'form-error', attrs: { role: 'alert' }, data: { test: 'admin-charts-error' } });
  const figures = el('dl', { className: 'admin-figures', data: { test: 'admin-figures' } });
  const canvases = new Map();
  const grid = el('div', { className: 'admin-charts' }, CHARTS.map((c) => {
    const canvas = el('canvas', { className: 'admin-chart', data: { test: `admin-chart-${c.id}` },
      attrs: { role: 'img', 'aria-label': c.title } });
    canvases.set(c.id, canvas);
    return el('figure', {}, el('figcaption', {}, c.title), canvas);
  }));
  replaceChildren(root, status, error, figures, grid);
  let timer = null;
  let last = null;

  async function refresh() {
    if (!last) status.textContent = 'Loading…';
    try {
      last = await adminLive.server();
      error.textContent = '';
      status.textContent = `Updated ${new Date().toLocaleTimeString()}; a sample every 10 s, the last hour kept.`;
      draw();
    } catch (e) {
      status.textContent = '';
      error.textContent = e.message;
    }
  }

  function draw() {
    if (!last) return;
    replaceChildren(figures, FIGURES.flatMap(([key, label, fmt]) => [
      el('dt', {}, label),
      el('dd', { data: { test: `admin-figure-${key}` } }, fmt ? fmt(last.now[key]) : String(last.now[key]))]));
    // The samples, then "now" so a fresh server has a point to draw at once.
    const samples = [...last.lastHour, last.now];
    for (const c of CHARTS) {
      drawLineChart(canvases.get(c.id), c.series.map((s) => ({
        label: s.label, color: s.color,
        points: samples.map((p) => ({ t: Date.parse(p.at), v: Number(p[s.key]) || 0 })),
      })), c.format);
    }
  }

  window.addEventListener('resize', draw);
  return {
    show() {
      refresh();
      clearInterval(timer);
      timer = setInterval(refresh, REFRESH_MS);
    },
    hide() {
      clearInterval(timer);
      timer = null;
    },
  };
}
