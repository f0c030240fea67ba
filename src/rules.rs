//! The content rules of SPEC.md, applied to every cell of a return whose structure is the
//! template's.
//!
//! Input positions come from the definition, never from the file. Each rule that concerns
//! one column is driven by that column's entry in the definition (required, list, date
//! bounds, uniqueness, warn-if); the few cross-field rules that SPEC.md states in words are
//! written here against column keys. Alongside the findings, this module produces the
//! normalised rows that `collate` writes to the national workbook.

use std::collections::{BTreeMap, HashMap};

use crate::cellref::a1;
use crate::dates::{Date, Quarter};
use crate::definition::{Column, Definition, Kind, Table};
use crate::finding::{Finding, Severity};
use crate::values::{self, display, is_blank, Norm, Problem};
use crate::workbook::{Book, Merge, Sheet, Value};

/// Findings kept per return; beyond this they are counted, not stored.
pub const MAX_FINDINGS: usize = 10_000;

/// The findings of one return, with counts that cover even those not kept.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    pub list: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    pub by_code: BTreeMap<&'static str, usize>,
}

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        match finding.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        *self.by_code.entry(finding.code).or_default() += 1;
        if self.list.len() < MAX_FINDINGS {
            self.list.push(finding);
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings
    }
}

/// A data row of a table, normalised and packed: all its text in one string, and a small
/// slot per column. A national year is hundreds of thousands of rows, held in memory
/// between validation and writing, so a row costs a few hundred bytes rather than a
/// heap allocation per cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// One-based row number in the return, for "source row".
    pub source_row: u32,
    /// Errors found on this row.
    pub errors: u32,
    text: Box<str>,
    /// One per column, packed in 64 bits: the low two bits say empty (0), text (1: offset
    /// in bits 2-32, length in bits 33-63) or date (2: days since 1970 in bits 2-33).
    slots: Box<[u64]>,
}

const SLOT_EMPTY: u64 = 0;
const SLOT_TEXT: u64 = 1;
const SLOT_DATE: u64 = 2;

/// A value of a packed row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Date(Date),
}

impl<'a> Cell<'a> {
    pub fn is_empty(self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The value as text (dates as ISO); `None` when empty.
    pub fn text(self) -> Option<std::borrow::Cow<'a, str>> {
        match self {
            Cell::Empty => None,
            Cell::Text(t) => Some(t.into()),
            Cell::Date(d) => Some(d.iso().into()),
        }
    }

    /// Whether the value is this text exactly.
    pub fn is(self, want: &str) -> bool {
        matches!(self, Cell::Text(t) if t == want)
    }

    pub fn date(self) -> Option<Date> {
        match self {
            Cell::Date(d) => Some(d),
            _ => None,
        }
    }
}

impl Row {
    /// Packs normalised values (one per column).
    pub fn pack(source_row: u32, errors: u32, values: &[Norm]) -> Row {
        let mut text = String::new();
        let slots = values
            .iter()
            .map(|v| match v {
                Norm::Empty => SLOT_EMPTY,
                Norm::Date(d) => SLOT_DATE | (u64::from(d.days() as i32 as u32) << 2),
                other => {
                    let t = other.text().unwrap_or_default();
                    // A row's text is at most 23 cells of 32,767 characters: well within 31 bits.
                    let start = text.len() as u64;
                    text.push_str(&t);
                    SLOT_TEXT | (start << 2) | ((t.len() as u64) << 33)
                }
            })
            .collect();
        Row {
            source_row,
            errors,
            text: text.into_boxed_str(),
            slots,
        }
    }

    /// The value of column `i` (by definition order).
    pub fn get(&self, i: usize) -> Cell<'_> {
        let slot = self.slots.get(i).copied().unwrap_or(SLOT_EMPTY);
        match slot & 3 {
            SLOT_TEXT => {
                let start = ((slot >> 2) & 0x7FFF_FFFF) as usize;
                let len = (slot >> 33) as usize;
                Cell::Text(&self.text[start..start + len])
            }
            SLOT_DATE => Cell::Date(Date::from_days(i64::from(
                ((slot >> 2) & 0xFFFF_FFFF) as u32 as i32,
            ))),
            _ => Cell::Empty,
        }
    }

    /// How many columns the row has.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(|&s| s == SLOT_EMPTY)
    }
}

