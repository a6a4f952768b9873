// Patient search in the top bar: words are name prefixes, a YYYY-MM-DD is the birth date, a word with digits the MRN
// (GET /api/patients, which reads the search index, not the patient grains). Results link to the chart.
import { get } from "./api.js";
import { clear, h } from "./dom.js";
import { chartHref } from "./format.js";
import { describe } from "./problems.js";

const DEBOUNCE_MS = 250;

/** "lee ann 1950-02-03" -> name=lee ann&birthDate=1950-02-03; null when there is nothing to search by. */
export function searchParameters(text) {
  const parameters = new URLSearchParams();
  const words = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(word)) parameters.set("birthDate", word);
    else if (/\d/.test(word)) parameters.set("mrn", word);
    else words.push(word);
  }
  if (words.length) parameters.set("name", words.join(" "));
  return [...parameters].length > 0 ? parameters : null;
}

export class PatientSearch {
  #input = h("input", { type: "search", id: "patient-search-input", name: "q", autocomplete: "off", "data-testid": "patient-search",
    placeholder: "Find a patient: name, MRN, birth date", "aria-controls": "patient-search-results", "aria-expanded": "false" });
  #results = h("div", { class: "search-results", id: "patient-search-results", "data-testid": "patient-search-results", hidden: true });
  #timer = 0;
  #asked = 0;

  constructor() {
    this.element = h("form", { class: "patient-search", role: "search" },
      h("label", { for: "patient-search-input", class: "visually-hidden" }, "Find a patient"), this.#input, this.#results);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#search();
    });
    this.#input.addEventListener("input", () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#search(), DEBOUNCE_MS);
    });
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
    document.addEventListener("click", (event) => {
      if (!this.element.contains(event.target)) this.close();
    });
    window.addEventListener("hashchange", () => this.close());
  }

  close() {
    this.#results.hidden = true;
    this.#input.setAttribute("aria-expanded", "false");
  }

  async #search() {
    clearTimeout(this.#timer);
    const parameters = searchParameters(this.#input.value);
    const asked = ++this.#asked;
    if (!parameters) {
      this.close();
      return;
    }
    let content;
    try {
      const patients = await get(`/api/patients?${parameters}`);
      content = patients.length === 0 ? h("p", { class: "muted" }, "No patient found.")
        : h("ul", {}, patients.map((p) => h("li", {},
          h("a", { href: chartHref(p.mrn), "data-testid": `search-result-${p.mrn}` }, [p.name?.family, p.name?.given].filter(Boolean).join(", ") || p.initials || p.mrn),
          h("span", { class: "muted" }, ` · born ${p.birthDate} · ${p.sex} · MRN ${p.mrn}`))));
    } catch (e) {
      content = h("p", { class: "form-error", role: "alert" }, describe(e));
    }
    if (asked !== this.#asked) return; // a newer search is on its way
    clear(this.#results).append(content);
    this.#results.hidden = false;
    this.#input.setAttribute("aria-expanded", "true");
  }
}
