// Records a set of vital signs (POST /api/patients/{mrn}/vitals). The api validates (the form does not second-guess it)
// and scores NEWS2; its answer, or its field errors next to each field, show here.
import { post, segment } from "./api.js";
import { h } from "./dom.js";
import { news2Badge } from "./news2.js";
import { clearFieldErrors, fieldKey, showFieldErrors } from "./fieldErrors.js";

const FIELDS = [
  { name: "respiratoryRate", label: "Respiration rate", unit: "/min" },
  { name: "spo2", label: "SpO₂", unit: "%" },
  { name: "spo2Scale", label: "SpO₂ scale", options: [["1", "Scale 1"], ["2", "Scale 2 (target 88–92%)"]] },
  { name: "systolicBp", label: "Systolic BP", unit: "mmHg" },
  { name: "pulse", label: "Pulse", unit: "/min" },
  { name: "temperature", label: "Temperature", unit: "°C", step: "0.1" },
  { name: "consciousness", label: "ACVPU", options: [["", "Choose…"], ["A", "A · alert"], ["C", "C · new confusion"],
    ["V", "V · responds to voice"], ["P", "P · responds to pain"], ["U", "U · unresponsive"]] },
  { name: "onOxygen", label: "On supplemental oxygen", checkbox: true },
  { name: "takenAt", label: "Taken at", hint: "blank: now", datetime: true },
];

export class VitalsForm {
  #mrn;
  #recorded;
  #inputs = {};
  #errors = {};
  #formError = h("p", { class: "form-error", role: "alert", "data-testid": "vitals-error", hidden: true });
  #result = h("p", { class: "vitals-result", role: "status", "data-testid": "vitals-result", hidden: true });
  #submit = h("button", { type: "submit", class: "primary", "data-testid": "record-vitals" }, "Record");

  /** `recorded(observation)` runs after the api accepted a set. */
  constructor(mrn, recorded) {
    this.#mrn = mrn;
    this.#recorded = recorded;
    this.element = h("form", { class: "card vitals-form", novalidate: true, "data-testid": "vitals-form", "aria-labelledby": "vitals-form-title" },
      h("h2", { id: "vitals-form-title" }, "Record vital signs"),
      h("div", { class: "fields" }, FIELDS.map((field) => this.#field(field))),
      h("div", { class: "form-foot" }, this.#submit, this.#result),
      this.#formError);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#send();
    });
  }

  #field(field) {
    const id = `vitals-${field.name}`;
    const error = h("p", { class: "field-error", id: `${id}-error`, "data-testid": `error-${field.name}`, hidden: true });
    const common = { id, name: field.name, "aria-describedby": `${id}-error` };
    const input = field.options ? h("select", common, field.options.map(([value, text]) => h("option", { value }, text)))
      : field.checkbox ? h("input", { ...common, type: "checkbox" })
      : field.datetime ? h("input", { ...common, type: "datetime-local" })
      : h("input", { ...common, type: "number", inputmode: field.step ? "decimal" : "numeric", step: field.step ?? "1" });
    this.#inputs[field.name] = input;
    this.#errors[fieldKey(field.name)] = { error, input };
    const label = h("label", { for: id }, field.label, field.unit ? h("span", { class: "unit" }, ` ${field.unit}`) : null,
      field.hint ? h("span", { class: "unit" }, ` (${field.hint})`) : null);
    return h("div", { class: `field${field.checkbox ? " field-checkbox" : ""}`, "data-field": field.name },
      ...(field.checkbox ? [input, label] : [label, input]), error);
  }

  /** The request body: empty numbers go as null, so that the api names what is missing. */
  #body() {
    const number = (name) => (this.#inputs[name].value === "" ? null : Number(this.#inputs[name].value));
    const body = {
      respiratoryRate: number("respiratoryRate"),
      spo2: number("spo2"),
      spo2Scale: number("spo2Scale"),
      onOxygen: this.#inputs.onOxygen.checked,
      systolicBp: number("systolicBp"),
      pulse: number("pulse"),
      consciousness: this.#inputs.consciousness.value || null,
      temperature: number("temperature"),
    };
    if (this.#inputs.takenAt.value) body.takenAt = new Date(this.#inputs.takenAt.value).toISOString();
    return body;
  }

  async #send() {
    this.#clearErrors();
    this.#result.hidden = true;
    this.#submit.disabled = true;
    try {
      const observation = await post(`/api/patients/${segment(this.#mrn)}/vitals`, this.#body());
      const { score, riskBand, monitoring } = observation.news2;
      this.#result.replaceChildren("Recorded: ", news2Badge(score, riskBand), ` · ${monitoring}`);
      this.#result.hidden = false;
      this.element.reset();
      await this.#recorded(observation);
    } catch (e) {
      this.#showErrors(e);
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