/// What a return says, normalised.
#[derive(Clone, Debug, Default)]
pub struct Content {
    /// The force's list name and code, when it reads.
    pub force: Option<(String, String)>,
    pub quarter: Option<Quarter>,
    /// One value per Return field, in definition order.
    pub fields: Vec<Norm>,
    pub engagement: Vec<Row>,
    pub incidents: Vec<Row>,
}

impl Content {
    pub fn field<'a>(&'a self, def: &Definition, key: &str) -> &'a Norm {
        def.fields
            .iter()
            .position(|f| f.key == key)
            .and_then(|i| self.fields.get(i))
            .unwrap_or(&Norm::Empty)
    }
}

/// Where a finding is: the sheet, the zero-based cell, and the column's header.
#[derive(Clone, Copy)]
struct At<'a> {
    sheet: &'a str,
    row: u32,
    col: u32,
    header: &'a str,
}

struct Ctx<'a> {
    def: &'a Definition,
    date1904: bool,
    findings: Findings,
    yes: &'a str,
    no: &'a str,
}

impl Ctx<'_> {
    /// Records a finding at a cell.
    fn push(
        &mut self,
        severity: Severity,
        at: &At<'_>,
        value: Option<String>,
        code: &'static str,
        message: String,
    ) {
        let mut f = Finding::error(code, message)
            .at(at.sheet, a1(at.row, at.col))
            .column(at.header);
        f.severity = severity;
        f.value = value;
        self.findings.push(f);
    }

    fn problem(&mut self, at: &At<'_>, value: Option<&Value>, p: Problem, severity: Severity) {
        self.push(severity, at, value.map(display), p.code, p.message);
    }

    fn error(&mut self, at: &At<'_>, value: Option<String>, code: &'static str, message: String) {
        self.push(Severity::Error, at, value, code, message);
    }

    fn warn(&mut self, at: &At<'_>, value: Option<String>, code: &'static str, message: String) {
        self.push(Severity::Warning, at, value, code, message);
    }

    /// Problems any cell can have whatever its column: errors, formulas with no saved
    /// value, text longer than Excel allows. Returns false when the cell cannot be read.
    fn readable(&mut self, at: &At<'_>, value: &Value) -> bool {
        match value {
            Value::Error(e) => {
                self.error(
                    at,
                    Some(e.clone()),
                    "cell-error",
                    format!("holds the error value {e}: correct the formula or type the value"),
                );
                false
            }
            Value::Formula(_) => {
                self.error(at,
                    Some(display(value)),
                    "formula-without-value",
                    "is a formula with no saved value: open the file in Excel or LibreOffice, let it calculate, and save it".to_string(),
                );
                false
            }
            Value::Text(t) if t.len() > 32_767 && t.chars().count() > 32_767 => {
                self.error(
                    at,
                    None,
                    "text-too-long",
                    format!(
                        "holds {} characters, more than Excel's 32,767: shorten it",
                        t.chars().count()
                    ),
                );
                false
            }
            _ => true,
        }
    }

    /// Reads one cell by its kind; problems become findings. Blank gives `Norm::Empty`.
    fn read(
        &mut self,
        at: &At<'_>,
        kind: Kind,
        list: Option<&str>,
        value: Option<&Value>,
    ) -> (Norm, bool) {
        let Some(v) = value.filter(|v| !is_blank(Some(v))) else {
            return (Norm::Empty, true);
        };
        if !self.readable(at, v) {
            return (Norm::Text(display(v)), false);
        }
        let raw = || Norm::Text(values::read_text(v));
        let result: Result<(Norm, Option<Problem>), Problem> = match kind {
            Kind::Text => Ok((raw(), None)),
            Kind::Date => values::read_date(v, self.date1904).map(|(d, w)| (Norm::Date(d), w)),
            Kind::List => {
                let list = self.def.list(list.expect("checked")).expect("checked");
                values::read_list(v, list).map(|(s, w)| (Norm::Text(s), w))
            }
            Kind::Postcode => values::read_postcode(v).map(|s| (Norm::Text(s), None)),
            Kind::Email => values::read_email(v).map(|s| (Norm::Text(s), None)),
            Kind::Count => values::read_count(v).map(|n| (Norm::Number(n as f64), None)),
        };
        match result {
            Ok((norm, warning)) => {
                if let Some(w) = warning {
                    self.problem(at, Some(v), w, Severity::Warning);
                }
                (norm, true)
            }
            Err(p) => {
                self.problem(at, Some(v), p, Severity::Error);
                (raw(), false)
            }
        }
    }
}

