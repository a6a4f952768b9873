// A ward's queues, highest priority first (the api's order): patients waiting for a bed, and admitted patients waiting
// to move here from another bed. A bed manager picks a bed and places the patient; the api checks isolation, sex
// policy and availability, and its refusal is shown on the item.
import { get, post, segment } from "./api.js";
import { clear, h } from "./dom.js";
import { elapsed, naturalOrder } from "./format.js";
import { BedFinderDialog } from "./bedFinder.js";
import { runAction } from "./problems.js";

const who = (item) => [h("strong", {}, item.patientInitials ?? ""), `${item.patientInitials ? " · " : ""}MRN ${item.mrn}`];
const waiting = (item) => h("span", { class: "muted" }, ` waiting ${elapsed(item.requestedAt)}`);

/** What differs between the two queues: route, words, test ids and what an item says. */
export const QUEUES = {
  pending: {
    path: "pending-admissions", testId: "pending", title: "Waiting for a bed", empty: "No one is waiting.",
    details: (item) => [
      h("p", { class: "pending-who" }, who(item)),
      h("p", { class: "pending-what" },
        h("span", { class: "priority" }, item.priority),
        item.isolationRequired ? h("span", { class: "marker marker-isolation", title: "Needs an isolation-capable bed" }, "⚠ ISO") : null,
        waiting(item)),
      item.note ? h("p", { class: "pending-note" }, item.note) : null,
    ],
  },
  transfer: {
    path: "transfer-requests", testId: "transfer", title: "Transfers in", empty: "No transfer requests.",
    details: (item) => [
      h("p", { class: "pending-who" }, who(item), h("span", { class: "muted" }, ` from bed ${item.fromBedId}`)),
      h("p", { class: "pending-what" }, h("span", { class: "priority" }, item.priority), waiting(item)),
      item.reason ? h("p", { class: "pending-note" }, item.reason) : null,
    ],
  },
};

export class WardQueue {
  #wardId;
  #kind;
  #beds;
  #items = [];
  #selects = [];
  #reload = 0;
  #list;
  #count;
  #note = h("p", { class: "muted" }, "Loading…");
  #finder = new BedFinderDialog((item) => {
    this.#items = this.#items.filter((i) => i.id !== item.id);
    this.#render();
    this.reloadSoon();
  });

  /** `kind` is one of QUEUES; `beds()` returns the ward's beds as the board holds them now. */
  constructor(wardId, kind, beds) {
    this.#wardId = wardId;
    this.#kind = kind;
    this.#beds = beds;
    this.#list = h("ol", { class: "queue-list", "data-testid": `${kind.testId}-list` });
    this.#count = h("span", { class: "badge", "data-testid": `${kind.testId}-count` }, "0");
    const titleId = `${kind.testId}-title`;
    this.element = h("section", { class: "card queue", "aria-labelledby": titleId, "data-testid": kind.path },
      h("h2", { id: titleId }, `${kind.title} `, this.#count), this.#note, this.#list, this.#finder.element);
  }

  get length() {
    return this.#items.length;
  }

  async load() {
    this.#items = await get(`/api/wards/${segment(this.#wardId)}/${this.#kind.path}`);
    this.#render();
  }

  /** Something suggests the queue changed (an admission, a census with another pending count): read it again. */
  reloadSoon() {
    clearTimeout(this.#reload);
    this.#reload = setTimeout(() => this.load().catch(() => {}), 200);
  }

  /** Beds changed: offer the beds that can take a patient now, keeping each item's choice where still possible. */
  bedsChanged() {
    for (const { select, item } of this.#selects) this.#fillBeds(select, item);
  }

  #render() {
    this.#count.textContent = String(this.#items.length);
    this.#note.textContent = this.#kind.empty;
    this.#note.hidden = this.#items.length > 0;
    this.#selects = [];
    clear(this.#list).append(...this.#items.map((item) => this.#item(item)));
  }

  #item(item) {
    const id = `place-${item.id}`;
    const select = h("select", { id, "data-testid": "place-bed" });
    this.#fillBeds(select, item);
    this.#selects.push({ select, item });
    const error = h("p", { class: "form-error", role: "alert", "data-testid": "place-error", hidden: true });
    const place = h("button", { type: "button", class: "primary", "data-testid": "place" }, "Place");
    place.addEventListener("click", () => this.#place(item, select.value, place, error));
    const find = h("button", { type: "button", "data-testid": "find-bed" }, "Find a bed");
    find.addEventListener("click", () => this.#finder.open({ wardId: this.#wardId, path: this.#kind.path, item, transfer: this.#kind === QUEUES.transfer }));
    return h("li", { class: `pending priority-${item.priority}`, "data-testid": `${this.#kind.testId}-${item.id}`, "data-mrn": item.mrn },
      this.#kind.details(item),
      h("div", { class: "place-row" }, h("label", { for: id }, "Bed"), select, place, find),
      error);
  }

  #fillBeds(select, item) {
    const candidates = [...this.#beds()]
      .filter((b) => b.status === "Available" || (b.status === "Reserved" && b.mrn === item.mrn))
      .sort((a, b) => naturalOrder(a.id, b.id));
    const labels = candidates.map((b) => `${b.id}${b.isolationCapable ? " · ISO" : ""}${b.status === "Reserved" ? " · reserved" : ""}`);
    const signature = labels.join("|");
    if (select.dataset.signature === signature) return;
    select.dataset.signature = signature;
    const keep = select.value;
    const options = candidates.map((b, i) => h("option", { value: b.id }, labels[i]));
    if (options.length === 0) options.push(h("option", { value: "", disabled: true }, "No bed free"));
    select.replaceChildren(...options);
    if (candidates.some((b) => b.id === keep)) select.value = keep;
  }

  async #place(item, bedId, button, error) {
    error.hidden = true;
    if (!bedId) {
      error.textContent = "Choose a bed first.";
      error.hidden = false;
      return;
    }
    await runAction(button, error, async () => {
      await post(`/api/wards/${segment(this.#wardId)}/${this.#kind.path}/${segment(item.id)}/place`, { bedId });
      this.#items = this.#items.filter((i) => i.id !== item.id);
      this.#render();
      this.reloadSoon();
    });
  }
}
