// What the signed-in user may do (GET /api/auth/me), read once per token, so that a view offers only the actions the
// api would allow. The api still decides: a refused action shows its 403 like any other error.
import { accessToken } from "./auth.js";
import { getOptional } from "./api.js";

let cached = null;

/** The user's permissions as a Set of names ("MedicationOrder", ...); empty when the api has no /me. */
export function permissions() {
  const token = accessToken();
  if (!cached || cached.token !== token) {
    const read = getOptional("/api/auth/me", { permissions: [] }).then((me) => new Set(me?.permissions ?? []));
    cached = { token, read };
    read.catch(() => (cached = null));
  }
  return cached.read;
}
