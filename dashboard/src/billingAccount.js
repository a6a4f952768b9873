// An admission's account (#/billing/account/{encounterId}): its lines (credits as lines of their own), payments and
// balance; with BillingWrite a payment form, a manual charge form and "Issue invoice"; the admission's invoices with
// their printable page and PDF. The api validates; its errors show at the field or under the form.
import { get, post, segment } from "./api.js";
import { h } from "./dom.js";
import { openDocument, saveFile } from "./download.js";
import { clearFieldErrors, fieldKey, showFieldErrors } from "./fieldErrors.js";
import { clock, money } from "./format.js";
import { fullName } from "./chart.js";
import { permissions } from "./permissions.js";
import { ErrorBanner, runAction } from "./problems.js";

const METHODS = ["Cash", "Card", "Insurer", "BankTransfer", "Cheque"];

/** A small form whose fields the api names in its errors. */
class AccountForm {
  #inputs = {};
  #errors = {};
  #formError;
  #submit;

  constructor({ id, title, fields, submitLabel, send }) {
    this.#formError = h("p", { class: "form-error", role: "alert", "data-testid": `${id}-error`, hidden: true });
    this.#submit = h("button", { type: "submit", class: "primary", "data-testid": `${id}-submit` }, submitLabel);
    this.element = h("form", { class: "account-form", novalidate: true, "data-testid": id, "aria-labelledby": `${id}-title` },
      h("h3", { id: `${id}-title` }, title),
      h("div", { class: "fields" }, fields.map((f) => this.#field(id, f))),
      h("div", { class: "form-foot" }, this.#submit),
      this.#formError);
    this.element.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearFieldErrors(this.#errors, this.#formError);
      this.#submit.disabled = true;
      try {
        await send(this.#values());
        this.element.reset();
      } catch (e) {
        showFieldErrors(this.element, this.#errors, this.#formError, e);
      } finally {
        this.#submit.disabled = false;
      }
    });
  }

  #field(form, field) {
    const id = `${form}-${field.name}`;
    const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
    const common = { id, name: field.name, "aria-describedby": `${id}-error`, "data-testid": id };
    const input = field.options
      ? h("select", common, field.options.map((o) => h("option", { value: o }, o)))
      : h("input", { ...common, type: field.type ?? "text", inputmode: field.type === "number" ? "decimal" : null, step: field.step ?? null, maxlength: field.maxlength ?? null });
    this.#inputs[field.name] = { input, field };
    this.#errors[fieldKey(field.name)] = { error, input };
    return h("div", { class: "field" }, h("label", { for: id }, field.label), input, error);
  }

  /** Empty numbers go as null, so the api names what is missing. */
  #values() {
    return Object.fromEntries(Object.entries(this.#inputs).map(([name, { input, field }]) => {
      const value = input.value.trim();
      if (field.type === "number") return [name, value === "" ? null : Number(value)];
      return [name, value === "" ? null : value];
    }));
  }
}

export class AccountView {
  #encounterId;
  #account = null;
  #error = new ErrorBanner();
  #title = h("h1", { "data-testid": "account-title" });
  #facts = h("p", { class: "chart-facts", "data-testid": "account-patient" });
  #totals = h("dl", { class: "account-totals", "data-testid": "account-totals" });
  #lines = h("tbody", { "data-testid": "account-lines" });
  #payments = h("tbody", { "data-testid": "account-payments" });
  #invoices = h("tbody", { "data-testid": "invoices" });
  #actions = h("div", { class: "account-actions", hidden: true });
  #actionError = h("p", { class: "form-error", role: "alert", "data-testid": "invoice-error", hidden: true });

  constructor(encounterId) {
    this.#encounterId = encounterId;
    this.#title.textContent = `Account ${encounterId}`;
    const path = `/api/admissions/${segment(encounterId)}`;
    const payment = new AccountForm({
      id: "payment-form", title: "Record a payment", submitLabel: "Record payment",
      fields: [
        { name: "method", label: "Method", options: METHODS },
        { name: "amount", label: "Amount", type: "number", step: "0.01" },
        { name: "reference", label: "Reference (not for cash)", maxlength: "200" },
      ],
      send: async (body) => {
        await post(`${path}/payments`, body);
        await this.load();
      },
    });
    const charge = new AccountForm({
      id: "charge-form", title: "Post a charge", submitLabel: "Post charge",
      fields: [
        { name: "code", label: "Charge code", maxlength: "64" },
        { name: "quantity", label: "Quantity", type: "number", step: "any" },
      ],
      send: async (body) => {
        await post(`${path}/charges`, body);
        await this.load();
      },
    });
    const issue = h("button", { type: "button", class: "primary", "data-testid": "issue-invoice" }, "Issue invoice");
    issue.addEventListener("click", () => runAction(issue, this.#actionError, async () => {
      await post(`${path}/invoices`);
      await this.#loadInvoices();
      issue.disabled = false;
    }));
    this.#actions.append(h("div", { class: "account-forms" }, payment.element, charge.element), h("div", { class: "form-foot" }, issue), this.#actionError);

    this.element = h("div", { class: "account", "data-testid": "account-view", "data-encounter": encounterId },
      h("div", { class: "chart-head" }, this.#title, this.#facts),
      this.#error.element,
      h("div", { class: "account-main" },
        h("section", { class: "card", "aria-labelledby": "lines-title" },
          h("h2", { id: "lines-title" }, "Charges and credits"),
          h("div", { class: "table-scroll" }, h("table", { class: "data-table billing-table" },
            h("thead", {}, h("tr", {}, ["#", "Date", "Code", "Description", "Source", "Qty", "Unit price", "Amount"].map((t, i) => h("th", { scope: "col", class: i >= 5 ? "num" : null }, t)))),
            this.#lines)),
          h("h2", {}, "Payments"),
          h("div", { class: "table-scroll" }, h("table", { class: "data-table billing-table" },
            h("thead", {}, h("tr", {}, ["Received", "Method", "Reference", "Amount"].map((t, i) => h("th", { scope: "col", class: i >= 3 ? "num" : null }, t)))),
            this.#payments))),
        h("div", { class: "side" },
          h("section", { class: "card", "aria-labelledby": "balance-title" }, h("h2", { id: "balance-title" }, "Balance"), this.#totals),
          h("section", { class: "card", "aria-labelledby": "invoices-title" },
            h("h2", { id: "invoices-title" }, "Invoices"),
            h("div", { class: "table-scroll" }, h("table", { class: "data-table billing-table" },
              h("thead", {}, h("tr", {}, ["Number", "Issued", "Total", "Due", ""].map((t, i) => h("th", { scope: "col", class: i === 2 || i === 3 ? "num" : null }, t)))),
              this.#invoices)),
            this.#actions))));
    permissions().then((allowed) => (this.#actions.hidden = !allowed.has("BillingWrite")), () => {});
  }

  crumbs() {
    return [{ label: "Billing", href: "#/billing" }, { label: `Account ${this.#encounterId}` }];
  }

  mount(container) {
    container.replaceChildren(this.element);
  }

  unmount() {}

  async load() {
    const account = await this.#error.guard(() => get(`/api/admissions/${segment(this.#encounterId)}/account`));
    if (!account) return;
    const first = this.#account === null;
    this.#account = account;
    if (first) this.#loadPatient(account.mrn);
    this.#render(account);
    await this.#loadInvoices();
  }

  async #loadPatient(mrn) {
    const patient = await get(`/api/patients/${segment(mrn)}`).catch(() => null);
    this.#facts.textContent = patient ? `${fullName(patient)} · born ${patient.birthDate} · MRN ${mrn}` : `MRN ${mrn}`;
  }

  #render(account) {
    const format = (v) => money(v, account.currency);
    const numbers = new Map(account.charges.map((c, i) => [c.id, i + 1]));
    this.#lines.replaceChildren(...account.charges.map((c, i) => h("tr", { "data-testid": "account-line", "data-code": c.code, class: c.reverses ? "credit" : null },
      h("td", { class: "num" }, String(i + 1)), h("td", {}, clock(c.eventAt ?? c.postedAt)), h("td", {}, c.code),
      h("td", {}, c.description, c.reverses ? ` (credits line ${numbers.get(c.reverses) ?? "?"}${c.reason ? `: ${c.reason}` : ""})` : ""),
      h("td", {}, c.source), h("td", { class: "num" }, String(c.quantity)), h("td", { class: "num" }, format(c.unitPrice)), h("td", { class: "num" }, format(c.amount)))));
    if (account.charges.length === 0) this.#lines.append(h("tr", {}, h("td", { colspan: "8", class: "muted" }, "No charges yet.")));
    this.#payments.replaceChildren(...account.payments.map((p) => h("tr", { "data-testid": "account-payment" },
      h("td", {}, clock(p.receivedAt)), h("td", {}, p.method), h("td", {}, p.reference ?? ""), h("td", { class: "num" }, format(p.amount)))));
    const unpriced = account.unpriced?.length ?? 0;
    this.#totals.replaceChildren(
      h("dt", {}, "Total"), h("dd", { "data-testid": "account-total" }, format(account.total)),
      h("dt", {}, "Paid"), h("dd", { "data-testid": "account-paid" }, format(account.paid)),
      h("dt", {}, "Balance"), h("dd", { "data-testid": "account-balance", "data-amount": Number(account.balance).toFixed(2) }, format(account.balance)),
      ...(unpriced ? [h("dt", {}, "Not priced"), h("dd", {}, `${unpriced} events`)] : []));
  }

  async #loadInvoices() {
    const invoices = await this.#error.guard(() => get(`/api/admissions/${segment(this.#encounterId)}/invoices`));
    if (!invoices) return;
    this.#invoices.replaceChildren(...invoices.slice().reverse().map((invoice) => {
      const error = h("span", { class: "form-error inline-error", role: "alert", hidden: true });
      const html = h("button", { type: "button", class: "link-button", "data-testid": "invoice-html" }, "Print");
      const pdf = h("button", { type: "button", class: "link-button", "data-testid": "invoice-pdf" }, "PDF");
      const path = `/api/invoices/${segment(invoice.number)}`;
      html.addEventListener("click", () => runAction(html, error, async () => {
        await openDocument(`${path}/html`);
        html.disabled = false;
      }));
      pdf.addEventListener("click", () => runAction(pdf, error, async () => {
        await saveFile(`${path}/pdf`, `${invoice.number}.pdf`);
        pdf.disabled = false;
      }));
      return h("tr", { "data-testid": "invoice-row", "data-number": invoice.number },
        h("td", {}, invoice.number), h("td", {}, clock(invoice.issuedAt)), h("td", { class: "num" }, money(invoice.total, invoice.currency)),
        h("td", { class: "num" }, money(invoice.balanceDue, invoice.currency)), h("td", {}, html, " ", pdf, error));
    }));
    if (invoices.length === 0) this.#invoices.append(h("tr", {}, h("td", { colspan: "5", class: "muted" }, "None issued yet.")));
  }
}
