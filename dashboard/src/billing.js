// Finance (#/billing, for BillingRead): accounts receivable by age bucket and payer (stacked bars and a table),
// revenue by hospital day for a period (bars and a table), the accounts not yet invoiced, and each report as CSV.
import { get } from "./api.js";
import { h } from "./dom.js";
import { saveFile } from "./download.js";
import { accountHref, money } from "./format.js";
import { ErrorBanner, runAction } from "./problems.js";
import { bars, stackedBars } from "./svgChart.js";

const REPORTS = "/api/billing/reports";
const isoDay = (date) => date.toISOString().slice(0, 10);
const addDays = (day, n) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

function table(testid, headings, rows, numericFrom = 1) {
  return h("div", { class: "table-scroll" },
    h("table", { class: "data-table billing-table", "data-testid": testid },
      h("thead", {}, h("tr", {}, headings.map((t, i) => h("th", { scope: "col", class: i >= numericFrom ? "num" : null }, t)))),
      h("tbody", {}, rows)));
}

/** A button that saves a report as CSV; a failure shows next to it. */
function csvButton(testid, path, fileName) {
  const error = h("span", { class: "form-error inline-error", role: "alert", hidden: true });
  const button = h("button", { type: "button", class: "link-button", "data-testid": testid }, "Download CSV");
  button.addEventListener("click", () => runAction(button, error, async () => {
    await saveFile(path(), fileName());
    button.disabled = false;
  }));
  return h("span", { class: "csv" }, button, error);
}

export class BillingView {
  #error = new ErrorBanner();
  #receivables = h("div", { "data-testid": "receivables" }, h("p", { class: "muted" }, "Loading…"));
  #revenue = h("div", { "data-testid": "revenue" }, h("p", { class: "muted" }, "Loading…"));
  #unbilled = h("div", { "data-testid": "unbilled" }, h("p", { class: "muted" }, "Loading…"));
  #from = h("input", { type: "date", name: "from", required: true, "data-testid": "revenue-from" });
  #through = h("input", { type: "date", name: "through", required: true, "data-testid": "revenue-through" });
  #revenueError = h("p", { class: "form-error", role: "alert", "data-testid": "revenue-error", hidden: true });

