// The hospital board as a table: one row per ward (counts, queue, expected discharges, NEWS2 high, capacity outlook),
// sortable by any column, filtered by service, building, floor and text, grouped with totals per group. Built for
// hundreds of wards: the rows come from one read of /api/census/board, live counts from CensusChanged (the page gets no
// bed events), and the outlook is read again at most every few seconds while counts change.
import { get } from "./api.js";
import { h, oncePerFrame, setText } from "./dom.js";
import { naturalOrder, percent, wardHref } from "./format.js";

const OUTLOOK_REFRESH_MS = 5000;

/** Columns: key, header, value of a row (for sorting), cell text. */
const COLUMNS = [
  { key: "ward", label: "Ward", value: (r) => r.name, numeric: false },
  { key: "service", label: "Service", value: (r) => r.service ?? "", numeric: false },
  { key: "building", label: "Building", value: (r) => r.building ?? "", numeric: false },
  { key: "floor", label: "Floor", value: (r) => r.floor ?? "", numeric: false },
  { key: "occupancy", label: "Occupancy", value: (r) => r.counts.occupancy, text: (r) => percent(r.counts.occupancy) },
  { key: "occupied", label: "Occupied", value: (r) => r.counts.occupied, text: (r) => `${r.counts.occupied} / ${r.counts.total}` },
  { key: "available", label: "Available", value: (r) => r.counts.available },
  { key: "dirty", label: "Dirty", value: (r) => r.counts.dirty },
  { key: "cleaning", label: "Cleaning", value: (r) => r.counts.cleaning },
  { key: "blocked", label: "Blocked", value: (r) => r.counts.blocked },
  { key: "pendingAdmissions", label: "Waiting", value: (r) => r.counts.pendingAdmissions },
  { key: "expectedDischargesToday", label: "Leaving today", value: (r) => r.counts.expectedDischargesToday },
  { key: "news2High", label: "NEWS2 ≥7", value: (r) => r.counts.news2High ?? 0 },
  { key: "freeWithin4Hours", label: "Free ≤4 h", value: (r) => r.outlook.freeWithin4Hours },
  { key: "freeWithin8Hours", label: "Free ≤8 h", value: (r) => r.outlook.freeWithin8Hours },
  { key: "freeWithin24Hours", label: "Free ≤24 h", value: (r) => r.outlook.freeWithin24Hours },
  { key: "net24Hours", label: "Net 24 h", value: (r) => r.outlook.net24Hours },
];

const GROUPS = { "": "No grouping", service: "Service", building: "Building", floor: "Floor" };

export class WardTable {
  #rows = new Map();
  #sort = { key: "ward", desc: false };
  #filters = { service: "", building: "", floor: "", text: "" };
  #groupBy = "";
  #body = h("tbody", { "data-testid": "board-rows" });
  #foot = h("tfoot", { "data-testid": "board-totals" });
  #headers = new Map();
  #selects = {};
  #summary = h("p", { class: "muted board-summary", "data-testid": "board-summary", role: "status" });
  #render = oncePerFrame(() => this.#draw());
  #outlookTimer = 0;
  #outlookDue = false;

