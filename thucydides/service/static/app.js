/* thucydides web page: code an article and explore the event store.
 * Plain JavaScript, no dependencies; talks only to this server's /v1 API.
 * Article text is always inserted as text nodes, never as HTML.
 */
"use strict";
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const KINDS = [
    ["actor", "actors", "var(--actor)"], ["trigger", "event triggers", "var(--trigger)"],
    ["place", "places", "var(--place)"], ["time", "times", "var(--time)"], ["quote", "quotes", "var(--quote)"],
  ];
  const EXAMPLE = {
    title: "Ankara turns down Moscow's offer of joint raids",
    date: "2024-03-08",
    text: "Ankara turns down Moscow's offer of joint raids\n\n" +
      "ANKARA, March 8 - Turkey on Friday rejected a Russian proposal to conduct joint air raids against " +
      "militants near the Syrian border.\n\n" +
      "Russian Foreign Minister Sergei Lavrov proposed on Thursday that the two countries coordinate strikes, " +
      "starting next Monday. \"We are ready to act together,\" Lavrov told reporters in Moscow.\n\n" +
      "A spokesman for the Turkish Foreign Ministry said Ankara would not take part in any joint operation. " +
      "\"Our position has not changed,\" the spokesman said.\n\n" +
      "Separately, Greek police arrested two men in Athens on Thursday after a protest outside the Turkish embassy.",
  };
  const state = { store: false, page: 0, pageSize: 25, filters: {}, total: 0, lastDoc: null };

  // -- small helpers ----------------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  const fmt = (x, d) => (x === null || x === undefined ? "–" : Number(x).toFixed(d === undefined ? 1 : d));
  const actorLabel = (a) => (a ? (a.code || "?") : "–");

  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (err) {
      throw new Error("the server cannot be reached (" + err.message + ")");
    }
    let body = null;
    try { body = await response.json(); } catch (_) { /* not JSON */ }
    if (!response.ok) {
      const message = body && body.message ? body.message : "HTTP " + response.status;
      const error = new Error(message);
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return body;
  }

  function say(node, text, isError) {
    node.textContent = text || "";
    node.classList.toggle("error", !!isError);
  }

  // -- the hover tip ----------------------------------------------------------------
  const tip = $("#tip");
  document.addEventListener("mouseover", (ev) => {
    const target = ev.target.closest ? ev.target.closest("[data-tip], .hl") : null;
    if (!target) { tip.hidden = true; return; }
    tip.replaceChildren();
    if (target.classList.contains("hl")) {
      for (const s of segmentSpans.get(target) || []) {
        tip.appendChild(el("div", {}, el("b", { text: s.kind }), " ", s.label));
      }
    } else {
      tip.appendChild(el("div", { text: target.getAttribute("data-tip") }));
    }
    tip.hidden = !tip.firstChild || !tip.textContent.trim();
  });
  document.addEventListener("mousemove", (ev) => {
    if (tip.hidden) return;
    const x = Math.min(ev.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    const y = ev.clientY + 18 + tip.offsetHeight > window.innerHeight ? ev.clientY - tip.offsetHeight - 10 : ev.clientY + 18;
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  });

  // -- tabs ---------------------------------------------------------------------------
  function showTab(name) {
    for (const t of ["code", "explore", "live"]) {
      $("#tab-" + t).hidden = t !== name;
      $(`nav a[data-tab="${t}"]`).classList.toggle("active", t === name);
    }
    if (name === "explore" && !state.exploreLoaded) {
      state.exploreLoaded = true;
      loadExplore();
    }
    // the live view polls only while it is shown (live.js)
    if (name === "live") ThucLive.start(); else ThucLive.stop();
  }
  function route() {
    const hash = location.hash.slice(1);
    if (hash.startsWith("article=")) {
      showTab("code");
      openStoredArticle(decodeURIComponent(hash.slice(8)));
      return;
    }
    if (hash.startsWith("alert=")) {  // #alert=ID/timeline or #alert=ID/events (links of the live view)
      const [id, part] = hash.slice(6).split("/");
      ThucLive.openAlert(decodeURIComponent(id), part || "timeline");
      return;
    }
    showTab(["explore", "live"].includes(hash) ? hash : "code");
  }
  window.addEventListener("hashchange", route);

  async function checkHealth() {
    const badge = $("#health");
    try {
      const h = await api("/healthz");
      state.store = !!h.store;
      state.limits = h.limits;
      badge.textContent = h.status === "ok" ? "coder ready" + (h.store ? " · store" : "") : "starting…";
      badge.className = "health " + (h.status === "ok" ? "ok" : "");
      badge.title = h.store ? "event store: " + h.store : "no event store";
    } catch (err) {
      badge.textContent = "offline";
      badge.className = "health bad";
    }
    $("#in-store").disabled = !state.store;
    $("#in-store").parentElement.title = state.store ? "" : "the server runs without --store";
    $("#no-store").hidden = state.store;
  }

  // -- coding an article -----------------------------------------------------------
  async function codeArticle(ev) {
    ev.preventDefault();
    const text = $("#in-text").value;
    const msg = $("#code-msg");
    if (!text.trim()) { say(msg, "Paste or upload an article first.", true); return; }
    const body = { text };
    const title = $("#in-title").value.trim();
    const date = $("#in-date").value;
    if (title) body.title = title;
    if (date) body.date = date;
    const store = $("#in-store").checked && state.store;
    const button = $("#btn-code");
    button.disabled = true;
    say(msg, "coding…");
    const began = performance.now();
    try {
      const doc = await api("/v1/code" + (store ? "?store=true" : ""), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      doc.text = text;
      const ms = Math.round(performance.now() - began);
      say(msg, `${doc.events.length} events, ${doc.actors.length} actor mentions in ${ms} ms` +
        (store ? " · saved to the store" : ""));
      renderDocument(doc);
      $("#in-text").scrollTop = 0;
      if (store) state.exploreLoaded = false;
    } catch (err) {
      const problems = err.body && err.body.problems ? " — " + err.body.problems.map((p) => p.field + ": " + p.problem).join("; ") : "";
      say(msg, "Could not code it: " + err.message + (problems && !err.message.includes(problems.slice(3)) ? problems : ""), true);
    } finally {
      button.disabled = false;
    }
  }

  async function openStoredArticle(id) {
    const msg = $("#code-msg");
    say(msg, "loading stored article " + id + "…");
    try {
      const doc = await api("/v1/articles/" + encodeURIComponent(id));
      say(msg, "stored article " + id + (doc.stored_at ? ", coded " + doc.stored_at.slice(0, 16).replace("T", " ") : ""));
      renderDocument(doc);
    } catch (err) {
      say(msg, err.message, true);
    }
  }

  function readUpload() {
    const file = $("#in-file").files[0];
    if (!file) return;
    const msg = $("#code-msg");
    const limit = (state.limits && state.limits.max_body_bytes) || 2000000;
    if (file.size > limit) { say(msg, `${file.name} is ${file.size} bytes; the limit is ${limit}.`, true); return; }
    const reader = new FileReader();
    reader.onload = () => {
      const raw = String(reader.result);
      const name = file.name.toLowerCase();
      let article = { text: raw };
      try {
        if (name.endsWith(".jsonl")) article = JSON.parse(raw.split("\n").find((l) => l.trim()) || "{}");
        else if (name.endsWith(".json")) { const j = JSON.parse(raw); article = Array.isArray(j) ? j[0] : j; }
        else if (name.endsWith(".html") || name.endsWith(".htm")) {
          const page = new DOMParser().parseFromString(raw, "text/html");
          const main = page.querySelector("article") || page.querySelector("main") || page.body;
          article = { title: page.title || "", text: (main ? main.innerText || main.textContent : "").trim() };
        }
      } catch (err) {
        say(msg, `${file.name}: not valid JSON (${err.message})`, true);
        return;
      }
      if (!article || typeof article.text !== "string") { say(msg, `${file.name}: no "text" field found`, true); return; }
      $("#in-text").value = article.text;
      $("#in-title").value = article.title || "";
      $("#in-date").value = /^\d{4}-\d{2}-\d{2}$/.test(article.date || "") ? article.date : $("#in-date").value;
      say(msg, `loaded ${file.name} (${article.text.length} characters)`);
    };
    reader.readAsText(file);
  }

  // -- highlighting -------------------------------------------------------------------
  const segmentSpans = new WeakMap();   // <span class="hl"> -> the annotations covering it
  let byTag = new Map();                 // event id -> its <span class="hl"> pieces

  function annotations(doc) {
    const out = [];
    const add = (kind, span, label, tags) => {
      if (!span || span.start === null || span.start === undefined || span.end <= span.start) return;
      out.push({ kind, start: span.start, end: span.end, label, tags: tags || [] });
    };
    for (const a of doc.actors || []) {
      add("actor", a, `${a.text} → ${a.code || "code unknown"}` + (a.name && a.name !== a.text ? ` (${a.name})` : "") +
        (a.kind ? ` · ${a.kind}` : "") + (a.how ? ` · ${a.how}` : ""));
    }
    for (const e of doc.events || []) {
      const what = `${e.id}: CAMEO ${e.cameo}` + (e.plover && e.plover.type ? ` ${e.plover.type}` : "") +
        ` · ${actorLabel(e.source)} → ${actorLabel(e.target)} · Goldstein ${fmt(e.goldstein)}` +
        (e.negated ? " · negated" : "") + (e.modality && e.modality !== "asserted" ? ` · ${e.modality}` : "");
      add("trigger", e.trigger, what, [e.id]);
      for (const m of e.mentions || []) add("repeat", m.trigger, "repeat of " + what, [e.id]);
      if (e.source) add("role", e.source, `source of ${e.id}`, [e.id]);
      if (e.target) add("role", e.target, `target of ${e.id}`, [e.id]);
    }
    for (const p of doc.places || []) {
      add("place", p, `${p.name || p.text}` + (p.country ? `, ${p.country}` : "") + (p.feature ? ` · ${p.feature}` : "") +
        (p.lat !== null && p.lat !== undefined ? ` · ${fmt(p.lat, 2)}, ${fmt(p.lon, 2)}` : ""));
    }
    for (const t of doc.times || []) {
      add("time", t, `${t.text} = ${t.value || "unresolved"}` + (t.end_value ? ` … ${t.end_value}` : "") +
        (t.kind && t.kind !== "date" ? ` · ${t.kind}` : ""));
    }
    for (const q of doc.quotes || []) {
      const who = q.speaker ? `${q.speaker.text}${q.speaker.code ? " (" + q.speaker.code + ")" : ""}` : "speaker unknown";
      add("quote", q.content, `${q.kind || "direct"} quote by ${who}`, [q.id]);
      if (q.cue) add("cue", q.cue, `cue of the ${q.kind || "direct"} quote by ${who}`, [q.id]);
    }
    return out;
  }

  function renderText(container, text, spans) {
    container.replaceChildren();
    byTag = new Map();
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.min(s.start, text.length)); cuts.add(Math.min(s.end, text.length)); }
    const points = [...cuts].sort((a, b) => a - b);
    // sweep: spans sorted by start; active set kept small (spans are short)
    const sorted = spans.slice().sort((a, b) => a.start - b.start);
    let next = 0, active = [];
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      while (next < sorted.length && sorted[next].start <= a) active.push(sorted[next++]);
      active = active.filter((s) => s.end > a);
      const covering = active.filter((s) => s.start <= a && s.end >= b);
      const piece = text.slice(a, b);
      const shown = covering.filter((s) => s.kind !== "role");
      if (!covering.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      const node = el("span", { class: "hl " + [...new Set(covering.map((s) => "k-" + s.kind))].join(" ") }, piece);
      segmentSpans.set(node, shown.length ? shown : covering);
      for (const s of covering) for (const tag of s.tags) {
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(node);
      }
      frag.appendChild(node);
    }
    container.appendChild(frag);
  }

  function focusEvent(id, scroll) {
    for (const n of document.querySelectorAll(".hl.focus")) n.classList.remove("focus");
    const nodes = byTag.get(id) || [];
    for (const n of nodes) n.classList.add("focus");
    if (scroll && nodes.length) {
      const box = $("#annotated");
      const first = nodes.find((n) => n.classList.contains("k-trigger")) || nodes[0];
      box.scrollTop = first.offsetTop - box.offsetTop - box.clientHeight / 3;
    }
  }

  function renderLegend(doc) {
    const counts = { actor: doc.actors.length, trigger: doc.events.length, place: doc.places.length,
                     time: doc.times.length, quote: doc.quotes.length };
    const legend = $("#legend");
    legend.replaceChildren();
    for (const [kind, name, colour] of KINDS) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = colour;
      const b = el("button", { type: "button", "data-kind": kind, title: "show or hide " + name }, sw, `${name} ${counts[kind]}`);
      b.addEventListener("click", () => {
        b.classList.toggle("off");
        $("#annotated").classList.toggle("hide-" + kind);
      });
      legend.appendChild(b);
    }
  }

  function whyCell(why) {
    const cell = el("td", { class: "why" });
    if (!why || !Object.keys(why).length) { cell.textContent = "–"; return cell; }
    const rule = why.rule || why.pattern || why.verb_pattern;
    if (rule) cell.appendChild(el("div", { class: "rule", text: String(rule) }));
    const tokens = why.tokens || why.matched || null;
    if (Array.isArray(tokens) && tokens.length) {
      cell.appendChild(el("div", {}, tokens.map((t) => el("span", { class: "tok", text: typeof t === "string" ? t : (t.text || JSON.stringify(t)) }))));
    }
    for (const [k, v] of Object.entries(why)) {
      if (["rule", "pattern", "verb_pattern", "tokens", "matched"].includes(k) || v === null || v === "") continue;
      const val = typeof v === "object" ? JSON.stringify(v) : String(v);
      cell.appendChild(el("div", { class: "muted" }, `${k}: ${val.length > 140 ? val.slice(0, 140) + "…" : val}`));
    }
    return cell;
  }

  // How much of an event's date the text gave, and where its place came from: a month-precise
  // date, an undated background event or a place taken from the dateline must not read as a
  // day or a place the sentence itself names.
  const PRECISION_NOTES = {
    month: "month only", year: "year only", past: "undated: before the narrative", unknown: "undated",
  };
  const PLACE_NOTES = {
    sentence: "elsewhere in its sentence", passage: "from its passage", dateline: "from the dateline",
    article: "the article's main place",
  };
  function dateCell(date, precision, source, where, placeSource) {
    const note = PRECISION_NOTES[precision];
    const placeNote = where && PLACE_NOTES[placeSource] ? ` (${PLACE_NOTES[placeSource]})` : "";
    return el("td", { "data-date-precision": precision || null, "data-location-source": placeSource || null },
      el("div", { text: date || "–", title: source ? "date: " + source : null }),
      note ? el("div", { class: "muted precision", text: note }) : null,
      el("div", { class: "muted", text: (where || "") + placeNote }));
  }

  // "–": the event has no such actor; "?": the text names one the dictionaries cannot code.
  const NO_ACTOR = "no actor in the text", UNCODED = "an actor the dictionaries cannot code";
  function actorCell(a) {
    if (!a) return el("td", { class: "muted", text: "–", title: NO_ACTOR });
    return el("td", {}, el("div", { class: "code", text: a.code || "?", title: a.code ? null : UNCODED }),
      el("div", { class: "muted", text: a.text }));
  }

  function renderEvents(doc) {
    const body = $("#events-table tbody");
    body.replaceChildren();
    $("#events-count").textContent = doc.events.length ? `${doc.events.length}` : "none found";
    doc.events.forEach((e, i) => {
      const flags = [];
      if (e.negated) flags.push(el("span", { class: "badge bad", text: "negated" }));
      if (e.modality && e.modality !== "asserted") flags.push(el("span", { class: "badge", text: e.modality }));
      if (e.quote) flags.push(el("span", { class: "badge", text: "quoted" }));
      const where = e.location ? (e.location.name || e.location.text) + (e.location.country ? ", " + e.location.country : "") : "";
      const row = el("tr", { "data-event": e.id, class: e.negated ? "neg" : null },
        el("td", { class: "num muted", text: String(i + 1) }),
        actorCell(e.source),
        el("td", {},
          el("div", {}, el("b", { text: e.trigger.text }), " ", el("span", { class: "code", text: e.cameo }),
            e.plover && e.plover.type ? el("span", { class: "badge", text: e.plover.type }) : null, flags),
          el("div", { class: "muted" }, el("span", { class: "q q" + e.quad_class, title: QUAD_NAMES[e.quad_class] || "", text: String(e.quad_class) }),
            ` ${QUAD_NAMES[e.quad_class] || ""} · confidence ${fmt(e.confidence, 2)}`)),
        actorCell(e.target),
        dateCell(e.date, e.date_precision, e.date_source, where, e.location_source),
        el("td", { class: "num", text: fmt(e.goldstein) }),
        whyCell(e.why));
      row.addEventListener("mouseenter", () => focusEvent(e.id, false));
      row.addEventListener("click", () => focusEvent(e.id, true));
      body.appendChild(row);
    });
    if (!doc.events.length) body.appendChild(el("tr", {}, el("td", { colspan: 7, class: "muted", text: "No events were coded in this article." })));
  }

  function renderFacts(doc) {
    const facts = $("#doc-facts");
    facts.replaceChildren();
    const entities = new Set((doc.actors || []).map((a) => a.entity).filter((x) => x !== null && x !== undefined));
    const rows = [
      ["id", doc.id], ["published", doc.date || "unknown"], ["sentences", (doc.sentences || []).length],
      ["actors", `${(doc.actors || []).length} mentions, ${entities.size} entities`],
      ["events", (doc.events || []).length], ["places", (doc.places || []).length],
      ["quotes", (doc.quotes || []).length], ["coder", doc.coder_version || "–"],
    ];
    for (const [k, v] of rows) facts.append(el("dt", { text: k }), el("dd", { text: String(v) }));
  }

  function renderDocument(doc) {
    state.lastDoc = doc;
    $("#result").hidden = false;
    $("#doc-title").textContent = doc.title || "Coded article";
    renderLegend(doc);
    const box = $("#annotated");
    box.className = "annotated";
    renderText(box, doc.text || "", annotations(doc));
    renderEvents(doc);
    renderFacts(doc);
    const points = new Map();
    for (const p of doc.places || []) {
      if (p.lat === null || p.lat === undefined) continue;
      const key = p.lat.toFixed(2) + "," + p.lon.toFixed(2);
      const cur = points.get(key) || { lat: p.lat, lon: p.lon, n: 0, label: p.name || p.text, goldstein: null, gs: [] };
      cur.n += 1;
      points.set(key, cur);
    }
    for (const e of doc.events || []) {
      const loc = e.location;
      if (!loc || loc.lat === null || loc.lat === undefined) continue;
      const key = loc.lat.toFixed(2) + "," + loc.lon.toFixed(2);
      const cur = points.get(key) || { lat: loc.lat, lon: loc.lon, n: 0, label: loc.name || loc.text, gs: [] };
      cur.gs.push(e.goldstein);
      points.set(key, cur);
    }
    const pts = [...points.values()].map((p) => {
      const g = p.gs.length ? p.gs.reduce((a, b) => a + b, 0) / p.gs.length : null;
      return { ...p, goldstein: g, n: Math.max(1, p.n), label: `${p.label}: ${p.n} mention(s)` + (p.gs.length ? `, ${p.gs.length} event(s), mean Goldstein ${fmt(g)}` : "") };
    });
    const countries = [...new Set([...(doc.actors || []).map((a) => a.country), ...(doc.places || []).map((p) => p.country)].filter(Boolean))];
    Charts.map($("#doc-map"), pts, { countries, label: "places in the article", empty: "No places with coordinates." });
  }

  // -- exploring the store -------------------------------------------------------------
  function filterQuery() {
    const form = new FormData($("#filter-form"));
    const params = new URLSearchParams();
    for (const [k, v] of form.entries()) if (String(v).trim()) params.set(k, String(v).trim());
    return params;
  }

  async function loadExplore() {
    await checkHealth();
    if (!state.store) return;
    loadEvents(0);
    loadTopActors();
  }

  async function loadEvents(page) {
    const msg = $("#filter-msg");
    const params = filterQuery();
    state.page = page;
    params.set("limit", String(state.pageSize));
    params.set("offset", String(page * state.pageSize));
    say(msg, "loading…");
    try {
      const [events, locs] = await Promise.all([
        api("/v1/events?" + params), page === 0 ? api("/v1/locations?" + filterQuery()) : Promise.resolve(null),
      ]);
      say(msg, "");
      state.total = events.total;
      renderStoreEvents(events);
      if (locs) {
        const pts = locs.locations.map((l) => ({ lat: l.lat, lon: l.lon, n: l.events, goldstein: l.goldstein_mean,
          label: `${l.name || "?"}${l.country ? ", " + l.country : ""}: ${l.events} events (${l.cooperation} coop., ${l.conflict} conflict), mean Goldstein ${fmt(l.goldstein_mean)}` }));
        $("#map-count").textContent = `${pts.length} places`;
        Charts.map($("#store-map"), pts, { fit: false, empty: "No events with a location match these filters." });
      }
    } catch (err) {
      say(msg, err.message, true);
    }
  }

  function storeActorCell(e, role) {
    const code = e[role + "_code"], text = e[role + "_name"] || e[role + "_text"] || "";
    const shown = code || (text ? "?" : "–");
    const title = code ? null : (text ? UNCODED : NO_ACTOR);
    return el("td", {}, el("div", { class: "code", text: shown, title }), el("div", { class: "muted", text }));
  }

  function renderStoreEvents(result) {
    const body = $("#store-table tbody");
    body.replaceChildren();
    const clusters = result.level === "cluster";
    for (const e of result.events) {
      const article = clusters ? e.first_article_id : e.article_id;
      const where = [e.location_name || e.location_text, e.location_country].filter(Boolean).join(", ");
      body.appendChild(el("tr", {},
        dateCell(["month", "year"].includes(e.date_precision) ? e.date_text : e.event_date, e.date_precision,
          null, "", null),
        storeActorCell(e, "source"),
        el("td", { "data-tip": e.sentence || "" },
          el("div", {}, el("b", { text: e.trigger_text || "" }), " ", el("span", { class: "code", text: e.cameo }),
            e.plover_type ? el("span", { class: "badge", text: e.plover_type }) : null),
          el("div", { class: "muted" }, el("span", { class: "q q" + e.quad_class, text: String(e.quad_class) }), " " + (QUAD_NAMES[e.quad_class] || ""))),
        storeActorCell(e, "target"),
        el("td", { "data-location-source": e.location_source || null },
          el("div", { text: where || "–" }),
          where && PLACE_NOTES[e.location_source] ? el("div", { class: "muted", text: PLACE_NOTES[e.location_source] }) : null),
        el("td", { class: "num", text: fmt(e.goldstein) }),
        clusters
          ? el("td", { class: "num", title: "articles reporting it · mentions in all of them (GDELT NumArticles, NumMentions)",
              text: `${e.num_articles} art. · ${e.num_mentions} ment.` })
          : el("td", { class: "num", title: "mentions of it in this article", text: `${1 + (e.n_repeats || 0)} ment.` }),
        el("td", {}, article ? el("a", { href: "#article=" + encodeURIComponent(article), text: article.length > 22 ? article.slice(0, 21) + "…" : article, title: article }) : "–")));
    }
    if (!result.events.length) body.appendChild(el("tr", {}, el("td", { colspan: 8, class: "muted", text: "No events match." })));
    const first = result.total ? result.offset + 1 : 0;
    $("#store-count").textContent = `${result.total} ${clusters ? "happenings" : "reports"}`;
    $("#page-info").textContent = `${first}–${result.offset + result.events.length} of ${result.total}`;
    $("#prev").disabled = result.offset === 0;
    $("#next").disabled = result.offset + result.events.length >= result.total;
  }

  async function loadTopActors() {
    const box = $("#top-actors");
    try {
      const res = await api("/v1/actors?by_country=true&limit=12");
      box.replaceChildren(el("span", { class: "hint", text: res.actors.length ? "most active:" : "" }));
      for (const a of res.actors) {
        box.appendChild(el("button", { type: "button", title: `${a.events} events; click: fill A (or B once A is set); shift-click: B`,
          onclick: (ev) => {
            $(ev.shiftKey || $("#dyad-a").value ? "#dyad-b" : "#dyad-a").value = a.country;
          } }, `${a.country} ${a.events}`));
      }
      const [a, b] = res.actors;
      if (a && b && !$("#dyad-a").value && !$("#dyad-b").value) {
        $("#dyad-a").value = a.country;
        $("#dyad-b").value = b.country;
        loadDyad();
      }
    } catch (err) {
      box.textContent = err.message;
    }
  }

  // `range` ({start, end}) overrides the filter form's dates: an alert's timeline spans its baseline too
  async function loadDyad(ev, range) {
    if (ev) ev.preventDefault();
    const form = new FormData($("#dyad-form"));
    const a = String(form.get("a") || "").trim(), b = String(form.get("b") || "").trim();
    if (!a || !b) return;
    const params = new URLSearchParams({ by: String(form.get("by")) });
    if (form.get("directed")) params.set("directed", "true");
    const f = filterQuery();
    for (const k of ["start", "end"]) {
      const value = range ? range[k] : f.get(k);
      if (value) params.set(k, value);
    }
    const box = $("#timeline");
    try {
      const res = await api(`/v1/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}?` + params);
      Charts.timeline(box, res.series, { by: res.by, label: `${res.a} – ${res.b} per ${res.by}`,
        empty: `No dated events between ${res.a} and ${res.b}.` });
      box.setAttribute("data-dyad", `${res.a}-${res.b}`);
    } catch (err) {
      box.replaceChildren(el("div", { class: "empty msg error", text: err.message }));
    }
  }

  // What live.js uses of this page: its helpers, and the explore tab's loaders.
  window.Thuc = { $, el, api, say, fmt, state, showTab, checkHealth, loadEvents, loadDyad, loadTopActors };

  // -- start -----------------------------------------------------------------------------
  function init() {
    const select = $("#filter-form select[name=plover]");
    for (const p of PLOVER) select.appendChild(el("option", { value: p, text: p }));
    $("#code-form").addEventListener("submit", codeArticle);
    $("#in-file").addEventListener("change", readUpload);
    $("#btn-example").addEventListener("click", () => {
      $("#in-text").value = EXAMPLE.text;
      $("#in-title").value = EXAMPLE.title;
      $("#in-date").value = EXAMPLE.date;
    });
    $("#in-text").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) $("#code-form").requestSubmit();
    });
    $("#filter-form").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(0); loadDyad(); });
    $("#dyad-form").addEventListener("submit", loadDyad);
    $("#prev").addEventListener("click", () => loadEvents(Math.max(0, state.page - 1)));
    $("#next").addEventListener("click", () => loadEvents(state.page + 1));
    checkHealth();
    route();
  }
  init();
})();
