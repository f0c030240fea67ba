//! The content rules of SPEC.md, applied to every cell of a return whose structure is the
//! template's.
//!
//! Input positions come from the definition, never from the file. Each rule that concerns
//! one column is driven by that column's entry in the definition (required, list, date
//! bounds, uniqueness, warn-if); the few cross-field rules that SPEC.md states in words are
//! written here against column keys. Alongside the findings, this module produces the
//! normalised rows that `collate` writes to the national workbook.

use std::collections::HashMap;

use crate::base::cellref::{a1, CellPos};
use crate::base::dates::Quarter;
use crate::base::value::Value;
use crate::check::cells::{self as values, display, is_blank, Problem};
use crate::check::content::{Content, Row};
use crate::check::finding::{Code, Finding, Findings, Severity};
use crate::definition::{Column, Definition, Kind, Table};
use crate::read::{Book, Merge, Sheet, Stored};

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
        code: Code,
        message: String,
    ) {
        let mut f = Finding::error(code, message)
            .at(at.sheet, CellPos::new(at.row, at.col))
            .column(at.header);
        f.severity = severity;
        f.value = value;
        self.findings.push(f);
    }

    fn problem(&mut self, at: &At<'_>, value: Option<&Stored>, p: Problem, severity: Severity) {
        self.push(severity, at, value.map(display), p.code, p.message);
    }

    fn error(&mut self, at: &At<'_>, value: Option<String>, code: Code, message: String) {
        self.push(Severity::Error, at, value, code, message);
    }

    fn warn(&mut self, at: &At<'_>, value: Option<String>, code: Code, message: String) {
        self.push(Severity::Warning, at, value, code, message);
    }

    /// Problems any cell can have whatever its column: errors, formulas with no saved
    /// value, text longer than Excel allows. Returns false when the cell cannot be read.
    fn readable(&mut self, at: &At<'_>, value: &Stored) -> bool {
        match value {
            Stored::Error(e) => {
                self.error(
                    at,
                    Some(e.clone()),
                    Code::CellError,
                    format!("holds the error value {e}: correct the formula or type the value"),
                );
                false
            }
            Stored::Formula(_) => {
                self.error(at,
                    Some(display(value)),
                    Code::FormulaWithoutValue,
                    "is a formula with no saved value: open the file in Excel or LibreOffice, let it calculate, and save it".to_string(),
                );
                false
            }
            Stored::Text(t) if t.len() > 32_767 && t.chars().count() > 32_767 => {
                self.error(
                    at,
                    None,
                    Code::TextTooLong,
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

    /// Reads one cell by its kind; problems become findings. Blank gives `Value::Empty`.
    fn read(
        &mut self,
        at: &At<'_>,
        kind: Kind,
        list: Option<&str>,
        value: Option<&Stored>,
    ) -> (Value, bool) {
        let Some(v) = value.filter(|v| !is_blank(Some(v))) else {
            return (Value::Empty, true);
        };
        if !self.readable(at, v) {
            return (Value::Text(display(v)), false);
        }
        let raw = || Value::Text(values::read_text(v));
        let result: Result<(Value, Option<Problem>), Problem> = match kind {
            Kind::Text => Ok((raw(), None)),
            Kind::Date => values::read_date(v, self.date1904).map(|(d, w)| (Value::Date(d), w)),
            Kind::List => {
                let list = self.def.list(list.expect("checked")).expect("checked");
                values::read_list(v, list).map(|(s, w)| (Value::Text(s), w))
            }
            Kind::Postcode => values::read_postcode(v).map(|s| (Value::Text(s), None)),
            Kind::Email => values::read_email(v).map(|s| (Value::Text(s), None)),
            Kind::Count => values::read_count(v).map(|n| (Value::Number(n as f64), None)),
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
        let mut norm = Value::Empty;
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
                Code::Required,
                format!("'{}' is required: fill in {}", field.label, a1(row, col)),
            );
        }
        if field.key == "quarter" {
            if let Value::Text(t) = &norm {
                content.quarter = Quarter::parse(t);
            }
        }
        content.fields.push(norm);
    }
    for field in &def.fields {
        let Some(limit_key) = &field.at_most else {
            continue;
        };
        let (Value::Number(n), Value::Number(limit)) = (
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
                Some(crate::base::text::number_text(*n)),
                Code::CountExceeds,
                format!(
                    "{} is more than the {} given for '{limit_label}': it cannot exceed it",
                    crate::base::text::number_text(*n),
                    crate::base::text::number_text(*limit)
                ),
            );
        }
    }
}

fn read_force(
    ctx: &mut Ctx<'_>,
    sheet: &Sheet,
    field: &crate::definition::Field,
    v: &Stored,
    content: &mut Content,
) -> Value {
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
        return Value::Text(display(v));
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
                    Code::ForceAlias,
                    format!(
                        "'{text}' was read as '{}': choose the force's name from the drop-down",
                        force.name
                    ),
                );
            }
            content.force = Some(force.clone());
            Value::Text(force.name.clone())
        }
        None => {
            let list = def
                .list(field.list.as_deref().expect("checked"))
                .expect("checked");
            let p = values::read_list(v, list).err().unwrap_or(Problem {
                code: Code::NotInList,
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
            Value::Text(text)
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
    let mut row_values: Vec<Option<&Stored>> = vec![None; width];
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
    values: &[Value],
    raw: &[Option<&Stored>],
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
                    Code::Required,
                    format!("'{}' is required{why}: {how}", column.header),
                );
            }
            continue;
        }
        check_dates(ctx, name, table, column, row, col, values, quarter);
        if let (Some(bad), Value::Text(t)) = (&column.warn_if, value) {
            if t == bad {
                let code = column.warn_code.expect("checked");
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
                    Code::DuplicateReference,
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
    values: &[Value],
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
                Code::DateOutsideQuarter,
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
                Code::DateAfterQuarter,
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
                    Code::OffenceAfterReported,
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
                    Code::DobImplausible,
                    format!("gives an age of {age} on the date reported; a suspect's age must be between {lo} and {hi}: check the date of birth"),
                );
            }
        }
    }
}

