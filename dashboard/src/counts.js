// Bed counts by status with occupancy, as on ward tiles, hospital totals and the board's summary. Updating sets only
// the numbers that changed.
import { h, setText } from "./dom.js";
import { percent } from "./format.js";
import { STATUSES, SYMBOLS } from "./status.js";

export class CountsPanel {
  #fields = {};
  #segments = {};
  #meter;

  constructor({ testId, extras = true }) {
    const field = (name, text = "0") => (this.#fields[name] = h("span", { "data-field": name }, text));
    this.#meter = h("div", { class: "status-bar", "aria-hidden": "true" },
      STATUSES.map((s) => (this.#segments[s] = h("span", { class: `status-${s}` }))));
    this.element = h("div", { class: "counts", "data-testid": testId },
      h("p", { class: "occupancy" }, h("strong", { class: "big" }, field("occupancy", "0%")), " occupied · ",
        field("total"), " beds"),
      this.#meter,
      h("dl", { class: "status-counts" }, STATUSES.map((s) =>
        h("div", { class: `count status-${s}` },
          h("dt", {}, h("span", { class: "symbol", "aria-hidden": "true" }, SYMBOLS[s]), s),
          h("dd", {}, field(s.toLowerCase()))))),
      extras ? h("p", { class: "extras" },
        "Pending admissions ", h("strong", {}, field("pendingAdmissions")),
        " · Expected discharges today ", h("strong", {}, field("expectedDischargesToday"))) : null);
  }

  update(counts) {
    for (const [name, element] of Object.entries(this.#fields)) {
      if (name === "occupancy") setText(element, percent(counts.occupancy));
      else if (counts[name] !== undefined) setText(element, counts[name]);
    }
    for (const s of STATUSES) {
      const grow = String(counts[s.toLowerCase()] ?? 0);
      if (this.#segments[s].style.flexGrow !== grow) this.#segments[s].style.flexGrow = grow;
    }
  }
}
