// Times the page on a folder of returns in headless Chromium, for BENCHMARKS.md: checking
// every file (from choosing the folder to the last result shown), then collating (from
// the button to the national workbook ready). Not a test: run it by hand beside the
// command line on the same folder.
//
// usage: node web/tests/bench.js FOLDER TODAY [RUNS [NATIONAL.xlsx]]
// With NATIONAL.xlsx (what `bridger collate FOLDER --out NATIONAL.xlsx --today TODAY`
// wrote), it also says whether the page's workbook is the same, byte for byte.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness");

async function once(browser, folder, today, national) {
  const { page, context } = await h.open(browser);
  const t0 = Date.now();
  await page.setInputFiles("[data-testid=folder]", folder);
  await h.waitChecked(page, 1800000);
  const checked = (Date.now() - t0) / 1000;
  await page.fill("[data-testid=today]", today);
  const t1 = Date.now();
  await page.click("[data-testid=collate]");
  await page.waitForSelector("[data-testid=collation]:not([hidden])", { timeout: 1800000 });
  const collated = (Date.now() - t1) / 1000;
  const files = await page.$$eval("[data-file]", (a) => a.length);
  const result = { files, checked, collated, total: checked + collated };
  if (national) {
    const got = await h.downloadOf(page, "[data-testid=download-national]");
    result.same_bytes = got.bytes.equals(fs.readFileSync(national));
  }
  await context.close();
  return result;
}

(async () => {
  const [folder, today, runs = "3", national] = process.argv.slice(2);
  const browser = await h.launch();
  for (let i = 0; i < Number(runs); i++) {
    console.log(JSON.stringify(await once(browser, path.resolve(folder), today, national)));
  }
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
