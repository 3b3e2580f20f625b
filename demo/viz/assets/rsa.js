/* demo/viz/assets/rsa.js -- the RSA padding viewer (cryptolab rsa-trace
 * oaep-encrypt|oaep-decrypt|pss-sign --html).  Draws window.VIZ
 * (demo/viz/rsa_page.c): one intermediate value per step, under RFC 8017's
 * name, with the values it is computed from and its place in the encoded
 * blocks (EM, DB, M'). */
(function () {
  var V = window.VIZ, el = CL.el, app = document.getElementById("app");
  var byName = {};
  V.values.forEach(function (v) { byName[v.name] = v; });

  function octets(hex) {           /* as RSA Labs prints them: 16 octets a line */
    var b = CL.bytes(hex), lines = [];
    for (var i = 0; i < b.length; i += 16)
      lines.push(b.slice(i, i + 16).map(CL.hex2).join(" "));
    return lines.length ? lines.join("\n") : "(empty)";
  }
  app.appendChild(el("p", { cls: "note" }, [V.scheme + ", hash " + V.hash + ", MGF1 with " + V.hash + "."]));
  var head = el("div", { cls: "step-head" }), body = el("div"), lay = el("div"), list = el("tbody"), st = null;
  var rows = V.values.map(function (v, i) {
    var tr = el("tr", null, [el("td", { text: String(i + 1) }), el("td", { text: v.name }), el("td", { text: v.step }),
                             el("td", { text: (v.hex.length / 2) + " octets" })]);
    tr.onclick = function () { st.go(i); };
    list.appendChild(tr);
    return tr;
  });
  st = CL.stepper(app, V.values.length, show, { help: "keys: \u2190 \u2192 step, Home/End" });
  app.appendChild(head);
  app.appendChild(lay);
  app.appendChild(body);
  app.appendChild(el("h2", { text: "All values, in order" }));
  app.appendChild(el("table", { cls: "list", id: "all" }, [el("thead", null, [el("tr", null,
    ["#", "name", "RFC 8017 step", "length"].map(function (t) { return el("th", { text: t }); }))]), list]));

  function show(i) {
    var v = V.values[i];
    CL.clear(head);
    head.appendChild(el("div", { cls: "names" }, [el("code", { id: "value-name", text: v.name })]));
    head.appendChild(el("div", null, [el("span", { cls: "op", id: "value-formula", text: v.formula }),
      el("span", { cls: "sec", id: "value-step", text: v.step })]));
    CL.clear(lay);
    var marks = v.marks ? v.marks.split(" ") : [];
    V.layouts.forEach(function (L) {
      var whole = marks.indexOf(L.name) >= 0, total = 0;
      L.parts.forEach(function (p) { total += p.len; });
      var bar = el("div", { cls: "layout", "data-layout": L.name });
      L.parts.forEach(function (p) {
        if (!p.len) return;
        var on = whole || marks.indexOf(L.name + ":" + p.name) >= 0;
        bar.appendChild(el("div", { cls: on ? "current" : "", style: "flex: " + Math.max(p.len, total / 40) + " 1 0",
                                    title: p.name + " (" + p.len + " octets)", text: p.name + " (" + p.len + ")" }));
      });
      lay.appendChild(el("div", null, [el("span", { cls: "note", text: L.name + " = " }), bar]));
    });
    CL.clear(body);
    (v.from ? v.from.split(" ") : []).forEach(function (n) {
      var f = byName[n];
      if (f) body.appendChild(el("div", null, [el("p", { cls: "note", text: n + ":" }), el("pre", { cls: "hexblock", text: octets(f.hex) })]));
    });
    body.appendChild(el("p", { cls: "note", text: v.name + " (" + v.hex.length / 2 + " octets):" }));
    body.appendChild(el("pre", { cls: "hexblock", id: "value-hex", text: octets(v.hex) }));
    rows.forEach(function (tr, k) { tr.className = k === i ? "current" : ""; });
  }
})();
