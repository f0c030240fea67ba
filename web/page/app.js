// The page: starts the workers, takes the files chosen or dropped, checks each in a
// worker and shows the results, and offers the downloads. Everything runs here, in this
// browser: no request is made after the page has loaded, and no file or result is kept
// once the page is closed (nothing is written to storage).
"use strict";

const $ = (id) => document.getElementById(id);
const TEST_HOOKS = document.body.hasAttribute("data-test-hooks");
const params = new URLSearchParams(location.search);

// Per-file limits, as the command line's worker processes have them: 512 MB of memory,
// and 60 seconds of reading for a small file, 4 more per MB, at most 140.
const MEMORY_MB = 512;
function secondsFor(size) {
  const base = TEST_HOOKS && params.get("seconds") ? Number(params.get("seconds")) : 60;
  return Math.min(base + 4 * Math.floor(size / (1 << 20)), Math.max(base, 140));
}

const state = {
  pool: null,
  files: new Map(), // name → {file, outcome (JSON), kept (collation bytes)}
  done: 0,
  total: 0,
};

// The UK's calendar day (Europe/London), as YYYY-MM-DD: "today" for a return's Date
// submitted, as the command line takes it.
function ukToday() {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit",
  }).formatToParts(new Date());
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function wasmBytes() {
  const text = $("wasm").textContent.trim();
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function showMessage(text) {
  const m = $("message");
  m.textContent = text;
  m.hidden = !text;
}

// Saves `bytes` as `name` through the browser's downloads.
function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function progress() {
  const bar = $("progress");
  bar.max = Math.max(state.total, 1);
  bar.value = state.done;
  $("progress-label").textContent = state.total === 0 ? "No files checked yet."
    : state.done < state.total ? `Checking: ${state.done} of ${plural(state.total, "file")} done.`
      : `Checked ${plural(state.total, "file")}.`;
}

function summary() {
  const counts = {};
  for (const f of state.files.values()) {
    if (f.outcome) counts[f.outcome.status] = (counts[f.outcome.status] || 0) + 1;
  }
  const parts = [`${counts.valid || 0} valid`];
  for (const s of ["invalid", "modified-template", "unreadable"]) {
    if (counts[s]) parts.push(`${counts[s]} ${s}`);
  }
  const n = [...state.files.values()].filter((f) => f.outcome).length;
  $("summary").textContent = n === 0 ? "No files checked yet." : `${plural(n, "file")}: ${parts.join(", ")}.`;
}

// Runs `fn` on every item, at most `limit` at a time.
async function eachLimited(items, limit, fn) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}

// Checks one file in a worker; a worker that is stopped gives the file its status.
async function checkOne(name, file) {
  const bytes = await file.arrayBuffer();
  const seconds = secondsFor(file.size);
  const args = { file: name, modified: Math.floor(file.lastModified / 1000), bytes, today: ukToday(), fault: TEST_HOOKS ? params.get("fault") : null };
  let answer = await state.pool.run("validate", args, { seconds, transfer: [bytes] });
  if (answer.stopped) {
    const limit = answer.stopped === "timed-out" ? seconds : MEMORY_MB;
    answer = await state.pool.run("stopped", { file: name, how: answer.stopped === "internal-error" ? answer.how : answer.stopped, limit });
  }
  const entry = state.files.get(name);
  if (!entry || entry.file !== file) return; // cleared meanwhile
  if (answer.error) {
    showMessage(`${name}: ${answer.error}`);
    return;
  }
  const checked = JSON.parse(answer.ok.json);
  entry.outcome = JSON.parse(checked.line);
  entry.kept = answer.ok.kept || null;
  placeResult($("results"), resultElement(name, checked, (button) => annotate(name, button)));
  applyFilter($("results"), $("filter").value, $("severity").value);
  summary();
  collationReady();
}