/// Checks the content of a return whose structure is the template's.
pub fn check(book: &Book, def: &Definition) -> (Content, Findings) {
    let yes_no = def
        .list("YesNo")
        .map(|l| l.values.as_slice())
        .unwrap_or_default();
    let mut ctx = Ctx {
        def,
        date1904: book.date1904,
        findings: Findings::default(),
        yes: yes_no.first().map_or("Yes", String::as_str),
        no: yes_no.get(1).map_or("No", String::as_str),
    };
    let mut content = Content::default();
    let empty = Sheet {
        name: def.return_sheet.clone(),
        visible: true,
        cells: Vec::new(),
        merges: Vec::new(),
    };
    let ret = book.sheet(&def.return_sheet).unwrap_or(&empty);
    check_return(&mut ctx, ret, &mut content);
    for table in &def.tables {
        let empty = Sheet {
            name: table.sheet.clone(),
            visible: true,
            cells: Vec::new(),
            merges: Vec::new(),
        };
        let sheet = book.sheet(&table.sheet).unwrap_or(&empty);
        let rows = check_table(&mut ctx, sheet, table, content.quarter);
        if table.sheet == def.incidents().sheet {
            content.incidents = rows;
        } else {
            content.engagement = rows;
        }
    }
    check_whole_return(&mut ctx, &content);
    for sheet in &book.sheets {
        if let Some(index) = def.sheet_index(&sheet.name) {
            check_merges(&mut ctx, sheet, index);
        }
    }
    (content, ctx.findings)
}

fn check_return(ctx: &mut Ctx<'_>, sheet: &Sheet, content: &mut Content) {
    let def = ctx.def;
    for field in &def.fields {
        let (row, col) = (field.row - 1, 1);
        let value = sheet.get(row, col);
        let mut norm = Norm::Empty;
        if !is_blank(value) {
            let v = value.expect("not blank");
            if field.key == "force" {
                norm = read_force(ctx, sheet, field, v, content);
            } else {
                norm = ctx
                    .read(
                        &At {
                            sheet: &sheet.name,
                            row,
                            col,
                            header: &field.label,
                        },
                        field.kind,
                        field.list.as_deref(),
                        value,
                    )
                    .0;
            }
        } else if field.required {
            ctx.error(
                &At {
                    sheet: &sheet.name,
                    row,
                    col,
                    header: &field.label,
                },
                None,
                "required",
                format!("'{}' is required: fill in {}", field.label, a1(row, col)),
            );
        }
        if field.key == "quarter" {
            if let Norm::Text(t) = &norm {
                content.quarter = Quarter::parse(t);
            }
        }
        content.fields.push(norm);
    }
    for field in &def.fields {
        let Some(limit_key) = &field.at_most else {
            continue;
        };
        let (Norm::Number(n), Norm::Number(limit)) = (
            content.field(def, &field.key),
            content.field(def, limit_key),
        ) else {
            continue;
        };
        if n > limit {
            let limit_label = &def.field(limit_key).expect("checked").label;
            ctx.error(
                &At {
                    sheet: &sheet.name,
                    row: field.row - 1,
                    col: 1,
                    header: &field.label,
                },
                Some(crate::fingerprint::number_text(*n)),
                "count-exceeds",
                format!(
                    "{} is more than the {} given for '{limit_label}': it cannot exceed it",
                    crate::fingerprint::number_text(*n),
                    crate::fingerprint::number_text(*limit)
                ),
            );
        }
    }
}

