/* demo/viz/assets/viewer.js -- what every cryptolab viewer page shares:
 * building elements, the stepper (buttons, slider, arrow keys, #step=N in
 * the address), byte grids with the changed bytes marked, and a small bar
 * chart.  The pages' data is window.VIZ, written by bin/cryptolab from the
 * library's trace hooks; nothing here computes any cryptography. */
"use strict";
var CL = (function () {
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") e.textContent = attrs[k];
        else if (k === "cls") e.className = attrs[k];
        else e.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function bytes(hex) {
    var out = [];
    for (var i = 0; i + 1 < hex.length; i += 2) out.push(parseInt(hex.substr(i, 2), 16));
    return out;
  }

  function hex2(b) { return (b < 16 ? "0" : "") + b.toString(16); }

  function popcount(x) { var n = 0; while (x) { n += x & 1; x >>>= 1; } return n; }

  /* The stepper: n steps, show(i) draws step i.  Keys: ArrowRight/ArrowDown/n
   * next, ArrowLeft/ArrowUp/p previous, Home/End first/last, and any extra
   * keys given in opts.keys ({key: function (i) { return newIndex; }}). */
  function stepper(container, n, show, opts) {
    opts = opts || {};
    var cur = 0;
    var first = el("button", { id: "first", title: "first step (Home)", "aria-label": "first step", text: "|\u25c0" });
    var prev = el("button", { id: "prev", title: "previous step (\u2190)", "aria-label": "previous step", text: "\u25c0" });
    var next = el("button", { id: "next", title: "next step (\u2192)", "aria-label": "next step", text: "\u25b6" });
    var last = el("button", { id: "last", title: "last step (End)", "aria-label": "last step", text: "\u25b6|" });
    var slider = el("input", { id: "slider", type: "range", min: "0", max: String(n - 1), value: "0",
                               "aria-label": "step" });
    var pos = el("span", { id: "pos", cls: "pos" });
    var keys = el("span", { cls: "keys", text: opts.help || "keys: \u2190 \u2192 step, Home/End" });
    container.appendChild(el("div", { cls: "controls" }, [first, prev, next, last, slider, pos, keys]));

    function go(i) {
      i = Math.max(0, Math.min(n - 1, i));
      cur = i;
      slider.value = String(i);
      pos.textContent = "step " + (i + 1) + " of " + n;
      document.body.setAttribute("data-step", String(i));
      show(i);
      if (history.replaceState) {
        try { history.replaceState(null, "", "#step=" + i); } catch (e) { /* file: URLs in some browsers */ }
      }
    }
    first.onclick = function () { go(0); };
    prev.onclick = function () { go(cur - 1); };
    next.onclick = function () { go(cur + 1); };
    last.onclick = function () { go(n - 1); };
    slider.oninput = function () { go(parseInt(slider.value, 10)); };
    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var t = ev.target && ev.target.tagName;
      if (t === "INPUT" && ev.target.type !== "range") return;
      var k = ev.key, to = null;
      if (k === "ArrowRight" || k === "ArrowDown" || k === "n") to = cur + 1;
      else if (k === "ArrowLeft" || k === "ArrowUp" || k === "p") to = cur - 1;
      else if (k === "Home") to = 0;
      else if (k === "End") to = n - 1;
      else if (opts.keys && opts.keys[k]) to = opts.keys[k](cur);
      if (to === null) return;
      ev.preventDefault();
      go(to);
    });
    var m = /step=(\d+)/.exec(location.hash || "");
    document.body.setAttribute("data-steps", String(n));
    go(m ? parseInt(m[1], 10) : 0);
    return { go: go, current: function () { return cur; } };
  }

  /* A 4-row byte grid as FIPS-197 draws the state: s[r][c] = b[r + 4c].
   * changed/differs: arrays of 16 booleans (by byte index). */
  function stateGrid(id, b, changed, differs, colLabel) {
    var head = [el("th", { text: "" })];
    for (var c = 0; c < 4; c++) head.push(el("th", { text: colLabel ? colLabel(c) : "c=" + c }));
    var rows = [el("tr", null, head)];
    for (var r = 0; r < 4; r++) {
      var cells = [el("th", { text: "r=" + r })];
      for (c = 0; c < 4; c++) {
        var i = r + 4 * c, cls = "byte";
        if (changed && changed[i]) cls += " changed";
        if (differs && differs[i]) cls += " differs";
        cells.push(el("td", { cls: cls, "data-r": String(r), "data-c": String(c), "data-i": String(i), text: hex2(b[i]) }));
      }
      rows.push(el("tr", null, cells));
    }
    return el("table", { id: id, cls: "grid" }, rows);
  }

  /* A bar chart of values (one per step), the bar of `current` marked. */
  function barChart(id, values, max, current, yLabel) {
    var NS = "http://www.w3.org/2000/svg";   /* the SVG namespace: a name, nothing is fetched */
    var w = Math.max(300, values.length * 7 + 50), h = 150, x0 = 40, y0 = 130, bw = (w - x0 - 10) / values.length;
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("id", id);
    svg.setAttribute("class", "chart");
    svg.setAttribute("width", String(w));
    svg.setAttribute("height", String(h));
    svg.setAttribute("role", "img");
    function add(tag, a, text) {
      var e = document.createElementNS(NS, tag);
      Object.keys(a).forEach(function (k) { e.setAttribute(k, String(a[k])); });
      if (text !== undefined) e.textContent = text;
      svg.appendChild(e);
      return e;
    }
    add("line", { x1: x0, y1: y0, x2: w - 5, y2: y0, "class": "axis" });
    add("line", { x1: x0, y1: 10, x2: x0, y2: y0, "class": "axis" });
    [0, max / 2, max].forEach(function (v) {
      add("text", { x: x0 - 4, y: y0 - (v / max) * 110 + 3, "text-anchor": "end" }, String(v));
    });
    add("text", { x: 2, y: 8 }, yLabel || "");
    values.forEach(function (v, i) {
      var bh = Math.max(0, Math.min(1, v / max)) * 110;
      var bar = add("rect", { x: x0 + i * bw + 1, y: y0 - bh, width: Math.max(1, bw - 2), height: bh,
                              "class": "bar" + (i === current ? " current" : ""), "data-step": i, "data-value": v });
      var t = document.createElementNS(NS, "title");
      t.textContent = "step " + (i + 1) + ": " + v;
      bar.appendChild(t);
    });
    return svg;
  }

  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }

  return { el: el, bytes: bytes, hex2: hex2, popcount: popcount, stepper: stepper,
           stateGrid: stateGrid, barChart: barChart, clear: clear };
})();
