/* Renders this server's /openapi.json as a page: endpoints, parameters, bodies,
 * responses, with a small "try it" form per endpoint. Replaces Swagger UI, which
 * FastAPI would load from a CDN (there is no internet here). */
"use strict";
(function () {
  const $ = (s) => document.querySelector(s);
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v;
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }
  let spec = null;
  const deref = (s) => {
    let guard = 0;
    while (s && s.$ref && guard++ < 10) s = spec.components.schemas[s.$ref.split("/").pop()];
    return s || {};
  };
  function typeOf(s) {
    if (!s) return "any";
    if (s.$ref) return s.$ref.split("/").pop();
    if (s.anyOf || s.oneOf) return (s.anyOf || s.oneOf).map(typeOf).join(" | ");
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (s.type === "array") return typeOf(s.items) + "[]";
    return (s.type || "object") + (s.format ? ` (${s.format})` : "");
  }
  function limits(s) {
    const out = [];
    for (const s2 of [s, ...(s.anyOf || [])]) {
      if (s2.pattern) out.push("pattern " + s2.pattern);
      if (s2.minimum !== undefined) out.push("≥ " + s2.minimum);
      if (s2.maximum !== undefined) out.push("≤ " + s2.maximum);
      if (s2.minLength !== undefined) out.push("min length " + s2.minLength);
      if (s2.maxLength !== undefined) out.push("max length " + s2.maxLength);
    }
    return out.join(", ");
  }
  function describeSchema(s, indent) {
    s = s || {};
    if (s.oneOf || s.anyOf) return (s.oneOf || s.anyOf).map((x) => describeSchema(x, indent)).join("\n" + indent + "or\n");
    const name = s.$ref ? s.$ref.split("/").pop() : null;
    const d = deref(s);
    if (d.type === "array") return indent + "[ list of\n" + describeSchema(d.items, indent + "  ") + "\n" + indent + "]";
    if (!d.properties) return indent + typeOf(s);
    const req = new Set(d.required || []);
    const lines = [indent + (name ? name + " " : "") + "{"];
    for (const [k, v] of Object.entries(d.properties)) {
      const note = [req.has(k) ? "required" : "optional", limits(v), v.description].filter(Boolean).join("; ");
      lines.push(`${indent}  ${k}: ${typeOf(v)}   — ${note}`);
    }
    lines.push(indent + "}");
    return lines.join("\n");
  }

  function tryIt(path, method, op) {
    const box = el("div", { class: "try" });
    const inputs = [];
    for (const p of op.parameters || []) {
      const input = el("input", { name: p.name, placeholder: p.in === "path" ? "required" : typeOf(p.schema), size: 10 });
      inputs.push([p, input]);
      box.append(el("label", {}, `${p.name}${p.in === "path" ? " (path)" : ""}`, input));
    }
    let bodyInput = null;
    const content = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
    if (content) {
      bodyInput = el("textarea", { rows: 5, cols: 70 });
      bodyInput.value = JSON.stringify(content.example || { text: "" }, null, 1);
      box.append(el("label", { class: "grow" }, "JSON body", bodyInput));
    }
    const send = el("button", { type: "button", class: "primary", text: "Send" });
    const status = el("div", { class: "msg" });
    const out = el("pre", { class: "schema out", hidden: true });
    send.addEventListener("click", async () => {
      let url = path;
      const query = new URLSearchParams();
      for (const [p, input] of inputs) {
        const v = input.value.trim();
        if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(v));
        else if (v) query.set(p.name, v);
      }
      if ([...query].length) url += "?" + query;
      const init = { method: method.toUpperCase() };
      if (bodyInput) { init.body = bodyInput.value; init.headers = { "Content-Type": "application/json" }; }
      status.textContent = init.method + " " + url + " …";
      const began = performance.now();
      try {
        const r = await fetch(url, init);
        const text = await r.text();
        let shown = text;
        try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (_) { /* not JSON */ }
        status.className = "msg " + (r.ok ? "status-ok" : "status-bad");
        status.textContent = `${init.method} ${url} → ${r.status} in ${Math.round(performance.now() - began)} ms`;
        out.textContent = shown.length > 200000 ? shown.slice(0, 200000) + "\n…" : shown;
        out.hidden = false;
      } catch (err) {
        status.className = "msg status-bad";
        status.textContent = String(err);
      }
    });
    box.append(send);
    return el("div", {}, box, status, out);
  }

  function render() {
    $("#api-title").textContent = `${spec.info.title} ${spec.info.version}`;
    document.title = `${spec.info.title} API`;
    $("#api-desc").textContent = [spec.info.summary, spec.info.description].filter(Boolean).join(" ");
    const list = $("#endpoints");
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const params = (op.parameters || []).map((p) => el("tr", {},
          el("td", { class: "code", text: p.name }), el("td", { text: p.in }), el("td", { text: p.required ? "yes" : "" }),
          el("td", { class: "code", text: typeOf(p.schema) + (p.schema && p.schema.default !== undefined ? " = " + JSON.stringify(p.schema.default) : "") }),
          el("td", { text: [limits(p.schema || {}), p.description || (p.schema && p.schema.description)].filter(Boolean).join("; ") })));
        const body = op.requestBody ? Object.entries(op.requestBody.content).map(([type, c]) =>
          el("div", {}, el("div", { class: "muted", text: type }), el("pre", { class: "schema", text: describeSchema(c.schema, "") }))) : [];
        const responses = Object.entries(op.responses || {}).map(([code, r]) => el("li", {}, el("b", { text: code }), " " + (r.description || "")));
        const details = el("details", { class: "card op", id: method + path.replace(/[^a-z0-9]+/gi, "-") },
          el("summary", {}, el("span", { class: "method " + method, text: method.toUpperCase() }), el("span", { class: "path", text: path }),
            el("span", { class: "muted", text: op.summary || "" })),
          el("div", { class: "body" },
            op.description ? el("p", { text: op.description }) : null,
            params.length ? [el("h3", { text: "Parameters" }), el("table", { class: "grid" },
              el("thead", {}, el("tr", {}, ["name", "in", "required", "type", "notes"].map((h) => el("th", { text: h })))), el("tbody", {}, params))] : null,
            body.length ? [el("h3", { text: "Request body" }), body] : null,
            el("h3", { text: "Responses" }), el("ul", {}, responses),
            el("h3", { text: "Try it" }), tryIt(path, method, op)));
        list.append(details);
      }
    }
  }

  fetch("/openapi.json").then((r) => r.json()).then((s) => { spec = s; render(); })
    .catch((err) => { $("#endpoints").textContent = "Could not load /openapi.json: " + err; });
})();
