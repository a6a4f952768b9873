// REST calls to the api. Failures throw ApiError carrying the ProblemDetails the api sent.
import { authorizationHeader, signedOut } from "./auth.js";

export const apiBase = (document.querySelector('meta[name="hospital-api"]')?.content ?? "").replace(/\/$/, "");

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.title = problem?.title ?? `Request failed (${status})`;
    this.detail = problem?.detail ?? "";
    this.allowed = Array.isArray(problem?.allowed) ? problem.allowed : null;
    this.errors = problem?.errors ?? null;
    this.warnings = Array.isArray(problem?.warnings) ? problem.warnings : null;
  }

  /** One line for the screen: title, detail, and what the api would allow instead. */
  describe() {
    const parts = [this.title];
    if (this.detail && this.detail !== this.title) parts.push(this.detail);
    if (this.errors) parts.push(...Object.values(this.errors).flat());
    if (this.allowed) parts.push(`Allowed from here: ${this.allowed.join(", ") || "nothing"}.`);
    return parts.join(" — ");
  }
}

export async function request(method, path, body) {
  const headers = { Accept: "application/json, application/problem+json", ...authorizationHeader() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(apiBase + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, { title: "Server unreachable", detail: "The api did not answer; check the connection and try again." });
  }
  const text = await response.text();
  let payload = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (response.status === 401) signedOut();
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

export const get = (path) => request("GET", path);
export const post = (path, body = {}) => request("POST", path, body);

/** GET that answers `fallback` when the route does not exist (yet) on this server. */
export async function getOptional(path, fallback) {
  try {
    return await get(path);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405 || error.status === 501)) return fallback;
    throw error;
  }
}

export const segment = encodeURIComponent;
