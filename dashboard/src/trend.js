// Hospital occupancy over the last 24 hours: the journal's history, extended live from CensusChanged events, with the
// newest value carried forward to "now" so the line keeps moving even when nothing changes.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h, oncePerFrame } from "./dom.js";

const WINDOW_S = 24 * 3600;
/** Live changes closer together than this share one point, so a busy day does not grow the series without bound. */
const LIVE_RESOLUTION_S = 60;

const nowSeconds = () => Date.now() / 1000;

export class OccupancyTrend {
  #points = []; // { t: unix seconds, y: occupancy % }
  #live = false; // whether the last point came from a live event
  #plot = null;
  #host = h("div", { class: "trend-plot", role: "img", "aria-label": "Occupancy trend" });
  #summary = h("p", { class: "muted", "data-testid": "trend-summary" }, "No history yet.");
  #resize = new ResizeObserver(() => this.#plot?.setSize(this.#size()));
  #ticker = 0;
  #queueRender = oncePerFrame(() => this.#render());

  constructor() {
    this.element = h("figure", { class: "card trend", "data-testid": "occupancy-trend", "data-points": "0" },
      h("figcaption", {}, h("h2", {}, "Occupancy, last 24 hours")), this.#host, this.#summary);
  }

  /** Call once the element is in the document (uPlot measures it). */
  mount() {
    this.#plot = new uPlot({
      ...this.#size(),
      scales: { x: { time: true }, y: { range: [0, 100] } },
      series: [
        {},
        {
          label: "Occupancy",
          stroke: "#0072B2",
          width: 2,
          fill: "rgba(0, 114, 178, 0.12)",
          paths: uPlot.paths.stepped({ align: 1 }),
          value: (_, v) => (v == null ? "–" : `${v.toFixed(1)}%`),
        },
      ],
      axes: [{}, { values: (_, ticks) => ticks.map((v) => `${v}%`) }],
      cursor: { drag: { x: false, y: false } },
    }, [[], []], this.#host);
    this.#resize.observe(this.#host);
    this.#ticker = setInterval(() => this.#queueRender(), 30_000);
    this.#queueRender();
  }

  unmount() {
    clearInterval(this.#ticker);
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = null;
  }

  /** Replaces the history (points in time order); live points newer than the history are kept. */
  setHistory(points) {
    const history = points.map((p) => ({ t: Date.parse(p.at) / 1000, y: p.occupancy * 100 }));
    const last = history.at(-1)?.t ?? -Infinity;
    this.#points = [...history, ...this.#points.filter((p) => p.t > last)];
    this.#live = false;
    this.#queueRender();
  }

  /** A live hospital census. */
  add(counts) {
    const point = { t: nowSeconds(), y: counts.occupancy * 100 };
    const last = this.#points.at(-1);
    if (this.#live && last && point.t - last.t < LIVE_RESOLUTION_S) {
      // Within the same minute: the newest value stands for it.
      last.y = point.y;
    } else {
      this.#points.push(point);
    }
    this.#live = true;
    this.#queueRender();
  }

  #render() {
    const now = nowSeconds();
    const from = now - WINDOW_S;
    // Keep the last point before the window: it says where the line stood when the window opens.
    const firstInside = this.#points.findIndex((p) => p.t >= from);
    if (firstInside > 1) this.#points.splice(0, firstInside - 1);
    if (firstInside === -1 && this.#points.length > 1) this.#points.splice(0, this.#points.length - 1);
    const xs = this.#points.map((p) => Math.max(p.t, from));
    const ys = this.#points.map((p) => p.y);
    if (ys.length > 0) {
      xs.push(now);
      ys.push(ys.at(-1));
    }
    this.element.dataset.points = String(this.#points.length);
    if (ys.length > 0) {
      const inWindow = ys.slice(0, -1);
      this.#summary.textContent = `Now ${ys.at(-1).toFixed(1)}% · 24 h range ${Math.min(...inWindow).toFixed(0)}–${Math.max(...inWindow).toFixed(0)}%`;
      this.#host.setAttribute("aria-label", `Occupancy trend; ${this.#summary.textContent}`);
    }
    if (!this.#plot) return;
    this.#plot.setData([xs, ys], false);
    this.#plot.setScale("x", { min: from, max: now });
  }

  #size() {
    return { width: Math.max(280, this.#host.clientWidth || 600), height: 220 };
  }
}
