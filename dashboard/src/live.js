// The one hub connection of the page. The current view subscribes to its groups first and then reads the REST
// snapshot, on first connect and after every reconnect, so nothing between snapshot and stream is missed (views drop
// pushed beds whose version is not newer than what they hold). SignalR's automatic reconnect covers short outages;
// when it gives up, a slower loop of our own keeps trying until the server is back.
import * as signalR from "@microsoft/signalr";
import { apiBase } from "./api.js";
import { accessToken, signedOut } from "./auth.js";

const HANDLERS = {
  BedChanged: "onBedChanged",
  CensusChanged: "onCensusChanged",
  AlertRaised: "onAlert",
  AlertChanged: "onAlert",
  AdtEvent: "onAdtEvent",
};

/** Quick retries first, then every few seconds (with jitter, so a ward's screens do not return in lockstep). */
const automaticRetries = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount, elapsedMilliseconds }) => {
    if (elapsedMilliseconds > 120_000) return null;
    if (previousRetryCount === 0) return 0;
    return Math.min(500 * 2 ** previousRetryCount, 3000) * (0.8 + Math.random() * 0.4);
  },
};
const SLOW_RETRY_MS = 5000;

export class LiveConnection {
  #connection;
  #view = null;
  #indicator;
  #reconnectButton;
  #retryTimer = 0;
  #wanted = false;
  #off = false;

  constructor(indicator, reconnectButton) {
    this.#indicator = indicator;
    this.#reconnectButton = reconnectButton;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl(`${apiBase}/hubs/operations`, { accessTokenFactory: () => accessToken() ?? "" })
      .withAutomaticReconnect(automaticRetries)
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    for (const [event, handler] of Object.entries(HANDLERS)) {
      this.#connection.on(event, (payload) => this.#view?.[handler]?.(payload));
    }
    this.#connection.onreconnecting(() => this.#setState("Reconnecting"));
    this.#connection.onreconnected(() => {
      this.#setState("Connected");
      this.#sync(this.#view);
    });
    this.#connection.onclose(() => {
      this.#setState("Disconnected");
      if (this.#wanted) this.#retryLater();
    });
    reconnectButton.addEventListener("click", () => this.start());
  }

  get #state() {
    return this.#connection.state;
  }

  async start() {
    this.#wanted = true;
    this.#off = false;
    clearTimeout(this.#retryTimer);
    if (this.#state !== signalR.HubConnectionState.Disconnected) return;
    this.#setState("Connecting");
    try {
      await this.#connection.start();
    } catch (error) {
      this.#setState("Disconnected");
      if (error?.statusCode === 401) {
        signedOut();
        return;
      }
      if (this.#wanted) this.#retryLater();
      // Show what REST can tell even while the live feed is down.
      await this.#view?.load().catch(() => {});
      return;
    }
    this.#setState("Connected");
    await this.#sync(this.#view);
  }

  /** For a role without OperationsRead the hub would refuse: views show what REST tells, nothing retries. */
  async off() {
    this.#off = true;
    await this.stop();
    this.#indicator.dataset.state = "Off";
    this.#indicator.textContent = "Live off";
    this.#indicator.title = "Live updates are not part of this role: reload to see changes";
    this.#reconnectButton.hidden = true;
    document.body.classList.remove("offline");
  }

  async stop() {
    this.#wanted = false;
    clearTimeout(this.#retryTimer);
    await this.#connection.stop();
  }

  /** Makes `view` the receiver of events: leaves the previous view's groups, joins the new ones, reads the snapshot. */
  async show(view) {
    const previous = this.#view;
    this.#view = view;
    if (this.#state === signalR.HubConnectionState.Connected) {
      await previous?.unsubscribe?.(this.#connection).catch(() => {});
      await this.#sync(view);
    } else if (this.#state !== signalR.HubConnectionState.Connecting) {
      // Disconnected or reconnecting: the snapshot now, the subscription when the connection is back.
      await view.load();
    }
    // Connecting: start() syncs the view once connected.
  }

  async #sync(view) {
    if (!view) return;
    try {
      await view.subscribe?.(this.#connection);
    } catch (error) {
      console.warn("Subscribing failed", error);
    }
    if (view === this.#view) await view.load();
  }

  #retryLater() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.start(), SLOW_RETRY_MS * (0.8 + Math.random() * 0.4));
  }

  #setState(state) {
    if (this.#off) return;
    this.#indicator.dataset.state = state;
    this.#indicator.textContent = state;
    this.#indicator.title = state === "Connected" ? "Live updates on" : "Live updates paused; the screen may be out of date";
    this.#reconnectButton.hidden = state !== "Disconnected";
    document.body.classList.toggle("offline", state !== "Connected");
  }
}
