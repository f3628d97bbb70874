/* thucydides web page, the live view: open dyad alerts and the newest coded articles, refreshed
 * every few seconds while the tab is shown (`/?refresh=N` sets N seconds; default 15). An alert
 * links to its dyad timeline and its events in the explore tab (#alert=ID/timeline, #alert=ID/events).
 * Loaded before app.js, whose helpers (window.Thuc) it uses only once the page has started.
 */
"use strict";
(function () {
  const asked = Number(new URLSearchParams(location.search).get("refresh"));
  const REFRESH_MS = 1000 * (asked >= 1 ? asked : 15);
  const live = { timer: null, seen: null, busy: false };

  function when(stamp) {  // the store's times are UTC without a zone
    return stamp ? stamp.slice(0, 16).replace("T", " ") + " UTC" : "–";
  }

  async function refresh() {
    const T = window.Thuc;
    if (live.busy) return;
    live.busy = true;
    try {
      if (!T.state.healthChecked) { await T.checkHealth(); T.state.healthChecked = true; }
      T.$("#live-no-store").hidden = T.state.store;
      if (!T.state.store) return;
      const closed = T.$("#alerts-closed").checked;
      const [alerts, latest] = await Promise.all([
        T.api("/v1/alerts?limit=50" + (closed ? "" : "&open=true")), T.api("/v1/articles/latest?limit=15"),
      ]);
      renderAlerts(alerts, closed);
      renderLatest(latest.articles);
      T.say(T.$("#live-msg"), `updated ${new Date().toLocaleTimeString()} · refreshes every ${REFRESH_MS / 1000} s`);
    } catch (err) {
      T.say(T.$("#live-msg"), "could not refresh: " + err.message, true);
    } finally {
      live.busy = false;
    }
  }

  function renderAlerts(result, closed) {
    const T = window.Thuc, el = T.el;
    const body = T.$("#alerts-table tbody");
    body.replaceChildren();
    const first = live.seen === null;
    live.seen = live.seen || new Set();
    for (const a of result.alerts) {
      const fresh = !first && !live.seen.has(a.alert_id);  // raised since the page looked last
      live.seen.add(a.alert_id);
      const figures = a.test === "count"
        ? `z ${T.fmt(a.z)} · ${a.ratio === null ? "none before" : T.fmt(a.ratio) + "×"}`
        : `Goldstein ${T.fmt(a.goldstein_shift)}`;
      const link = (part, text) => el("a", { href: `#alert=${encodeURIComponent(a.alert_id)}/${part}`, class: part, text });
      body.appendChild(el("tr", { "data-alert": a.alert_id, class: ["alert", a.open ? "open" : "closed", fresh ? "fresh" : ""].join(" ") },
        el("td", {}, el("div", { text: a.window_start }), el("div", { class: "muted", text: `per ${a.window}` + (a.open ? "" : " · closed") })),
        el("td", { class: "code", text: `${a.source} → ${a.target}` }),
        el("td", {}, el("div", { text: a.message }), el("div", { class: "muted", text: `${figures} · raised ${when(a.raised_at)}` })),
        el("td", {}, el("span", { class: "badge", text: a.test }), " ", a.rule),
        el("td", { class: "num", text: String(a.n_events) }),
        el("td", {}, link("timeline", "timeline"), " · ", link("events", "events"))));
    }
    if (!result.alerts.length) {
      body.appendChild(el("tr", {}, el("td", { colspan: 6, class: "muted", text: closed ? "No alerts in the store." : "No open alerts." })));
    }
    T.$("#alerts-count").textContent = `${result.total} ${closed ? "in all" : "open"}`;
  }

  function renderLatest(articles) {
    const T = window.Thuc, el = T.el;
    const body = T.$("#latest-table tbody");
    body.replaceChildren();
    for (const a of articles) {
      const events = a.events.map((e) => `${e.source_code || "–"} → ${e.target_code || "–"} ${e.cameo}`);
      if (a.counted_events > events.length) events.push(`… ${a.counted_events - events.length} more`);
      body.appendChild(el("tr", { "data-article": a.id },
        el("td", { text: when(a.stored_at) }),
        el("td", {}, el("a", { href: "#article=" + encodeURIComponent(a.id), text: a.title || a.id }),
          el("div", { class: "muted", text: [a.source, a.id].filter(Boolean).join(" · ") })),
        el("td", { text: a.date || "–" }),
        el("td", {}, el("div", { text: `${a.counted_events} counted` }), el("div", { class: "muted code", text: events.join("; ") }))));
    }
    if (!articles.length) body.appendChild(el("tr", {}, el("td", { colspan: 4, class: "muted", text: "No articles stored yet." })));
    T.$("#latest-count").textContent = articles.length ? `${articles.length} newest` : "";
  }

  // The explore tab filtered to the alert: its dyad's timeline over baseline and window, and the window's events.
  async function openAlert(id, part) {
    const T = window.Thuc;
    T.state.exploreLoaded = true;  // filled from the alert below, not with the tab's defaults
    T.showTab("explore");
    await T.checkHealth();
    const msg = T.$("#filter-msg");
    let alert;
    try {
      alert = await T.api("/v1/alerts/" + encodeURIComponent(id));
    } catch (err) {
      T.say(msg, `alert ${id}: ${err.message}`, true);
      return;
    }
    const form = T.$("#filter-form");
    form.reset();
    const set = (root, name, value) => { root.querySelector(`[name=${name}]`).value = value; };
    set(form, "source", alert.source);
    set(form, "target", alert.target);
    set(form, "start", alert.window_start);
    set(form, "end", alert.window_end);
    const dyad = T.$("#dyad-form");
    set(dyad, "a", alert.source);
    set(dyad, "b", alert.target);
    set(dyad, "by", alert.window);
    dyad.querySelector("[name=directed]").checked = true;
    await Promise.all([T.loadEvents(0), T.loadDyad(null, { start: alert.baseline_start, end: alert.window_end })]);
    T.loadTopActors();
    T.say(msg, "alert: " + alert.message);
    (part === "events" ? T.$("#store-table") : T.$("#timeline")).scrollIntoView({ block: "start" });
  }

  window.ThucLive = {
    start() {
      if (live.timer !== null) return;
      refresh();
      live.timer = setInterval(refresh, REFRESH_MS);
      document.querySelector("#alerts-closed").onchange = refresh;
    },
    stop() {
      if (live.timer !== null) clearInterval(live.timer);
      live.timer = null;
    },
    openAlert,
  };
})();
