// The hospital overview at #/: totals, the 24-hour occupancy trend, the wards as tiles or as a table (sortable,
// filterable, grouped: the default once a hospital has more wards than fit on a screen), and open alerts.
import { AlertsPanel } from "./alerts.js";
import { get, getOptional } from "./api.js";
import { CountsPanel } from "./counts.js";
import { h, oncePerFrame } from "./dom.js";
import { naturalOrder, wardHref } from "./format.js";
import { ErrorBanner } from "./problems.js";
import { SnapshotGate } from "./snapshot.js";
import { SEX_POLICY_LABELS } from "./status.js";
import { OccupancyTrend } from "./trend.js";
import { WardTable } from "./wardTable.js";

/** More wards than this and the overview opens as a table (a choice made on the page is kept in this browser). */
const TABLE_FROM_WARDS = 12;
const MODE_KEY = "hospital.overview.mode";

export class OverviewView {
  #gate = new SnapshotGate();
  #tiles = new Map();
  #tileList = h("ul", { class: "ward-tiles", "data-testid": "ward-tiles" });
  #empty = h("p", { class: "muted", hidden: true }, "No wards yet. Create one with POST /api/wards.");
  #totals = new CountsPanel({ testId: "hospital-totals" });
  #trend = new OccupancyTrend();
  #alerts = new AlertsPanel();
  #error = new ErrorBanner();
  #wardsRefresh = 0;
  #changedWards = new Map();
  #hospital = null;
  #queueFlush = oncePerFrame(() => this.#flush());
  #table = new WardTable();
  #tilesSection;
  #modeButtons = {};
  #mode = null;

