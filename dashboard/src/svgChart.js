// Bar charts as inline SVG, drawn here (no chart library, nothing from a CDN): stacked bars (receivables by age bucket
// and payer) and plain bars that may go below zero (revenue by day). Every bar has its value as a tooltip (<title>),
// the chart a text alternative, and the series a legend, so colour is never the only cue.

const NS = "http://www.w3.org/2000/svg";
/** Okabe-Ito, distinguishable with common colour-vision deficiencies (as the bed statuses). */
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442"];
const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 30, left: 72 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  element.append(...children);
  return element;
}

export const seriesColour = (index) => PALETTE[index % PALETTE.length];

/** A round step for about four gridlines up to `max`. */
function step(max) {
  if (max <= 0) return 1;
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
}

/** The y scale from `low` (≤ 0) to `high` (≥ 0) in round steps: value -> y, and the gridline values. */
function scale(low, high) {
  const unit = step(Math.max(high, -low, 0));
  const top = Math.max(unit, Math.ceil(high / unit) * unit);
  const bottom = Math.min(0, Math.floor(low / unit) * unit);
  const y = (value) => MARGIN.top + ((top - value) / (top - bottom)) * PLOT_H;
  const ticks = [];
  for (let v = bottom; v <= top + unit / 2; v += unit) ticks.push(v);
  return { y, ticks };
}

function frame(label, { y, ticks }, format, xLabels) {
  const grid = ticks.map((v) => svg("g", { class: "grid" },
    svg("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v), class: v === 0 ? "zero" : null }),
    svg("text", { x: MARGIN.left - 6, y: y(v), "text-anchor": "end", "dominant-baseline": "middle" }, format(v))));
  const labels = xLabels.map(({ x, text }) => svg("text", { x, y: HEIGHT - 10, "text-anchor": "middle", class: "x-label" }, text));
  return svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": label, class: "bar-chart", preserveAspectRatio: "xMidYMid meet" },
    ...grid, ...labels);
}

function legend(keys) {
  const list = document.createElement("ul");
  list.className = "chart-legend";
  keys.forEach((key, i) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = seriesColour(i);
    item.append(swatch, key);
    list.append(item);
  });
  return list;
}

/**
 * Stacked bars: one bar per group (`{ label, parts: [{ key, value }] }`), one segment per key in `keys` order.
 * Negative parts (credit balances) are left out of the drawing; the table beside it has them.
 */
export function stackedBars({ groups, keys, format, label }) {
  const totals = groups.map((g) => g.parts.reduce((sum, p) => sum + Math.max(0, p.value), 0));
  const s = scale(0, Math.max(0, ...totals));
  const slot = PLOT_W / Math.max(1, groups.length);
  const chart = frame(label, s, format, groups.map((g, i) => ({ x: MARGIN.left + slot * (i + 0.5), text: g.label })));
  groups.forEach((group, i) => {
    let base = 0;
    const bar = svg("g", { class: "bar", "data-testid": "chart-bar", "data-label": group.label, "data-total": totals[i].toFixed(2) });
    for (const key of keys) {
      const value = Math.max(0, group.parts.find((p) => p.key === key)?.value ?? 0);
      if (value === 0) continue;
      const top = s.y(base + value);
      bar.append(svg("rect", {
        x: MARGIN.left + slot * i + slot * 0.18, width: slot * 0.64, y: top, height: Math.max(1, s.y(base) - top),
        fill: seriesColour(keys.indexOf(key)), "data-key": key,
      }, svg("title", {}, `${group.label}, ${key}: ${format(value)}`)));
      base += value;
    }
    chart.append(bar);
  });
  return wrap(chart, legend(keys));
}

/** Plain bars (`{ label, value }`), below the zero line when negative; at most about a dozen x labels. */
export function bars({ points, format, label, seriesLabel }) {
  const values = points.map((p) => p.value);
  const s = scale(Math.min(0, ...values), Math.max(0, ...values));
  const slot = PLOT_W / Math.max(1, points.length);
  const every = Math.ceil(points.length / 12);
  const chart = frame(label, s, format,
    points.flatMap((p, i) => (i % every === 0 ? [{ x: MARGIN.left + slot * (i + 0.5), text: p.label }] : [])));
  points.forEach((point, i) => {
    const top = s.y(Math.max(0, point.value));
    const height = Math.abs(s.y(point.value) - s.y(0));
    chart.append(svg("rect", {
      x: MARGIN.left + slot * i + slot * 0.15, width: Math.max(1, slot * 0.7), y: top, height: point.value === 0 ? 0 : Math.max(1, height),
      fill: point.value < 0 ? PALETTE[5] : PALETTE[0], class: "bar", "data-testid": "chart-bar", "data-label": point.label, "data-value": point.value.toFixed(2),
    }, svg("title", {}, `${point.label}: ${format(point.value)}`)));
  });
  return wrap(chart, seriesLabel ? legend([seriesLabel]) : null);
}

function wrap(chart, legendElement) {
  const figure = document.createElement("div");
  figure.className = "svg-chart";
  figure.append(chart);
  if (legendElement) figure.append(legendElement);
  return figure;
}
