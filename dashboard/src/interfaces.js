// The HL7 interface log (#/interfaces): the messages the feeds sent, newest first, with the acknowledgement each got,
// searchable by control id (MSH-10) and MRN; a row opens the raw message and the ACK. For the InterfaceLog permission.
import { get } from "./api.js";
import { h } from "./dom.js";
import { chartHref, clock } from "./format.js";
import { ErrorBanner } from "./problems.js";

const SHOWN = 100;

/** "\r"-separated segments as lines, for reading. */
const lines = (text) => text.replace(/\r\n?/g, "\n").trimEnd();

export class InterfacesView {
  #error = new ErrorBanner();
  #controlId = h("input", { type: "search", name: "controlId", maxlength: "200", autocomplete: "off", "data-testid": "hl7-control-id" });
  #mrn = h("input", { type: "search", name: "mrn", maxlength: "64", autocomplete: "off", "data-testid": "hl7-mrn" });
  #rows = h("tbody", { "data-testid": "hl7-messages" });
  #summary = h("p", { class: "muted", "data-testid": "hl7-summary" }, "Loading…");

  constructor() {
    const form = h("form", { class: "hl7-filter", role: "search" },
      h("label", {}, "Control id ", this.#controlId),
      h("label", {}, "MRN ", this.#mrn),
      h("button", { type: "submit", "data-testid": "hl7-search" }, "Search"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.load();
    });
    this.element = h("div", { class: "interfaces", "data-testid": "interfaces" },
      h("h1", {}, "HL7 interface log"),
      this.#error.element,
      h("section", { class: "card" }, form, this.#summary,
        h("div", { class: "table-scroll" },
          h("table", { class: "data-table hl7-table" },
            h("thead", {}, h("tr", {}, ...["Received", "Sender", "Type", "Control id", "MRN", "ACK", "What was wrong"].map((t) => h("th", { scope: "col" }, t)))),
            this.#rows))));
  }

  crumbs() {
    return [{ label: "HL7 interface log" }];
  }

  mount(container) {
    container.replaceChildren(this.element);
  }

  unmount() {}

  async load() {
    const query = new URLSearchParams({ limit: String(SHOWN) });
    if (this.#controlId.value.trim()) query.set("controlId", this.#controlId.value.trim());
    if (this.#mrn.value.trim()) query.set("mrn", this.#mrn.value.trim());
    const messages = await this.#error.guard(() => get(`/api/hl7/messages?${query}`));
    if (messages === undefined) return;
    this.#rows.replaceChildren(...messages.flatMap((m, i) => this.#row(m, i)));
    const refused = messages.filter((m) => m.ackCode !== "AA").length;
    this.#summary.textContent = messages.length === 0
      ? "No messages match."
      : `${messages.length}${messages.length === SHOWN ? " most recent" : ""} messages, ${refused} refused.`;
  }

  #row(message, index) {
    const detail = h("tr", { class: "hl7-detail", hidden: true },
      h("td", { colspan: "7" },
        h("div", { class: "hl7-raw" },
          h("div", {}, h("h3", {}, "Received"), h("pre", { "data-testid": "hl7-raw" }, lines(message.raw))),
          h("div", {}, h("h3", {}, "Acknowledgement sent"), h("pre", { "data-testid": "hl7-ack" }, lines(message.ack))))));
    const toggle = h("button", { type: "button", class: "link-button", "aria-expanded": "false", "data-testid": "hl7-open" },
      message.controlId || "(none)");
    toggle.addEventListener("click", () => {
      detail.hidden = !detail.hidden;
      toggle.setAttribute("aria-expanded", String(!detail.hidden));
    });
    const mrn = message.mrn ? h("a", { href: chartHref(message.mrn) }, message.mrn) : "";
    const row = h("tr", { "data-testid": "hl7-message", "data-ack": message.ackCode, "data-index": String(index) },
      h("td", {}, clock(message.receivedAt)),
      h("td", {}, message.sender.replace("|", " / ")),
      h("td", {}, message.messageType || "—"),
      h("td", {}, toggle),
      h("td", {}, mrn),
      h("td", {}, h("span", { class: `ack ack-${message.ackCode}` }, message.ackCode)),
      h("td", { class: "hl7-error" }, message.error ?? ""));
    return [row, detail];
  }
}