  constructor() {
    const head = h("tr", {}, COLUMNS.map((c) => {
      const button = h("button", { type: "button", class: "sort", "data-sort": c.key }, c.label);
      button.addEventListener("click", () => this.sortBy(c.key));
      const th = h("th", { scope: "col", "aria-sort": "none", "data-field": c.key, class: c.numeric === false ? "" : "num" }, button);
      this.#headers.set(c.key, th);
      return th;
    }));
    const select = (name, label, options) => {
      const id = `board-${name}`;
      const element = h("select", { id, "data-testid": `board-filter-${name}` });
      element.addEventListener("change", () => {
        if (name === "group") this.#groupBy = element.value;
        else this.#filters[name] = element.value;
        this.#render();
      });
      this.#selects[name] = element;
      this.#fill(element, options);
      return h("label", { for: id, class: "board-control" }, label, element);
    };
    const text = h("input", { type: "search", id: "board-text", placeholder: "Ward name or id", "data-testid": "board-filter-text" });
    text.addEventListener("input", () => {
      this.#filters.text = text.value.trim().toLowerCase();
      this.#render();
    });
    this.element = h("section", { class: "card ward-table", "aria-labelledby": "ward-table-title", "data-testid": "ward-table" },
      h("h2", { id: "ward-table-title" }, "Wards"),
      h("div", { class: "board-controls" },
        select("service", "Service", []), select("building", "Building", []), select("floor", "Floor", []),
        h("label", { for: "board-text", class: "board-control" }, "Find", text),
        select("group", "Group by", Object.entries(GROUPS)),
        this.#sortControl()),
      this.#summary,
      h("table", { class: "board-table" }, h("caption", { class: "visually-hidden" }, "Wards with bed counts and expected capacity"),
        h("thead", {}, head), this.#body, this.#foot));
  }

  /** The whole board from the api (first paint, and after a reconnect). */
  async load() {
    this.apply(await get("/api/census/board"));
  }

  apply(board) {
    const seen = new Set();
    for (const row of board.wards) {
      seen.add(row.wardId);
      const known = this.#rows.get(row.wardId);
      if (known?.element) Object.defineProperty(row, "element", { value: known.element, enumerable: false, writable: true });
      this.#rows.set(row.wardId, row);
    }
    for (const id of [...this.#rows.keys()]) if (!seen.has(id)) this.#rows.delete(id);
    const f = board.filters;
    this.#fill(this.#selects.service, [["", "All services"], ...f.services.map((s) => [s, s])]);
    this.#fill(this.#selects.building, [["", "All buildings"], ...f.buildings.map((s) => [s, s])]);
    this.#fill(this.#selects.floor, [["", "All floors"], ...f.floors.map((s) => [s, s])]);
    this.#render();
  }

  get size() {
    return this.#rows.size;
  }

  /** A ward's counts changed (CensusChanged): its row now, the outlook within a few seconds. Unknown ward: false. */
  onCensusChanged(ward) {
    const row = this.#rows.get(ward.wardId);
    if (!row) return false;
    row.counts = { ...row.counts, ...ward };
    this.#render();
    this.#outlookSoon();
    return true;
  }

  sortBy(key) {
    this.#sort = this.#sort.key === key ? { key, desc: !this.#sort.desc } : { key, desc: COLUMNS.find((c) => c.key === key).numeric !== false };
    if (this.#sortSelect.value !== key) this.#sortSelect.value = key;
    this.#render();
  }

  #sortSelect;

  /** The sort as a control of its own too: on a phone the table's headers are not shown. */
  #sortControl() {
    this.#sortSelect = h("select", { id: "board-sort", "data-testid": "board-sort" },
      COLUMNS.map((c) => h("option", { value: c.key }, c.label)));
    this.#sortSelect.addEventListener("change", () => this.sortBy(this.#sortSelect.value));
    const reverse = h("button", { type: "button", "data-testid": "board-sort-reverse", "aria-label": "Reverse the order" }, "⇅");
    reverse.addEventListener("click", () => this.sortBy(this.#sort.key));
    return h("label", { for: "board-sort", class: "board-control" }, "Sort", h("span", { class: "board-sort" }, this.#sortSelect, reverse));
  }

  unmount() {
    clearTimeout(this.#outlookTimer);
  }

  #outlookSoon() {
    if (this.#outlookTimer) {
      this.#outlookDue = true;
      return;
    }
    this.#outlookTimer = setTimeout(async () => {
      this.#outlookTimer = 0;
      try {
        const outlook = await get("/api/census/outlook");
        for (const w of outlook.wards) {
          const row = this.#rows.get(w.wardId);
          if (row) row.outlook = w.outlook;
        }
        this.#render();
      } catch {
        // The next change tries again.
      }
      if (this.#outlookDue) {
        this.#outlookDue = false;
        this.#outlookSoon();
      }
    }, OUTLOOK_REFRESH_MS);
  }

  #fill(select, options) {
    const signature = options.map(([v]) => v).join("|");
    if (select.dataset.signature === signature) return;
    select.dataset.signature = signature;
    const keep = select.value;
    select.replaceChildren(...options.map(([value, label]) => h("option", { value }, label)));
    if (options.some(([v]) => v === keep)) select.value = keep;
  }

  #visible() {
    const { service, building, floor, text } = this.#filters;
    const column = COLUMNS.find((c) => c.key === this.#sort.key);
    const sign = this.#sort.desc ? -1 : 1;
    return [...this.#rows.values()]
      .filter((r) => (!service || r.service === service) && (!building || r.building === building) && (!floor || r.floor === floor)
        && (!text || r.wardId.toLowerCase().includes(text) || r.name.toLowerCase().includes(text)))
      .sort((a, b) => {
        const x = column.value(a), y = column.value(b);
        const order = typeof x === "number" ? x - y : naturalOrder(x, y);
        return order !== 0 ? sign * order : naturalOrder(a.wardId, b.wardId);
      });
  }

  #draw() {
    for (const [key, th] of this.#headers) {
      th.setAttribute("aria-sort", key === this.#sort.key ? (this.#sort.desc ? "descending" : "ascending") : "none");
    }
    const rows = this.#visible();
    const lines = [];
    if (this.#groupBy) {
      const groups = new Map();
      for (const r of rows) {
        const key = r[this.#groupBy] ?? "";
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(r);
      }
      for (const key of [...groups.keys()].sort(naturalOrder)) {
        const members = groups.get(key);
        lines.push(totalsRow(`${GROUPS[this.#groupBy]}: ${key || "none"}`, members, "group-total", `group-${key}`));
        lines.push(...members.map((r) => this.#rowElement(r)));
      }
    } else {
      lines.push(...rows.map((r) => this.#rowElement(r)));
    }
    if (lines.length !== this.#body.children.length || lines.some((line, i) => this.#body.children[i] !== line)) this.#body.replaceChildren(...lines);
    this.#foot.replaceChildren(totalsRow("Total", rows, "hospital-total", "total"));
    setText(this.#summary, `${rows.length} of ${this.#rows.size} wards`);
  }

  /** A ward's row, reused between draws (its cells are updated in place). */
  #rowElement(row) {
    let element = row.element;
    if (!element) {
      element = h("tr", { "data-testid": `board-row-${row.wardId}`, "data-ward-id": row.wardId },
        COLUMNS.map((c) => h(c.key === "ward" ? "th" : "td", { scope: c.key === "ward" ? "row" : null, "data-label": c.label, "data-field": c.key,
          class: c.numeric === false ? "" : "num" })));
      Object.defineProperty(row, "element", { value: element, enumerable: false, writable: true });
      const link = h("a", { href: wardHref(row.wardId), "data-testid": "board-ward-link" });
      element.firstChild.append(link);
    }
    COLUMNS.forEach((c, i) => {
      const cell = element.children[i];
      const text = c.text ? c.text(row) : String(c.value(row));
      if (c.key === "ward") setText(cell.firstChild, row.name);
      else setText(cell, text);
      if (c.key === "net24Hours") cell.classList.toggle("shortfall", row.outlook.net24Hours < 0);
      if (c.key === "news2High") cell.classList.toggle("alerting", (row.counts.news2High ?? 0) > 0);
    });
    return element;
  }
}

/** A totals row over some wards: sums of the counts and outlook, occupancy over their usable beds. */
function totalsRow(label, rows, className, testId) {
  const sum = (f) => rows.reduce((n, r) => n + f(r), 0);
  const total = sum((r) => r.counts.total), blocked = sum((r) => r.counts.blocked), occupied = sum((r) => r.counts.occupied);
  const merged = {
    name: label, service: "", building: "", floor: "",
    counts: {
      total, blocked, occupied, occupancy: total - blocked > 0 ? occupied / (total - blocked) : 0,
      available: sum((r) => r.counts.available), dirty: sum((r) => r.counts.dirty), cleaning: sum((r) => r.counts.cleaning),
      pendingAdmissions: sum((r) => r.counts.pendingAdmissions), expectedDischargesToday: sum((r) => r.counts.expectedDischargesToday),
      news2High: sum((r) => r.counts.news2High ?? 0),
    },
    outlook: {
      freeWithin4Hours: sum((r) => r.outlook.freeWithin4Hours), freeWithin8Hours: sum((r) => r.outlook.freeWithin8Hours),
      freeWithin24Hours: sum((r) => r.outlook.freeWithin24Hours), net24Hours: sum((r) => r.outlook.net24Hours),
    },
  };
  return h("tr", { class: className, "data-testid": `board-${testId}` }, COLUMNS.map((c) => {
    const text = c.key === "ward" ? `${label} (${rows.length})` : ["service", "building", "floor"].includes(c.key) ? "" : c.text ? c.text(merged) : String(c.value(merged));
    return h(c.key === "ward" ? "th" : "td", { scope: c.key === "ward" ? "row" : null, "data-label": c.label, "data-field": c.key,
      class: c.numeric === false ? "" : "num" }, text);
  }));
}