fn read_force(
    ctx: &mut Ctx<'_>,
    sheet: &Sheet,
    field: &crate::definition::Field,
    v: &Value,
    content: &mut Content,
) -> Norm {
    let def = ctx.def;
    let row = field.row - 1;
    if !ctx.readable(
        &At {
            sheet: &sheet.name,
            row,
            col: 1,
            header: &field.label,
        },
        v,
    ) {
        return Norm::Text(display(v));
    }
    let text = values::read_text(v);
    match def.force(&text) {
        Some(force) => {
            if !force.name.eq_ignore_ascii_case(&text) {
                ctx.warn(
                    &At {
                        sheet: &sheet.name,
                        row,
                        col: 1,
                        header: &field.label,
                    },
                    Some(text.clone()),
                    "force-alias",
                    format!(
                        "'{text}' was read as '{}': choose the force's name from the drop-down",
                        force.name
                    ),
                );
            }
            content.force = Some((force.name.clone(), force.code.clone()));
            Norm::Text(force.name.clone())
        }
        None => {
            let list = def
                .list(field.list.as_deref().expect("checked"))
                .expect("checked");
            let p = values::read_list(v, list).err().unwrap_or(Problem {
                code: "not-in-list",
                message: format!("'{text}' is not a force"),
            });
            ctx.problem(
                &At {
                    sheet: &sheet.name,
                    row,
                    col: 1,
                    header: &field.label,
                },
                Some(v),
                p,
                Severity::Error,
            );
            Norm::Text(text)
        }
    }
}

fn check_table(
    ctx: &mut Ctx<'_>,
    sheet: &Sheet,
    table: &Table,
    quarter: Option<Quarter>,
) -> Vec<Row> {
    let width = table.columns.len();
    let first = table.first_data_row();
    let mut rows = Vec::new();
    let mut seen_refs: HashMap<String, u32> = HashMap::new();
    let start = sheet.cells.partition_point(|c| c.row < first);
    let cells = &sheet.cells[start..];
    let mut i = 0;
    let mut row_values: Vec<Option<&Value>> = vec![None; width];
    while i < cells.len() {
        let row = cells[i].row;
        row_values.iter_mut().for_each(|v| *v = None);
        while i < cells.len() && cells[i].row == row {
            let c = cells[i].col as usize;
            if c < width {
                row_values[c] = Some(&cells[i].value);
            }
            i += 1;
        }
        if row_values.iter().all(|v| is_blank(*v)) {
            continue;
        }
        let errors_before = ctx.findings.errors;
        let mut values = Vec::with_capacity(width);
        for (c, column) in table.columns.iter().enumerate() {
            let (norm, _) = ctx.read(
                &At {
                    sheet: &sheet.name,
                    row,
                    col: c as u32,
                    header: &column.header,
                },
                column.kind,
                column.list.as_deref(),
                row_values[c],
            );
            values.push(norm);
        }
        check_row(
            ctx,
            sheet,
            table,
            row,
            &values,
            &row_values,
            quarter,
            &mut seen_refs,
        );
        let errors = (ctx.findings.errors - errors_before) as u32;
        rows.push(Row::pack(row + 1, errors, &values));
    }
    rows
}

