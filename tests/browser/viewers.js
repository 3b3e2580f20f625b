// tests/browser/viewers.js -- drives the cryptolab viewer pages in Debian's
// chromium through Playwright (playwright-core, no browser download:
// executablePath /usr/bin/chromium), for tests/sh/66-browser.sh.
//
//   node tests/browser/viewers.js SPEC.json
//
// SPEC.json: { "chromium": "/usr/bin/chromium", "profile": DIR,
//              "pages": [ { "kind": "aes"|"aes-flip"|"sha256"|"rsa"|"picture"|"tls",
//                           "file": PATH, "expect": {...}, "screenshot": PATH? } ] }
// The expected values come from the standards' vector files (read by the
// shell test), never from the page itself.  Prints one line per check,
// "PASS name" or "FAIL name" followed by "  expected: ..." and
// "  actual:   ...", and exits 1 if anything failed.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require(path.join(__dirname, "node_modules", "playwright-core"));

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let failed = 0;
function check(name, expected, actual) {
  const e = JSON.stringify(expected), a = JSON.stringify(actual);
  if (e === a) { console.log("PASS " + name); return true; }
  failed++;
  console.log("FAIL " + name + "\n  expected: " + e + "\n  actual:   " + a);
  return false;
}
function truth(name, cond, detail) { return check(name, true, cond ? true : (detail || false)); }

// Byte i of the state grid, in input order (s[r][c] = in[r + 4c]).
async function gridHex(page, id) {
  return page.$$eval("#" + id + " td.byte", tds => {
    const b = [];
    tds.forEach(td => { b[+td.dataset.i] = td.textContent; });
    return b.join("");
  });
}
async function changedSet(page, id, cls) {
  return page.$$eval("#" + id + " td.byte." + cls, tds => tds.map(td => +td.dataset.i).sort((x, y) => x - y));
}
async function names(page) { return page.$$eval("#step-names code", cs => cs.map(c => c.textContent)); }
async function stepIndex(page) { return +(await page.getAttribute("body", "data-step")); }
function diffBytes(a, b) {
  const out = [];
  for (let i = 0; i < a.length / 2; i++) if (a.substr(2 * i, 2) !== b.substr(2 * i, 2)) out.push(i);
  return out;
}
async function pressUntil(page, key, wantName, limit) {
  for (let k = 0; k < limit; k++) {
    if ((await names(page)).includes(wantName)) return true;
    await page.keyboard.press(key);
  }
  return (await names(page)).includes(wantName);
}

async function testAes(page, p) {
  const x = p.expect;   // Appendix C lines: {"round[ 1].s_box": hex, ...}
  const L = n => x.lines[n];
  check("aes: first step is round[ 0].input", ["round[ 0].input"], await names(page));
  check("aes: the grid shows the input", L("round[ 0].input"), await gridHex(page, "state"));
  check("aes: nothing is marked changed at the input", [], await changedSet(page, "state", "changed"));

  // Keyboard: two steps right -> AddRoundKey (+ round[ 1].start), SubBytes.
  await page.keyboard.press("ArrowRight");
  check("aes: ArrowRight -> round[ 0].k_sch + round[ 1].start", ["round[ 0].k_sch", "round[ 1].start"], await names(page));
  check("aes: the round key grid is round[ 0].k_sch", L("round[ 0].k_sch"), await gridHex(page, "roundkey"));
  check("aes: state after AddRoundKey is round[ 1].start", L("round[ 1].start"), await gridHex(page, "state"));
  check("aes: key expansion rows of round 0 marked", ["0", "1", "2", "3"],
        await page.$$eval("#kx tr.current", trs => trs.map(t => t.dataset.i)));
  await page.keyboard.press("ArrowRight");
  check("aes: ArrowRight again -> round[ 1].s_box", ["round[ 1].s_box"], await names(page));
  check("aes: op and section of SubBytes", "SubBytes() FIPS-197 \u00a75.1.1",
        (await page.textContent("#step-op")) + " " + (await page.textContent("#step-sec")));
  check("aes: the DOM shows Appendix C's round[ 1].s_box", L("round[ 1].s_box"), await gridHex(page, "state"));
  check("aes: highlighted bytes = the bytes SubBytes changed", diffBytes(L("round[ 1].start"), L("round[ 1].s_box")),
        await changedSet(page, "state", "changed"));
  await page.keyboard.press("ArrowRight");
  check("aes: round[ 1].s_row", L("round[ 1].s_row"), await gridHex(page, "state"));
  check("aes: highlighted bytes = the bytes ShiftRows moved", diffBytes(L("round[ 1].s_box"), L("round[ 1].s_row")),
        await changedSet(page, "state", "changed"));
  await page.keyboard.press("ArrowLeft");
  check("aes: ArrowLeft goes back to round[ 1].s_box", ["round[ 1].s_box"], await names(page));
  await page.keyboard.press("r");
  check("aes: r jumps to the next round", ["round[ 1].k_sch", "round[ 2].start"], await names(page));
  // Every step against Appendix C: walk with the keyboard to the end.
  await page.keyboard.press("Home");
  check("aes: Home -> step 1", 0, await stepIndex(page));
  const nsteps = +(await page.getAttribute("body", "data-steps"));
  let bad = [];
  for (let i = 0; i < nsteps; i++) {
    const ns = await names(page), last = ns[ns.length - 1];
    const prev = i ? await page.evaluate(() => window.__prevGrid) : null;
    const g = await gridHex(page, "state");
    if (g !== L(last)) bad.push(last + ": " + g);
    if (prev !== null) {
      const want = JSON.stringify(diffBytes(prev, g)), got = JSON.stringify(await changedSet(page, "state", "changed"));
      if (want !== got) bad.push(last + " highlight " + got + " != " + want);
    }
    await page.evaluate(gg => { window.__prevGrid = gg; }, g);
    await page.keyboard.press("ArrowRight");
  }
  check("aes: every one of the " + nsteps + " steps shows its Appendix C value and exactly its changed bytes", [], bad);
  check("aes: ArrowRight past the end stays on the output", ["round[10].k_sch", "round[10].output"], await names(page));
  check("aes: the DOM shows the Appendix C output", L("round[10].output"), await gridHex(page, "state"));
  // Slider and buttons.
  await page.$eval("#slider", s => { s.value = "4"; s.dispatchEvent(new Event("input")); });
  check("aes: slider to step 5 -> round[ 1].m_col", ["round[ 1].m_col"], await names(page));
  await page.click("#next");
  check("aes: the next button", ["round[ 1].k_sch", "round[ 2].start"], await names(page));
  await page.click("#first");
  check("aes: the first button", 0, await stepIndex(page));
  await page.click("#last");
  check("aes: the last button", nsteps - 1, await stepIndex(page));
  check("aes: the Appendix C line of the step is marked", ["round[10].k_sch", "round[10].output"],
        await page.$$eval("#lines .line.current", ls => ls.map(l => l.textContent.substr(0, 19).trim())));
}

