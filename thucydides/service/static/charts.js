/* SVG charts for the thucydides page, written by hand (no library, works offline).
 *
 * Charts.map(el, points, opts): equirectangular world map (country outlines from
 *   /static/world.json, pre-projected: x = lon + 180, y = 90 - lat), graticule, dots.
 * Charts.timeline(el, series, opts): cooperation above / conflict below the axis as
 *   stacked quad-class bars per period, with the mean Goldstein score as a line.
 * Hover text lives in `data-tip` attributes; app.js shows it.
 */
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";
  let worldPromise = null;

  function svg(tag, attrs, parent) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function world() {
    if (!worldPromise) {
      worldPromise = fetch("/static/world.json").then((r) => {
        if (!r.ok) throw new Error("world map: HTTP " + r.status);
        return r.json();
      });
    }
    return worldPromise;
  }

  function goldsteinColour(g) {
    if (g === null || g === undefined || Number.isNaN(g)) return "#868e96";
    // -10 … 0 … +10 : red … grey … blue
    const t = Math.max(-1, Math.min(1, g / 10));
    if (t < 0) return mix([134, 142, 150], [224, 49, 49], -t);
    return mix([134, 142, 150], [28, 126, 214], t);
  }
  function mix(a, b, t) {
    const c = a.map((x, i) => Math.round(x + (b[i] - x) * Math.min(1, t * 1.6)));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  /* points: [{lat, lon, n, label, goldstein}] ; opts.countries: ISO3 codes to shade */
  async function map(el, points, opts) {
    opts = opts || {};
    el.replaceChildren();
    let data;
    try {
      data = await world();
    } catch (err) {
      el.textContent = String(err);
      return;
    }
    const [vx, vy, vw, vh] = data.viewBox; // 0 0 360 150 (Antarctica cut off)
    const pts = points.filter((p) => p.lat !== null && p.lat !== undefined && p.lon !== null && p.lon !== undefined);
    // Fit the view to the dots (at least 50° wide), keeping the whole map's aspect ratio.
    let box = [vx, vy, vw, vh];
    if (pts.length && opts.fit !== false) {
      const xs = pts.map((p) => p.lon + 180), ys = pts.map((p) => 90 - p.lat);
      let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
      let w = Math.max(50, (x1 - x0) * 1.5), h = Math.max(w * vh / vw, (y1 - y0) * 1.5);
      w = Math.min(vw, Math.max(w, h * vw / vh));
      h = w * vh / vw;
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      box = [Math.max(vx, Math.min(vx + vw - w, cx - w / 2)), Math.max(vy, Math.min(vy + vh - h, cy - h / 2)), w, h];
    }
    const root = svg("svg", { viewBox: box.join(" "), role: "img", "aria-label": opts.label || "map of event locations" });
    const scale = box[2] / vw;
    const grat = svg("g", { class: "grat" }, root);
    for (let lon = -150; lon <= 150; lon += 30) svg("line", { x1: lon + 180, y1: vy, x2: lon + 180, y2: vy + vh }, grat);
    for (let lat = -30; lat <= 60; lat += 30) svg("line", { x1: vx, y1: 90 - lat, x2: vx + vw, y2: 90 - lat }, grat);
    const hit = new Set(opts.countries || []);
    const land = svg("g", {}, root);
    for (const c of data.countries) {
      const p = svg("path", { d: c.d, class: hit.has(c.id) ? "land hit" : "land", "fill-rule": "evenodd" }, land);
      p.setAttribute("data-tip", c.name + (c.id ? " (" + c.id + ")" : ""));
    }
    const maxN = Math.max(1, ...pts.map((p) => p.n || 1));
    const dots = svg("g", {}, root);
    for (const p of pts.sort((a, b) => (b.n || 1) - (a.n || 1))) {
      const r = (1.2 + 3.2 * Math.sqrt((p.n || 1) / maxN)) * Math.max(scale, 0.25);
      const dot = svg("circle", { class: "dot", cx: (p.lon + 180).toFixed(2), cy: (90 - p.lat).toFixed(2), r: r.toFixed(2),
                                  fill: goldsteinColour(p.goldstein) }, dots);
      dot.setAttribute("data-tip", p.label || "");
    }
    el.appendChild(root);
    el.appendChild(mapLegend(opts.sized !== false));
    if (!pts.length && opts.empty) {
      const note = document.createElement("div");
      note.className = "empty";
      note.textContent = opts.empty;
      el.appendChild(note);
    }
  }

  // What a dot's colour and size mean: without this the map is a puzzle.
  function mapLegend(sized) {
    const box = document.createElement("div");
    box.className = "map-legend";
    const item = (colour, text) => {
      const span = document.createElement("span");
      const sw = document.createElement("i");
      sw.className = "dot-swatch";
      sw.style.background = colour;
      span.append(sw, text);
      return span;
    };
    box.append(item(goldsteinColour(-10), "conflict (Goldstein −10)"), item(goldsteinColour(0), "neutral"),
      item(goldsteinColour(10), "cooperation (+10)"), item(goldsteinColour(null), "no score"));
    if (sized) {
      const size = document.createElement("span");
      size.textContent = "bigger dot: more events";
      box.append(size);
    }
    return box;
  }

  const QUADS = [
    ["verbal_cooperation", "verbal cooperation", "#74c0fc", 1],
    ["material_cooperation", "material cooperation", "#1c7ed6", 1],
    ["verbal_conflict", "verbal conflict", "#ffa94d", -1],
    ["material_conflict", "material conflict", "#e03131", -1],
  ];

  function fmt(x, digits) {
    return x === null || x === undefined ? "–" : Number(x).toFixed(digits);
  }

  /* series: [{period, events, verbal_cooperation, …, goldstein_mean}] */
  function timeline(el, series, opts) {
    opts = opts || {};
    el.replaceChildren();
    if (!series.length || !series.some((s) => s.events > 0)) {
      const note = document.createElement("div");
      note.className = "empty";
      note.textContent = opts.empty || "No events between these actors.";
      el.appendChild(note);
      return;
    }
    const W = 640, H = 280, L = 34, R = 34, T = 12, B = 30;
    const iw = W - L - R, ih = H - T - B, mid = T + ih / 2;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": opts.label || "dyad timeline" });
    const coop = series.map((s) => s.verbal_cooperation + s.material_cooperation);
    const conf = series.map((s) => s.verbal_conflict + s.material_conflict);
    const top = Math.max(1, ...coop, ...conf);
    const y = (n) => (n / top) * (ih / 2);          // bar height for a count
    const gy = (g) => mid - (g / 10) * (ih / 2);    // Goldstein −10 … +10 on the right axis
    const band = iw / series.length, bw = Math.max(1, Math.min(28, band * 0.72));

    for (const frac of [-1, -0.5, 0.5, 1]) {
      svg("line", { class: "gridline", x1: L, x2: L + iw, y1: mid - frac * ih / 2, y2: mid - frac * ih / 2 }, root);
    }
    svg("line", { class: "axis", x1: L, x2: L + iw, y1: mid, y2: mid }, root);
    svg("line", { class: "axis", x1: L, x2: L, y1: T, y2: T + ih }, root);
    svg("line", { class: "axis", x1: L + iw, x2: L + iw, y1: T, y2: T + ih }, root);
    const label = (x, yy, text, anchor) => {
      const t = svg("text", { x, y: yy, "text-anchor": anchor || "middle" }, root);
      t.textContent = text;
      return t;
    };
    label(L - 4, T + 8, String(top), "end");
    label(L - 4, mid + 3, "0", "end");
    label(L - 4, T + ih, String(top), "end");
    label(L + iw + 4, T + 8, "+10", "start");
    label(L + iw + 4, mid + 3, "0", "start");
    label(L + iw + 4, T + ih, "−10", "start");
    label(L + 4, T + 9, "cooperation ↑", "start");
    label(L + 4, T + ih - 3, "conflict ↓", "start");

    const bars = svg("g", { class: "bars" }, root);
    const every = Math.max(1, Math.ceil(series.length / 10));
    series.forEach((s, i) => {
      const x = L + i * band + (band - bw) / 2;
      let up = mid, down = mid;
      for (const [key, , colour, sign] of QUADS) {
        const h = y(s[key] || 0);
        if (!h) continue;
        if (sign > 0) { up -= h; svg("rect", { x, y: up, width: bw, height: h, fill: colour, class: "bar " + key }, bars); }
        else { svg("rect", { x, y: down, width: bw, height: h, fill: colour, class: "bar " + key }, bars); down += h; }
      }
      if (i % every === 0) label(L + i * band + band / 2, H - 10, String(s.period).slice(0, opts.by === "year" ? 4 : opts.by === "month" ? 7 : 10));
    });
    // Goldstein mean: a line broken where a period has no events
    let d = "";
    series.forEach((s, i) => {
      if (s.goldstein_mean === null || s.goldstein_mean === undefined) { d += " "; return; }
      const x = L + i * band + band / 2, yy = gy(s.goldstein_mean);
      d += (d.endsWith(" ") || !d ? "M" : "L") + x.toFixed(1) + "," + yy.toFixed(1);
      svg("circle", { class: "gdot", cx: x.toFixed(1), cy: yy.toFixed(1), r: 2.5 }, root);
    });
    svg("path", { class: "gline", d: d.replace(/ +/g, " ").trim() }, root);
    // a hover strip per period carrying its numbers
    series.forEach((s, i) => {
      const r = svg("rect", { class: "hover", x: L + i * band, y: T, width: band, height: ih }, root);
      r.setAttribute("data-tip", `${s.period}: ${s.events} events · Goldstein mean ${fmt(s.goldstein_mean, 1)}` +
        ` · verbal coop. ${s.verbal_cooperation}, material coop. ${s.material_cooperation},` +
        ` verbal conflict ${s.verbal_conflict}, material conflict ${s.material_conflict}`);
    });
    el.appendChild(root);
    const legend = document.createElement("div");
    legend.className = "chart-legend";
    for (const [, name, colour] of QUADS) {
      const item = document.createElement("span");
      const sw = document.createElement("span");
      sw.className = "swatch";
      sw.style.background = colour;
      item.append(sw, name);
      legend.appendChild(item);
    }
    const line = document.createElement("span");
    line.textContent = "— mean Goldstein (right axis)";
    legend.appendChild(line);
    el.appendChild(legend);
  }

  window.Charts = { map, timeline, goldsteinColour };
})();
