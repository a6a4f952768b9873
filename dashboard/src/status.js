// Bed statuses: each has a colour (in styles.css), a text label and a distinct symbol, so no one needs colour alone.

export const STATUSES = ["Available", "Reserved", "Occupied", "Dirty", "Cleaning", "Blocked"];

export const SYMBOLS = {
  Available: "○",
  Reserved: "◔",
  Occupied: "●",
  Dirty: "✕",
  Cleaning: "↻",
  Blocked: "⊘",
};

/** The statuses a bed manager sets by hand; Occupied and Reserved come from admissions. */
export const MANUAL_STATUSES = ["Cleaning", "Available", "Blocked"];

export const SEX_POLICY_LABELS = { Male: "Male ward", Female: "Female ward", Mixed: "Mixed ward" };

/** Counts by status from a collection of beds; occupancy as the api defines it. */
export function countBeds(beds) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s.toLowerCase(), 0]));
  let total = 0;
  for (const bed of beds) {
    counts[bed.status.toLowerCase()]++;
    total++;
  }
  const usable = total - counts.blocked;
  return { total, ...counts, occupancy: usable > 0 ? counts.occupied / usable : 0 };
}
