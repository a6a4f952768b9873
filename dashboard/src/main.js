// Routes: #/ is the hospital overview, #/wards/{wardId} a ward's bed board. One live connection serves both.
import "./styles.css";
import { apiBase } from "./api.js";
import { accessToken, loginForm, signedOut } from "./auth.js";
import { BoardView } from "./board.js";
import { h } from "./dom.js";
import { LiveConnection } from "./live.js";
import { OverviewView } from "./overview.js";

const container = document.getElementById("view");
const crumbs = document.getElementById("crumbs");
const signOut = document.getElementById("sign-out");
const live = new LiveConnection(document.querySelector('[data-testid="connection"]'), document.getElementById("reconnect-now"));
let current = null;
let signingIn = false;

function viewFor(hash) {
  const ward = hash.match(/^#\/wards\/([^/?#]+)/);
  return ward ? new BoardView(decodeURIComponent(ward[1])) : new OverviewView();
}

async function showRoute() {
  if (signingIn) return;
  current?.unmount();
  current = viewFor(location.hash);
  const home = h("a", { href: "#/" }, "Overview");
  crumbs.replaceChildren(home, ...(current instanceof BoardView ? [" › ", h("span", { "aria-current": "page" }, current.title())] : []));
  if (!(current instanceof BoardView)) home.setAttribute("aria-current", "page");
  signOut.hidden = accessToken() === null;
  current.mount(container);
  await live.show(current);
}

window.addEventListener("hashchange", showRoute);
window.addEventListener("hospital:signed-out", async (event) => {
  if (signingIn) return;
  signingIn = true;
  current?.unmount();
  current = null;
  await live.stop();
  await loginForm(apiBase, event.detail.expired);
  signingIn = false;
  live.start();
  showRoute();
});
signOut.addEventListener("click", signedOut);

live.start();
showRoute();
