/* demo/viz/assets/sha256.js -- the SHA-256 step viewer (cryptolab
 * sha256-trace --html).  Draws window.VIZ (demo/viz/sha256_page.c): per
 * block the padded block M(i), the schedule W[0..63], the working variables
 * a..h after every round t (new values marked, shifted ones dimmed), H(i);
 * with --flip-bit a second message and the differing bits per round. */
(function () {
  var V = window.VIZ, el = CL.el, app = document.getElementById("app"), flip = V.flip;
  var REG = ["a", "b", "c", "d", "e", "f", "g", "h"], PER = 66;
  var up = function (w) { return w.toUpperCase(); };
  var nBlocks = V.blocks.length, n = nBlocks * PER;
  var padded = nBlocks * 64, L = V.bits / 8;

  function regsAt(blocks, H0, s) {
    var i = Math.floor(s / PER), k = s % PER;
    if (k === 0) return i === 0 ? H0 : blocks[i - 1].H;
    if (k <= 64) return blocks[i].v[k - 1];
    return blocks[i].H;
  }
  function describe(s) {
    var i = Math.floor(s / PER), k = s % PER, bi = i + 1;
    if (k === 0) return { name: "a..h \u2190 H(" + i + ")", sec: "\u00a76.2.2 step 2",
      desc: "Block " + bi + " of " + nBlocks + ": the working variables start from the intermediate hash value H(" + i + ")" +
            (i === 0 ? ", the initial value of \u00a75.3.3 (fractional parts of the square roots of the first eight primes)." : ".") };
    if (k <= 64) return { name: "t = " + (k - 1), sec: "\u00a76.2.2 step 3", t: k - 1,
      desc: "T1 = h + \u03a31(e) + Ch(e, f, g) + K[" + (k - 1) + "] + W[" + (k - 1) + "];  T2 = \u03a30(a) + Maj(a, b, c);  " +
            "h = g, g = f, f = e, e = d + T1, d = c, c = b, b = a, a = T1 + T2 (mod 2\u00b3\u00b2)." };
    return { name: "H(" + bi + ") = H(" + i + ") + a..h", sec: "\u00a76.2.2 step 4",
      desc: "Each word of H(" + i + ") plus the working variable after round 63, mod 2\u00b3\u00b2" +
            (bi === nBlocks ? ": the last block, so H(" + bi + ") is the digest." : ": the starting value of block " + (bi + 1) + ".") };
  }
  /* A register is new (a = T1 + T2, e = d + T1) or shifted from its neighbour. */
  function marks(cur, prev, k) {
    return cur.map(function (w, r) {
      if (w === prev[r] && k === 0) return "";
      if (k >= 1 && k <= 64 && r !== 0 && r !== 4 && w === prev[r - 1]) return "moved";
      return w === prev[r] ? "" : "changed";
    });
  }
  function regsTable(id, words, cls, differs) {
    return el("table", { id: id, cls: "list regs" }, [
      el("tr", null, REG.map(function (r) { return el("th", { text: r }); })),
      el("tr", null, words.map(function (w, r) {
        return el("td", { cls: "reg " + cls[r] + (differs && differs[r] ? " differs" : ""), "data-reg": REG[r], text: up(w) });
      }))]);
  }

  app.appendChild(el("p", { cls: "note", id: "params" }, [
    "Message ", V.text !== null ? el("code", { text: JSON.stringify(V.text) }) : "", " (hex ", el("code", { text: V.message || "(empty)" }),
    "), l = " + V.bits + " bits, padded (\u00a75.1.1) to " + nBlocks + " block(s) of 512 bits.  Digest ",
    el("code", { id: "digest", text: V.digest }), ".",
    flip ? el("span", null, ["  Second message: bit " + flip.bit + " flipped (", el("code", { text: flip.message }),
      "), digest ", el("code", { id: "digest2", text: flip.digest }), "."]) : null]));

  var head = el("div", { cls: "step-head" }), regsBox = el("div"), blockBox = el("div"), schedBox = el("div");
  var chartBox = flip ? el("div", { id: "diffusion" }) : null, roundsBody = el("tbody"), shownBlock = -1;
  var st = CL.stepper(app, n, show, {
    help: "keys: \u2190 \u2192 round, r next block, Home/End",
    keys: { r: function (i) { return Math.min(n - 1, (Math.floor(i / PER) + 1) * PER); } }
  });
  app.appendChild(head);
  app.appendChild(el("div", { cls: "row" }, [el("div", null, [regsBox,
    el("p", { cls: "legend note" }, [el("span", { cls: "l-changed", text: "new value (a, e; all eight in step 4)" }),
      el("span", { text: "dim: shifted from its neighbour" }), flip ? el("span", { cls: "l-differs", text: "differs from the other message" }) : null])]),
    chartBox ? el("div", { cls: "side" }, [el("h2", { text: "Avalanche: differing bits of a..h" }), chartBox]) : null]));
  app.appendChild(el("h2", { text: "The padded block M(i) (\u00a75.1.1, \u00a75.2.1)" }));
  app.appendChild(blockBox);
  app.appendChild(el("h2", { text: "The message schedule W[t] (\u00a76.2.2 step 1)" }));
  app.appendChild(el("p", { cls: "note", text: "W[0..15] are the block's words; W[t] = \u03c31(W[t-2]) + W[t-7] + \u03c30(W[t-15]) + W[t-16] for t = 16..63." }));
  app.appendChild(schedBox);
  app.appendChild(el("h2", { text: "All rounds of this block, as NIST's example prints them" }));
  app.appendChild(el("div", { cls: "scroll" }, [el("table", { cls: "list", id: "rounds" }, [
    el("thead", null, [el("tr", null, ["t"].concat(REG.map(up)).map(function (t) { return el("th", { text: t }); }))]), roundsBody])]));

  function drawBlock(i) {
    var b = V.blocks[i];
    CL.clear(blockBox);
    var words = b.M.map(function (w, j) { return el("td", { cls: "word", "data-t": String(j), text: up(w) }); });
    blockBox.appendChild(el("table", { cls: "list", id: "block" }, [el("tr", null, words.slice(0, 8)), el("tr", null, words.slice(8))]));
    var strip = el("div", { cls: "layout", id: "padding" });
    var parts = [["message", 0, Math.max(0, Math.min(64, L - 64 * i))]];
    var one = L - 64 * i, lenAt = padded - 8 - 64 * i;
    if (one >= 0 && one < 64) parts.push(["1 bit (0x80)", one, one + 1]);
    var zs = Math.max(0, Math.min(64, one + 1)), ze = Math.max(0, Math.min(64, lenAt));
    if (ze > zs) parts.push(["zeros (k bits)", zs, ze]);
    if (lenAt >= 0 && lenAt < 64) parts.push(["length l (64 bits)", lenAt, 64]);
    parts.forEach(function (p) {
      if (p[2] > p[1]) strip.appendChild(el("div", { style: "flex: " + (p[2] - p[1]) + " 1 0", title: p[0], text: p[0] + " (" + (p[2] - p[1]) + " bytes)" }));
    });
    blockBox.appendChild(strip);
    CL.clear(schedBox);
    var rows = [];
    for (var r = 0; r < 8; r++) {
      var cells = [];
      for (var c = 0; c < 8; c++) {
        var t = 8 * r + c;
        cells.push(el("td", { cls: "word" + (t < 16 ? " from-block" : ""), "data-t": String(t), title: "W[" + t + "]", text: up(b.W[t]) }));
      }
      rows.push(el("tr", null, [el("th", { text: "W[" + (8 * r) + "..]" })].concat(cells)));
    }
    schedBox.appendChild(el("div", { cls: "scroll" }, [el("table", { cls: "list", id: "sched" }, rows)]));
    CL.clear(roundsBody);
    b.v.forEach(function (v, t) {
      var tr = el("tr", { "data-t": String(t) }, [el("td", { text: "t=" + (t < 10 ? " " : "") + t })].concat(v.map(function (w) { return el("td", { text: up(w) }); })));
      tr.onclick = function () { st.go(i * PER + 1 + t); };
      roundsBody.appendChild(tr);
    });
    shownBlock = i;
  }

  function show(s) {
    var i = Math.floor(s / PER), k = s % PER, d = describe(s);
    if (i !== shownBlock) drawBlock(i);
    var cur = regsAt(V.blocks, V.H0, s), prev = s > 0 ? regsAt(V.blocks, V.H0, s - 1) : cur;
    CL.clear(head);
    head.appendChild(el("div", { cls: "names" }, [el("code", { id: "step-name", text: d.name })]));
    head.appendChild(el("div", null, [el("span", { cls: "op", text: "Block " + (i + 1) + " of " + nBlocks }),
      el("span", { cls: "sec", id: "step-sec", text: "FIPS 180-4 " + d.sec })]));
    head.appendChild(el("p", { cls: "desc", id: "step-desc", text: d.desc }));
    if (d.t !== undefined)
      head.appendChild(el("p", { cls: "desc" }, ["W[" + d.t + "] = ", el("code", { id: "wt", text: up(V.blocks[i].W[d.t]) })]));
    CL.clear(regsBox);
    var m = marks(cur, prev, k), differs = null;
    if (flip) {
      var cur2 = regsAt(flip.blocks, V.H0, s), prev2 = s > 0 ? regsAt(flip.blocks, V.H0, s - 1) : cur2;
      differs = cur.map(function (w, r) { return w !== cur2[r]; });
      regsBox.appendChild(regsTable("regs", cur, m, differs));
      regsBox.appendChild(el("p", { cls: "note", text: "the other message:" }));
      regsBox.appendChild(regsTable("regs2", cur2, marks(cur2, prev2, k), differs));
      regsBox.appendChild(el("p", { cls: "note", id: "diff-bits", text: flip.diff[s] + " of 256 bits of a..h differ" }));
      CL.clear(chartBox).appendChild(CL.barChart("diff-chart", flip.diff, 256, s, "bits"));
      chartBox.appendChild(el("p", { cls: "note", text: "One flipped message bit; after a few rounds about 128 of the 256 bits differ." }));
    } else {
      regsBox.appendChild(regsTable("regs", cur, m, null));
    }
    Array.prototype.forEach.call(document.querySelectorAll("#sched td.word"), function (td) {
      td.className = td.className.replace(/ current/g, "") + (d.t !== undefined && +td.getAttribute("data-t") === d.t ? " current" : "");
    });
    Array.prototype.forEach.call(roundsBody.children, function (tr) {
      tr.className = d.t !== undefined && +tr.getAttribute("data-t") === d.t ? "current" : "";
    });
  }
})();
