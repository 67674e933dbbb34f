"use strict";
/* tqa HTML report. Article text only ever enters the page through
   textContent / createTextNode: nothing from a checked file is parsed as markup. */
(function () {
  const data = JSON.parse(document.getElementById("tqa-data").textContent);
  const findings = data.findings;
  const bodies = data.bodies;
  const byId = new Map(findings.map((f, i) => [f.id, i]));
  const rendered = new Set();
  const marksOf = new Map();      // finding index -> its highlight elements
  const itemOf = new Map();       // finding index -> its entry in the findings list
  const form = document.getElementById("filters");
  const search = document.getElementById("q");
  const tip = document.getElementById("tip");
  const state = { off: { sev: new Set(), cat: new Set(), rule: new Set() }, q: "" };
  let visible = findings.map(() => true);

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* ---- article bodies, rendered when they come near the screen ---- */

  function mark(index) {
    const f = findings[index];
    const m = el("mark", {
      class: "hl cat-" + f.category + " sev-" + f.severity, tabindex: "0",
      "data-finding-id": f.id, "data-rule": f.rule, "data-category": f.category, "data-severity": f.severity,
      "aria-label": f.severity + " " + f.rule + ": " + f.message,
    });
    if (!marksOf.has(index)) { marksOf.set(index, []); m.id = "f-" + f.id.replace(/[^A-Za-z0-9_-]/g, "-"); }
    marksOf.get(index).push(m);
    if (!visible[index]) m.classList.add("off");
    return m;
  }

  function renderLine(a, number, content) {
    const row = el("div", { class: "ln-row", id: "L" + a + "-" + number });
    row.appendChild(el("span", { class: "ln", "aria-hidden": "true" }, String(number)));
    const text = el("span", { class: "tx", dir: "auto" });
    if (typeof content === "string") {
      text.textContent = content;
    } else {
      // pieces carry the findings covering them, outermost first: keep the
      // open highlights that continue, close the rest, open the new ones
      const open = [];
      for (const [piece, ids] of content) {
        let k = 0;
        while (k < open.length && k < ids.length && open[k].id === ids[k]) k++;
        open.length = k;
        let parent = k ? open[k - 1].node : text;
        for (let j = k; j < ids.length; j++) {
          const m = mark(ids[j]);
          if (piece === "" && j === ids.length - 1) m.classList.add("point");
          parent.appendChild(m);
          open.push({ id: ids[j], node: m });
          parent = m;
        }
        if (piece !== "") parent.appendChild(document.createTextNode(piece));
        else open.pop();
      }
    }
    row.appendChild(text);
    return row;
  }

  function findingItem(index) {
    const f = findings[index];
    const li = el("li", { class: "cat-" + f.category, "data-item-for": f.id });
    const go = el("a", { href: "#f=" + encodeURIComponent(f.id), class: "where" }, f.line + ":" + f.column);
    go.addEventListener("click", (event) => { event.preventDefault(); gotoFinding(index); });
    li.append(go, " ", el("span", { class: "badge sev-" + f.severity }, f.severity), " ",
              el("span", { class: "rule" }, f.rule + " " + f.name), " ", el("span", { class: "msg" }, f.message));
    if (f.text) li.appendChild(el("span", { class: "flagged", dir: "auto" }, f.text));
    if (f.suggestion !== null) li.appendChild(fixLine(f.suggestion, "fix"));
    for (const r of f.related) {
      const link = el("a", { href: "#", class: "related" }, "see " + r.path + ":" + r.line);
      link.addEventListener("click", (event) => { event.preventDefault(); gotoLine(r.a, r.line); });
      li.appendChild(link);
    }
    if (!visible[index]) li.hidden = true;
    itemOf.set(index, li);
    return li;
  }

  function fixLine(suggestion, cls) {
    const line = el("span", { class: cls });
    if (suggestion === "") { line.textContent = "fix: delete it"; return line; }
    line.append("fix: replace with ", el("q", {}, suggestion));
    return line;
  }

  function renderArticle(a) {
    if (rendered.has(a)) return;
    rendered.add(a);
    const body = document.querySelector('[data-body="' + a + '"]');
    const source = bodies[a];
    if (source.lang) body.setAttribute("lang", source.lang);
    if (source.note) body.appendChild(el("p", { class: "note" }, source.note));
    const lines = el("div", { class: "lines", dir: source.dir });
    for (const [number, content] of source.lines) lines.appendChild(renderLine(a, number, content));
    body.appendChild(lines);
    body.style.minHeight = "";
    body.removeAttribute("aria-busy");
    const list = document.querySelector('[data-list="' + a + '"]');
    let any = false;
    findings.forEach((f, i) => { if (f.a === a) { list.appendChild(findingItem(i)); any = true; } });
    if (!any) list.appendChild(el("li", { class: "empty" }, "No findings."));
  }

  function renderAll() { bodies.forEach((_, a) => renderArticle(a)); }

  if ("IntersectionObserver" in window) {
    const watcher = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          renderArticle(Number(entry.target.dataset.body));
          watcher.unobserve(entry.target);
        }
      }
    }, { rootMargin: "1200px 0px" });
    document.querySelectorAll("[data-body]").forEach((b) => watcher.observe(b));
  } else {
    renderAll();
  }
  window.addEventListener("beforeprint", renderAll);

  /* ---- navigation ---- */

  function flash(node) {
    node.classList.add("flash");
    setTimeout(() => node.classList.remove("flash"), 1600);
  }

  function gotoArticle(a) {
    renderArticle(a);
    const article = document.getElementById("a" + a);
    article.hidden = false;
    article.scrollIntoView({ block: "start" });
    remember({ a: String(a) });
  }

  function gotoFinding(index) {
    renderArticle(findings[index].a);
    const marks = marksOf.get(index);
    document.getElementById("a" + findings[index].a).hidden = false;
    document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
    if (marks && marks.length) {
      marks.forEach((m) => m.classList.add("current"));
      marks[0].scrollIntoView({ block: "center" });
      marks[0].focus({ preventScroll: true });
    } else {
      itemOf.get(index).scrollIntoView({ block: "center" });
    }
    remember({ f: findings[index].id });
  }

  function gotoLine(a, line) {
    if (a === null || a === undefined) return;
    renderArticle(a);
    document.getElementById("a" + a).hidden = false;
    const row = document.getElementById("L" + a + "-" + line);
    if (row) { row.scrollIntoView({ block: "center" }); flash(row); }
  }

  document.querySelectorAll("[data-goto-article]").forEach((link) => {
    link.addEventListener("click", (event) => { event.preventDefault(); gotoArticle(Number(link.dataset.gotoArticle)); });
  });

  /* ---- hover and focus: the finding(s) under the pointer ---- */

  function showTip(target) {
    const items = [];
    for (let node = target; node && node.matches && node.matches("mark.hl"); node = node.parentElement) {
      const index = byId.get(node.dataset.findingId);
      if (visible[index]) items.push(index);
    }
    if (!items.length) { hideTip(); return; }
    tip.replaceChildren();
    for (const index of items) {
      const f = findings[index];
      const item = el("div", { class: "tip-item" });
      item.append(el("span", { class: "badge sev-" + f.severity }, f.severity), " ",
                  el("span", { class: "tip-rule" }, f.rule + " " + f.name), el("div", { class: "tip-msg" }, f.message));
      if (f.suggestion !== null) item.appendChild(fixLine(f.suggestion, "tip-fix"));
      tip.appendChild(item);
    }
    tip.hidden = false;
    const box = target.getBoundingClientRect();
    const left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    target.setAttribute("aria-describedby", "tip");
  }

  function hideTip() { tip.hidden = true; }

  document.addEventListener("mouseover", (event) => {
    const target = event.target.closest && event.target.closest("mark.hl");
    if (target) showTip(target); else hideTip();
  });
  document.addEventListener("focusin", (event) => {
    if (event.target.matches("mark.hl")) showTip(event.target); else hideTip();
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTip(); });

  /* ---- filters, with their state in the URL fragment ---- */

  function haystack(f) {
    if (f._hay === undefined) {
      const article = document.querySelector('#a' + f.a + ' h2');
      f._hay = [f.message, f.text, f.rule, f.name, f.suggestion || "", f.path, article ? article.textContent : ""]
        .join("\n").toLowerCase();
    }
    return f._hay;
  }

  function passes(f, except) {
    if (except !== "sev" && state.off.sev.has(f.severity)) return false;
    if (except !== "cat" && state.off.cat.has(f.category)) return false;
    if (except !== "rule" && state.off.rule.has(f.rule)) return false;
    return !state.q || haystack(f).includes(state.q);
  }

  function filtering() {
    return state.q !== "" || Object.values(state.off).some((s) => s.size > 0);
  }

  function apply() {
    visible = findings.map((f) => passes(f));
    // counts beside each choice: what it would show with the other filters as they are
    for (const node of form.querySelectorAll("[data-count]")) {
      const [kind, value] = node.dataset.count.split(":");
      const key = { sev: "severity", cat: "category", rule: "rule" }[kind];
      node.textContent = String(findings.filter((f) => f[key] === value && passes(f, kind)).length);
    }
    const perArticle = bodies.map(() => ({ total: 0 }));
    findings.forEach((f, i) => {
      if (!visible[i]) return;
      const counts = perArticle[f.a];
      counts.total++;
      counts[f.category] = (counts[f.category] || 0) + 1;
      if (!counts.worst || rank(f.severity) > rank(counts.worst)) counts.worst = f.severity;
    });
    const narrowing = filtering();
    for (const row of document.querySelectorAll("#overview tbody tr")) {
      const a = Number(row.dataset.article);
      const counts = perArticle[a];
      for (const cell of row.querySelectorAll("[data-cell]")) {
        const key = cell.dataset.cell;
        if (key === "worst") {
          cell.dataset.value = counts.worst || "";
          cell.replaceChildren();
          if (counts.worst) cell.appendChild(el("span", { class: "badge sev-" + counts.worst }, counts.worst));
        } else {
          const n = counts[key] || 0;
          cell.dataset.value = String(n);
          cell.textContent = key === "total" ? String(n) : (n ? String(n) : "");
        }
      }
      const hide = narrowing && counts.total === 0;
      row.hidden = hide;
      document.getElementById("a" + a).hidden = hide;
      const label = document.querySelector('[data-article-count="' + a + '"]');
      label.textContent = counts.total + (counts.total === 1 ? " finding" : " findings") +
        (narrowing ? " shown" : "");
    }
    marksOf.forEach((marks, i) => marks.forEach((m) => m.classList.toggle("off", !visible[i])));
    itemOf.forEach((li, i) => { li.hidden = !visible[i]; });
    const shown = visible.filter(Boolean).length;
    document.getElementById("shown").textContent =
      shown === findings.length ? findings.length + " findings shown" : shown + " of " + findings.length + " findings shown";
    const offRules = state.off.rule.size;
    document.getElementById("rules-state").textContent = offRules ? "(" + offRules + " hidden)" : "(all)";
    remember({});
  }

  function rank(severity) { return { info: 1, warning: 2, error: 3 }[severity] || 0; }

  function readForm() {
    for (const kind of ["sev", "cat", "rule"]) {
      state.off[kind] = new Set([...form.querySelectorAll('input[name="' + kind + '"]')]
        .filter((box) => !box.checked).map((box) => box.value));
    }
    state.q = search.value.trim().toLowerCase();
  }

  function remember(place) {
    const params = new URLSearchParams();
    for (const kind of ["sev", "cat", "rule"]) {
      if (state.off[kind].size) params.set("x" + kind, [...state.off[kind]].join(","));
    }
    if (state.q) params.set("q", state.q);
    const previous = new URLSearchParams(location.hash.slice(1));
    for (const key of ["a", "f"]) {
      if (place[key] !== undefined) params.set(key, place[key]);
      else if (!("a" in place || "f" in place) && previous.has(key)) params.set(key, previous.get(key));
    }
    const hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function restore() {
    const raw = location.hash.slice(1);
    const params = new URLSearchParams(raw);
    for (const kind of ["sev", "cat", "rule"]) {
      const off = new Set((params.get("x" + kind) || "").split(",").filter(Boolean));
      form.querySelectorAll('input[name="' + kind + '"]').forEach((box) => { box.checked = !off.has(box.value); });
    }
    search.value = params.get("q") || "";
    readForm();
    apply();
    if (params.has("f") && byId.has(params.get("f"))) gotoFinding(byId.get(params.get("f")));
    else if (params.has("a")) gotoArticle(Number(params.get("a")));
    else if (/^a\d+$/.test(raw)) gotoArticle(Number(raw.slice(1)));
  }

  form.addEventListener("change", () => { readForm(); apply(); });
  form.addEventListener("submit", (event) => event.preventDefault());
  let typing;
  search.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => { readForm(); apply(); }, 150); });
  document.getElementById("reset").addEventListener("click", () => {
    form.querySelectorAll("input[type=checkbox]").forEach((box) => { box.checked = true; });
    search.value = "";
    readForm();
    apply();
  });

  /* ---- sortable overview ---- */

  const table = document.getElementById("overview");
  table.querySelectorAll("th").forEach((th, column) => {
    th.querySelector("button").addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const kind = th.dataset.sort;
      const value = (row) => {
        const raw = row.children[column].dataset.value;
        return kind === "num" ? Number(raw) : kind === "sev" ? rank(raw) : raw.toLowerCase();
      };
      const rows = [...table.tBodies[0].rows];
      rows.sort((x, y) => {
        const a = value(x), b = value(y);
        const order = a < b ? -1 : a > b ? 1 : Number(x.dataset.article) - Number(y.dataset.article);
        return ascending ? order : -order;
      });
      table.tBodies[0].append(...rows);
    });
  });

  window.tqaReport = { renderAll, gotoFinding: (id) => gotoFinding(byId.get(id)), findings: findings.length };
  restore();
})();
