// What every browser test shares: Debian's Chromium driven by playwright-core, the page
// built by web/build.sh (with --test-hooks) opened from file://, every request it makes
// recorded, and the command line (`bridger`) run on the same files for comparison.
"use strict";

const { chromium } = require("playwright-core");
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");
// The page under test (web/tests/run.sh builds it) and the command line to compare with.
const PAGE = process.env.BRIDGER_PAGE || path.join(ROOT, "target/web-test/bridger.html");
const BIN = process.env.BRIDGER_BIN || path.join(ROOT, "target/debug/bridger");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--lang=en-GB"],
  });
}

// Opens the page from file:// (`query` is added to its address) and waits until its
// workers have started. `requests` lists every request the page and its workers make,
// from the page's own load on; `errors` every uncaught error.
async function open(browser, { query = "", width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: "en-GB" });
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("file://" + PAGE + query);
  await page.waitForSelector("body[data-ready=true]", { timeout: 120000 });
  return { context, page, requests, errors };
}

// The requests that went anywhere but the page's own file (workers' blob: scripts and
// downloads' blob: addresses stay in the browser, and are not requests out).
function outward(requests) {
  const own = "file://" + PAGE;
  return requests.filter((u) => !u.startsWith(own) && !u.startsWith("blob:") && !u.startsWith("data:"));
}

// Chooses files with the page's file input, and waits until all are checked.
async function choose(page, files, { testid = "files" } = {}) {
  await page.setInputFiles(`[data-testid=${testid}]`, files);
  await waitChecked(page);
}

async function waitChecked(page, timeout = 300000) {
  await page.waitForFunction(() => {
    const bar = document.querySelector("[data-testid=progress]");
    return bar.max > 0 && bar.value === bar.max && document.querySelectorAll("[data-status]").length >= bar.max;
  }, null, { timeout });
}

// The JSON line the page shows for each file, by name.
async function pageLines(page) {
  return page.$$eval("[data-file]", (all) => Object.fromEntries(
    all.map((a) => [a.dataset.file, a.querySelector("[data-testid=json]").textContent])));
}

// Runs the command line in `cwd`; gives stdout, and the exit code.
function bridger(args, cwd) {
  const r = spawnSync(BIN, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

// Saves the download that clicking `selector` starts, and gives its bytes.
async function downloadOf(page, selector) {
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 300000 }),
    page.click(selector),
  ]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bridger-web-")), download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

function tempdir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "bridger-web-"));
}

module.exports = { ROOT, PAGE, BIN, launch, open, outward, choose, waitChecked, pageLines, bridger, downloadOf, tempdir, execFileSync };
