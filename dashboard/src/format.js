// How numbers and times read on the screens.

export function percent(fraction) {
  return `${Math.round((fraction ?? 0) * 100)}%`;
}

/** "just now", "14 min", "3 h 05 min", "2 d 4 h": how long since an ISO time. */
export function elapsed(since, now = Date.now()) {
  const minutes = Math.floor(Math.max(0, now - Date.parse(since)) / 60000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function clock(iso) {
  return new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Compares bed ids so that W3A-2 comes before W3A-10. */
export const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }).compare;

export const chartHref = (mrn) => `#/patients/${encodeURIComponent(mrn)}`;

export const wardHref = (wardId) => `#/wards/${encodeURIComponent(wardId)}`;

/** An amount (a JSON number with two decimals) in the account's currency: "£1,234.50". */
export function money(amount, currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency: currency || "GBP", minimumFractionDigits: 2 }).format(amount ?? 0);
}

export const accountHref = (encounterId) => `#/billing/account/${encodeURIComponent(encounterId)}`;
