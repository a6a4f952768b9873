// Sign-in. Until the api has authentication every route is open and this never shows; once it answers 401, the
// dashboard asks for a user name and password, keeps the bearer token for this browser tab, and sends it with every
// request and with the hub connection (SignalR: access_token).
import { h } from "./dom.js";

const KEY = "hospital.token";

export function accessToken() {
  const saved = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
  return saved && saved.expiresAt > Date.now() ? saved.accessToken : null;
}

export function authorizationHeader() {
  const token = accessToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function signedOut() {
  const hadToken = sessionStorage.getItem(KEY) !== null;
  sessionStorage.removeItem(KEY);
  window.dispatchEvent(new CustomEvent("hospital:signed-out", { detail: { expired: hadToken } }));
}

/** The sign-in form; resolves once a token has been obtained. */
export function loginForm(apiBase, expired) {
  return new Promise((resolve) => {
    const error = h("p", { class: "form-error", role: "alert", "data-testid": "login-error", hidden: true });
    const username = h("input", { id: "login-user", name: "username", autocomplete: "username", required: true });
    const password = h("input", { id: "login-password", name: "password", type: "password", autocomplete: "current-password", required: true });
    const form = h("form", { class: "login card", "data-testid": "login", "aria-labelledby": "login-title" },
      h("h1", { id: "login-title" }, "Sign in"),
      expired ? h("p", { class: "muted" }, "Your session has ended; sign in again.") : null,
      h("label", { for: "login-user" }, "User name"), username,
      h("label", { for: "login-password" }, "Password"), password,
      error,
      h("button", { type: "submit", class: "primary" }, "Sign in"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.hidden = true;
      try {
        const response = await fetch(`${apiBase}/api/auth/token`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ username: username.value, password: password.value }),
        });
        const body = await response.json().catch(() => ({}));
        if (!response.ok) {
          const errors = Object.values(body.errors ?? {}).flat();
          throw new Error([body.title, body.detail, ...errors].filter(Boolean).join(" — ") || "Sign-in failed.");
        }
        sessionStorage.setItem(KEY, JSON.stringify({
          accessToken: body.accessToken,
          expiresAt: Date.now() + (body.expiresIn ?? 3600) * 1000,
          roles: body.roles ?? [],
        }));
        resolve();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    document.getElementById("view").replaceChildren(form);
    username.focus();
  });
}