async function testAesFlip(page, p) {
  const x = p.expect;   // {diff: {"round[ 2].m_col": n, ...}, steps, two_rounds}
  const bars = await page.$$eval("#diff-chart rect.bar", rs => rs.map(r => +r.dataset.value));
  check("aes-flip: one bar per step", x.steps, bars.length);
  truth("aes-flip: the chart starts with 1 differing bit", bars[0] === 1, bars.slice(0, 3));
  await pressUntil(page, "ArrowRight", "round[ 2].m_col", 60);
  const n = +(await page.textContent("#diff-bits")).split(" ")[0];
  check("aes-flip: differing bits after round 2's MixColumns (from the text trace)", x.two_rounds, n);
  truth("aes-flip: about 64 bits differ after two rounds", n >= 40 && n <= 88, n);
  const mark = await page.$$eval("#diff-chart rect.bar.current", rs => rs.map(r => +r.dataset.step));
  check("aes-flip: the chart marks the current step", [await stepIndex(page)], mark);
  const g1 = await gridHex(page, "state"), g2 = await gridHex(page, "state2");
  check("aes-flip: the bytes marked 'differs' are those that differ", diffBytes(g1, g2),
        await changedSet(page, "state2", "differs"));
}

async function testSha256(page, p) {
  const x = p.expect;   // NIST "abc": {rounds: ["t= 0: A..H", ...], H1: [...], digest, W: [...]}
  const regs = async () => page.$$eval("#regs td.reg", tds => tds.map(t => t.textContent.toUpperCase()).join(" "));
  check("sha256: first step initialises a..h with H(0)", "a..h \u2190 H(0)", await page.textContent("#step-name"));
  check("sha256: the padded block W[0..15]", x.W.slice(0, 16),
        await page.$$eval("#block td.word", tds => tds.map(t => t.textContent.toUpperCase())));
  await page.keyboard.press("ArrowRight");
  check("sha256: ArrowRight -> round t = 0", "t = 0", await page.textContent("#step-name"));
  check("sha256: a..h after round 0 (NIST)", x.rounds[0], await regs());
  check("sha256: changed registers after round 0 are a and e", ["a", "e"],
        await page.$$eval("#regs td.reg.changed", tds => tds.map(t => t.dataset.reg)));
  await page.keyboard.press("ArrowRight");
  check("sha256: a..h after round 1 (NIST)", x.rounds[1], await regs());
  let bad = [];
  for (let t = 2; t < 64; t++) {
    await page.keyboard.press("ArrowRight");
    if ((await regs()) !== x.rounds[t]) bad.push("t=" + t);
  }
  check("sha256: rounds 2..63 equal NIST's rows", [], bad);
  check("sha256: W[t] of round 63 is marked", ["63"], await page.$$eval("#sched td.word.current", tds => tds.map(t => t.dataset.t)));
  await page.keyboard.press("End");
  check("sha256: the last step is H(1)", "H(1) = H(0) + a..h", await page.textContent("#step-name"));
  check("sha256: the digest", x.digest, (await page.textContent("#digest")).toUpperCase());
}

