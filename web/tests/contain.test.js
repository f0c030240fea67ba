// Point 5: each file is read in a worker with a time and a memory limit. A memory storm
// ends its worker as `too-large`, an endless loop as `timed-out`, a panic as
// `internal-error`; the truncated .ods is `unreadable` exactly as the command line says;
// and the files after them are checked as usual in fresh workers.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness");

let browser;

before(async () => {
  browser = await h.launch();
});

after(async () => {
  if (browser) await browser.close();
});

test("a file that loops, storms memory or panics ends its worker, and the next file is checked", async () => {
  const dir = h.tempdir();
  const kent = path.join(h.ROOT, "fixtures/returns/kent-2016-17-Q1.xlsx");
  for (const name of ["storm.xlsx", "loop.xlsx", "panic.xlsx", "after.xlsx"]) fs.copyFileSync(kent, path.join(dir, name));
  const ods = path.join(h.ROOT, "fixtures/hostile/ods-cut-inside-a-sheet.ods");
  fs.copyFileSync(ods, path.join(dir, path.basename(ods)));
  // The test page's hooks: these three files fail in their workers; every file has 10
  // seconds (a real file here takes well under one).
  const { page, requests, errors } = await h.open(browser,
    { query: "?fault=alloc:storm.xlsx,loop:loop.xlsx,panic:panic.xlsx&seconds=10" });
  const names = ["storm.xlsx", "loop.xlsx", "panic.xlsx", "ods-cut-inside-a-sheet.ods", "after.xlsx"];
  await h.choose(page, names.map((n) => path.join(dir, n)));
  const shown = await h.pageLines(page);
  const finding = (name) => JSON.parse(shown[name]).findings[0];
  assert.equal(JSON.parse(shown["storm.xlsx"]).status, "unreadable");
  assert.equal(finding("storm.xlsx").code, "too-large");
  assert.match(finding("storm.xlsx").message, /more than 512 MB of memory/);
  assert.equal(finding("loop.xlsx").code, "timed-out");
  assert.match(finding("loop.xlsx").message, /more than 10 seconds/);
  assert.equal(finding("panic.xlsx").code, "internal-error");
  const cli = h.bridger(["validate", "--format", "json", "ods-cut-inside-a-sheet.ods", "after.xlsx"], dir);
  const lines = Object.fromEntries(cli.stdout.trim().split("\n").map((l) => [JSON.parse(l).file, l]));
  assert.equal(shown["ods-cut-inside-a-sheet.ods"], lines["ods-cut-inside-a-sheet.ods"]);
  assert.equal(shown["after.xlsx"], lines["after.xlsx"]);
  assert.equal(await page.$eval("[data-file='after.xlsx']", (a) => a.dataset.status), "valid");
  assert.equal(await page.$eval("[data-testid=progress]", (p) => [p.value, p.max].join("/")), "5/5");
  assert.deepEqual(h.outward(requests), []);
  assert.deepEqual(errors, []);
});