#[allow(clippy::too_many_arguments)]
fn check_row(
    ctx: &mut Ctx<'_>,
    sheet: &Sheet,
    table: &Table,
    row: u32,
    values: &[Norm],
    raw: &[Option<&Value>],
    quarter: Option<Quarter>,
    seen_refs: &mut HashMap<String, u32>,
) {
    let name = sheet.name.as_str();
    let shown = |c: usize| raw[c].map(display);
    for (c, column) in table.columns.iter().enumerate() {
        let col = c as u32;
        let value = &values[c];
        if value.is_empty() {
            let needed = column.required
                || column
                    .required_with
                    .as_deref()
                    .is_some_and(|k| !values[table.index(k)].is_empty());
            if needed {
                let why = match &column.required_with {
                    Some(k) if !column.required => format!(
                        " when '{}' is filled",
                        table.column(k).expect("checked").1.header
                    ),
                    _ => String::new(),
                };
                let how = if column.kind == Kind::List {
                    "choose a value from the drop-down"
                } else {
                    "fill it in"
                };
                ctx.error(
                    &At {
                        sheet: name,
                        row,
                        col,
                        header: &column.header,
                    },
                    None,
                    "required",
                    format!("'{}' is required{why}: {how}", column.header),
                );
            }
            continue;
        }
        check_dates(ctx, name, table, column, row, col, values, quarter);
        if let (Some(bad), Norm::Text(t)) = (&column.warn_if, value) {
            if t == bad {
                let code = crate::finding::code(column.warn_code.as_deref().expect("checked"))
                    .expect("checked");
                let message = format!(
                    "is '{bad}': {}",
                    column.warn_message.as_deref().unwrap_or("check it")
                );
                ctx.warn(
                    &At {
                        sheet: name,
                        row,
                        col,
                        header: &column.header,
                    },
                    Some(t.clone()),
                    code,
                    message,
                );
            }
        }
        if column.unique {
            let key = value.text().map(|t| t.to_uppercase()).unwrap_or_default();
            match seen_refs.get(&key) {
                Some(&first) => ctx.error(&At { sheet: name, row, col, header: &column.header },
                    shown(c),
                    "duplicate-reference",
                    format!("'{}' is also on row {}: each row needs its own reference; merge or correct the duplicates", value.text().unwrap_or_default(), first + 1),
                ),
                None => {
                    seen_refs.insert(key, row);
                }
            }
        }
    }
    if table.sheet == ctx.def.incidents().sheet {
        check_suspect(ctx, name, table, row, values);
    }
}

#[allow(clippy::too_many_arguments)]
fn check_dates(
    ctx: &mut Ctx<'_>,
    name: &str,
    table: &Table,
    column: &Column,
    row: u32,
    col: u32,
    values: &[Norm],
    quarter: Option<Quarter>,
) {
    let Some(date) = values[col as usize].date() else {
        return;
    };
    let header = column.header.as_str();
    let at = At {
        sheet: name,
        row,
        col,
        header,
    };
    if let Some(q) = quarter {
        if column.inside_quarter && !q.contains(date) {
            ctx.error(&at,
                Some(date.uk()),
                "date-outside-quarter",
                format!(
                    "{} is outside the reporting quarter {q} ({} to {}): correct the date, or report it in that quarter's return",
                    date.uk(),
                    q.start().uk(),
                    q.end().uk()
                ),
            );
        }
        if column.not_after_quarter_end && date > q.end() {
            ctx.error(
                &at,
                Some(date.uk()),
                "date-after-quarter",
                format!(
                    "{} is after the end of the reporting quarter {q} ({}): correct the date",
                    date.uk(),
                    q.end().uk()
                ),
            );
        }
    }
    if let Some(other_key) = &column.not_after {
        let (_, other) = table.column(other_key).expect("checked");
        if let Some(limit) = values[table.index(other_key)].date() {
            if date > limit {
                ctx.error(
                    &at,
                    Some(date.uk()),
                    "offence-after-reported",
                    format!(
                        "{} is after the '{}' {}: correct one of the two dates",
                        date.uk(),
                        other.header,
                        limit.uk()
                    ),
                );
            }
        }
    }
    if let Some(at_key) = &column.age_at {
        if let Some(on) = values[table.index(at_key)].date() {
            let age = on.years_since(date);
            let (lo, hi) = (column.age_min.unwrap_or(0), column.age_max.unwrap_or(150));
            if age < lo || age > hi {
                ctx.error(&at,
                    Some(date.uk()),
                    "dob-implausible",
                    format!("gives an age of {age} on the date reported; a suspect's age must be between {lo} and {hi}: check the date of birth"),
                );
            }
        }
    }
}