async function testRsa(page, p) {
  const x = p.expect;   // {names: [...], values: {name: hex}}
  const seen = [];
  const n = +(await page.getAttribute("body", "data-steps"));
  for (let i = 0; i < n; i++) {
    const nm = await page.textContent("#value-name");
    seen.push(nm);
    if (x.values[nm] !== undefined)
      check("rsa: " + nm + " as in oaep-int.txt", x.values[nm], (await page.textContent("#value-hex")).replace(/\s+/g, ""));
    await page.keyboard.press("ArrowRight");
  }
  check("rsa: the steps under RFC 8017's names, in order", x.names, seen.filter(s => x.names.includes(s)));
}

async function testTls(page, p) {
  const x = p.expect;   // {values: {our name: RFC 8448's hex}}
  const n = +(await page.getAttribute("body", "data-steps"));
  let compared = 0;
  for (let i = 0; i < n; i++) {
    const nm = await page.textContent("#value-name");
    if (x.values[nm] !== undefined) {
      compared++;
      check("tls: " + nm + " as RFC 8448 prints it", x.values[nm], (await page.textContent("#value-hex")).replace(/\s+/g, ""));
      check("tls: " + nm + " shown beside RFC 8448's, marked equal", [x.values[nm], "\u2713 equal"],
            [(await page.textContent("#value-want")).replace(/\s+/g, ""), await page.textContent("#value-equal")]);
    }
    await page.keyboard.press("ArrowRight");
  }
  check("tls: every RFC 8448 value stepped through", Object.keys(x.values).length, compared);
  await page.click('#tree button.node:text-is("master_secret \u2713")');
  check("tls: the tree's master_secret node goes to its step", "master_secret", await page.textContent("#value-name"));
}

async function testPicture(page, p) {
  const x = p.expect;
  const stats = await page.$$eval("canvas.picture", cs => cs.map(c => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data, seen = new Set();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return { id: c.id, w: c.width, h: c.height, colours: seen.size };
  }));
  check("picture: three images", ["original", "ecb", x.mode2], stats.map(s => s.id));
  truth("picture: the original has few flat colours", stats[0].colours <= 16, stats[0].colours);
  truth("picture: ECB keeps the picture's structure (few distinct blocks, many colours)", stats[1].colours > 16, stats[1].colours);
  check("picture: repeated ciphertext blocks: ECB many, " + x.mode2 + " none", [true, 0],
        [+(await page.textContent("#ecb-repeats")) > 100, +(await page.textContent("#mode2-repeats"))]);
}

(async () => {
  const browser = await chromium.launchPersistentContext(spec.profile, {
    executablePath: spec.chromium, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1200, height: 900 }
  });
  try {
    for (const p of spec.pages) {
      const page = await browser.newPage();
      page.setDefaultTimeout(5000);
      const url = "file://" + path.resolve(p.file);
      const requests = [], errors = [];
      page.on("request", r => { if (r.url().split("#")[0] !== url) requests.push(r.url()); });
      page.on("pageerror", e => errors.push(String(e)));
      page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
      await page.route(u => !String(u).startsWith("file:"), route => route.abort());
      await page.goto(url);
      await page.waitForSelector("body[data-step]", { timeout: 10000 });
      const tests = { aes: testAes, "aes-flip": testAesFlip, sha256: testSha256, rsa: testRsa, picture: testPicture, tls: testTls };
      try {
        await tests[p.kind](page, p);
      } catch (e) {
        check(p.kind + ": ran to the end", "no exception", String(e));
      }
      if (p.screenshot) {
        await page.keyboard.press("Home");
        if (p.kind === "aes") { await page.keyboard.press("ArrowRight"); await page.keyboard.press("ArrowRight"); }
        await page.screenshot({ path: p.screenshot, fullPage: false });
        truth(p.kind + ": screenshot taken", fs.statSync(p.screenshot).size > 1000, p.screenshot);
      }
      check(p.kind + ": no request outside the page", [], requests);
      check(p.kind + ": no script error", [], errors);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})().catch(e => { console.log("FAIL browser run\n  expected: \"a browser\"\n  actual:   " + JSON.stringify(String(e))); process.exit(1); });
