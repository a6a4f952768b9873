// One cell of the bed board. Status shows as colour, symbol and word; the patient only as initials and MRN.
import { h, setText } from "./dom.js";
import { elapsed } from "./format.js";
import { SYMBOLS } from "./status.js";

const SEX_MARKERS = { Male: ["♂ M", "Male ward"], Female: ["♀ F", "Female ward"] };

export class BedCell {
  #bed = null;
  #button;
  #room = h("span", { class: "bed-room" });
  #symbol = h("span", { class: "symbol", "aria-hidden": "true" });
  #status = h("span", { class: "bed-status-text", "data-testid": "bed-status" });
  #time = h("time", { class: "bed-time" });
  #patient = h("span", { class: "bed-patient", "data-testid": "bed-patient" });
  #reason = h("span", { class: "bed-reason" });
  #markers = h("span", { class: "bed-markers" });

  constructor(bedId, open) {
    this.#button = h("button", { type: "button", class: "bed-cell", "aria-haspopup": "dialog" },
      h("span", { class: "bed-head" }, h("span", { class: "bed-id" }, bedId), this.#room),
      h("span", { class: "bed-status" }, this.#symbol, this.#status),
      this.#time, this.#patient, this.#reason, this.#markers);
    this.#button.addEventListener("click", () => open(bedId));
    this.element = h("li", { class: "bed", "data-testid": `bed-${bedId}`, "data-bed-id": bedId }, this.#button);
  }

  render(bed, sexPolicy) {
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
    const reason = bed.status === "Blocked" && bed.reason ? bed.reason : "";
    setText(this.#reason, reason);
    this.#reason.hidden = !reason;
    this.#renderMarkers(bed, sexPolicy);
    this.tick();
  }

  /** Refreshes the time in status (and the label that reads it out). */
  tick(now = Date.now()) {
    if (!this.#bed) return;
    setText(this.#time, elapsed(this.#bed.since, now));
    const label = [`Bed ${this.#bed.id}`, `room ${this.#bed.room}`, this.#bed.status, this.#time.textContent,
      this.#patient.textContent, this.#reason.textContent, ...[...this.#markers.children].map((m) => m.title)].filter(Boolean).join(", ");
    if (this.#button.getAttribute("aria-label") !== label) this.#button.setAttribute("aria-label", label);
  }

  #renderMarkers(bed, sexPolicy) {
    const markers = [];
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
    this.#markers.replaceChildren(...markers.map(([cls, text, title]) => h("span", { class: `marker ${cls}`, title }, text)));
  }
}
