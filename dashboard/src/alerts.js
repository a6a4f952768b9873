// Open alerts for a ward or the whole hospital, newest first, each with its severity and an Acknowledge button.
// Servers without alerts yet answer 404: the panel then says so and stays quiet.
import { ApiError, getOptional, post, segment } from "./api.js";
import { clear, h } from "./dom.js";
import { clock } from "./format.js";
import { SnapshotGate } from "./snapshot.js";

const MAX_SHOWN = 100;
const MAX_REMEMBERED_CLOSED = 1000;

/** Alerts carry a version like beds; without one, the later message wins. */
const isNewer = (a, b) => a.version != null && b.version != null && a.version > b.version;

/** "OutOfStock" -> "Out of stock". */
const words = (kind) => kind.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/ (\w)/g, (_, c) => ` ${c.toLowerCase()}`);

export class AlertsPanel {
  #wardId;
  #alerts = new Map();
  #closed = new Map(); // acknowledged or resolved alerts we were told about, so an older "Open" cannot bring them back
  #gate = new SnapshotGate();
  #list = h("ol", { class: "alert-list", "data-testid": "alert-list" });
  #count = h("span", { class: "badge", "data-testid": "alert-count" }, "0");
  #note = h("p", { class: "muted", "data-testid": "alerts-note" }, "Loading…");
  #unavailable = false;

  #openChanged;

  /** `openChanged(alerts)` hears every open alert after each change (the board marks beds from it). */
  constructor(wardId = null, openChanged = () => {}) {
    this.#wardId = wardId;
    this.#openChanged = openChanged;
    this.element = h("section", { class: "card alerts", "aria-labelledby": "alerts-title", "data-testid": "alerts" },
      h("h2", { id: "alerts-title" }, "Open alerts ", this.#count), this.#note, this.#list);
  }

  async load() {
    const query = this.#wardId ? `?status=Open&wardId=${segment(this.#wardId)}` : "?status=Open";
    await this.#gate.read(() => getOptional(`/api/alerts${query}`, null), (alerts) => {
      this.#unavailable = alerts === null;
      const open = new Map();
      for (const alert of alerts ?? []) {
        const known = this.#closed.get(alert.id) ?? this.#alerts.get(alert.id);
        const newest = known && isNewer(known, alert) ? known : alert;
        if (newest.status === "Open") open.set(alert.id, newest);
      }
      this.#alerts = open;
    });
    this.#render();
  }

  onAlert(alert) {
    if (this.#wardId && alert.wardId !== this.#wardId) return;
    this.#unavailable = false;
    this.#gate.event(() => this.#apply(alert));
    this.#render();
  }

  #apply(alert) {
    const known = this.#closed.get(alert.id) ?? this.#alerts.get(alert.id);
    if (known && (known === alert || isNewer(known, alert) || (alert.version != null && known.version === alert.version))) return;
    if (alert.status === "Open") {
      this.#alerts.set(alert.id, alert);
      this.#closed.delete(alert.id);
    } else {
      this.#alerts.delete(alert.id);
      this.#closed.set(alert.id, alert);
      if (this.#closed.size > MAX_REMEMBERED_CLOSED) this.#closed.delete(this.#closed.keys().next().value);
    }
  }

  async #acknowledge(alert, button, error) {
    button.disabled = true;
    error.hidden = true;
    try {
      this.onAlert(await post(`/api/alerts/${segment(alert.id)}/acknowledge`));
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.describe() : String(e);
      error.hidden = false;
      button.disabled = false;
    }
  }

  #render() {
    const open = [...this.#alerts.values()].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
    this.#openChanged(open);
    this.#count.textContent = String(open.length);
    this.#note.textContent = this.#unavailable ? "Alerts are not available on this server yet."
      : open.length === 0 ? "No open alerts." : open.length > MAX_SHOWN ? `Newest ${MAX_SHOWN} of ${open.length}.` : "";
    this.#note.hidden = this.#note.textContent === "";
    clear(this.#list).append(...open.slice(0, MAX_SHOWN).map((alert) => this.#item(alert)));
  }

  #item(alert) {
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const button = h("button", { type: "button", "data-testid": "acknowledge" }, "Acknowledge");
    button.addEventListener("click", () => this.#acknowledge(alert, button, error));
    return h("li", { class: `alert severity-${alert.severity}`, "data-testid": `alert-${alert.id}`, "data-severity": alert.severity },
      h("p", { class: "alert-head" },
        h("span", { class: "severity" }, alert.severity),
        h("strong", { class: "alert-kind", title: alert.kind }, words(alert.kind)),
        h("span", { class: "alert-subject muted" }, [alert.wardId && !this.#wardId ? `${alert.wardId} · ` : "", alert.subject])),
      h("p", { class: "alert-message" }, alert.message),
      h("div", { class: "alert-foot" }, h("time", { datetime: alert.raisedAt, class: "muted" }, clock(alert.raisedAt)), button),
      error);
  }
}
