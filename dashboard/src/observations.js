// Vital-signs sets with their NEWS2 (a trend line and a table, newest first; a parameter that scored shows its points)
// and lab results with their H/L and critical HH/LL flags. Every flag is a word or letters, never colour alone.
import { clear, h } from "./dom.js";
import { clock } from "./format.js";
import { news2Badge } from "./news2.js";

/** The NEWS2 parameters in chart order: what the api calls them, a short column name and the unit. */
export const PARAMETERS = [
  { key: "respiratoryRate", label: "Resp. rate", unit: "/min", value: (o) => o.respiratoryRate },
  { key: "spo2", label: "SpO₂", unit: "%", value: (o) => `${o.spo2}${o.spo2Scale === 2 ? " (scale 2)" : ""}` },
  { key: "airOrOxygen", label: "Air/O₂", unit: "", value: (o) => (o.onOxygen ? "O₂" : "Air") },
  { key: "systolicBp", label: "Systolic BP", unit: "mmHg", value: (o) => o.systolicBp },
  { key: "pulse", label: "Pulse", unit: "/min", value: (o) => o.pulse },
  { key: "consciousness", label: "ACVPU", unit: "", value: (o) => o.consciousness },
  { key: "temperature", label: "Temp.", unit: "°C", value: (o) => Number(o.temperature).toFixed(1) },
];

const FLAGS = {
  H: ["↑", "High"],
  L: ["↓", "Low"],
  HH: ["⇈", "Critical high"],
  LL: ["⇊", "Critical low"],
};

export class VitalsPanel {
  #trend = h("div", { class: "news2-trend", "data-testid": "news2-trend" });
  #body = h("tbody", {});
  #empty = h("p", { class: "muted" }, "No vital signs recorded yet.");
  #table = h("table", { class: "data-table", "data-testid": "vitals-table" },
    h("caption", { class: "visually-hidden" }, "Vital signs, newest first, with the NEWS2 points of each parameter"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Taken"), h("th", { scope: "col" }, "NEWS2"),
      PARAMETERS.map((p) => h("th", { scope: "col" }, p.label, p.unit ? h("span", { class: "unit" }, ` ${p.unit}`) : null)),
      h("th", { scope: "col" }, "By"))),
    this.#body);

  element = h("section", { class: "card", "aria-labelledby": "vitals-title", "data-testid": "vitals" },
    h("h2", { id: "vitals-title" }, "Vital signs"), this.#empty, this.#trend, h("div", { class: "table-scroll" }, this.#table));

  /** `vitals` oldest first, as the api sends them. */
  render(vitals) {
    this.#empty.hidden = vitals.length > 0;
    this.#table.hidden = vitals.length === 0;
    clear(this.#trend).append(...(vitals.length > 1 ? [sparkline(vitals)] : []));
    clear(this.#body).append(...[...vitals].reverse().map((o) =>
      h("tr", { "data-testid": `vitals-${o.id}` },
        h("td", {}, h("time", { datetime: o.takenAt }, clock(o.takenAt))),
        h("td", {}, news2Badge(o.news2.score, o.news2.riskBand)),
        PARAMETERS.map((p) => scoredCell(p.value(o), o.news2.parameters?.[p.key] ?? 0)),
        h("td", { class: "muted" }, o.recordedBy))));
  }
}

/** A value, with "+n" when it scored n NEWS2 points. */
function scoredCell(value, points) {
  return h("td", { class: points > 0 ? `scored scored-${points}` : null },
    String(value), points > 0 ? h("sup", { title: `${points} NEWS2 point${points > 1 ? "s" : ""}` }, `+${points}`) : null);
}

/** NEWS2 per set over time, with the Medium (5) and High (7) thresholds. */
function sparkline(vitals) {
  const width = 600;
  const height = 70;
  const max = Math.max(10, ...vitals.map((o) => o.news2.score));
  const times = vitals.map((o) => Date.parse(o.takenAt));
  const [first, last] = [times[0], times.at(-1)];
  const x = (t) => (last === first ? width / 2 : 6 + ((t - first) / (last - first)) * (width - 12));
  const y = (score) => height - 4 - (score / max) * (height - 8);
  const svg = (tag, attributes) => {
    const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  };
  const scores = vitals.map((o) => o.news2.score);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img",
    "aria-label": `NEWS2 trend, oldest to newest: ${scores.join(", ")}` });
  for (const [threshold, cls] of [[5, "threshold-medium"], [7, "threshold-high"]]) {
    chart.append(svg("line", { x1: 0, x2: width, y1: y(threshold), y2: y(threshold), class: cls }));
  }
  chart.append(svg("polyline", { points: vitals.map((o, i) => `${x(times[i])},${y(o.news2.score)}`).join(" "), class: "trend-line" }));
  for (const [i, o] of vitals.entries()) chart.append(svg("circle", { cx: x(times[i]), cy: y(o.news2.score), r: 3.5, class: `dot-${o.news2.riskBand}` }));
  return chart;
}

export class LabsPanel {
  #body = h("tbody", {});
  #empty = h("p", { class: "muted" }, "No lab results yet.");
  #table = h("table", { class: "data-table", "data-testid": "labs-table" },
    h("caption", { class: "visually-hidden" }, "Lab results, newest first"),
    h("thead", {}, h("tr", {}, ["Test", "Result", "Flag", "Reference", "Collected"].map((c) => h("th", { scope: "col" }, c)))),
    this.#body);

  element = h("section", { class: "card", "aria-labelledby": "labs-title", "data-testid": "labs" },
    h("h2", { id: "labs-title" }, "Lab results"), this.#empty, h("div", { class: "table-scroll" }, this.#table));

  render(labs) {
    this.#empty.hidden = labs.length > 0;
    this.#table.hidden = labs.length === 0;
    const newestFirst = [...labs].sort((a, b) => Date.parse(b.collectedAt) - Date.parse(a.collectedAt));
    clear(this.#body).append(...newestFirst.map((lab) => {
      const flag = FLAGS[lab.flag];
      const row = !flag ? null : lab.flag.length === 2 ? "lab-abnormal lab-critical" : "lab-abnormal";
      return h("tr", { class: row, "data-testid": `lab-${lab.id}`, "data-flag": lab.flag },
        h("td", {}, lab.name, h("span", { class: "muted" }, ` ${lab.loinc}`)),
        h("td", { class: "lab-value" }, `${lab.value} ${lab.unit}`),
        h("td", {}, flag ? h("span", { class: `flag flag-${lab.flag}`, title: flag[1], "data-testid": "lab-flag" },
          h("span", { "aria-hidden": "true" }, `${flag[0]} `), lab.flag, h("span", { class: "visually-hidden" }, ` (${flag[1]})`)) : ""),
        h("td", { class: "muted" }, range(lab.referenceLow, lab.referenceHigh),
          critical(lab.criticalLow, lab.criticalHigh)),
        h("td", {}, h("time", { datetime: lab.collectedAt }, clock(lab.collectedAt))));
    }));
  }
}

function range(low, high) {
  if (low != null && high != null) return `${low}–${high}`;
  if (low != null) return `≥ ${low}`;
  if (high != null) return `≤ ${high}`;
  return "–";
}

function critical(low, high) {
  const limits = [low != null ? `< ${low}` : null, high != null ? `> ${high}` : null].filter(Boolean);
  return limits.length ? ` · critical ${limits.join(" or ")}` : "";
}
