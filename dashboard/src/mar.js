// The medication administration record for the current day on the hospital's clock (GET /api/patients/{mrn}/mar):
// each dose with its due time, drug and status; one click records it Given (from the chosen supply bin of the
// patient's ward, if any), Held and Refused ask for the reason first. Missed doses can still be recorded late; a
// recorded dose can be corrected to another outcome with a reason (POST /api/mar/{doseId}/correct: journaled, and a
// charge for a dose no longer Given is credited).
import { get, getOptional, post, segment } from "./api.js";
import { clear, h } from "./dom.js";
import { clock } from "./format.js";
import { runAction } from "./problems.js";

const time = (iso) => new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

export class MarPanel {
  #mrn;
  #wardOf;
  #recorded;
  #can = new Set();
  #body = h("tbody", {});
  #empty = h("p", { class: "muted", "data-testid": "mar-empty" }, "No doses due today.");
  #table = h("table", { class: "data-table mar-table", "data-testid": "mar-table" },
    h("caption", { class: "visually-hidden" }, "Doses due today, by time"),
    h("thead", {}, h("tr", {}, ["Due", "Medicine", "Status", "Recorded", ""].map((c) => h("th", { scope: "col" }, c)))),
    this.#body);
  #bin = h("select", { id: "mar-bin", "data-testid": "mar-bin" }, h("option", { value: "" }, "not from a ward bin"));
  #binField = h("p", { class: "mar-bin", hidden: true }, h("label", { for: "mar-bin" }, "Doses given from "), this.#bin);
  #binsOf = null;

  /** `wardOf()` is the ward the patient lies on (its bins are offered), `recorded()` runs after each record. */
  constructor(mrn, wardOf, recorded) {
    this.#mrn = mrn;
    this.#wardOf = wardOf;
    this.#recorded = recorded;
    this.element = h("section", { class: "card mar", "data-testid": "mar", "aria-labelledby": "mar-title" },
      h("h2", { id: "mar-title" }, "Medication administration record · today"), this.#binField, this.#empty,
      h("div", { class: "table-scroll" }, this.#table));
  }

  allow(permissions) {
    this.#can = permissions;
    this.element.hidden = !permissions.has("MedicationRead");
  }

  async load() {
    if (!this.#can.has("MedicationRead")) return;
    const [doses, orders] = await Promise.all([
      get(`/api/patients/${segment(this.#mrn)}/mar`),
      get(`/api/patients/${segment(this.#mrn)}/medication-orders`),
      this.#loadBins(),
    ]);
    this.render(doses, new Map(orders.map((o) => [o.id, o])));
  }

  render(doses, orders) {
    this.#empty.hidden = doses.length > 0;
    this.#table.hidden = doses.length === 0;
    clear(this.#body).append(...doses.map((dose) => this.#row(dose, orders.get(dose.orderId))));
  }

  /** The supply bins of the patient's ward, once per ward. */
  async #loadBins() {
    const ward = this.#wardOf();
    if (!ward || !this.#can.has("MedicationAdminister") || !this.#can.has("InventoryRead")) {
      this.#binField.hidden = true;
      return;
    }
    if (this.#binsOf === ward) return;
    const bins = await getOptional(`/api/locations/${segment(ward)}/supply-bins`, []);
    this.#binsOf = ward;
    const chosen = this.#bin.value;
    clear(this.#bin).append(h("option", { value: "" }, "not from a ward bin"),
      ...bins.map((b) => h("option", { value: b.id }, `${b.name} · ${b.id} (${b.onHand} ${b.unit})`)));
    this.#bin.value = bins.some((b) => b.id === chosen) ? chosen : "";
    this.#binField.hidden = bins.length === 0;
  }

  #row(dose, order) {
    const medicine = order ? `${order.drug.name} ${order.dose} ${order.unit} ${order.route}` : dose.drug?.name ?? dose.orderId;
    const recorded = dose.recordedAt ? [`${clock(dose.recordedAt)} by ${dose.recordedBy}`, dose.reason ? ` · ${dose.reason}` : ""].join("") : "";
    const open = dose.status === "Due" || dose.status === "Missed";
    return h("tr", { class: `dose dose-${dose.status}`, "data-testid": `dose-${dose.id}`, "data-status": dose.status, "data-order-id": dose.orderId },
      h("td", {}, h("time", { datetime: dose.due }, time(dose.due))),
      h("td", {}, medicine, order?.frequency === "prn" ? h("span", { class: "muted" }, " · when required") : null),
      h("td", {}, h("span", { class: `dose-status status-${dose.status}`, "data-testid": "dose-status" }, dose.status)),
      h("td", { class: "muted" }, recorded, dose.binId ? ` · from ${dose.binId}` : ""),
      h("td", {}, !this.#can.has("MedicationAdminister") ? null : open ? this.#actions(dose) : this.#correction(dose)));
  }

  /** The pieces of an inline reason form: its error line, reason input, submit button, and a sender to a MAR route. */
  #reasonForm(dose, action, label, ...before) {
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const reason = h("input", { type: "text", maxlength: "500", placeholder: "Reason", "aria-label": "Reason", "data-testid": "dose-reason" });
    const confirm = h("button", { type: "submit", class: "primary", "data-testid": "confirm-dose" }, label);
    const form = h("form", { class: "inline-form", hidden: true }, ...before, reason, confirm);
    const send = (body, button) => runAction(button, error, async () => {
      await post(`/api/mar/${segment(dose.id)}/${action}`, body);
      await this.#recorded();
    });
    return { error, reason, confirm, form, send };
  }

  #actions(dose) {
    const { error, reason, confirm, form: ask, send } = this.#reasonForm(dose, "record", "Record");
    let outcome = null;
    const given = h("button", { type: "button", class: "primary", "data-testid": "dose-given" }, "Given");
    given.addEventListener("click", () => send({ outcome: "Given", binId: this.#binField.hidden ? undefined : this.#bin.value || undefined }, given));
    const askFor = (value) => h("button", { type: "button", "data-testid": `dose-${value.toLowerCase()}`, onclick: () => {
      outcome = value;
      confirm.textContent = `Record ${value.toLowerCase()}`;
      ask.hidden = false;
      reason.focus();
    } }, value);
    ask.addEventListener("submit", (event) => {
      event.preventDefault();
      send({ outcome, reason: reason.value }, confirm);
    });
    return h("div", { class: "dose-actions" }, given, askFor("Held"), askFor("Refused"), ask, error);
  }

  /** A recorded dose: "Correct" opens the other outcomes and asks for the reason. */
  #correction(dose) {
    const outcome = h("select", { "aria-label": "Correct to", "data-testid": "correct-outcome" },
      ...["Given", "Held", "Refused"].filter((o) => o !== dose.status).map((o) => h("option", { value: o }, o)));
    const { error, reason, confirm, form, send } = this.#reasonForm(dose, "correct", "Save correction", outcome);
    const open = h("button", { type: "button", "data-testid": "dose-correct", onclick: () => {
      form.hidden = false;
      open.hidden = true;
      reason.focus();
    } }, "Correct");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send({ outcome: outcome.value, reason: reason.value }, confirm);
    });
    return h("div", { class: "dose-actions" }, open, form, error);
  }
}