  constructor() {
    const modeButton = (mode, label) => {
      const button = h("button", { type: "button", "data-testid": `overview-mode-${mode}`, "aria-pressed": "false" }, label);
      button.addEventListener("click", () => this.#setMode(mode, true));
      return (this.#modeButtons[mode] = button);
    };
    this.#tilesSection = h("section", { "aria-labelledby": "wards-title" }, h("h2", { id: "wards-title" }, "Wards"), this.#empty, this.#tileList);
    this.element = h("div", { class: "overview", "data-testid": "overview" },
      h("div", { class: "overview-head" }, h("h1", {}, "Hospital overview"),
        h("div", { class: "segmented", role: "group", "aria-label": "Show wards as" }, modeButton("table", "Table"), modeButton("cards", "Cards"))),
      this.#error.element,
      h("div", { class: "overview-top" },
        h("section", { class: "card totals", "aria-labelledby": "totals-title" }, h("h2", { id: "totals-title" }, "Hospital"), this.#totals.element),
        this.#trend.element),
      h("div", { class: "overview-main" },
        h("div", { class: "overview-wards" }, this.#table.element, this.#tilesSection),
        this.#alerts.element));
    this.#table.element.hidden = true;
  }

  /** Table or cards; `chosen` marks a choice made on the page, which is kept. */
  #setMode(mode, chosen = false) {
    if (chosen) localStorage.setItem(MODE_KEY, mode);
    const changed = this.#mode !== mode;
    this.#mode = mode;
    this.#table.element.hidden = mode !== "table";
    this.#tilesSection.hidden = mode !== "cards";
    // The table takes the page's width; alerts move below it.
    this.element.classList.toggle("table-mode", mode === "table");
    for (const [m, button] of Object.entries(this.#modeButtons)) button.setAttribute("aria-pressed", String(m === mode));
    if (changed && mode === "table" && chosen) this.#error.guard(() => this.#table.load());
    if (changed && mode === "cards" && chosen) this.#error.guard(async () => this.#setWards(await get("/api/wards")));
  }

  mount(container) {
    container.replaceChildren(this.element);
    this.#trend.mount();
  }

  unmount() {
    this.#trend.unmount();
    this.#table.unmount();
    clearTimeout(this.#wardsRefresh);
  }

  subscribe(connection) {
    return connection.invoke("SubscribeHospital");
  }

  unsubscribe(connection) {
    return connection.invoke("UnsubscribeHospital");
  }

  async load() {
    const history = getOptional("/api/census/history?hours=24", []);
    await this.#error.guard(() => Promise.all([
      this.#gate.read(async () => {
        // The board's one read decides the mode when nothing was chosen here: many wards, a table; a few, cards.
        const stored = localStorage.getItem(MODE_KEY);
        const [board, census, points] = await Promise.all([stored === "cards" ? null : get("/api/census/board"), get("/api/census"), history]);
        const mode = stored ?? (board.wards.length > TABLE_FROM_WARDS ? "table" : "cards");
        const wards = mode === "cards" ? await get("/api/wards") : null;
        return { mode, board, wards, census, points };
      }, ({ mode, board, wards, census, points }) => {
        // A choice made on the page while this was read wins.
        mode = localStorage.getItem(MODE_KEY) ?? mode;
        this.#setMode(mode);
        if (board) this.#table.apply(board);
        else if (mode === "table") this.#error.guard(() => this.#table.load());
        if (wards) this.#setWards(wards);
        else if (mode === "cards") this.#error.guard(async () => this.#setWards(await get("/api/wards")));
        this.#totals.update(census.hospital);
        // The journal's history may lag the live counts: the line ends at the census just read.
        this.#trend.setHistory(points);
        this.#trend.add(census.hospital);
      }),
      this.#alerts.load(),
    ]));
  }

  onCensusChanged({ ward, hospital }) {
    this.#gate.event(() => {
      this.#changedWards.set(ward.wardId, ward);
      this.#hospital = hospital;
      this.#queueFlush();
    });
    this.#trend.add(hospital);
  }

  onAlert(alert) {
    this.#alerts.onAlert(alert);
  }

  /** Applies the newest counts of each ward that changed since the last frame. */
  #flush() {
    if (this.#mode === null) {
      // Before the first snapshot: the snapshot gate applies these again on top of it.
      this.#changedWards.clear();
      return;
    }
    for (const [wardId, counts] of this.#changedWards) {
      if (this.#mode === "table") {
        if (!this.#table.onCensusChanged(counts)) this.#refreshWardsSoon();
        continue;
      }
      const tile = this.#tiles.get(wardId);
      if (tile) tile.counts.update(counts);
      else this.#refreshWardsSoon();
    }
    this.#changedWards.clear();
    if (this.#hospital) this.#totals.update(this.#hospital);
  }

  /** A ward we have no tile for has appeared: read the list again (once for a burst of new wards). */
  #refreshWardsSoon() {
    clearTimeout(this.#wardsRefresh);
    this.#wardsRefresh = setTimeout(() => this.#error.guard(async () => {
      if (this.#mode === "table") await this.#table.load();
      else this.#setWards(await get("/api/wards"));
    }), 300);
  }

  #setWards(wards) {
    for (const ward of wards) {
      let tile = this.#tiles.get(ward.id);
      if (!tile) {
        tile = wardTile(ward);
        this.#tiles.set(ward.id, tile);
      }
      tile.name.textContent = ward.name;
      tile.policy.textContent = SEX_POLICY_LABELS[ward.sexPolicy] ?? ward.sexPolicy;
      tile.counts.update(ward.census);
    }
    const ordered = [...this.#tiles.keys()].sort(naturalOrder).map((id) => this.#tiles.get(id).element);
    if (ordered.some((element, i) => this.#tileList.children[i] !== element)) this.#tileList.replaceChildren(...ordered);
    this.#empty.hidden = this.#tiles.size > 0;
  }
}

function wardTile(ward) {
  const name = h("a", { href: wardHref(ward.id), "data-testid": "ward-link" });
  const policy = h("span", { class: "policy-badge" });
  const counts = new CountsPanel({ testId: "ward-counts" });
  const element = h("li", { class: "card ward-tile", "data-testid": `ward-tile-${ward.id}`, "data-ward-id": ward.id },
    h("h3", {}, name, " ", h("span", { class: "muted" }, ward.id)), policy, counts.element);
  return { element, name, policy, counts };
}
