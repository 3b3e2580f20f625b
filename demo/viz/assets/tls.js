/* demo/viz/assets/tls.js -- the TLS key-schedule viewer (cryptolab
 * tls-trace --rfc8448 --html, s_client/s_server -trace-html).  Draws
 * window.VIZ (demo/viz/tls_page.c): the values of one session's key
 * schedule in the order they were derived, each with its RFC name, section,
 * formula and inputs; TLS 1.3 grouped as RFC 8446 §7.1's tree (Early,
 * Handshake, Master Secret, traffic keys, Finished), TLS 1.2 with the
 * P_SHA256 blocks of each PRF use (RFC 5246 §5); and, where a document
 * prints the value (RFC 8448 §3), that value beside ours, marked equal or not. */
(function () {
  var V = window.VIZ, el = CL.el, app = document.getElementById("app");
  var byName = {}, prfOf = {}, st = null, haveWant = false, nEqual = 0, nWant = 0;
  V.values.forEach(function (v, i) {
    if (!(v.name in byName)) byName[v.name] = i;
    if (v.want !== undefined) { haveWant = true; nWant++; if (v.equal) nEqual++; }
  });
  V.prf.forEach(function (p) { prfOf[p.of] = p; });

  function octets(hex) {
    var b = CL.bytes(hex), lines = [];
    for (var i = 0; i < b.length; i += 16) lines.push(b.slice(i, i + 16).map(CL.hex2).join(" "));
    return lines.length ? lines.join("\n") : "(empty)";
  }
  function mark(v) {
    if (v.want === undefined) return "";
    return v.equal ? "\u2713 equal" : "\u2717 DIFFERS";
  }

  app.appendChild(el("p", { cls: "note" }, [V.version === "1.3"
    ? "TLS 1.3, TLS_AES_128_GCM_SHA256: the key schedule of RFC 8446 \u00a77.1 (HKDF-SHA256), traffic keys (\u00a77.3), Finished (\u00a74.4.4)."
    : "TLS 1.2, AES-128-GCM: the PRF of RFC 5246 \u00a75 (P_SHA256), master secret (\u00a78.1; extended: RFC 7627 \u00a74), key block (\u00a76.3), Finished (\u00a77.4.9)."]));
  if (haveWant)
    app.appendChild(el("p", { cls: "note", id: "summary", "data-equal": String(nEqual), "data-compared": String(nWant),
      text: nEqual + " of " + nWant + " values equal RFC 8448 \u00a73's printed values." }));
  if (V.dropped) app.appendChild(el("p", { cls: "note", text: V.dropped + " later values not kept." }));

  /* the tree: the values by stage, in order; each one a button to its step */
  var tree = el("div", { id: "tree", cls: "row" }), groups = {}, order = [];
  V.values.forEach(function (v, i) {
    var g = v.group || "other";
    if (!groups[g]) { groups[g] = el("div", { cls: "side" }, [el("h2", { text: g })]); order.push(g); }
    var b = el("button", { cls: "node", "data-i": String(i), title: v.formula || v.name, text: v.name + (v.want !== undefined ? (v.equal ? " \u2713" : " \u2717") : "") });
    b.onclick = function () { st.go(i); };
    groups[g].appendChild(el("div", null, [b]));
  });
  var stages = ["Early Secret", "Handshake Secret", "Master Secret", "traffic keys", "Finished", "KeyUpdate",
                "inputs", "master secret", "key block"];
  order.sort(function (a, b) {
    var x = stages.indexOf(a), y = stages.indexOf(b);
    return (x < 0 ? 99 : x) - (y < 0 ? 99 : y);
  });
  order.forEach(function (g) { tree.appendChild(groups[g]); });

  var head = el("div", { cls: "step-head" }), body = el("div"), list = el("tbody");
  var rows = V.values.map(function (v, i) {
    var cells = [el("td", { text: String(i + 1) }), el("td", { text: v.name }), el("td", { text: v.section }),
                 el("td", { text: (v.hex.length / 2) + " octets" })];
    if (haveWant) cells.push(el("td", { cls: v.want === undefined ? "" : v.equal ? "" : "differs", text: mark(v) }));
    var tr = el("tr", { "data-name": v.name, "data-hex": v.hex }, cells);
    if (v.want !== undefined) tr.setAttribute("data-equal", v.equal ? "1" : "0");
    tr.onclick = function () { st.go(i); };
    list.appendChild(tr);
    return tr;
  });
  st = CL.stepper(app, V.values.length, show, { help: "keys: \u2190 \u2192 step, Home/End" });
  app.appendChild(head);
  app.appendChild(body);
  app.appendChild(el("h2", { text: V.version === "1.3" ? "The schedule (RFC 8446 \u00a77.1), by stage" : "The values, by stage" }));
  app.appendChild(tree);
  app.appendChild(el("h2", { text: "All values, in order" }));
  var th = ["#", "name", "section", "length"];
  if (haveWant) th.push("RFC 8448 \u00a73");
  app.appendChild(el("table", { cls: "list", id: "all" }, [el("thead", null, [el("tr", null,
    th.map(function (t) { return el("th", { text: t }); }))]), list]));

  function show(i) {
    var v = V.values[i];
    CL.clear(head);
    head.appendChild(el("div", { cls: "names" }, [el("code", { id: "value-name", text: v.name })]));
    head.appendChild(el("div", null, [el("span", { cls: "op", id: "value-formula", text: v.formula }),
      el("span", { cls: "sec", id: "value-section", text: v.section })]));
    CL.clear(body);
    v.from.forEach(function (n) {
      if (n in byName) {
        var f = V.values[byName[n]];
        body.appendChild(el("div", null, [el("p", { cls: "note", text: "from " + n + ":" }), el("pre", { cls: "hexblock", text: octets(f.hex) })]));
      }
    });
    var p = prfOf[v.name];
    if (p) {
      var rowsP = [el("tr", null, ["i", "A(i) = HMAC(secret, A(i-1)), A(0) = label + seed", "HMAC(secret, A(i) + label + seed)"]
        .map(function (t) { return el("th", { text: t }); }))];
      p.blocks.forEach(function (b, k) {
        rowsP.push(el("tr", null, [el("td", { text: String(k + 1) }), el("td", { text: b.A }), el("td", { text: b.out })]));
      });
      body.appendChild(el("p", { cls: "note", text: "P_SHA256(secret = " + p.secret + ", label = \"" + p.label +
        "\", seed = " + p.seed.length / 2 + " octets): the first " + p.len + " octets of the blocks (RFC 5246 \u00a75)" }));
      body.appendChild(el("table", { cls: "list", id: "prf-blocks" }, rowsP));
    }
    body.appendChild(el("p", { cls: "note", text: v.name + " (" + v.hex.length / 2 + " octets), ours:" }));
    body.appendChild(el("pre", { cls: "hexblock", id: "value-hex", text: octets(v.hex) }));
    if (v.want !== undefined) {
      body.appendChild(el("p", { cls: "note", text: v.want_src + " prints:" }));
      body.appendChild(el("pre", { cls: "hexblock", id: "value-want", text: octets(v.want) }));
      body.appendChild(el("p", { id: "value-equal", cls: v.equal ? "op" : "op differs", text: mark(v) }));
    }
    rows.forEach(function (tr, k) { tr.className = k === i ? "current" : ""; });
    Array.prototype.forEach.call(tree.querySelectorAll("button.node"), function (b) {
      b.className = b.getAttribute("data-i") === String(i) ? "node current" : "node";
    });
  }
})();