/// SPEC.md's cross-field rules on the suspect columns and the FTAC referral.
fn check_suspect(ctx: &mut Ctx<'_>, name: &str, table: &Table, row: u32, values: &[Norm]) {
    let get = |k: &str| &values[table.index(k)];
    let (yes, no) = (ctx.yes.to_string(), ctx.no.to_string());
    let identified_col = table.index("suspect_identified") as u32;
    let identified_header = table.columns[identified_col as usize].header.clone();
    let details = [
        "suspect_surname",
        "suspect_forenames",
        "suspect_dob",
        "suspect_postcode",
        "suspect_identifier",
    ];
    let enough = [
        "suspect_surname",
        "suspect_dob",
        "suspect_postcode",
        "suspect_identifier",
    ];
    let header = |k: &str| table.column(k).expect("checked").1.header.clone();
    match get("suspect_identified").text().as_deref() {
        Some(v) if v == no => {
            let filled: Vec<String> = details
                .iter()
                .filter(|k| !get(k).is_empty())
                .map(|k| format!("'{}'", header(k)))
                .collect();
            if !filled.is_empty() {
                ctx.warn(&At { sheet: name, row, col: identified_col, header: &identified_header },
                    Some(no.clone()),
                    "suspect-details-without-suspect",
                    format!("is '{no}' but {} filled: set it to '{yes}', or clear the suspect's details", filled.join(", ") + if filled.len() == 1 { " is" } else { " are" }),
                );
            }
        }
        Some(v) if v == yes && enough.iter().all(|k| get(k).is_empty()) => {
            let names: Vec<String> = enough.iter().map(|k| format!("'{}'", header(k))).collect();
            ctx.error(&At { sheet: name, row, col: identified_col, header: &identified_header },
                Some(yes.clone()),
                "suspect-details-missing",
                format!("is '{yes}' but none of {} is filled: give at least one, so the suspect can be linked across forces", names.join(", ")),
            );
        }
        _ => {}
    }
    let ftac = table.index("ftac_referred");
    if get("ftac_referred").text().as_deref() == Some(yes.as_str())
        && get("mental_health").text().as_deref() != Some(yes.as_str())
    {
        ctx.warn(
            &At {
                sheet: name,
                row,
                col: ftac as u32,
                header: &table.columns[ftac].header,
            },
            Some(yes.clone()),
            "ftac-without-concerns",
            format!(
                "is '{yes}' but '{}' is not '{yes}': check both (item 9 of the letter)",
                header("mental_health")
            ),
        );
    }
}

fn check_whole_return(ctx: &mut Ctx<'_>, content: &Content) {
    let def = ctx.def;
    let sheet = def.return_sheet.clone();
    let nil = def.field("nil_return").expect("checked");
    let incidents = content.incidents.len();
    let incidents_sheet = def.incidents().sheet.clone();
    match content.field(def, "nil_return").text().as_deref() {
        Some(v) if v == ctx.yes && incidents > 0 => ctx.error(&At { sheet: &sheet, row: nil.row - 1, col: 1, header: &nil.label },
            Some(v.to_string()),
            "nil-return-with-incidents",
            format!("is '{}' but the {incidents_sheet} sheet has {incidents} rows: set it to '{}', or remove the rows", ctx.yes, ctx.no),
        ),
        Some(v) if v == ctx.no && incidents == 0 => ctx.error(&At { sheet: &sheet, row: nil.row - 1, col: 1, header: &nil.label },
            Some(v.to_string()),
            "no-incidents",
            format!("is '{}' but the {incidents_sheet} sheet has no rows: add them, or set it to '{}' for a nil return", ctx.no, ctx.yes),
        ),
        _ => {}
    }
    if let Norm::Number(mps) = content.field(def, "mps_in_area") {
        let rows = content.engagement.len();
        if rows > 0 && rows as f64 != *mps {
            let f = def.field("mps_in_area").expect("checked");
            ctx.warn(&At { sheet: &sheet, row: f.row - 1, col: 1, header: &f.label },
                Some(crate::fingerprint::number_text(*mps)),
                "engagement-count",
                format!(
                    "says {} MPs but the {} sheet has {rows} rows: one row per MP in the force area",
                    crate::fingerprint::number_text(*mps),
                    def.engagement().sheet
                ),
            );
        }
    }
    if let (Some(q), Some(d)) = (content.quarter, content.field(def, "date_submitted").date()) {
        if d < q.end() {
            let f = def.field("date_submitted").expect("checked");
            ctx.warn(
                &At {
                    sheet: &sheet,
                    row: f.row - 1,
                    col: 1,
                    header: &f.label,
                },
                Some(d.uk()),
                "submitted-before-quarter-end",
                format!(
                    "{} is before the end of {q} ({}): check the date and the quarter",
                    d.uk(),
                    q.end().uk()
                ),
            );
        }
    }
}

