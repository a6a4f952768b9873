// A form's field errors from a ValidationProblem: each message shows at its field (marked aria-invalid), the rest and
// the problem's title in the form's own error line, and focus moves to the first field in error.
import { ApiError } from "./api.js";
import { describe } from "./problems.js";

/** The key a field is filed under: "$.heartRate" and "heartRate" are both "heartrate". */
export const fieldKey = (name) => name.replace(/^\$\.?/, "").toLowerCase();

/**
 * Shows `e` on the form. `fields` maps fieldKey -> { error, input }; `formError` is the form's own error line.
 */
export function showFieldErrors(form, fields, formError, e) {
  const unplaced = [];
  for (const [name, messages] of Object.entries(e instanceof ApiError ? e.errors ?? {} : {})) {
    const target = fields[fieldKey(name)];
    if (!target) {
      unplaced.push(...[].concat(messages));
      continue;
    }
    target.error.textContent = [].concat(messages).join(" ");
    target.error.hidden = false;
    target.input.setAttribute("aria-invalid", "true");
  }
  const placed = e instanceof ApiError && e.errors && unplaced.length < Object.keys(e.errors).length;
  formError.textContent = placed ? [e.title, ...unplaced].join(" — ") : describe(e);
  formError.hidden = false;
  form.querySelector("[aria-invalid=true]")?.focus();
}

/** Hides every field error and the form's error line. */
export function clearFieldErrors(fields, formError) {
  formError.hidden = true;
  for (const { error, input } of Object.values(fields)) {
    error.hidden = true;
    input.removeAttribute("aria-invalid");
  }
}
