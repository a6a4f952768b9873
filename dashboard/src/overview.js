// The hospital overview at #/: totals, the 24-hour occupancy trend, one tile per ward, and open alerts.
import { AlertsPanel } from "./alerts.js";
import { get, getOptional } from "./api.js";
import { CountsPanel } from "./counts.js";
import { h, oncePerFrame } from "./dom.js";
import { naturalOrder, wardHref } from "./format.js";
import { ErrorBanner } from "./problems.js";
import { SnapshotGate } from "./snapshot.js";
import { SEX_POLICY_LABELS } from "./status.js";
import { OccupancyTrend } from "./trend.js";

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

  constructor() {
    this.element = h("div", { class: "overview", "data-testid": "overview" },
      h("h1", {}, "Hospital overview"),
      this.#error.element,
      h("div", { class: "overview-top" },
        h("section", { class: "card totals", "aria-labelledby": "totals-title" }, h("h2", { id: "totals-title" }, "Hospital"), this.#totals.element),
        this.#trend.element),
      h("div", { class: "overview-main" },
        h("section", { "aria-labelledby": "wards-title" }, h("h2", { id: "wards-title" }, "Wards"), this.#empty, this.#tileList),
        this.#alerts.element));
  }

  mount(container) {
    container.replaceChildren(this.element);
    this.#trend.mount();
  }

  unmount() {
    this.#trend.unmount();
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
      this.#gate.read(() => Promise.all([get("/api/wards"), get("/api/census"), history]), ([wards, census, points]) => {
        this.#setWards(wards);
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
    for (const [wardId, counts] of this.#changedWards) {
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
    this.#wardsRefresh = setTimeout(() => this.#error.guard(async () => this.#setWards(await get("/api/wards"))), 300);
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
