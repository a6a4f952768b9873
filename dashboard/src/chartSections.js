// The chart's entry sections (allergies, problems, medications, immunizations, care plans, imaging, notes). Each entry
// shows its revision, author and time; an entry entered in error stays, struck through and labelled with the reason;
// an amended one offers its history (the journal keeps every revision).
import { get, segment } from "./api.js";
import { clear, h } from "./dom.js";
import { clock } from "./format.js";

const join = (...parts) => parts.filter((p) => p !== undefined && p !== null && p !== "").join(" · ");

/** Section id (as the api names it) -> title and how one entry's data reads: a headline and a detail line, maybe more. */
const SECTIONS = {
  allergies: ["Allergies and intolerances", (d) => ({
    main: d.substance,
    detail: join(d.reaction, d.severity && `${d.severity} reaction`, d.criticality && `criticality ${d.criticality}`, d.category, d.status),
    critical: d.criticality === "high" && d.status === "active",
  })],
  problems: ["Problems", (d) => ({ main: join(d.display, d.code), detail: join(d.status, d.onset && `onset ${d.onset}`) })],
  medications: ["Medications", (d) => ({
    main: [d.name, d.dose, d.route, d.frequency].filter(Boolean).join(" "),
    detail: join(d.status, d.start && `from ${d.start}`, d.end && `to ${d.end}`),
  })],
  immunizations: ["Immunizations", (d) => ({ main: d.vaccine, detail: join(d.date, d.lot && `lot ${d.lot}`, d.site) })],
  "care-plans": ["Care plans", (d) => ({
    main: d.title,
    detail: d.status,
    more: d.goals?.length ? h("ul", { class: "goals" }, d.goals.map((g) => h("li", {}, join(g.description, g.target && `target ${g.target}`, g.status)))) : null,
  })],
  imaging: ["Imaging", (d) => ({
    main: join(d.modality, d.description),
    detail: d.performedAt ? clock(d.performedAt) : "",
    more: /^https?:\/\//i.test(d.link ?? "") ? h("a", { href: d.link, target: "_blank", rel: "noopener noreferrer" }, "Open in the image archive") : null,
  })],
  notes: ["Notes", (d) => ({ main: d.type ? d.type[0].toUpperCase() + d.type.slice(1) : "Note", more: h("p", { class: "note-text" }, d.text) })],
};

/** Sections this dashboard does not know yet still show, as field: value pairs. */
const generic = (d) => ({ main: Object.entries(d ?? {}).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join(" · ") });

export function renderSections(container, mrn, sections) {
  const ids = [...Object.keys(SECTIONS).filter((id) => id in sections), ...Object.keys(sections).filter((id) => !(id in SECTIONS))];
  clear(container).append(...ids.map((id) => section(mrn, id, sections[id])));
}

function section(mrn, id, entries) {
  const [title, read] = SECTIONS[id] ?? [id, generic];
  // Current entries first, newest first; those entered in error after them.
  const ordered = [...entries].sort((a, b) => a.enteredInError - b.enteredInError || Date.parse(b.firstRecordedAt) - Date.parse(a.firstRecordedAt));
  const live = entries.filter((e) => !e.enteredInError).length;
  const empty = ordered.length === 0;
  return h("section", { class: `card chart-section${empty ? " empty" : ""}`, "data-testid": `section-${id}`, "aria-labelledby": `section-${id}-title` },
    h("h2", { id: `section-${id}-title` }, `${title} `, empty ? h("span", { class: "muted" }, "· none recorded") : h("span", { class: "badge" }, String(live))),
    empty ? null : h("ul", { class: "entries" }, ordered.map((entry) => entryItem(mrn, id, entry, read))));
}

function entryItem(mrn, sectionId, entry, read) {
  const { main, detail, more, critical } = read(entry.data ?? {});
  const content = [h("p", { class: "entry-main" }, h("strong", {}, main || "–"), detail ? h("span", { class: "muted" }, ` · ${detail}`) : null), more];
  const amended = entry.revision > 1 && !entry.enteredInError;
  return h("li", { class: `entry${critical ? " entry-critical" : ""}`, "data-testid": `entry-${entry.id}`, "data-entered-in-error": String(entry.enteredInError) },
    entry.enteredInError ? h("del", { class: "entry-struck" }, content) : content,
    h("p", { class: "entry-meta" },
      entry.enteredInError ? h("strong", { class: "eie", "data-testid": "entered-in-error" }, `Entered in error${entry.reason ? `: ${entry.reason}` : ""} · `) : null,
      h("span", { "data-testid": "entry-revision" }, `rev ${entry.revision}`),
      amended && entry.reason ? ` · amended: ${entry.reason}` : "",
      ` · ${clock(entry.recordedAt)} by ${entry.recordedBy}`,
      entry.revision > 1 ? ` · first ${clock(entry.firstRecordedAt)} by ${entry.firstRecordedBy}` : ""),
    entry.revision > 1 ? history(mrn, sectionId, entry.id, read) : null);
}

/** Every revision from the journal, read when first opened. */
function history(mrn, sectionId, entryId, read) {
  const list = h("ol", { class: "history" }, h("li", { class: "muted" }, "Loading…"));
  const details = h("details", { class: "entry-history" }, h("summary", {}, "History"), list);
  details.addEventListener("toggle", async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = "true";
    try {
      const revisions = await get(`/api/patients/${segment(mrn)}/${segment(sectionId)}/${segment(entryId)}/history`);
      clear(list).append(...revisions.map((r) => {
        const payload = JSON.parse(r.payload ?? "{}");
        const words = r.kind.replace(/^ChartEntry/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
        return h("li", {}, join(`rev ${payload.revision ?? "?"}`, words, payload.data ? read(payload.data).main : "", payload.reason,
          `${clock(r.occurredAt)} by ${r.actor}`));
      }));
    } catch (e) {
      clear(list).append(h("li", { class: "form-error" }, e.message));
      delete details.dataset.loaded;
    }
  });
  return details;
}