fn check_merges(ctx: &mut Ctx<'_>, sheet: &Sheet, index: usize) {
    for m in &sheet.merges {
        let Merge {
            first_row,
            first_col,
            last_row,
            last_col,
        } = *m;
        let covers_input = (first_row..=last_row.min(first_row + 50)).any(|r| {
            (first_col..=last_col.min(first_col + 50)).any(|c| ctx.def.is_input(index, r, c))
        });
        if covers_input {
            let range = format!("{}:{}", a1(first_row, first_col), a1(last_row, last_col));
            let mut f = Finding::warning(
                "merged-cells",
                format!("cells {range} are merged over input cells; only {} keeps a value: unmerge them and fill each cell", a1(first_row, first_col)),
            )
            .at(&sheet.name, a1(first_row, first_col));
            f.value = None;
            ctx.findings.push(f);
        }
    }
}

/// What a return claims about itself: its force, quarter and date submitted.
pub type Claim = (Option<(String, String)>, Option<Quarter>, Option<Date>);

/// The force, quarter and date submitted a return claims, read where the definition puts
/// them, for a return whose structure could not be trusted enough to check its content.
pub fn claimed_identity(book: &Book, def: &Definition) -> Claim {
    let Some(sheet) = book.sheet(&def.return_sheet) else {
        return (None, None, None);
    };
    let cell = |key: &str| def.field(key).and_then(|f| sheet.get(f.row - 1, 1));
    let read = |key: &str| cell(key).map(values::read_text);
    let force = read("force")
        .and_then(|t| def.force(&t))
        .map(|f| (f.name.clone(), f.code.clone()));
    let quarter = read("quarter").and_then(|t| Quarter::parse(&t));
    let date = cell("date_submitted")
        .and_then(|v| values::read_date(v, book.date1904).ok())
        .map(|(d, _)| d);
    (force, quarter, date)
}

/// The date a return says it was submitted, for choosing between resubmissions.
pub fn date_submitted(content: &Content, def: &Definition) -> Option<Date> {
    content.field(def, "date_submitted").date()
}

#[cfg(test)]
mod row_tests {
    use super::*;

    #[test]
    fn rows_pack_and_unpack() {
        let d = Date::new(1975, 3, 2).unwrap();
        let old = Date::new(1901, 1, 1).unwrap();
        let values = vec![
            Norm::Text("KNT/1".into()),
            Norm::Empty,
            Norm::Date(d),
            Norm::Text("Ünïcode ✓".into()),
            Norm::Date(old),
            Norm::Number(3.0),
        ];
        let row = Row::pack(5, 2, &values);
        assert_eq!(row.len(), 6);
        assert_eq!(row.get(0), Cell::Text("KNT/1"));
        assert!(row.get(1).is_empty());
        assert_eq!(row.get(2).date(), Some(d));
        assert_eq!(row.get(3), Cell::Text("Ünïcode ✓"));
        assert_eq!(row.get(4).date(), Some(old));
        assert_eq!(row.get(5), Cell::Text("3"));
        assert!(row.get(9).is_empty());
        assert_eq!((row.source_row, row.errors), (5, 2));
    }
}
