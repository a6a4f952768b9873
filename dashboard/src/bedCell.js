// One cell of the bed board. Status shows as colour, symbol and word; the patient only as initials and MRN, linked to
// their chart, with their latest NEWS2. The bed's button covers the whole cell (its ::after), the patient link sits above it.
import { h, setText } from "./dom.js";
import { chartHref, elapsed } from "./format.js";
import { news2Badge, news2Text } from "./news2.js";
import { SYMBOLS } from "./status.js";

const SEX_MARKERS = { Male: ["♂ M", "Male ward"], Female: ["♀ F", "Female ward"] };

export class BedCell {
  #bed = null;
  #button;
  #room = h("span", { class: "bed-room" });
  #symbol = h("span", { class: "symbol", "aria-hidden": "true" });
  #status = h("span", { class: "bed-status-text", "data-testid": "bed-status" });
  #time = h("time", { class: "bed-time" });
  #patient = h("a", { class: "bed-patient", "data-testid": "bed-patient", title: "Open the chart" });
  #news2 = h("span", { class: "bed-news2", "data-testid": "bed-news2" });
  #reason = h("span", { class: "bed-reason" });
  #markers = h("span", { class: "bed-markers" });

  constructor(bedId, open) {
    this.#button = h("button", { type: "button", class: "bed-open", "aria-haspopup": "dialog", "data-testid": "open-bed" }, bedId);
    this.#button.addEventListener("click", () => open(bedId));
    this.element = h("li", { class: "bed", "data-testid": `bed-${bedId}`, "data-bed-id": bedId },
      h("div", { class: "bed-cell" },
        h("span", { class: "bed-head" }, this.#button, this.#room),
        h("span", { class: "bed-status" }, this.#symbol, this.#status),
        this.#time, this.#patient, this.#news2, this.#reason, this.#markers));
  }

  render(bed, sexPolicy, doseOverdue = false) {
    this.#bed = bed;
    this.element.dataset.status = bed.status;
    this.element.dataset.version = String(bed.version);
    setText(this.#room, `Room ${bed.room}`);
    setText(this.#symbol, SYMBOLS[bed.status] ?? "?");
    setText(this.#status, bed.status);
    this.#time.dateTime = bed.since;
    const patient = bed.mrn ? `${bed.patientInitials ?? "?"} · MRN ${bed.mrn}` : "";
    setText(this.#patient, patient);
    this.#patient.hidden = !patient;
    if (bed.mrn) this.#patient.href = chartHref(bed.mrn);
    else this.#patient.removeAttribute("href");
    this.#renderNews2(bed);
    const reason = bed.status === "Blocked" && bed.reason ? bed.reason : "";
    setText(this.#reason, reason);
    this.#reason.hidden = !reason;
    this.#renderMarkers(bed, sexPolicy, doseOverdue);
    this.tick();
  }

  /** Refreshes the time in status (and the label that reads it out). */
  tick(now = Date.now()) {
    if (!this.#bed) return;
    setText(this.#time, elapsed(this.#bed.since, now));
    const label = [`Bed ${this.#bed.id}`, `room ${this.#bed.room}`, this.#bed.status, this.#time.textContent,
      this.#patient.textContent, this.#news2.dataset.text, this.#reason.textContent, ...[...this.#markers.children].map((m) => m.title)].filter(Boolean).join(", ");
    if (this.#button.getAttribute("aria-label") !== label) this.#button.setAttribute("aria-label", label);
  }

  #renderNews2(bed) {
    const shown = bed.mrn && bed.news2Score != null;
    const key = shown ? `${bed.news2Score}|${bed.news2RiskBand}` : "";
    if (this.#news2.dataset.key === key) return;
    this.#news2.dataset.key = key;
    this.#news2.dataset.text = shown ? news2Text(bed.news2Score, bed.news2RiskBand) : "";
    this.#news2.replaceChildren(...(shown ? [news2Badge(bed.news2Score, bed.news2RiskBand)] : []));
    this.#news2.hidden = !shown;
  }

  #renderMarkers(bed, sexPolicy, doseOverdue) {
    const markers = [];
    if (doseOverdue && bed.mrn) markers.push(["marker-dose-overdue", "℞ Dose overdue", "Medication dose overdue: see the MAR"]);
    if (bed.isolationRequired) markers.push(["marker-isolation", "⚠ ISO", "Patient needs isolation"]);
    else if (bed.isolationCapable) markers.push(["marker-iso-capable", "ISO", "Isolation-capable bed"]);
    if (SEX_MARKERS[sexPolicy]) markers.push(["marker-sex", ...SEX_MARKERS[sexPolicy]]);
    if (bed.expectedDischarge && bed.status === "Occupied") {
      const today = new Date().toISOString().slice(0, 10);
      markers.push(["marker-discharge", bed.expectedDischarge <= today ? "Leaves today" : `EDD ${bed.expectedDischarge.slice(5)}`,
        `Expected discharge ${bed.expectedDischarge}`]);
    }
    const key = markers.map((m) => m[1]).join("|");
    if (this.#markers.dataset.key === key) return;
    this.#markers.dataset.key = key;
    this.#markers.replaceChildren(...markers.map(([cls, text, title]) => h("span", { class: `marker ${cls}`, title, "data-testid": cls }, text)));
  }
}
