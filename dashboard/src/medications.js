// The chart's medication orders: the active orders with the warnings they were placed with, discontinuing one (with a
// reason), giving a when-required (prn) dose, and the order form. The form asks the api to check the order as it is
// filled in (POST .../medication-orders/check), so the prescriber sees every warning before sending; when a
// contraindicated or major warning blocks, it asks for the override reason the api requires.
import { ApiError, get, post, segment } from "./api.js";
import { clear, h } from "./dom.js";
import { clock } from "./format.js";
import { describe, runAction } from "./problems.js";
import { clearFieldErrors, showFieldErrors } from "./fieldErrors.js";

const SEVERITIES = ["contraindicated", "major", "moderate", "minor"];

export const FREQUENCIES = [
  ["daily", "daily (08:00)"], ["bd", "bd · twice a day"], ["tds", "tds · three times a day"], ["qds", "qds · four times a day"],
  ["q4h", "every 4 h"], ["q6h", "every 6 h"], ["q8h", "every 8 h"], ["q12h", "every 12 h"], ["weekly", "weekly"],
  ["once", "once (now)"], ["prn", "prn · when required"],
];

const COMMON_ROUTES = ["oral", "iv", "im", "sc", "inhaled", "nebulised", "rectal", "sublingual", "buccal", "transdermal", "topical", "intranasal"];

/** Warnings, the most severe first, each as severity, kind, message and what it is with. */
export function warningList(warnings, attributes = {}) {
  const sorted = [...warnings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  return h("ul", { class: "warnings", ...attributes }, sorted.map((w) =>
    h("li", { class: `warning warning-${w.severity}`, "data-severity": w.severity, "data-kind": w.kind },
      h("span", { class: "warning-severity" }, w.severity), " ", h("strong", {}, w.kind), ` · ${w.message}`,
      w.with ? h("span", { class: "muted" }, ` (with ${w.with})`) : null)));
}

/** "amoxicillin 500 mg oral tds". */
export const orderText = (order) => `${order.drug.name} ${order.dose} ${order.unit} ${order.route} ${order.frequency}`;

export class MedicationOrdersPanel {
  #mrn;
  #changed;
  #can = new Set();
  #list = h("ul", { class: "orders", "data-testid": "medication-orders-list" });
  #note = h("p", { class: "muted", "data-testid": "medication-orders-note" }, "Loading…");
  #count = h("span", { class: "badge" }, "0");
  #form;

  /** `changed()` runs after an order was placed, discontinued or a prn dose recorded (the MAR reads again). */
  constructor(mrn, changed) {
    this.#mrn = mrn;
    this.#changed = changed;
    this.#form = new OrderForm(mrn, () => this.#afterChange());
    this.element = h("section", { class: "card medication-orders", "data-testid": "medication-orders", "aria-labelledby": "orders-title" },
      h("h2", { id: "orders-title" }, "Active medication orders ", this.#count), this.#note, this.#list, this.#form.element);
    this.#form.element.hidden = true;
  }

  /** What the user may do: the form shows only to prescribers, the buttons only to those allowed. */
  allow(permissions) {
    this.#can = permissions;
    this.#form.element.hidden = !permissions.has("MedicationOrder");
    this.element.hidden = !permissions.has("MedicationRead");
  }

  async load() {
    if (!this.#can.has("MedicationRead")) return;
    const orders = await get(`/api/patients/${segment(this.#mrn)}/medication-orders?status=Active`);
    this.render(orders);
  }

  render(orders) {
    const sorted = [...orders].sort((a, b) => Date.parse(b.orderedAt) - Date.parse(a.orderedAt));
    this.#count.textContent = String(sorted.length);
    this.#note.textContent = sorted.length ? "" : "No active orders.";
    this.#note.hidden = sorted.length > 0;
    clear(this.#list).append(...sorted.map((order) => this.#item(order)));
  }

  async #afterChange() {
    await this.load();
    await this.#changed();
  }

  #item(order) {
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const actions = h("div", { class: "order-actions" });
    if (order.frequency === "prn" && this.#can.has("MedicationAdminister")) {
      actions.append(h("button", { type: "button", "data-testid": "give-prn", onclick: (e) => this.#run(e.currentTarget, error,
        () => post(`/api/medication-orders/${segment(order.id)}/doses`, { outcome: "Given" })) }, "Give a dose now"));
    }
    if (this.#can.has("MedicationDiscontinue")) actions.append(this.#discontinue(order, error));
    return h("li", { class: "order", "data-testid": `order-${order.id}`, "data-order-id": order.id },
      h("p", { class: "order-main" }, h("strong", {}, orderText(order)),
        h("span", { class: "muted" }, ` · from ${clock(order.start)}${order.end ? ` to ${clock(order.end)}` : ""} · ${order.orderedBy}`)),
      order.warnings.length ? warningList(order.warnings, { "data-testid": "order-warnings" }) : null,
      order.overrideReason ? h("p", { class: "override", "data-testid": "order-override" }, `Overridden: ${order.overrideReason}`) : null,
      actions, error);
  }

  /** Discontinue asks for the reason in place, then sends it. */
  #discontinue(order, error) {
    const reason = h("input", { type: "text", maxlength: "500", placeholder: "Reason for stopping", "aria-label": `Reason for stopping ${order.drug.name}`, "data-testid": "discontinue-reason" });
    const confirm = h("button", { type: "submit", class: "primary", "data-testid": "confirm-discontinue" }, "Stop order");
    const form = h("form", { class: "inline-form", hidden: true }, reason, confirm);
    const open = h("button", { type: "button", "data-testid": "discontinue", onclick: () => {
      form.hidden = false;
      open.hidden = true;
      reason.focus();
    } }, "Discontinue");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#run(confirm, error, () => post(`/api/medication-orders/${segment(order.id)}/discontinue`, { reason: reason.value }));
    });
    return h("span", {}, open, form);
  }

  #run(button, error, action) {
    return runAction(button, error, async () => {
      await action();
      await this.#afterChange();
    });
  }
}