async function annotate(name, button) {
  const entry = state.files.get(name);
  button.disabled = true;
  const bytes = await entry.file.arrayBuffer();
  const answer = await state.pool.run("report", { file: name, modified: Math.floor(entry.file.lastModified / 1000), bytes, today: ukToday() },
    { seconds: secondsFor(entry.file.size), transfer: [bytes] });
  button.disabled = false;
  if (answer.ok) {
    download(answer.ok, name.replace(/^.*\//, "").replace(/\.[^.]*$/, "") + "-checked.xlsx", XLSX);
  } else {
    showMessage(`No annotated copy of ${name}: ${answer.error || answer.stopped}`);
  }
}

// Files chosen or dropped: `named` are taken whatever their name (as files named to the
// command line are); `found` came from a folder and are taken when they look like
// workbooks (not Office's lock files), as the command line searches a folder.
async function take(named, found) {
  showMessage("");
  const names = found.map((f) => f.name);
  const keep = names.length ? JSON.parse((await state.pool.run("candidates", { names })).ok) : [];
  const chosen = named.concat(found.filter((_, i) => keep[i]));
  if (chosen.length === 0) {
    showMessage("No workbooks (.xlsx, .xlsm, .xls, .ods) were found there: choose the folder or files that hold the returns.");
    return;
  }
  const fresh = [];
  for (const { name, file } of chosen) {
    state.files.set(name, { file, outcome: null, kept: null });
    fresh.push({ name, file });
  }
  state.total += fresh.length;
  progress();
  await eachLimited(fresh, state.pool.slots.length, async ({ name, file }) => {
    await checkOne(name, file);
    state.done++;
    progress();
  });
}

// The files under a dropped folder, with their paths inside it.
function walkEntry(entry, out) {
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((file) => { out.push({ name: entry.fullPath.replace(/^\//, ""), file }); resolve(); }, () => resolve());
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const all = [];
      const more = () => reader.readEntries(async (batch) => {
        if (batch.length === 0) {
          for (const e of all) await walkEntry(e, out);
          resolve();
        } else {
          all.push(...batch);
          more();
        }
      }, () => resolve());
      more();
    } else {
      resolve();
    }
  });
}

async function dropped(event) {
  event.preventDefault();
  $("drop").classList.remove("over");
  const named = [];
  const found = [];
  const entries = [...event.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (entries.length === 0) {
    for (const file of event.dataTransfer.files) named.push({ name: file.name, file });
  }
  for (const entry of entries) {
    if (entry.isFile) {
      await new Promise((r) => entry.file((file) => { named.push({ name: file.name, file }); r(); }, r));
    } else {
      await walkEntry(entry, found);
    }
  }
  await take(named, found);
}

function wire() {
  $("files").addEventListener("change", (e) => {
    const named = [...e.target.files].map((file) => ({ name: file.name, file }));
    e.target.value = "";
    take(named, []);
  });
  $("folder").addEventListener("change", (e) => {
    const found = [...e.target.files].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
    e.target.value = "";
    take([], found);
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", dropped);
  $("clear").addEventListener("click", () => {
    state.files.clear();
    state.total = 0;
    state.done = 0;
    $("results").replaceChildren();
    progress();
    summary();
    collationReady();
  });
  $("template").addEventListener("click", async () => {
    const answer = await state.pool.run("template", {});
    if (answer.ok) download(answer.ok, "annex-c.xlsx", XLSX);
    else showMessage(`The template could not be made: ${answer.error || answer.stopped}`);
  });
  const filter = () => applyFilter($("results"), $("filter").value, $("severity").value);
  $("filter").addEventListener("input", filter);
  $("severity").addEventListener("change", filter);
}

async function boot() {
  try {
    const module = await WebAssembly.compile(wasmBytes());
    const size = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));
    state.pool = new Pool({ source: $("worker-source").textContent, module, size, limitMb: MEMORY_MB });
    state.module = module;
    wire();
    const about = (await state.pool.run("about", {})).ok;
    document.querySelector("[data-testid=version]").textContent = about.version;
    document.querySelector("[data-testid=fingerprint]").textContent = about.fingerprint;
    setupCollation(about.forces);
    document.body.dataset.ready = "true";
  } catch (e) {
    showMessage(`This page could not start in this browser (${e.message}). Use a current Edge, Chrome or Firefox.`);
  }
}

boot();
