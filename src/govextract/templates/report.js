/* govextract review pages: details pop-up, sortable tables, CSV downloads,
   the "only warnings" filter and the active outline entry. No network, no libraries. */
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  function json(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  var data = json("gx-data") || {};

  /* ---- sortable tables ---- */
  function cellKey(td) {
    if (!td) return "";
    var v = td.getAttribute("data-v");
    if (v !== null && v !== "") { var f = parseFloat(v); if (!isNaN(f)) return f; }
    return td.textContent.trim();
  }
  function compare(a, b) {
    var an = typeof a === "number", bn = typeof b === "number";
    if (an && bn) return a - b;
    if (a === "" && b !== "") return 1;      /* blanks last */
    if (b === "" && a !== "") return -1;
    if (an) return -1;
    if (bn) return 1;
    return String(a).localeCompare(String(b), "zh-Hans-CN");
  }
  $$("table.sortable").forEach(function (table) {
    var ths = $$("thead th", table);
    ths.forEach(function (th, col) {
      function sort() {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        ths.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var sign = dir === "ascending" ? 1 : -1;
        rows.map(function (r, i) { return { r: r, k: cellKey(r.cells[col]), i: i }; })
          .sort(function (x, y) { return sign * compare(x.k, y.k) || x.i - y.i; })
          .forEach(function (x) { body.appendChild(x.r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  /* ---- CSV downloads (client-side, from the embedded records) ---- */
  function csvField(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "boolean") return v ? "True" : "False";
    var s = String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function toCsv(columns, records) {
    var lines = [columns.map(csvField).join(",")];
    records.forEach(function (r) { lines.push(columns.map(function (c) { return csvField(r[c]); }).join(",")); });
    return "\ufeff" + lines.join("\r\n") + "\r\n";   /* BOM: spreadsheet programs then read UTF-8 */
  }
  $$("button.csv").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var t = json("gx-table-" + btn.getAttribute("data-table"));
      if (!t) return;
      var blob = new Blob([toCsv(t.columns, t.records)], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = btn.getAttribute("data-file") || "table.csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
  });

  /* ---- quantity details ---- */
  var pop = $("#pop");
  var details = data.details || [];
  var pinned = null;
  function row(dl, label, value, cls) {
    var dt = document.createElement("dt"); dt.textContent = label;
    var dd = document.createElement("dd");
    if (value === null || value === undefined || value === "") { dd.textContent = "—"; dd.className = "none"; }
    else { dd.textContent = value; if (cls) dd.className = cls; }
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function show(mark, pin) {
    if (!pop) return;
    var d = details[+mark.getAttribute("data-q")];
    if (!d) return;
    pop.textContent = "";
    pop.className = "pop k-" + d.cls;
    var head = document.createElement("div"); head.className = "ph";
    var s = document.createElement("span"); s.className = "surface"; s.textContent = d.text; head.appendChild(s);
    var k = document.createElement("span"); k.className = "kind"; k.textContent = d.cls === d.kind ? d.kind : d.cls + " · " + d.kind; head.appendChild(k);
    if (pin) {
      var x = document.createElement("button"); x.className = "close"; x.type = "button"; x.title = "Close (Esc)"; x.textContent = "×";
      x.addEventListener("click", hide); head.appendChild(x);
    }
    pop.appendChild(head);
    var dl = document.createElement("dl");
    row(dl, "value", d.value_max ? d.value + " – " + d.value_max : d.value);
    row(dl, "unit", d.unit);
    row(dl, "qualifier", d.approx);
    row(dl, "change", d.change === "up" ? "▲ up" : d.change === "down" ? "▼ down" : d.change, d.change);
    row(dl, "subject", d.subject);
    row(dl, "indicator", d.indicator ? d.indicator + (d.measure ? " · " + d.measure : "") : d.measure);
    row(dl, "target", d.target ? "yes (a goal, not an outcome)" : "no");
    row(dl, "page", d.page);
    row(dl, "confidence", d.confidence === null || d.confidence === undefined ? "" : Number(d.confidence).toFixed(2),
        d.confidence < 1 ? "lowconf" : "");
    row(dl, "section", d.section);
    if (d.table) { row(dl, "table", d.table); row(dl, "row", d.row); row(dl, "column", d.column); }
    if (d.notes) row(dl, "notes", d.notes);
    pop.appendChild(dl);
    pop.hidden = false;
    var r = mark.getBoundingClientRect();
    var w = pop.offsetWidth, h = pop.offsetHeight;
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 12);
    var top = window.scrollY + r.bottom + 6;
    if (r.bottom + h + 12 > window.innerHeight && r.top > h + 12) top = window.scrollY + r.top - h - 6;
    pop.style.left = Math.max(window.scrollX + 8, left) + "px";
    pop.style.top = top + "px";
  }
  function hide() {
    if (pop) pop.hidden = true;
    if (pinned) pinned.classList.remove("on");
    pinned = null;
  }
  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest("mark.q");
    if (m && !pinned) show(m, false);
  });
  document.addEventListener("mouseout", function (e) {
    var m = e.target.closest && e.target.closest("mark.q");
    if (m && !pinned && !(e.relatedTarget && m.contains(e.relatedTarget))) hide();
  });
  document.addEventListener("click", function (e) {
    var m = e.target.closest && e.target.closest("mark.q");
    if (m) {
      if (pinned) pinned.classList.remove("on");
      pinned = m; m.classList.add("on"); show(m, true);
    } else if (pinned && !(pop && pop.contains(e.target))) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
    if ((e.key === "Enter" || e.key === " ") && e.target.matches && e.target.matches("mark.q")) {
      e.preventDefault(); e.target.click();
    }
  });
  function showTarget() {           /* arriving at #q-N: pin its details */
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.matches("mark.q")) setTimeout(function () { el.click(); }, 350);
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();

  /* ---- filters: only warnings, or only excluded numbers (one at a time) ---- */
  var filters = $$("input[data-body]");
  filters.forEach(function (box) {
    box.addEventListener("change", function () {
      filters.forEach(function (other) {
        if (other !== box && box.checked) other.checked = false;
        document.body.classList.toggle(other.getAttribute("data-body"), other.checked);
      });
      hide();
    });
  });

  /* ---- the outline entry of the section in view ---- */
  var links = {};
  $$("a.nav-item").forEach(function (a) { links[a.getAttribute("href").slice(1)] = a; });
  var anchors = $$("a.anchor");
  var side = $("#side");
  var current = null, lockUntil = 0, ticking = false;
  function activate(a, reveal) {
    if (!a || a === current) return;
    if (current) current.parentNode.classList.remove("active");
    current = a; a.parentNode.classList.add("active");
    if (reveal && side) {
      var r = a.getBoundingClientRect(), s = side.getBoundingClientRect();
      if (r.top < s.top || r.bottom > s.bottom) side.scrollTop += r.top - s.top - s.height / 3;
    }
  }
  function onScroll() {
    ticking = false;
    if (Date.now() < lockUntil) return;
    var line = 140, best = null;     /* the last section that starts above this line */
    for (var i = 0; i < anchors.length; i++) {
      if (anchors[i].getBoundingClientRect().top <= line) best = anchors[i]; else break;
    }
    activate(best ? links[best.id] : null, true);
  }
  if (anchors.length) {
    window.addEventListener("scroll", function () {
      if (!ticking) { ticking = true; requestAnimationFrame(onScroll); }
    }, { passive: true });
    $$("a.nav-item").forEach(function (a) {
      a.addEventListener("click", function () { activate(a, false); lockUntil = Date.now() + 1200; });
    });
    onScroll();
  }
})();