/** The order form: drug (catalogue search), dose, unit, route, frequency, start and end, and the override reason. */
class OrderForm {
  #mrn;
  #placed;
  #inputs = {};
  #errors = {};
  #drugs = h("datalist", { id: "drug-options" });
  #routes = h("datalist", { id: "route-options" }, COMMON_ROUTES.map((r) => h("option", { value: r })));
  #checked = h("div", { class: "order-check", "data-testid": "order-check", "aria-live": "polite" });
  #override = h("div", { class: "field override-field", "data-field": "overrideReason", hidden: true });
  #formError = h("p", { class: "form-error", role: "alert", "data-testid": "order-error", hidden: true });
  #result = h("p", { role: "status", "data-testid": "order-result", hidden: true });
  #submit = h("button", { type: "submit", class: "primary", "data-testid": "place-order" }, "Order");
  #checkTimer = 0;
  #searchTimer = 0;
  #sequence = 0;
  #blocked = false;

  constructor(mrn, placed) {
    this.#mrn = mrn;
    this.#placed = placed;
    const fields = [
      this.#field("drug", "Drug", h("input", { type: "text", list: "drug-options", autocomplete: "off", maxlength: "100", placeholder: "generic name" })),
      this.#field("dose", "Dose", h("input", { type: "number", step: "any", min: "0", inputmode: "decimal" })),
      this.#field("unit", "Unit", h("input", { type: "text", value: "mg", maxlength: "20" })),
      this.#field("route", "Route", h("input", { type: "text", list: "route-options", value: "oral", maxlength: "40" })),
      this.#field("frequency", "Frequency", h("select", {}, FREQUENCIES.map(([value, text]) => h("option", { value }, text)))),
      this.#field("start", "Start", h("input", { type: "datetime-local" }), "blank: now"),
      this.#field("end", "End", h("input", { type: "datetime-local" }), "optional"),
    ];
    const reason = h("textarea", { id: "order-overrideReason", name: "overrideReason", rows: "2", maxlength: "500", "data-testid": "override-reason",
      "aria-describedby": "order-overrideReason-error" });
    this.#inputs.overrideReason = reason;
    const reasonError = h("p", { class: "field-error", id: "order-overrideReason-error", hidden: true });
    this.#errors.overridereason = { error: reasonError, input: reason };
    this.#override.append(h("label", { for: reason.id }, "Override reason (required: the order has a contraindicated or major warning)"), reason, reasonError);
    this.element = h("form", { class: "order-form", novalidate: true, "data-testid": "order-form", "aria-labelledby": "order-form-title" },
      h("h3", { id: "order-form-title" }, "New medication order"),
      h("div", { class: "fields" }, fields), this.#drugs, this.#routes,
      this.#checked, this.#override,
      h("div", { class: "form-foot" }, this.#submit, this.#result), this.#formError);
    this.element.addEventListener("input", (event) => {
      if (event.target === this.#inputs.drug) this.#searchSoon();
      if (event.target !== reason) this.#checkSoon();
    });
    this.element.addEventListener("change", () => this.#checkSoon());
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#send();
    });
  }

  #field(name, label, input, hint) {
    const id = `order-${name}`;
    Object.assign(input, { id, name });
    input.setAttribute("aria-describedby", `${id}-error`);
    input.dataset.testid = `order-${name}`;
    const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
    this.#inputs[name] = input;
    this.#errors[name.toLowerCase()] = { error, input };
    return h("div", { class: "field", "data-field": name },
      h("label", { for: id }, label, hint ? h("span", { class: "unit" }, ` (${hint})`) : null), input, error);
  }

  #body() {
    const value = (name) => this.#inputs[name].value.trim();
    const time = (name) => (value(name) ? new Date(value(name)).toISOString() : undefined);
    return {
      drug: value("drug") || null,
      dose: value("dose") === "" ? null : Number(value("dose")),
      unit: value("unit") || null,
      route: value("route") || null,
      frequency: value("frequency") || null,
      start: time("start"),
      end: time("end"),
      overrideReason: value("overrideReason") || undefined,
    };
  }

