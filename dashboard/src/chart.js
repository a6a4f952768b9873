// A patient's chart at #/patients/{mrn}: demographics and where the patient is, the latest NEWS2 with its monitoring
// advice, a form to record vital signs, the vitals and lab results, and the chart sections. Full names show here
// (the ward board keeps initials). While the patient is admitted the page follows their ward's live feed and reads
// the chart again when their bed, an ADT event or an alert about them says something changed.
import { ApiError, get, getOptional, segment } from "./api.js";
import { renderSections } from "./chartSections.js";
import { clear, h, setText } from "./dom.js";
import { clock, wardHref } from "./format.js";
import { news2Badge } from "./news2.js";
import { MarPanel } from "./mar.js";
import { MedicationOrdersPanel } from "./medications.js";
import { LabsPanel, PARAMETERS, VitalsPanel } from "./observations.js";
import { permissions } from "./permissions.js";
import { ErrorBanner } from "./problems.js";
import { VitalsForm } from "./vitalsForm.js";

/** The name as the api gives it; a caller the api shows no name to sees initials or the MRN. */
export const fullName = (patient) =>
  [patient.name?.given, patient.name?.family].filter(Boolean).join(" ") || patient.initials || `MRN ${patient.mrn}`;

export class ChartView {
  #mrn;
  #patient = null;
  #encounter = null;
  #connection = null;
  #followedWard = null;
  #reload = 0;
  #mounted = false;
  #error = new ErrorBanner();
  #name = h("h1", { "data-testid": "chart-name" });
  #facts = h("p", { class: "chart-facts", "data-testid": "chart-demographics" });
  #latest = h("div", { "data-testid": "latest-news2-body" }, h("p", { class: "muted" }, "Loading…"));
  #vitals = new VitalsPanel();
  #labs = new LabsPanel();
  #sections = h("div", { class: "chart-sections" });
  #form;
  #orders;
  #mar;

