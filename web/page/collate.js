// Collation: the options (quarter, expected forces, due date, the day days overdue are
// counted to), then the national workbook made in a worker of its own from the checked
// returns, with the responses table and the forces × quarters grid. Each worker that
// checked a return kept what collation needs of it, so nothing is read twice.
"use strict";

// The collating worker's memory limit: a year of returns is built in memory.
const COLLATE_MB = 3072;

const expected = { order: [], chosen: new Set() };

function setupCollation(forces) {
  state.forces = forces;
  const list = $("expected-list");
  for (const f of forces) {
    const id = `force-${f.code}`;
    const box = el("input", { type: "checkbox", id, value: f.code, checked: true });
    box.addEventListener("change", () => {
      if (box.checked) {
        expected.chosen.add(f.code);
        if (!expected.order.includes(f.code)) expected.order.push(f.code);
      } else {
        expected.chosen.delete(f.code);
      }
      expectedCount();
    });
    list.append(el("div", {}, box, " ", el("label", { for: id, text: f.name })));
  }
  setExpected(forces.map((f) => f.code));
  $("expected-all").addEventListener("click", () => setExpected(forces.map((f) => f.code)));
  $("expected-none").addEventListener("click", () => setExpected([]));
  $("expected-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    const answer = await state.pool.run("expected", { bytes: await file.arrayBuffer(), name: file.name });
    if (answer.ok) setExpected(JSON.parse(answer.ok));
    else showMessage(answer.error || `${file.name} could not be read`);
  });
  $("today").value = ukToday();
  $("collate-form").addEventListener("submit", (e) => {
    e.preventDefault();
    collateNow();
  });
  $("download-national").addEventListener("click", () => {
    if (state.collated) download(state.collated.national, state.collated.out, XLSX);
  });
  $("download-chase").addEventListener("click", () => {
    if (state.collated) download(new TextEncoder().encode(state.collated.chase), "chase.csv", "text/csv");
  });
}

// Chooses exactly `codes`, in that order (the order of an expected-forces file).
function setExpected(codes) {
  expected.order = [...codes];
  expected.chosen = new Set(codes);
  for (const box of $("expected-list").querySelectorAll("input")) box.checked = expected.chosen.has(box.value);
  expectedCount();
}

function expectedCount() {
  const n = expected.chosen.size;
  $("expected-count").textContent = n === state.forces.length ? `all ${n}` : `${n} of ${state.forces.length}`;
}

// The quarters the checked returns are for, to choose from; collating is possible once
// every file chosen has been checked.
function collationReady() {
  const quarters = new Set();
  let checked = 0;
  for (const f of state.files.values()) {
    if (f.outcome) checked++;
    if (f.outcome && f.outcome.quarter) quarters.add(f.outcome.quarter);
  }
  const select = $("quarter");
  const current = select.value;
  select.replaceChildren(el("option", { value: "", text: "every quarter found" }),
    ...[...quarters].sort().map((q) => el("option", { value: q, text: q })));
  select.value = quarters.has(current) ? current : "";
  $("collate").disabled = checked === 0 || checked < state.files.size;
}

async function collateNow() {
  showMessage("");
  const button = $("collate");
  button.disabled = true;
  $("progress-label").textContent = "Collating…";
  const names = [...state.files.keys()].filter((n) => state.files.get(n).kept);
  const files = names.map((name) => ({ name, kept: state.files.get(name).kept }));
  const quarter = $("quarter").value || null;
  const everyone = state.forces.map((f) => f.code);
  const codes = expected.order.filter((c) => expected.chosen.has(c));
  const all = codes.length === everyone.length && codes.every((c, i) => c === everyone[i]);
  const out = `national${quarter ? "-" + quarter.replace(/\s+/g, "-") : ""}.xlsx`;
  const options = {
    quarter,
    expected: all ? null : codes,
    deadline: $("deadline").value || null,
    today: $("today").value || ukToday(),
    out,
  };
  if (!state.collator) {
    state.collator = new Pool({ source: $("worker-source").textContent, module: state.module, size: 1, limitMb: COLLATE_MB });
  }
  // The kept bytes are copied to the worker (not moved), so that collating again with
  // other options needs no second check.
  const answer = await state.collator.run("collate", { files, options }, { seconds: 1800 });
  button.disabled = false;
  progress();
  if (!answer.ok) {
    const why = answer.error || (answer.stopped === "too-large"
      ? `collating needed more than ${COLLATE_MB} MB of memory: collate fewer quarters at a time`
      : answer.stopped === "timed-out" ? "collating took more than 30 minutes and was stopped"
        : `collating failed (${answer.how}): please report it`);
    showMessage(`No national workbook: ${why}`);
    return;
  }
  state.collated = { ...answer.ok, out };
  showCollation(answer.ok.report, JSON.parse(answer.ok.grid));
}

function showCollation(text, grid) {
  const report = JSON.parse(text);
  $("collation").hidden = false;
  $("headline").textContent = report.summary;
  const gridTable = el("table", { class: "grid" },
    el("caption", { class: "visually-hidden", text: "Each force's standing for each quarter" }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Force" }),
      ...grid.quarters.map((q) => el("th", { scope: "col", text: q })),
      el("th", { scope: "col", text: "Quarters owed" }))));
  const body = el("tbody");
  for (const r of grid.rows) {
    body.append(el("tr", { "data-force": r.code },
      el("th", { scope: "row", text: r.force }),
      ...r.standings.map((s) => el("td", { class: s ? `standing-${s.split("-")[0]}` : "", text: s || "" })),
      el("td", { text: r.owed ? String(r.owed) : "" })));
  }
  gridTable.append(body);
  const legend = el("dl", { class: "legend" });
  for (const l of grid.legend) legend.append(el("dt", { text: l.label }), el("dd", { text: l.meaning }));
  $("grid").replaceChildren(gridTable, legend);

  const table = el("table", { class: "responses", "data-testid": "responses-table" },
    el("caption", { class: "visually-hidden", text: "Who responded, quarter by quarter" }),
    el("thead", {}, el("tr", {}, ...["Force", "Quarter", "Standing", "File", "Incident rows", "Why not accepted"]
      .map((t) => el("th", { scope: "col", text: t })))));
  const rows = el("tbody");
  for (const f of report.forces) {
    rows.append(el("tr", { "data-force": f.code, "data-quarter": f.quarter, "data-standing": f.standing },
      el("td", { text: f.name }), el("td", { text: f.quarter }), el("td", { text: f.standing }),
      el("td", { text: f.file || "" }), el("td", { text: f.incident_rows === null ? "" : String(f.incident_rows) }),
      el("td", { text: f.reason || "" })));
  }
  table.append(rows);
  const json = el("details", { class: "json" }, el("summary", { text: "As bridger collate --format json prints it" }),
    el("pre", { "data-testid": "collate-json", text: text }));
  $("responses").replaceChildren(table, json);
}
