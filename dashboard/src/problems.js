// Shows what went wrong, in the api's own words (ProblemDetails title and detail).
import { ApiError } from "./api.js";
import { h } from "./dom.js";

export function describe(error) {
  return error instanceof ApiError ? error.describe() : String(error?.message ?? error);
}

/**
 * Runs what a button does: the button is disabled while it runs; a failure shows in `error` (in the api's words) and
 * enables the button again. On success the caller's action has redrawn what it changed.
 */
export async function runAction(button, error, action) {
  button.disabled = true;
  error.hidden = true;
  try {
    await action();
  } catch (e) {
    error.textContent = describe(e);
    error.hidden = false;
    button.disabled = false;
  }
}

/** A banner for failures to read data; it clears itself when a later read succeeds. */
export class ErrorBanner {
  element = h("div", { class: "error-banner", role: "alert", "data-testid": "load-error", hidden: true });

  async guard(read) {
    try {
      const result = await read();
      this.element.hidden = true;
      return result;
    } catch (error) {
      this.element.textContent = describe(error);
      this.element.hidden = false;
      return undefined;
    }
  }
}
