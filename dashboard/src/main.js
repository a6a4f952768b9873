// Routes: #/ is the hospital overview, #/wards/{wardId} a ward's bed board, #/patients/{mrn} a patient's chart,
// #/interfaces the HL7 interface log, #/billing the finance reports and #/billing/account/{encounterId} an account. One
// live connection serves them all.
import "./styles.css";
import { apiBase } from "./api.js";
import { accessToken, loginForm, signedOut } from "./auth.js";
import { BillingView } from "./billing.js";
import { AccountView } from "./billingAccount.js";
import { BoardView } from "./board.js";
import { ChartView } from "./chart.js";
import { h } from "./dom.js";
import { InterfacesView } from "./interfaces.js";
import { LiveConnection } from "./live.js";
import { OverviewView } from "./overview.js";
import { permissions } from "./permissions.js";
import { PatientSearch } from "./search.js";

const container = document.getElementById("view");
const crumbs = document.getElementById("crumbs");
const signOut = document.getElementById("sign-out");
const interfaces = h("a", { href: "#/interfaces", class: "link-button", "data-testid": "interfaces-link", hidden: true }, "Interfaces");
const billing = h("a", { href: "#/billing", class: "link-button", "data-testid": "billing-link", hidden: true }, "Billing");
signOut.before(interfaces, billing);
const live = new LiveConnection(document.querySelector('[data-testid="connection"]'), document.getElementById("reconnect-now"));
let current = null;
let signingIn = false;

crumbs.after(new PatientSearch().element);

function viewFor(hash) {
  const ward = hash.match(/^#\/wards\/([^/?#]+)/);
  if (ward) return new BoardView(decodeURIComponent(ward[1]));
  const patient = hash.match(/^#\/patients\/([^/?#]+)/);
  if (patient) return new ChartView(decodeURIComponent(patient[1]));
  if (/^#\/interfaces\b/.test(hash)) return new InterfacesView();
  const account = hash.match(/^#\/billing\/account\/([^/?#]+)/);
  if (account) return new AccountView(decodeURIComponent(account[1]));
  if (/^#\/billing\b/.test(hash)) return new BillingView();
  return new OverviewView();
}

/** Overview › what the view says it is (a view announces a change with a "hospital:crumbs" event). */
function renderCrumbs() {
  const trail = current?.crumbs?.() ?? [];
  const home = h("a", { href: "#/" }, "Overview");
  if (trail.length === 0) home.setAttribute("aria-current", "page");
  crumbs.replaceChildren(home, ...trail.flatMap(({ label, href }, i) => [" › ",
    href && i < trail.length - 1 ? h("a", { href }, label) : h("span", { "aria-current": "page" }, label)]));
}

async function showRoute() {
  if (signingIn) return;
  current?.unmount();
  current = viewFor(location.hash);
  document.title = "OrleansHospital operations";
  renderCrumbs();
  signOut.hidden = accessToken() === null;
  // The link to the interface log is offered to those who may read it (the api still decides).
  permissions().then((allowed) => {
    interfaces.hidden = !allowed.has("InterfaceLog");
    billing.hidden = !allowed.has("BillingRead");
  }, () => (interfaces.hidden = billing.hidden = true));
  current.mount(container);
  await live.show(current);
}

window.addEventListener("hashchange", showRoute);
window.addEventListener("hospital:crumbs", renderCrumbs);
window.addEventListener("hospital:signed-out", async (event) => {
  if (signingIn) return;
  signingIn = true;
  current?.unmount();
  current = null;
  await live.stop();
  await loginForm(apiBase, event.detail.expired);
  signingIn = false;
  startLive();
  showRoute();
});
signOut.addEventListener("click", signedOut);

/** The live feed, turned off for roles that may not read operations (the hub refuses them: no point retrying). */
function startLive() {
  live.start();
  permissions().then((allowed) => {
    if (!allowed.has("OperationsRead")) live.off();
  }, () => {});
}

startLive();
showRoute();
