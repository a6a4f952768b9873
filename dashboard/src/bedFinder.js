// "Find a bed" for one queue entry: the api's bed finder for that patient (the rules an admission enforces), best
// first. Beds on the queue's ward are placed with one action; suitable beds elsewhere and beds that will be ready soon
// are listed with where they are and when.
import { get, post, segment } from "./api.js";
import { h, setText } from "./dom.js";
import { clock, wardHref } from "./format.js";
import { runAction } from "./problems.js";

export class BedFinderDialog {
  #title = h("h2", { id: "finder-title" });
  #facts = h("p", { class: "muted", "data-testid": "finder-facts" });
  #here = h("ul", { class: "finder-list", "data-testid": "finder-here" });
  #elsewhere = h("ul", { class: "finder-list", "data-testid": "finder-elsewhere" });
  #soon = h("ul", { class: "finder-list", "data-testid": "finder-soon" });
  #error = h("p", { class: "form-error", role: "alert", "data-testid": "finder-error", hidden: true });
  #placed;

  /** `placed(item)` is told when the patient has been placed from this dialog. */
  constructor(placed) {
    this.#placed = placed;
    const close = h("button", { type: "button", class: "link-button", "data-testid": "finder-close" }, "Close");
    close.addEventListener("click", () => this.element.close());
    this.element = h("dialog", { class: "bed-dialog finder-dialog", "aria-labelledby": "finder-title", "data-testid": "finder-dialog" },
      this.#title, this.#facts, this.#error,
      h("h3", {}, "On this ward, now"), this.#here,
      h("h3", {}, "Elsewhere, now"), this.#elsewhere,
      h("h3", {}, "Ready soon"), this.#soon,
      h("div", { class: "dialog-foot" }, close));
  }

  /** `queue` is { wardId, path, item } of a pending admission or a transfer request. */
  async open({ wardId, path, item, transfer }) {
    this.#error.hidden = true;
    setText(this.#title, `Find a bed · ${item.patientInitials ?? ""} MRN ${item.mrn}`);
    setText(this.#facts, "Searching…");
    for (const list of [this.#here, this.#elsewhere, this.#soon]) list.replaceChildren();
    if (!this.element.open) this.element.showModal();
    const query = new URLSearchParams({ mrn: item.mrn, wardId });
    if (transfer) query.set("encounterId", item.encounterId);
    else query.set("isolationRequired", String(Boolean(item.isolationRequired)));
    try {
      const found = await get(`/api/bed-finder?${query}`);
      const here = found.now.filter((b) => b.wardId === wardId);
      const elsewhere = found.now.filter((b) => b.wardId !== wardId);
      setText(this.#facts, `${found.sex}${found.isolationRequired ? " · needs isolation" : ""} · ${found.now.length} bed(s) free now`
        + (found.note ? ` · ${found.note}` : ""));
      this.#here.replaceChildren(...(here.length ? here.map((bed) => this.#placeable(bed, { wardId, path, item })) : [empty("No suitable bed free on this ward.")]));
      this.#elsewhere.replaceChildren(...(elsewhere.length ? elsewhere.slice(0, 20).map((bed) => listed(bed)) : [empty("None.")]));
      this.#soon.replaceChildren(...(found.soon.length ? found.soon.slice(0, 20).map((bed) => listed(bed, `ready ~${clock(bed.readyAt)} (${bed.readyBasis})`)) : [empty("None expected.")]));
    } catch (error) {
      setText(this.#facts, "");
      this.#error.textContent = error.message;
      this.#error.hidden = false;
    }
  }

  #placeable(bed, { wardId, path, item }) {
    const place = h("button", { type: "button", class: "primary", "data-testid": "finder-place", "data-bed-id": bed.id }, `Place in ${bed.id}`);
    place.addEventListener("click", () => runAction(place, this.#error, async () => {
      await post(`/api/wards/${segment(wardId)}/${path}/${segment(item.id)}/place`, { bedId: bed.id });
      this.element.close();
      this.#placed(item);
    }));
    return h("li", { "data-testid": `finder-bed-${bed.id}` }, place, " ", describeBed(bed));
  }
}

const empty = (text) => h("li", { class: "muted" }, text);

function describeBed(bed) {
  const why = bed.why?.length ? ` · ${bed.why.join(", ")}` : "";
  return h("span", {}, `${bed.status}${bed.isolationCapable ? " · ISO" : ""}${why}`);
}

function listed(bed, when) {
  return h("li", { "data-testid": `finder-bed-${bed.id}` }, h("a", { href: wardHref(bed.wardId) }, `${bed.id}`),
    ` · ${bed.wardName ?? bed.wardId} · `, describeBed(bed), when ? ` · ${when}` : "");
}