  /** Offers catalogue drugs matching what is typed, and the routes the chosen drug is known by. */
  #searchSoon() {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(async () => {
      const name = this.#inputs.drug.value.trim();
      if (name.length < 2) return;
      try {
        const drugs = await get(`/api/drugs?name=${segment(name)}`);
        clear(this.#drugs).append(...drugs.map((d) => h("option", { value: d.name }, d.classes.join(", "))));
        const exact = drugs.find((d) => d.name === name.toLowerCase());
        const routes = exact?.routes?.length ? exact.routes : COMMON_ROUTES;
        clear(this.#routes).append(...routes.map((r) => h("option", { value: r })));
      } catch {
        // The list is a convenience: the check and the order say what is wrong.
      }
    }, 250);
  }

  #checkSoon() {
    clearTimeout(this.#checkTimer);
    this.#checkTimer = setTimeout(() => this.#check(), 300);
  }

  /** The api's checks for the order as filled in so far; nothing is saved. */
  async #check() {
    const body = this.#body();
    const sequence = ++this.#sequence;
    if (!body.drug || body.dose === null || !body.unit || !body.route || !body.frequency) {
      this.#showCheck(null);
      return;
    }
    try {
      const result = await post(`/api/patients/${segment(this.#mrn)}/medication-orders/check`, body);
      if (sequence === this.#sequence) this.#showCheck(result.warnings, result.blocked);
    } catch (e) {
      if (sequence !== this.#sequence) return;
      clear(this.#checked).append(h("p", { class: "muted", "data-testid": "order-check-problem" }, `Not checked yet: ${describe(e)}`));
      this.#setBlocked(false);
    }
  }

  /** The checks' warnings and whether the api says they block (null: nothing to check yet). */
  #showCheck(warnings, blocked = false) {
    if (warnings === null) {
      clear(this.#checked);
      this.#setBlocked(false);
      return;
    }
    clear(this.#checked).append(warnings.length
      ? h("div", {}, h("p", { class: "order-check-head" }, `Checks found ${warnings.length} warning${warnings.length === 1 ? "" : "s"}:`),
        warningList(warnings, { "data-testid": "order-check-warnings" }))
      : h("p", { class: "order-check-clear", "data-testid": "order-check-clear" }, "✓ No allergy, interaction, duplicate or dose warnings."));
    this.#setBlocked(blocked);
  }

  #setBlocked(blocked) {
    this.#blocked = blocked;
    this.#override.hidden = !blocked;
    this.#submit.textContent = blocked ? "Order with override" : "Order";
  }

  async #send() {
    this.#clearErrors();
    this.#result.hidden = true;
    if (this.#blocked && !this.#inputs.overrideReason.value.trim()) {
      this.#showErrors(new ApiError(400, { title: "Override reason required",
        errors: { overrideReason: ["Give the reason for going ahead despite the contraindicated or major warnings."] } }));
      return;
    }
    this.#submit.disabled = true;
    try {
      const order = await post(`/api/patients/${segment(this.#mrn)}/medication-orders`, this.#body());
      this.element.reset();
      this.#showCheck(null);
      this.#result.textContent = `Ordered ${orderText(order)}${order.overrideReason ? " (overridden)" : ""}.`;
      this.#result.hidden = false;
      await this.#placed(order);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.warnings) {
        // Blocked: nothing was saved. Show why, and ask for the reason.
        this.#showCheck(e.warnings, true);
        this.#formError.textContent = `${e.title} — give an override reason to place it anyway.`;
        this.#formError.hidden = false;
        this.#inputs.overrideReason.focus();
      } else {
        this.#showErrors(e);
      }
    } finally {
      this.#submit.disabled = false;
    }
  }

  #showErrors(e) {
    showFieldErrors(this.element, this.#errors, this.#formError, e);
  }

  #clearErrors() {
    clearFieldErrors(this.#errors, this.#formError);
  }
}
