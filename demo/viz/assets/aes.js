/* demo/viz/assets/aes.js -- the AES step viewer (cryptolab aes-trace --html).
 * Draws window.VIZ (demo/viz/aes_page.c): the state after every step as
 * FIPS-197 draws it (rows r, columns c), the bytes the step changed, the
 * round key being added, the key expansion, the Appendix C lines, and with
 * --flip-bit/--flip-key-bit a second run and the differing bits per step. */
(function () {
  var V = window.VIZ, el = CL.el, app = document.getElementById("app");
  var DESC = {
    "input": "The 16 input bytes fill the state column by column: s[r][c] = in[r + 4c].",
    "SubBytes": "Each byte is replaced by S(byte) from the S-box (Figure 7): the only non-linear step.",
    "ShiftRows": "Row r is rotated left by r bytes; row 0 does not move.",
    "MixColumns": "Each column is multiplied by a(x) = {03}x\u00b3 + {01}x\u00b2 + {01}x + {02} modulo x\u2074 + 1 (equation 5.6).",
    "AddRoundKey": "Column c is XORed with the key word w[4\u00b7round + c] of the key expansion.",
    "InvShiftRows": "Row r is rotated right by r bytes.",
    "InvSubBytes": "Each byte is replaced by S\u207b\u00b9(byte) from the inverse S-box (Figure 14).",
    "InvMixColumns": "Each column is multiplied by a\u207b\u00b9(x) = {0b}x\u00b3 + {0d}x\u00b2 + {09}x + {0e} (equation 5.10)."
  };
  var steps = V.steps, lines = V.lines, flip = V.flip;
  var states = steps.map(function (s) { return CL.bytes(lines[s.lines[s.lines.length - 1]][1]); });
  var states2 = flip ? steps.map(function (s) { return CL.bytes(flip.lines[s.lines[s.lines.length - 1]][1]); }) : null;

  /* Layout. */
  var head = el("div", { cls: "step-head" });
  var grids = el("div", { cls: "grids" });
  var legend = el("p", { cls: "legend note" }, [el("span", { cls: "l-changed", text: "changed by this step" }),
    flip ? el("span", { cls: "l-differs", text: "differs from the other run" }) : null]);
  var chartBox = flip ? el("div", { id: "diffusion" }) : null;
  var pre = el("pre", { cls: "lines", id: "lines" });
  var kxBody = el("tbody");
  app.appendChild(el("p", { cls: "note", id: "params" }, [
    V.variant + (V.decrypt ? " InvCipher" : " Cipher") + ", key ", el("code", { text: V.key }),
    ", input ", el("code", { text: V.input }), ", output ", el("code", { id: "output", text: V.output }),
    flip ? el("span", null, [". Second run: bit " + flip.bit + " of the " + flip.what + " flipped (",
      el("code", { text: flip.what === "key" ? flip.key : flip.input }), "), output ",
      el("code", { text: flip.output }), "."]) : "."]));

  /* The Appendix C lines, each a link to its step. */
  var lineStep = [];
  steps.forEach(function (s, i) { s.lines.forEach(function (l) { lineStep[l] = i; }); });
  var lineEls = lines.map(function (l, i) {
    var name = l[0];
    var pad = name + "                   ".substr(0, Math.max(1, 19 - name.length));
    var e = el("span", { cls: "line", "data-line": String(i), "data-step": String(lineStep[i]), text: pad + l[1] });
    e.onclick = function () { st.go(lineStep[i]); };
    pre.appendChild(e);
    return e;
  });

  /* The key expansion (FIPS-197 §5.2; the columns of Appendix A). */
  var kxRows = V.kx.map(function (k) {
    function c(v) { return el("td", { text: v || "" }); }
    var tr = el("tr", { "data-i": String(k.i) }, [c(String(k.i)), c(k.key ? "(key)" : k.temp), c(k.rot), c(k.sub),
      c(k.rcon), c(k.xor), c(k.wnk), el("td", { cls: "w", text: k.w })]);
    kxBody.appendChild(tr);
    return tr;
  });

  var st = CL.stepper(app, steps.length, show, {
    help: "keys: \u2190 \u2192 step, r next round, Home/End",
    keys: { r: function (i) {            /* next step of a later round */
      for (var j = i + 1; j < steps.length; j++) if (steps[j].round > steps[i].round) return j;
      return steps.length - 1;
    } }
  });
  app.appendChild(head);
  app.appendChild(el("div", { cls: "row" }, [el("div", null, [grids, legend]),
    chartBox ? el("div", { cls: "side" }, [el("h2", { text: "Diffusion: differing bits per step" }), chartBox]) : null]));
  app.appendChild(el("h2", { text: "The trace, as FIPS-197 Appendix C prints it" }));
  app.appendChild(el("p", { cls: "note", text: "Click a line to go to its step." }));
  app.appendChild(pre);
  app.appendChild(el("h2", { text: "Key expansion (\u00a75.2), the columns of Appendix A" }));
  app.appendChild(el("p", { cls: "note", text: "RotWord, SubWord and Rcon apply to the words with i mod Nk = 0" +
    (V.Nk === 8 ? ", SubWord alone to i mod 8 = 4 (Nk = 8)" : "") + "; every other word is w[i-Nk] XOR w[i-1]." }));
  app.appendChild(el("div", { cls: "scroll" }, [el("table", { cls: "list", id: "kx" }, [
    el("thead", null, [el("tr", null, ["i", "temp = w[i-1]", "After RotWord()", "After SubWord()", "Rcon[i/Nk]",
      "After XOR with Rcon", "w[i-Nk]", "w[i] = temp XOR w[i-Nk]"].map(function (t) { return el("th", { text: t }); }))]),
    kxBody])]));

  function show(i) {
    var s = steps[i], b = states[i], prev = i > 0 ? states[i - 1] : b;
    var changed = b.map(function (x, k) { return x !== prev[k]; });
    var names = s.lines.map(function (l) { return lines[l][0]; });
    CL.clear(head);
    head.appendChild(el("div", { cls: "names", id: "step-names" }, names.map(function (n) { return el("code", { cls: "ac-name", text: n }); })));
    head.appendChild(el("div", null, [el("span", { cls: "op", id: "step-op", text: s.op === "input" ? "the input block" : s.op + "()" }),
      el("span", { cls: "sec", id: "step-sec", text: "FIPS-197 \u00a7" + s.sec })]));
    head.appendChild(el("p", { cls: "desc", id: "step-desc", text: DESC[s.op] || "" }));

    CL.clear(grids);
    var differs = states2 ? b.map(function (x, k) { return x !== states2[i][k]; }) : null;
    grids.appendChild(el("figure", null, [CL.stateGrid("state", b, changed, differs),
      el("figcaption", { text: "the state s[r][c] after " + names[names.length - 1] }) ]));
    if (s.keyRound >= 0) {
      var kb = CL.bytes(lines[s.lines[0]][1]);
      grids.appendChild(el("figure", null, [
        CL.stateGrid("roundkey", kb, null, null, function (c) { return "w[" + (4 * s.keyRound + c) + "]"; }),
        el("figcaption", { text: "the round key added: " + names[0] + " = w[" + (4 * s.keyRound) + ".." + (4 * s.keyRound + 3) + "], one word per column" })]));
    }
    if (states2) {
      var prev2 = i > 0 ? states2[i - 1] : states2[i];
      grids.appendChild(el("figure", null, [
        CL.stateGrid("state2", states2[i], states2[i].map(function (x, k) { return x !== prev2[k]; }), differs),
        el("figcaption", { id: "diff-bits", text: flip.diff[i] + " of 128 state bits differ from the first run" })]));
      CL.clear(chartBox).appendChild(CL.barChart("diff-chart", flip.diff, 128, i, "bits"));
      chartBox.appendChild(el("p", { cls: "note", text: "1 bit in; after two rounds about 64 of the 128 bits differ: every output bit depends on every input bit." }));
    }
    lineEls.forEach(function (e) { e.className = "line"; });
    s.lines.forEach(function (l) { lineEls[l].className = "line current"; });
    var cur = lineEls[s.lines[0]];
    if (cur.scrollIntoView && pre.scrollHeight > pre.clientHeight) {
      var top = cur.offsetTop - pre.offsetTop;
      if (top < pre.scrollTop || top > pre.scrollTop + pre.clientHeight - 20) pre.scrollTop = Math.max(0, top - 60);
    }
    kxRows.forEach(function (tr) {
      var w = parseInt(tr.getAttribute("data-i"), 10);
      tr.className = s.keyRound >= 0 && w >= 4 * s.keyRound && w < 4 * s.keyRound + 4 ? "current" : "";
    });
  }
})();
