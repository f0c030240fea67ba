//! The Summary's opening block, **Key figures**: what a briefing to senior officers needs
//! from the latest quarter, each figure against the quarter before (count and change), and
//! each linking to the sheet that lists its rows.
//!
//! The figures from the returns' rows (incidents, threats of sexual violence by force,
//! mental-health concerns referred and not referred to FTAC, recording, forces with no
//! senior-leader engagement) are counted when the Summary is written, while the rows are
//! held; the two from the linkage (repeat suspects first seen in the quarter, and seen in
//! more than one force) are written into the rows kept for them once the links are known
//! ([`Pending::fill`]).
//!
//! It counts what the collation collated; it never decides which return counts, and a
//! quarter that was not collated is a blank, never 0.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, Url, Worksheet};

use crate::base::calendar::Quarter;
use crate::base::value::Value;
use crate::collate::Collation;
use crate::definition::{Definition, FieldIndex};
use crate::link::suspects::Links;
use crate::output::styles::Formats;

use super::counts::CHANGE_FORMAT;
use super::summary::{count_width, LABEL_WIDTH};

/// The sheets the figures' rows are listed on.
const INCIDENTS: &str = "Incidents";
const SEXUAL_VIOLENCE: &str = "Sexual violence review";
const FTAC: &str = "FTAC";
const RECORDING: &str = "Recording";
const ENGAGEMENT: &str = "MP engagement";
const REPEAT_SUSPECTS: &str = "Repeat suspects";

/// One key figure: its label, its count in the latest quarter and the quarter before
/// (`None` when that quarter was not collated), the forces behind it when the briefing
/// names them, and the sheet that lists its rows.
struct Figure {
    label: &'static str,
    counts: [Option<usize>; 2],
    by_force: Option<String>,
    sheet: &'static str,
}

/// The quarters compared: the latest collated and the one collated before it, if any.
fn compared(c: &Collation) -> Option<(Quarter, Option<Quarter>)> {
    let latest = *c.quarters.last()?;
    let before = c.quarters.iter().rev().nth(1).copied();
    Some((latest, before))
}

/// Counts of the returns' rows for one quarter, from its collated returns.
#[derive(Default)]
struct Counts {
    incidents: usize,
    sexual_violence: BTreeMap<String, usize>,
    mh_not_referred: usize,
    mh_referred: usize,
    not_recorded: usize,
    no_marker: usize,
    no_engagement: Vec<String>,
}

/// The counts of quarter `q`, or `None` when no return of it was collated.
fn counts(c: &Collation, def: &Definition, q: Quarter) -> Option<Counts> {
    let k = &def.keys.incidents;
    let (yes, no) = def.yes_no();
    let mut n = Counts::default();
    let mut any = false;
    for (fr, e) in c.collated().filter(|(fr, _)| fr.quarter == q) {
        let Some(content) = &e.outcome.content else {
            continue;
        };
        any = true;
        for r in &content.incidents {
            n.incidents += 1;
            if r.get(k.sexual_violence.index()).is(yes) {
                *n.sexual_violence.entry(fr.force.name.clone()).or_default() += 1;
            }
            if r.get(k.mental_health.index()).is(yes) {
                if r.get(k.ftac_referred.index()).is(yes) {
                    n.mh_referred += 1;
                } else {
                    n.mh_not_referred += 1;
                }
            }
            n.not_recorded += usize::from(r.get(k.recorded_as_crime.index()).is(no));
            n.no_marker += usize::from(r.get(k.bridger_marker.index()).is(no));
        }
        let number = |f: FieldIndex| match content.field(f) {
            Value::Number(x) => Some(*x),
            _ => None,
        };
        if number(def.keys.fields.mps_in_area).is_some_and(|m| m > 0.0)
            && number(def.keys.fields.mps_contacted) == Some(0.0)
        {
            n.no_engagement.push(fr.force.name.clone());
        }
    }
    any.then_some(n)
}