  constructor(mrn) {
    this.#mrn = mrn;
    this.#form = new VitalsForm(mrn, () => this.load());
    this.#mar = new MarPanel(mrn, () => this.#encounter?.wardId ?? null, () => this.#error.guard(() => this.#mar.load()));
    this.#orders = new MedicationOrdersPanel(mrn, () => this.#mar.load());
    setText(this.#name, `MRN ${mrn}`);
    this.element = h("div", { class: "chart", "data-testid": "patient-chart", "data-mrn": mrn },
      h("div", { class: "chart-head" }, this.#name, this.#facts),
      this.#error.element,
      h("div", { class: "chart-main" },
        h("div", { class: "chart-clinical" },
          h("div", { class: "chart-top" },
            h("section", { class: "card latest-news2", "data-testid": "latest-news2", "aria-labelledby": "latest-title" },
              h("h2", { id: "latest-title" }, "Latest NEWS2"), this.#latest),
            this.#form.element),
          this.#mar.element,
          this.#orders.element,
          this.#vitals.element,
          this.#labs.element),
        this.#sections));
  }

  crumbs() {
    const ward = this.#encounter ? [{ label: `Ward ${this.#encounter.wardId}`, href: wardHref(this.#encounter.wardId) }] : [];
    return [...ward, { label: this.#patient ? fullName(this.#patient) : `MRN ${this.#mrn}` }];
  }

  mount(container) {
    container.replaceChildren(this.element);
    this.#mounted = true;
  }

  unmount() {
    this.#mounted = false;
    clearTimeout(this.#reload);
  }

  /** The connection's groups are new (first connect or a reconnect): load() joins the patient's ward. */
  subscribe(connection) {
    this.#connection = connection;
    this.#followedWard = null;
  }

  async unsubscribe(connection) {
    const ward = this.#followedWard;
    this.#followedWard = null;
    if (ward) await connection.invoke("UnsubscribeWard", ward);
  }

  async load() {
    await this.#error.guard(async () => {
      const allowed = await permissions();
      this.#orders.allow(allowed);
      this.#mar.allow(allowed);
      await this.#read();
      // Newly following a ward: read once more, so that nothing between the first read and the subscription is missed.
      if (await this.#follow()) await this.#read();
      await Promise.all([this.#orders.load(), this.#mar.load()]);
    });
  }

  onBedChanged(bed) {
    if (bed.mrn === this.#mrn || bed.id === this.#encounter?.bedId) this.#reloadSoon();
  }

  onAdtEvent(event) {
    if (event.mrn === this.#mrn) this.#reloadSoon();
  }

  onAlert(alert) {
    if (alert.subject === this.#mrn) this.#reloadSoon();
  }

  #reloadSoon() {
    clearTimeout(this.#reload);
    this.#reload = setTimeout(() => this.load(), 300);
  }

  async #read() {
    let chart;
    try {
      chart = await get(`/api/patients/${segment(this.#mrn)}/chart`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw new ApiError(404, { title: "Patient not found", detail: `There is no patient with MRN '${this.#mrn}'.` });
      throw error;
    }
    const encounterId = chart.patient.currentEncounterId;
    const encounter = encounterId ? await getOptional(`/api/admissions/${segment(encounterId)}`, null) : null;
    this.#encounter = encounter?.status === "InProgress" ? encounter : null;
    this.#render(chart);
  }

  /** Joins the ward the patient lies on (leaving the previous one); true when that is a new subscription. */
  async #follow() {
    const ward = this.#encounter?.wardId ?? null;
    if (!this.#mounted || ward === this.#followedWard || this.#connection?.state !== "Connected") return false;
    await this.unsubscribe(this.#connection).catch(() => {});
    if (!ward) return false;
    await this.#connection.invoke("SubscribeWard", ward);
    this.#followedWard = ward;
    return true;
  }

  #render(chart) {
    this.#patient = chart.patient;
    setText(this.#name, fullName(chart.patient));
    document.title = `${fullName(chart.patient)} · OrleansHospital`;
    this.#renderFacts(chart.patient);
    this.#renderLatest(chart.latestVitals);
    this.#vitals.render(chart.vitals ?? []);
    this.#labs.render(chart.labs ?? []);
    renderSections(this.#sections, this.#mrn, chart.sections ?? {});
    window.dispatchEvent(new Event("hospital:crumbs"));
  }

  #renderFacts(patient) {
    const where = this.#encounter
      ? [`In bed ${this.#encounter.bedId} on `, h("a", { href: wardHref(this.#encounter.wardId) }, `ward ${this.#encounter.wardId}`),
        ` since ${clock(this.#encounter.admittedAt)}`]
      : ["Not admitted"];
    clear(this.#facts).append(
      h("strong", { "data-testid": "chart-mrn" }, `MRN ${patient.mrn}`),
      ` · born ${patient.birthDate} (${age(patient.birthDate)} y) · ${patient.sex}`,
      patient.phone ? ` · ${patient.phone}` : "",
      patient.address ? ` · ${patient.address}` : "",
      " · ", ...where);
  }

  #renderLatest(latest) {
    if (!latest) {
      clear(this.#latest).append(h("p", { class: "muted" }, "No vital signs recorded yet."));
      return;
    }
    const { score, riskBand, monitoring, parameters = {} } = latest.news2;
    const overdue = Date.parse(latest.nextDueAt) < Date.now();
    const scored = PARAMETERS.filter((p) => parameters[p.key] > 0).map((p) => `${p.label} +${parameters[p.key]}`);
    clear(this.#latest).append(
      h("p", { class: "latest-score" }, h("strong", { class: "big" }, String(score)), " ", news2Badge(score, riskBand, { "data-testid": "latest-news2-band" })),
      h("p", { "data-testid": "latest-news2-monitoring" }, monitoring),
      scored.length ? h("p", { class: "muted" }, `Scored: ${scored.join(", ")}`) : null,
      h("p", { class: "muted" }, `Taken ${clock(latest.takenAt)} by ${latest.recordedBy} · next set due `,
        h("time", { datetime: latest.nextDueAt }, clock(latest.nextDueAt)),
        overdue ? h("strong", { class: "overdue", "data-testid": "observations-overdue" }, " · OVERDUE") : null));
  }
}

function age(birthDate) {
  const born = new Date(`${birthDate}T00:00:00Z`);
  const now = new Date();
  let years = now.getUTCFullYear() - born.getUTCFullYear();
  if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) years--;
  return years;
}
