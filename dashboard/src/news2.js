// NEWS2 risk bands as they read on the board and the chart: each band has a word and a symbol as well as a colour.
import { h } from "./dom.js";

export const RISK_BANDS = {
  Low: { label: "Low", symbol: "○" },
  LowMedium: { label: "Low-medium", symbol: "◆" },
  Medium: { label: "Medium", symbol: "▲" },
  High: { label: "High", symbol: "⚠" },
};

const band = (riskBand) => RISK_BANDS[riskBand] ?? { label: riskBand ?? "?", symbol: "?" };

/** "NEWS2 7 High". */
export const news2Text = (score, riskBand) => `NEWS2 ${score} ${band(riskBand).label}`;

/** A marker: symbol (not read out) and "NEWS2 7 High", styled by band. */
export function news2Badge(score, riskBand, attributes = {}) {
  return h("span", { class: `news2 news2-${riskBand}`, "data-band": riskBand, ...attributes },
    h("span", { class: "symbol", "aria-hidden": "true" }, band(riskBand).symbol), news2Text(score, riskBand));
}