/// "Kent Police 2, Essex Police 1": forces with the most first.
fn by_force(counts: &BTreeMap<String, usize>) -> String {
    let mut list: Vec<(&String, &usize)> = counts.iter().collect();
    list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    list.iter()
        .map(|(f, n)| format!("{f} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The figures counted from the returns' rows, in the order they are shown.
fn row_figures(now: Option<&Counts>, before: Option<&Counts>) -> Vec<Figure> {
    let both = |f: &dyn Fn(&Counts) -> usize| [now.map(f), before.map(f)];
    let named = |list: String| (!list.is_empty()).then_some(list);
    vec![
        Figure {
            label: "Incidents",
            counts: both(&|c| c.incidents),
            by_force: None,
            sheet: INCIDENTS,
        },
        Figure {
            label: "Threats of sexual violence (item 8)",
            counts: both(&|c| c.sexual_violence.values().sum()),
            by_force: now.and_then(|c| named(by_force(&c.sexual_violence))),
            sheet: SEXUAL_VIOLENCE,
        },
        Figure {
            label: "Mental-health concerns, not referred to FTAC (item 9)",
            counts: both(&|c| c.mh_not_referred),
            by_force: None,
            sheet: FTAC,
        },
        Figure {
            label: "Mental-health concerns, referred to FTAC (item 9)",
            counts: both(&|c| c.mh_referred),
            by_force: None,
            sheet: FTAC,
        },
        Figure {
            label: "Not recorded as a crime (item 9)",
            counts: both(&|c| c.not_recorded),
            by_force: None,
            sheet: RECORDING,
        },
        Figure {
            label: "Without the Operation Bridger marker (item 4)",
            counts: both(&|c| c.no_marker),
            by_force: None,
            sheet: RECORDING,
        },
        Figure {
            label: "Forces with no senior-leader engagement recorded (item 1)",
            counts: both(&|c| c.no_engagement.len()),
            by_force: now.and_then(|c| named(c.no_engagement.join(", "))),
            sheet: ENGAGEMENT,
        },
    ]
}

/// The labels of the figures the linkage gives, in the rows kept for them.
const SUSPECT_LABELS: [&str; 2] = [
    "Repeat suspects first seen this quarter",
    "Repeat suspects seen in more than one force",
];

/// The Key figures rows kept for the linkage's figures, filled by [`Pending::fill`].
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    /// The first of the rows kept.
    row: u32,
    /// The quarters compared.
    latest: Quarter,
    before: Option<Quarter>,
}

/// A figure's row: label, counts, change, the sheet as a link; the forces named on the row
/// below when there are any, wrapped across the block's columns (`width` characters in
/// all). Returns the next row.
fn write_figure(
    ws: &mut Worksheet,
    row: u32,
    fig: &Figure,
    width: f64,
    f: &Formats,
) -> Result<u32> {
    ws.write_string(row, 0, fig.label)?;
    write_counts(ws, row, fig.counts, f)?;
    let link = Url::new(format!("internal:'{}'!A1", fig.sheet)).set_text(fig.sheet);
    ws.write_url(row, 4, &link)?;
    let Some(names) = &fig.by_force else {
        return Ok(row + 1);
    };
    let wrapped = f.note.clone().set_text_wrap().set_align(FormatAlign::Top);
    let text = format!("by force: {names}");
    ws.merge_range(row + 1, 0, row + 1, 4, &text, &wrapped)?;
    // Italic text takes about 1.2 characters to a unit of width.
    let lines = super::sheet::lines_in(&text, Some(width * 1.2));
    ws.set_row_height(row + 1, 15.0 * lines as f64)?;
    Ok(row + 2)
}

/// The two counts and the change between them (blank when either is blank).
fn write_counts(
    ws: &mut Worksheet,
    row: u32,
    counts: [Option<usize>; 2],
    f: &Formats,
) -> Result<()> {
    if let Some(n) = counts[0] {
        ws.write_number_with_format(row, 1, n as f64, &f.bold)?;
    }
    if let Some(n) = counts[1] {
        ws.write_number(row, 2, n as f64)?;
    }
    if let [Some(now), Some(before)] = counts {
        let change = Format::new().set_num_format(CHANGE_FORMAT);
        ws.write_number_with_format(row, 3, now as f64 - before as f64, &change)?;
    }
    Ok(())
}

/// Writes the Key figures block from `row`: a heading naming the quarters, a header row,
/// then one row per figure (and a row naming the forces under those that name them); the
/// rows of the linkage's figures are written with their labels and sheets, their counts
/// left for [`Pending::fill`]. Returns the row after the block and what is left to fill.
pub(super) fn write(
    ws: &mut Worksheet,
    row: u32,
    c: &Collation,
    def: &Definition,
    f: &Formats,
) -> Result<(u32, Option<Pending>)> {
    let Some((latest, before)) = compared(c) else {
        return Ok((row, None));
    };
    let heading = match before {
        Some(b) => format!("Key figures: {latest} against {b}"),
        None => format!("Key figures: {latest}"),
    };
    ws.write_string_with_format(row, 0, heading, &f.title)?;
    let header = [
        "Figure".to_string(),
        latest.to_string(),
        before.map_or_else(|| "Quarter before".to_string(), |b| b.to_string()),
        "Change".to_string(),
        "Listed on".to_string(),
    ];
    for (i, h) in header.iter().enumerate() {
        ws.write_string_with_format(row + 1, i as u16, h, &f.label)?;
    }
    let now = counts(c, def, latest);
    let then = before.and_then(|b| counts(c, def, b));
    let mut r = row + 2;
    let width = LABEL_WIDTH + 4.0 * count_width(c);
    for fig in row_figures(now.as_ref(), then.as_ref()) {
        r = write_figure(ws, r, &fig, width, f)?;
    }
    let pending = Pending {
        row: r,
        latest,
        before,
    };
    for (i, label) in SUSPECT_LABELS.iter().enumerate() {
        let sheet = if i == 0 {
            super::whatsnew::NAME
        } else {
            REPEAT_SUSPECTS
        };
        let link = Url::new(format!("internal:'{sheet}'!A1")).set_text(sheet);
        ws.write_string(r, 0, *label)?;
        ws.write_url(r, 4, &link)?;
        r += 1;
    }
    let note = match before {
        Some(_) => "Counts from the collated returns of each quarter; each figure's rows are listed on the sheet named beside it.",
        None => "Only one quarter was collated: collate the quarter before too to see the change.",
    };
    ws.write_string_with_format(r, 0, note, &f.note)?;
    Ok((r + 2, Some(pending)))
}

/// The quarters of a suspect group's incidents, each with the forces seen up to it.
fn suspect_counts(links: &Links, q: &str) -> [usize; 2] {
    let mut first_seen = 0;
    let mut cross_force = 0;
    for g in &links.suspects {
        let quarters: BTreeSet<&str> = g.incidents.iter().map(|i| i.quarter.as_str()).collect();
        if !quarters.contains(q) {
            continue;
        }
        if quarters.first() == Some(&q) {
            first_seen += 1;
        }
        let forces: BTreeSet<&str> = g
            .incidents
            .iter()
            .filter(|i| i.quarter.as_str() <= q)
            .map(|i| i.force.code.as_str())
            .collect();
        cross_force += usize::from(forces.len() > 1);
    }
    [first_seen, cross_force]
}

impl Pending {
    /// Writes the linkage's figures into the rows kept for them: repeat suspects first
    /// seen in the quarter, and those with an incident in it seen in more than one force
    /// up to it.
    pub(crate) fn fill(&self, ws: &mut Worksheet, links: &Links, f: &Formats) -> Result<()> {
        let now = suspect_counts(links, &self.latest.to_string());
        let before = self.before.map(|b| suspect_counts(links, &b.to_string()));
        for i in 0..2 {
            let counts = [Some(now[i]), before.map(|b| b[i])];
            write_counts(ws, self.row + i as u32, counts, f)?;
        }
        Ok(())
    }
}
