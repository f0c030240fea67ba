// Point 3: a folder of returns collated in the page gives the national workbook and the
// chase list byte-identical to `bridger collate` with the same options and `--today`, and
// the same JSON as `collate --format json`; the forces × quarters grid and the responses
// table show it. Point 8's download button is `data-testid="download-national"`.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness");

const FIXTURES = path.join(h.ROOT, "fixtures");

let browser;
let opened;

before(async () => {
  browser = await h.launch();
  opened = await h.open(browser);
  await h.choose(opened.page, path.join(FIXTURES, "returns"), { testid: "folder" });
});

after(async () => {
  if (browser) await browser.close();
});

// Collates in the page with `options`, and by the command line with `args`; compares.
async function same(options, args) {
  const { page } = opened;
  await page.selectOption("[data-testid=quarter]", options.quarter || "");
  await page.fill("[data-testid=deadline]", options.deadline || "");
  await page.fill("[data-testid=today]", options.today);
  await page.click("[data-testid=collate]");
  await page.waitForSelector("[data-testid=collation]:not([hidden])", { timeout: 600000 });
  await page.waitForFunction(() => !document.querySelector("[data-testid=collate]").disabled);
  const out = h.tempdir();
  const cli = h.bridger(["collate", "returns", "--format", "json", "--out", path.join(out, "national.xlsx"),
    "--chase", path.join(out, "chase.csv"), "--today", options.today, ...args], FIXTURES);
  assert.ok(cli.code === 0 || cli.code === 1, cli.stderr);
  const national = await h.downloadOf(page, "[data-testid=download-national]");
  assert.ok(national.bytes.equals(fs.readFileSync(path.join(out, "national.xlsx"))), "the national workbook differs from the command line's");
  const chase = await h.downloadOf(page, "[data-testid=download-chase]");
  assert.equal(chase.bytes.toString("utf8"), fs.readFileSync(path.join(out, "chase.csv"), "utf8"));
  const shown = JSON.parse(await page.textContent("[data-testid=collate-json]"));
  const expected = JSON.parse(cli.stdout);
  delete shown.output;
  delete expected.output;
  assert.deepEqual(shown, expected);
  return expected;
}

test("every quarter and every force: the national workbook, chase list and JSON are the command line's", async () => {
  const report = await same({ today: "2016-08-01" }, []);
  const { page } = opened;
  // The grid has a row per force and a column per quarter; the responses table a row per
  // force and quarter, each with the standing the JSON gives.
  const rows = await page.$$eval("[data-testid=grid] tbody tr", (r) => r.length);
  assert.equal(rows, new Set(report.forces.map((f) => f.code)).size);
  const standings = await page.$$eval("[data-testid=responses-table] tbody tr",
    (r) => r.map((tr) => [tr.dataset.force, tr.dataset.quarter, tr.dataset.standing]));
  assert.deepEqual(standings, report.forces.map((f) => [f.code, f.quarter, f.standing]));
  if (process.env.BRIDGER_SCREENSHOTS) {
    for (const [width, height] of [[1280, 800], [1920, 1080]]) {
      await page.setViewportSize({ width, height });
      await page.$eval("#collate-heading", (e) => e.scrollIntoView());
      await page.screenshot({ path: path.join(process.env.BRIDGER_SCREENSHOTS, `collate-${width}x${height}.png`) });
    }
  }
});

test("a quarter, a due date and forces from a list: the same options give the same bytes", async () => {
  const { page } = opened;
  const list = path.join(h.tempdir(), "expected.csv");
  fs.writeFileSync(list, "code\nkent\nsurrey\nessex\nmetropolitan\nwiltshire\n");
  await page.setInputFiles("[data-testid=expected-file]", list);
  await page.waitForFunction(() => /^5 of /.test(document.getElementById("expected-count").textContent));
  await same({ quarter: "2016-17 Q1", deadline: "2016-07-29", today: "2016-09-01" },
    ["--quarter", "2016-17 Q1", "--deadline", "2016-07-29", "--expected", list]);
  assert.deepEqual(h.outward(opened.requests), []);
});
