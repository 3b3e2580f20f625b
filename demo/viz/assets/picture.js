/* demo/viz/assets/picture.js -- ECB versus CBC (cryptolab ecb-picture).
 * Draws the three images of window.VIZ (demo/viz/picture_page.c) on
 * canvases, one byte per pixel through one palette: the logo's five
 * indices get the logo's colours, every other byte value a colour of its
 * own, so equal ciphertext bytes look equal in every image. */
(function () {
  var V = window.VIZ, el = CL.el, app = document.getElementById("app");
  var LOGO = [[250, 246, 236], [120, 128, 140], [31, 95, 168], [29, 35, 43], [176, 56, 138]];
  function colour(v) {
    if (v < LOGO.length) return LOGO[v];
    var h = (v * 137.508) % 360, s = 0.45 + 0.4 * ((v >> 3) & 1), l = 0.35 + 0.3 * ((v >> 1) & 3) / 3;
    var c = (1 - Math.abs(2 * l - 1)) * s, x = c * (1 - Math.abs((h / 60) % 2 - 1)), m = l - c / 2, r, g, b;
    if (h < 60) { r = c; g = x; b = 0; } else if (h < 120) { r = x; g = c; b = 0; } else if (h < 180) { r = 0; g = c; b = x; }
    else if (h < 240) { r = 0; g = x; b = c; } else if (h < 300) { r = x; g = 0; b = c; } else { r = c; g = 0; b = x; }
    return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
  }
  var pal = [];
  for (var v = 0; v < 256; v++) pal.push(colour(v));
  var row = el("div", { cls: "grids" });
  V.images.forEach(function (im) {
    var bin = atob(im.b64), c = el("canvas", { id: im.id, cls: "picture", width: String(V.w), height: String(V.h) });
    var ctx = c.getContext("2d"), img = ctx.createImageData(V.w, V.h);
    for (var i = 0; i < bin.length; i++) {
      var p = pal[bin.charCodeAt(i)];
      img.data[4 * i] = p[0]; img.data[4 * i + 1] = p[1]; img.data[4 * i + 2] = p[2]; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    var rid = im.id === "original" ? "orig-repeats" : im.id === "ecb" ? "ecb-repeats" : "mode2-repeats";
    row.appendChild(el("figure", null, [c, el("figcaption", null, [el("b", { text: im.title }), el("br"),
      el("span", { id: rid, text: String(im.repeats) }), " of " + (V.w * V.h / 16) + " blocks repeat an earlier block"])]));
  });
  app.appendChild(el("p", { cls: "note" }, ["Key ", el("code", { text: V.key }), ", IV ", el("code", { text: V.iv }),
    " (random, printed so the run can be repeated).  The pixels are encrypted row by row, 16 pixels per AES block; " +
    "each byte value is drawn with the same colour in all three pictures."]));
  app.appendChild(row);
  app.appendChild(el("p", { cls: "desc", text: "ECB (SP 800-38A \u00a76.1) encrypts every block on its own: equal plaintext blocks " +
    "give equal ciphertext blocks, so every flat area of the picture becomes one repeated pattern and the outline survives. " +
    (V.mode2 === "ctr" ? "CTR (\u00a76.5) XORs each block with E(K, counter), a different value for every block"
                       : "CBC (\u00a76.2) XORs each block with the previous ciphertext block before encrypting it") +
    ": equal plaintext blocks no longer give equal ciphertext, and the picture is noise. Never use ECB for data." }));
  document.body.setAttribute("data-steps", "1");
  document.body.setAttribute("data-step", "0");
})();