/// SPEC.md's cross-field rules on the suspect columns and the FTAC referral.
fn check_suspect(ctx: &mut Ctx<'_>, name: &str, table: &Table, row: u32, values: &[Value]) {
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
                    Code::SuspectDetailsWithoutSuspect,
                    format!("is '{no}' but {} filled: set it to '{yes}', or clear the suspect's details", filled.join(", ") + if filled.len() == 1 { " is" } else { " are" }),
                );
            }
        }
        Some(v) if v == yes && enough.iter().all(|k| get(k).is_empty()) => {
            let names: Vec<String> = enough.iter().map(|k| format!("'{}'", header(k))).collect();
            ctx.error(&At { sheet: name, row, col: identified_col, header: &identified_header },
                Some(yes.clone()),
                Code::SuspectDetailsMissing,
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
            Code::FtacWithoutConcerns,
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
            Code::NilReturnWithIncidents,
            format!("is '{}' but the {incidents_sheet} sheet has {incidents} rows: set it to '{}', or remove the rows", ctx.yes, ctx.no),
        ),
        Some(v) if v == ctx.no && incidents == 0 => ctx.error(&At { sheet: &sheet, row: nil.row - 1, col: 1, header: &nil.label },
            Some(v.to_string()),
            Code::NoIncidents,
            format!("is '{}' but the {incidents_sheet} sheet has no rows: add them, or set it to '{}' for a nil return", ctx.no, ctx.yes),
        ),
        _ => {}
    }
    if let Value::Number(mps) = content.field(def, "mps_in_area") {
        let rows = content.engagement.len();
        if rows > 0 && rows as f64 != *mps {
            let f = def.field("mps_in_area").expect("checked");
            ctx.warn(&At { sheet: &sheet, row: f.row - 1, col: 1, header: &f.label },
                Some(crate::base::text::number_text(*mps)),
                Code::EngagementCount,
                format!(
                    "says {} MPs but the {} sheet has {rows} rows: one row per MP in the force area",
                    crate::base::text::number_text(*mps),
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
                Code::SubmittedBeforeQuarterEnd,
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
                Code::MergedCells,
                format!("cells {range} are merged over input cells; only {} keeps a value: unmerge them and fill each cell", a1(first_row, first_col)),
            )
            .at(&sheet.name, CellPos::new(first_row, first_col));
            f.value = None;
            ctx.findings.push(f);
        }
    }
}