  constructor() {
    const today = isoDay(new Date());
    this.#through.value = today;
    this.#from.value = addDays(today, -29);
    const period = h("form", { class: "report-filter", "data-testid": "revenue-period" },
      h("label", {}, "From ", this.#from),
      h("label", {}, "Through ", this.#through),
      h("button", { type: "submit", "data-testid": "revenue-load" }, "Show"));
    period.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#loadRevenue();
    });
    this.element = h("div", { class: "billing", "data-testid": "billing" },
      h("h1", {}, "Billing"),
      this.#error.element,
      h("section", { class: "card", "aria-labelledby": "ar-title" },
        h("div", { class: "card-head" }, h("h2", { id: "ar-title" }, "Accounts receivable"),
          csvButton("receivables-csv", () => `${REPORTS}/receivables?format=csv`, () => `receivables-${today}.csv`)),
        this.#receivables),
      h("section", { class: "card", "aria-labelledby": "revenue-title" },
        h("div", { class: "card-head" }, h("h2", { id: "revenue-title" }, "Revenue by day"),
          csvButton("revenue-csv", () => `${REPORTS}/revenue?${this.#period()}&format=csv`, () => `revenue-${this.#from.value}-${this.#through.value}.csv`)),
        period, this.#revenueError, this.#revenue),
      h("section", { class: "card", "aria-labelledby": "unbilled-title" },
        h("div", { class: "card-head" }, h("h2", { id: "unbilled-title" }, "Not yet invoiced"),
          csvButton("unbilled-csv", () => `${REPORTS}/unbilled?format=csv`, () => `unbilled-${today}.csv`)),
        this.#unbilled));
  }

  crumbs() {
    return [{ label: "Billing" }];
  }

  mount(container) {
    container.replaceChildren(this.element);
  }

  unmount() {}

  async load() {
    await Promise.all([this.#loadReceivables(), this.#loadRevenue(), this.#loadUnbilled()]);
  }

  /** The api's period is [from, to): "through" is the last day shown. */
  #period() {
    return new URLSearchParams({ from: this.#from.value, to: this.#through.value ? addDays(this.#through.value, 1) : "" }).toString();
  }

  async #loadReceivables() {
    const report = await this.#error.guard(() => get(`${REPORTS}/receivables`));
    if (!report) return;
    const format = (v) => money(v, report.currency);
    const labels = [...report.buckets.map((b) => b.label), "In house"];
    const keys = report.payers.map((p) => p.payerId);
    const groups = labels.map((label, i) => ({
      label,
      parts: report.payers.map((p) => ({ key: p.payerId, value: i < report.buckets.length ? p.amounts[i] : p.inHouse })),
    }));
    const row = (r, total) => h("tr", { "data-testid": total ? "receivables-total" : "receivables-row", "data-payer": r.payerId, class: total ? "total-row" : null },
      h("th", { scope: "row" }, total ? "All payers" : r.payerId),
      ...r.amounts.map((a) => h("td", { class: "num" }, format(a))),
      h("td", { class: "num" }, format(r.inHouse)),
      h("td", { class: "num" }, format(r.total)),
      h("td", { class: "num" }, String(r.accounts)));
    this.#receivables.replaceChildren(
      report.payers.length === 0
        ? h("p", { class: "muted" }, "No open balances.")
        : h("div", { "data-testid": "receivables-chart" },
          stackedBars({ groups, keys, format, label: `Open balances by days since discharge and payer, ${format(report.totals.total)} in all` })),
      table("receivables-table", ["Payer", ...labels, "Total", "Accounts"], [...report.payers.map((p) => row(p, false)), row(report.totals, true)]),
      h("p", { class: "muted" }, `Aged to ${report.asOf} (${report.timeZone}) from the discharge day; patients still in hospital are in house.`,
        report.truncated ? " More accounts are open than the report reads." : ""));
  }

  async #loadRevenue() {
    this.#revenueError.hidden = true;
    let report;
    try {
      report = await get(`${REPORTS}/revenue?${this.#period()}`);
    } catch (e) {
      this.#revenueError.textContent = e.describe?.() ?? String(e);
      this.#revenueError.hidden = false;
      return;
    }
    const format = (v) => money(v, report.currency);
    // The chart has every day; the table the days something was charged or credited.
    const days = report.days.filter((d) => d.charges !== 0 || d.credits !== 0).map((d) => h("tr", { "data-testid": "revenue-day", "data-date": d.date },
      h("th", { scope: "row" }, d.date), h("td", { class: "num" }, format(d.charges)), h("td", { class: "num" }, format(d.credits)),
      h("td", { class: "num" }, format(d.net))));
    const total = h("tr", { class: "total-row", "data-testid": "revenue-total" }, h("th", { scope: "row" }, "Total"),
      h("td", { class: "num" }, format(report.total.charges)), h("td", { class: "num" }, format(report.total.credits)), h("td", { class: "num" }, format(report.total.net)));
    const groups = (title, column, items, name) => h("div", {},
      h("h3", {}, title),
      table(`revenue-by-${column.toLowerCase()}`, [column, "Net"],
        items.map((i) => h("tr", {}, h("th", { scope: "row" }, name(i)), h("td", { class: "num" }, format(i.net))))));
    this.#revenue.replaceChildren(
      h("div", { "data-testid": "revenue-chart" },
        bars({ points: report.days.map((d) => ({ label: d.date.slice(5), value: d.net })), format, label: `Net revenue by day, ${format(report.total.net)} in all`, seriesLabel: "Net revenue" })),
      h("div", { class: "revenue-tables" },
        table("revenue-table", ["Day", "Charges", "Credits", "Net"], [...days, total]),
        groups("By ward", "Ward", report.wards, (w) => w.wardId),
        groups("By category", "Category", report.categories, (c) => c.category)),
      h("p", { class: "muted" }, `Hospital days in ${report.timeZone}; credits count on the day of what they credit.`,
        report.truncated ? " The period holds more lines than the report reads." : ""));
  }

  async #loadUnbilled() {
    const report = await this.#error.guard(() => get(`${REPORTS}/unbilled`));
    if (!report) return;
    const format = (v) => money(v, report.currency);
    const rows = report.accounts.map((a) => h("tr", { "data-testid": "unbilled-row", "data-encounter": a.encounterId },
      h("th", { scope: "row" }, h("a", { href: accountHref(a.encounterId) }, a.encounterId)),
      h("td", {}, a.mrn), h("td", {}, a.payerId), h("td", {}, a.dischargedAt ? a.dischargedAt.slice(0, 10) : "in house"),
      h("td", { class: "num" }, format(a.total)), h("td", { class: "num" }, format(a.invoiced)), h("td", { class: "num" }, format(a.notInvoiced)),
      h("td", { class: "num" }, a.unpricedCount ? String(a.unpricedCount) : "")));
    this.#unbilled.replaceChildren(
      report.accounts.length === 0 ? h("p", { class: "muted" }, "Every account is invoiced.")
        : table("unbilled-table", ["Admission", "MRN", "Payer", "Discharged", "Total", "Invoiced", "Not invoiced", "Unpriced events"], rows, 4),
      h("p", { class: "muted", "data-testid": "unbilled-summary" },
        `${report.accounts.length} accounts, ${format(report.notInvoiced)} not invoiced, ${report.unpriced} with events not yet priced.`));
  }
}
