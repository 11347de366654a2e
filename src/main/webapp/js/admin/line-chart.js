// A small line chart on a <canvas>: time on x, one or more series on y from 0 to their maximum.
// No library: the admin page must work without the internet.

const PAD = { left: 56, right: 12, top: 12, bottom: 24 };

/**
 * Draws `series` ([{label, color, points: [{t: ms, v: number}]}]) into `canvas`; `format` turns a
 * y value into its axis label. Sets data-points on the canvas to the number of points drawn.
 */
export function drawLineChart(canvas, series, format = (v) => String(v)) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 480;
  const height = canvas.clientHeight || 180;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);

  const all = series.flatMap((s) => s.points);
  canvas.dataset.points = String(all.length);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  g.font = '11px system-ui, sans-serif';
  g.fillStyle = '#6b7385';
  if (all.length === 0) {
    g.fillText('No samples yet', PAD.left, PAD.top + plotH / 2);
    return;
  }
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t), t0 + 1);
  const max = Math.max(...all.map((p) => p.v), 1);
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (v) => PAD.top + plotH - (v / max) * plotH;

  // Grid and y labels: 0, half, max.
  g.strokeStyle = '#dde1e8';
  g.lineWidth = 1;
  for (const v of [0, max / 2, max]) {
    g.beginPath();
    g.moveTo(PAD.left, y(v));
    g.lineTo(PAD.left + plotW, y(v));
    g.stroke();
    g.fillText(format(v), 4, y(v) + 4);
  }
  // x labels: first and last sample's time.
  const clock = (t) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  g.fillText(clock(t0), PAD.left, height - 6);
  const last = clock(t1);
  g.fillText(last, PAD.left + plotW - g.measureText(last).width, height - 6);

  // Drawn last to first, so that where two series are equal (users and sockets, one tab each) the
  // first, the chart's main figure, stays visible on top.
  [...series].reverse().forEach((s, r) => {
    const i = series.length - 1 - r;
    g.strokeStyle = s.color;
    g.fillStyle = s.color;
    g.lineWidth = 2;
    g.beginPath();
    s.points.forEach((p, j) => (j === 0 ? g.moveTo(x(p.t), y(p.v)) : g.lineTo(x(p.t), y(p.v))));
    g.stroke();
    if (s.points.length === 1) {
      g.beginPath();
      g.arc(x(s.points[0].t), y(s.points[0].v), 3, 0, 2 * Math.PI);
      g.fill();
    }
    // Legend, top right.
    const label = s.label;
    const lx = PAD.left + plotW - 110 * (series.length - i);
    g.fillRect(lx, PAD.top, 10, 3);
    g.fillText(label, lx + 14, PAD.top + 5);
  });
}
