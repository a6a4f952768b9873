// The actions on one bed: mark it Cleaning, Available or Blocked (with a reason). The api decides; when it refuses,
// its title and detail are shown here, with the statuses it would allow.
import { post, segment } from "./api.js";
import { h, setText } from "./dom.js";
import { chartHref, elapsed } from "./format.js";
import { describe } from "./problems.js";
import { MANUAL_STATUSES, SYMBOLS } from "./status.js";

export class BedDialog {
  #bed = null;
  #applied;
  #title = h("h2", { id: "bed-dialog-title" });
  #facts = h("p", { class: "muted", "data-testid": "bed-dialog-facts" });
  #chart = h("a", { "data-testid": "bed-dialog-chart", hidden: true }, "Open the chart");
  #buttons = {};
  #reason = h("input", { id: "block-reason", name: "reason", required: true, maxlength: "200", "data-testid": "block-reason",
    placeholder: "maintenance, isolation, staffing…" });
  #blockForm;
  #error = h("p", { class: "form-error", role: "alert", "data-testid": "action-error", hidden: true });

  /** `applied(bed)` receives the bed the api returned, so the board shows it before the hub event arrives. */
  constructor(applied) {
    this.#applied = applied;
    for (const status of MANUAL_STATUSES) {
      this.#buttons[status] = h("button", { type: "button", "data-testid": `mark-${status}`, "data-status": status },
        h("span", { class: "symbol", "aria-hidden": "true" }, SYMBOLS[status]), ` Mark ${status}${status === "Blocked" ? "…" : ""}`);
      this.#buttons[status].addEventListener("click", () => (status === "Blocked" ? this.#askReason() : this.#set(status)));
    }
    this.#blockForm = h("form", { class: "block-form", hidden: true },
      h("label", { for: "block-reason" }, "Why is the bed blocked?"), this.#reason,
      h("button", { type: "submit", class: "primary", "data-testid": "confirm-block" }, "Block bed"));
    this.#blockForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#set("Blocked", this.#reason.value.trim());
    });
    const close = h("button", { type: "button", class: "link-button", "data-testid": "close-dialog" }, "Close");
    close.addEventListener("click", () => this.element.close());
    this.element = h("dialog", { class: "bed-dialog", "aria-labelledby": "bed-dialog-title", "data-testid": "bed-dialog" },
      this.#title, this.#facts, this.#chart,
      h("div", { class: "actions" }, MANUAL_STATUSES.map((s) => this.#buttons[s])),
      this.#blockForm, this.#error, h("div", { class: "dialog-foot" }, close));
  }

  get bedId() {
    return this.element.open ? this.#bed?.id : null;
  }

  open(bed) {
    this.#error.hidden = true;
    this.#blockForm.hidden = true;
    this.#reason.value = "";
    this.refresh(bed);
    this.element.showModal();
  }

  /** The bed changed while the dialog is open. */
  refresh(bed) {
    this.#bed = bed;
    setText(this.#title, `Bed ${bed.id} · ${bed.status}`);
    const patient = bed.mrn ? ` · ${bed.patientInitials ?? "?"} · MRN ${bed.mrn}` : "";
    setText(this.#facts, `Room ${bed.room} · ${bed.status} for ${elapsed(bed.since).replace("just now", "under a minute")}${patient}`);
    this.#chart.hidden = !bed.mrn;
    if (bed.mrn) this.#chart.href = chartHref(bed.mrn);
    for (const [status, button] of Object.entries(this.#buttons)) button.setAttribute("aria-pressed", String(status === bed.status));
  }

  #askReason() {
    this.#error.hidden = true;
    this.#blockForm.hidden = false;
    this.#reason.focus();
  }

  async #set(status, reason) {
    const buttons = [...this.element.querySelectorAll("button")];
    buttons.forEach((b) => (b.disabled = true));
    this.#error.hidden = true;
    try {
      const bed = await post(`/api/beds/${segment(this.#bed.id)}/status`, reason ? { status, reason } : { status });
      this.#applied(bed);
      this.element.close();
    } catch (error) {
      this.#error.textContent = describe(error);
      this.#error.hidden = false;
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }
}
