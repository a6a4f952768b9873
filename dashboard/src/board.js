// A ward's bed board at #/wards/{wardId}: one cell per bed, the ward's counts, its admission and transfer queues and
// open alerts. Pushed beds older than what the board holds are dropped (version); changes are applied once per frame
// and touch only the cells that changed.
import { AlertsPanel } from "./alerts.js";
import { ApiError, get, segment } from "./api.js";
import { BedCell } from "./bedCell.js";
import { BedDialog } from "./bedDialog.js";
import { CountsPanel } from "./counts.js";
import { h, oncePerFrame, setText } from "./dom.js";
import { naturalOrder } from "./format.js";
import { ErrorBanner } from "./problems.js";
import { QUEUES, WardQueue } from "./queue.js";
import { SnapshotGate } from "./snapshot.js";
import { countBeds, SEX_POLICY_LABELS, STATUSES, SYMBOLS } from "./status.js";

export class BoardView {
  #wardId;
  #name = "";
  #sexPolicy = "Mixed";
  #beds = new Map();
  #cells = new Map();
  #changed = new Set();
  #queueFlush = oncePerFrame(() => this.#flush());
  #census = { pendingAdmissions: 0, expectedDischargesToday: 0 };
  #overdue = new Set(); // MRNs with an open MedicationOverdue alert
  #gate = new SnapshotGate();
  #ticker = 0;
  #heading = h("h1", {});
  #policy = h("span", { class: "policy-badge", "data-testid": "sex-policy" });
  #grid = h("ul", { class: "beds", "data-testid": "bed-board", "aria-labelledby": "beds-title" });
  #summary = new CountsPanel({ testId: "ward-summary" });
  #error = new ErrorBanner();
  #dialog = new BedDialog((bed) => this.#apply(bed));
  #queue;
  #transfers;
  #alerts;

  constructor(wardId) {
    this.#wardId = wardId;
    this.#queue = new WardQueue(wardId, QUEUES.pending, () => this.#beds.values());
    this.#transfers = new WardQueue(wardId, QUEUES.transfer, () => this.#beds.values());
    this.#alerts = new AlertsPanel(wardId, (open) => this.#markOverdue(open));
    setText(this.#heading, wardId);
    this.element = h("div", { class: "board", "data-testid": "ward-board", "data-ward-id": wardId },
      h("div", { class: "board-head" }, this.#heading, this.#policy),
      this.#error.element,
      h("section", { class: "card", "aria-label": "Ward census" }, this.#summary.element),
      h("div", { class: "board-main" },
        h("section", { class: "beds-section" }, h("h2", { id: "beds-title" }, "Beds"), this.#grid, legend()),
        h("div", { class: "side" }, this.#queue.element, this.#transfers.element, this.#alerts.element)),
      this.#dialog.element);
  }

  crumbs() {
    return [{ label: this.#name ? `${this.#name} (${this.#wardId})` : this.#wardId }];
  }

  mount(container) {
    container.replaceChildren(this.element);
    this.#ticker = setInterval(() => {
      const now = Date.now();
      for (const cell of this.#cells.values()) cell.tick(now);
      // No event announces a new transfer request; a placed one comes with an AdtEvent.
      this.#transfers.reloadSoon();
    }, 30_000);
  }

  unmount() {
    clearInterval(this.#ticker);
  }

  subscribe(connection) {
    return connection.invoke("SubscribeWard", this.#wardId);
  }

  unsubscribe(connection) {
    return connection.invoke("UnsubscribeWard", this.#wardId);
  }

  async load() {
    await this.#error.guard(async () => {
      try {
        await Promise.all([
          this.#gate.read(() => get(`/api/wards/${segment(this.#wardId)}`), (board) => {
            this.#name = board.name;
            if (board.sexPolicy !== this.#sexPolicy) this.#cells.forEach((_, id) => this.#changed.add(id));
            this.#sexPolicy = board.sexPolicy;
            setText(this.#heading, `${board.name} (${board.id})`);
            setText(this.#policy, SEX_POLICY_LABELS[board.sexPolicy] ?? board.sexPolicy);
            document.title = `${board.name} · OrleansHospital`;
            window.dispatchEvent(new Event("hospital:crumbs"));
            this.#census = board.census;
            for (const bed of board.beds) this.#apply(bed);
            this.#queueFlush();
          }),
          this.#queue.load(),
          this.#transfers.load(),
          this.#alerts.load(),
        ]);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) throw new ApiError(404, { title: "Ward not found", detail: `There is no ward '${this.#wardId}'.` });
        throw error;
      }
    });
  }

  onBedChanged(bed) {
    if (bed.wardId === this.#wardId) this.#apply(bed);
  }

  onCensusChanged({ ward }) {
    if (ward.wardId !== this.#wardId) return;
    this.#gate.event(() => (this.#census = ward));
    if (ward.pendingAdmissions !== this.#queue.length) this.#queue.reloadSoon();
    this.#queueFlush();
  }

  onAdtEvent() {
    this.#queue.reloadSoon();
    this.#transfers.reloadSoon();
  }

  onAlert(alert) {
    this.#alerts.onAlert(alert);
  }

  /** Beds whose patient has an open MedicationOverdue alert carry a marker; only the beds whose marker changes redraw. */
  #markOverdue(open) {
    const overdue = new Set(open.filter((a) => a.kind === "MedicationOverdue").map((a) => a.subject));
    const changed = new Set([...overdue].filter((m) => !this.#overdue.has(m)).concat([...this.#overdue].filter((m) => !overdue.has(m))));
    this.#overdue = overdue;
    if (changed.size === 0) return;
    for (const bed of this.#beds.values()) if (bed.mrn && changed.has(bed.mrn)) this.#changed.add(bed.id);
    this.#queueFlush();
  }

  /** Keeps the newest version of a bed; older or repeated versions change nothing. */
  #apply(bed) {
    const held = this.#beds.get(bed.id);
    if (held && held.version >= bed.version) return;
    this.#beds.set(bed.id, bed);
    this.#changed.add(bed.id);
    this.#queueFlush();
  }

  #flush() {
    let added = false;
    for (const id of this.#changed) {
      let cell = this.#cells.get(id);
      if (!cell) {
        cell = new BedCell(id, (bedId) => this.#dialog.open(this.#beds.get(bedId)));
        this.#cells.set(id, cell);
        added = true;
      }
      const bed = this.#beds.get(id);
      cell.render(bed, this.#sexPolicy, bed.mrn != null && this.#overdue.has(bed.mrn));
      if (this.#dialog.bedId === id) this.#dialog.refresh(this.#beds.get(id));
    }
    const anyBedChanged = this.#changed.size > 0;
    this.#changed.clear();
    if (added) {
      this.#grid.replaceChildren(...[...this.#cells.keys()].sort(naturalOrder).map((id) => this.#cells.get(id).element));
    }
    this.#summary.update({ ...countBeds(this.#beds.values()), pendingAdmissions: this.#census.pendingAdmissions,
      expectedDischargesToday: this.#census.expectedDischargesToday });
    if (anyBedChanged) {
      this.#queue.bedsChanged();
      this.#transfers.bedsChanged();
    }
  }
}

function legend() {
  return h("ul", { class: "legend", "aria-label": "Bed status key" }, STATUSES.map((s) =>
    h("li", { class: `status-${s}` }, h("span", { class: "swatch", "aria-hidden": "true" }, SYMBOLS[s]), s)));
}
