// How one file's result is shown: validate's verdict, its findings grouped as the
// terminal groups them, a button for the annotated copy, and the JSON line itself. Files
// with problems come first. Everything shown is text from the module: nothing here judges
// a return.
"use strict";

// Problems first: unreadable, altered template, invalid, then valid.
const STATUS_ORDER = { unreadable: 0, "modified-template": 1, invalid: 2, valid: 3 };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function plural(n, word) {
  return `${n.toLocaleString("en-GB")} ${word}${n === 1 ? "" : "s"}`;
}

// The verdict in words, with what the terminal's verdict line gives.
function verdictText(o) {
  const about = [o.force, o.quarter].filter(Boolean).join(", ");
  const counts = `${plural(o.rows.engagement, "engagement row")}, ${plural(o.rows.incidents, "incident row")}; ` +
    `${plural(o.errors, "error")}, ${plural(o.warnings, "warning")}.`;
  const who = about ? `${about}: ` : "";
  switch (o.status) {
    case "valid":
      return `${who}ready to send, accepted nationally. ${counts}`;
    case "invalid":
      return `${who}errors to fix before sending. ${counts}`;
    case "modified-template":
      return `${who}the template was altered (${plural(o.findings_total, "change")}), so it cannot be merged with other forces' returns. Undo the changes below, or start again from a fresh template.`;
    default:
      return `Could not be read: ${o.findings.length ? o.findings[0].message : "no reason was given"}.`;
  }
}

function findingsTable(name, groups) {
  const body = el("tbody");
  for (const g of groups) {
    const where = g.count > 1 ? `${g.count} cells: ${g.location}` : g.location;
    const row = el("tr", { class: `finding ${g.severity}`, "data-severity": g.severity, "data-code": g.code },
      el("td", { text: where }),
      el("td", { text: g.severity }),
      el("td", { text: g.message }),
      el("td", {}, el("code", { text: g.code })));
    body.append(row);
  }
  return el("table", { class: "findings" },
    el("caption", { class: "visually-hidden", text: `Findings in ${name}` }),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Where" }),
      el("th", { scope: "col", text: "Severity" }),
      el("th", { scope: "col", text: "What to do" }),
      el("th", { scope: "col", text: "Code" }))),
    body);
}

// The element for one file: `checked` is the module's {line, groups}; `onReport` makes
// the annotated copy.
function resultElement(name, checked, onReport) {
  const o = JSON.parse(checked.line);
  const article = el("article", { class: `result ${o.status}`, "data-file": name, "data-status": o.status });
  article.append(el("h3", {},
    el("span", { class: `status ${o.status}`, text: o.status }), " ",
    el("span", { class: "name", text: name })));
  article.append(el("p", { class: "verdict", "data-testid": "verdict", text: verdictText(o) }));
  if (o.ignored_sheets) {
    for (const s of o.ignored_sheets) {
      article.append(el("p", { class: "note", text: `Sheet '${s}' is bridger's list of findings from an annotated copy: it was not checked and does not count as an added sheet.` }));
    }
  }
  if (checked.groups.length > 0 && o.status !== "unreadable") {
    article.append(findingsTable(name, checked.groups));
    if (o.findings_total > o.findings.length) {
      article.append(el("p", { class: "note", text: `… and ${plural(o.findings_total - o.findings.length, "more finding")} (only the first ${o.findings.length} are kept; the counts cover all).` }));
    }
  }
  const actions = el("p", { class: "actions" });
  if (o.status !== "unreadable") {
    const button = el("button", { type: "button", "data-testid": "download-report", text: "Download the annotated copy" });
    button.addEventListener("click", () => onReport(button));
    actions.append(button);
    actions.append(el("span", { class: "hint", text: o.status === "valid" || o.status === "invalid"
      ? " the template re-filled with this return's values, the cells with findings marked red or amber"
      : " a copy of what the file holds, the findings marked" }));
  }
  article.append(actions);
  const details = el("details", { class: "json" },
    el("summary", { text: "As bridger validate --format json prints it" }),
    el("pre", { "data-testid": "json", text: checked.line }));
  article.append(details);
  return article;
}

// Puts `article` among the results: problems first, then by name.
function placeResult(container, article) {
  const key = (a) => [STATUS_ORDER[a.dataset.status] ?? 9, a.dataset.file];
  const [rank, name] = key(article);
  const old = [...container.children].find((a) => a.dataset.file === name);
  if (old) old.remove();
  const after = [...container.children].find((a) => {
    const [r, n] = key(a);
    return r > rank || (r === rank && n > name);
  });
  container.insertBefore(article, after || null);
}

// Hides the findings that do not match the filter, and files with none left when a
// filter is set.
function applyFilter(container, text, severity) {
  const needle = text.trim().toLowerCase();
  for (const article of container.children) {
    let shown = 0;
    const rows = article.querySelectorAll("tr.finding");
    for (const row of rows) {
      const ok = (!severity || row.dataset.severity === severity) &&
        (!needle || row.textContent.toLowerCase().includes(needle) || article.dataset.file.toLowerCase().includes(needle));
      row.hidden = !ok;
      if (ok) shown++;
    }
    article.hidden = (needle || severity) ? shown === 0 && !article.dataset.file.toLowerCase().includes(needle || "\u0000") : false;
  }
}
