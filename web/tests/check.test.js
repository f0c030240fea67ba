// Points 1, 2, 4, 7 and 8 of the page: one file that shows bridger's version and the
// template's fingerprint; each return checked exactly as `bridger validate --format json`
// checks it, problems first, grouped as the terminal groups; the annotated copy and the
// blank template byte-identical to the command line's; the controls labelled and the page
// readable at 1280×800 and 1920×1080; and no request, cookie or stored data.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness");

const RETURNS = path.join(h.ROOT, "fixtures/returns");
const CLIENT = path.join(h.ROOT, "fixtures/real-client");
const HOSTILE = path.join(h.ROOT, "fixtures/hostile");
const workbooks = (dir) => fs.readdirSync(dir).filter((n) => !n.endsWith(".csv")).sort();

let browser;
let opened;

before(async () => {
  browser = await h.launch();
  opened = await h.open(browser);
});

after(async () => {
  if (browser) await browser.close();
});

test("the page shows bridger's version and the fingerprint of the template it checks against", async () => {
  const { page } = opened;
  const version = h.bridger(["--version"]).stdout.trim().split(" ")[1];
  assert.equal(await page.textContent("[data-testid=version]"), version);
  const fp = JSON.parse(h.bridger(["template", "fingerprint", "template/annex-c.xlsx", "--format", "json"], h.ROOT).stdout);
  assert.equal(await page.textContent("[data-testid=fingerprint]"), fp.fingerprint);
  assert.match(await page.textContent("[data-testid=privacy]"), /Nothing leaves this PC/);
});

test("every fixture gets exactly the line bridger validate --format json prints, problems first", async () => {
  const { page } = opened;
  for (const dir of [RETURNS, CLIENT, HOSTILE]) {
    const names = workbooks(dir);
    await page.click("[data-testid=clear]");
    await h.choose(page, names.map((n) => path.join(dir, n)));
    const cli = h.bridger(["validate", "--format", "json", ...names], dir);
    const expected = Object.fromEntries(cli.stdout.trim().split("\n").map((l) => [JSON.parse(l).file, l]));
    const shown = await h.pageLines(page);
    assert.deepEqual(Object.keys(shown).sort(), Object.keys(expected).sort(), dir);
    for (const name of names) assert.equal(shown[name], expected[name], name);
    const statuses = await page.$$eval("[data-file]", (all) => all.map((a) => [a.dataset.file, a.dataset.status]));
    for (const [name, status] of statuses) assert.equal(status, JSON.parse(expected[name]).status, name);
    const rank = { unreadable: 0, "modified-template": 1, invalid: 2, valid: 3 };
    const ranks = statuses.map(([, s]) => rank[s]);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), "problems first");
  }
});

test("a mistake repeated in many cells is one line naming the cells, as the terminal shows it", async () => {
  const { page } = opened;
  const name = "openpyxl-repeated-mistake.xlsx";
  await page.click("[data-testid=clear]");
  await h.choose(page, [path.join(CLIENT, name)]);
  const text = h.bridger(["validate", name], CLIENT).stdout;
  const rows = await page.$$eval(`[data-file="${name}"] tr.finding td:first-child`, (tds) => tds.map((t) => t.textContent));
  const grouped = rows.filter((r) => / cells: /.test(r));
  assert.ok(grouped.length > 0, rows.join("\n"));
  for (const where of grouped) {
    assert.ok(text.replace(/\s+/g, " ").includes(where.split(": ")[1].split(",")[0]), `${where} not in:\n${text}`);
  }
  // The filter keeps only the findings that match.
  await page.fill("[data-testid=filter]", "no-such-finding-anywhere");
  assert.equal(await page.$$eval(`[data-file="${name}"] tr.finding:not([hidden])`, (r) => r.length), 0);
  await page.fill("[data-testid=filter]", "");
  assert.equal(await page.$$eval(`[data-file="${name}"] tr.finding:not([hidden])`, (r) => r.length), rows.length);
});

test("the annotated copy is byte-identical to bridger validate --report, the template to template/annex-c.xlsx", async () => {
  const { page } = opened;
  const out = h.tempdir();
  const files = [[RETURNS, "kent-2016-17-Q1.xlsx"], [CLIENT, "openpyxl-content-errors.xlsx"],
    [CLIENT, "openpyxl-added-sheet.xlsx"], [RETURNS, "south-wales-2016-17-Q1.ods"]];
  await page.click("[data-testid=clear]");
  await h.choose(page, files.map(([d, n]) => path.join(d, n)));
  for (const [dir, name] of files) {
    const report = path.join(out, name + ".report.xlsx");
    h.bridger(["validate", name, "--report", report], dir);
    const got = await h.downloadOf(page, `[data-file="${name}"] [data-testid=download-report]`);
    assert.ok(got.bytes.equals(fs.readFileSync(report)), `the annotated copy of ${name} differs from the command line's`);
  }
  const template = await h.downloadOf(page, "[data-testid=download-template]");
  assert.equal(template.name, "annex-c.xlsx");
  assert.ok(template.bytes.equals(fs.readFileSync(path.join(h.ROOT, "template/annex-c.xlsx"))), "the template differs");
});

test("every control has a label, and the page needs no sideways scrolling at 1280×800 and 1920×1080", async () => {
  for (const [width, height] of [[1280, 800], [1920, 1080]]) {
    const { page, context } = await h.open(browser, { width, height });
    await h.choose(page, ["openpyxl-repeated-mistake.xlsx", "openpyxl-added-sheet.xlsx", "libreoffice-valid.xlsx",
      "openpyxl-content-errors.xlsx"].map((n) => path.join(CLIENT, n)));
    const unlabelled = await page.$$eval("input, select, button, textarea", (all) => all
      .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute("aria-label") && !c.textContent.trim())
      .map((c) => c.outerHTML));
    assert.deepEqual(unlabelled, []);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${width}×${height}: ${scroll} wide in a window of ${client}`);
    if (process.env.BRIDGER_SCREENSHOTS) {
      await page.evaluate(() => window.scrollTo(0, 380));
      await page.screenshot({ path: path.join(process.env.BRIDGER_SCREENSHOTS, `check-${width}x${height}.png`) });
    }
    await context.close();
  }
});

test("nothing leaves the PC: no request out, no cookie, nothing stored", async () => {
  const { page, context, requests, errors } = opened;
  assert.deepEqual(h.outward(requests), []);
  assert.deepEqual(await context.cookies(), []);
  const stored = await page.evaluate(async () => [localStorage.length, sessionStorage.length,
    (await indexedDB.databases()).length, typeof caches === "undefined" ? 0 : (await caches.keys()).length]);
  assert.deepEqual(stored, [0, 0, 0, 0]);
  assert.deepEqual(errors, []);
});
