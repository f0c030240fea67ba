//! The repeat suspects `bridger links` prints, one block per group, so that a person can
//! read a group on one screen at 80 columns: its id, forces and how sure; its names and
//! dates of birth; one line per incident with its quarter, force and reference, the
//! incidents of the latest quarter marked `new`; what is new this quarter; and why the
//! records were linked, one link a line.
//!
//! A wide table put every group on one line of hundreds of characters, or squeezed its
//! columns to a few characters each at 80. It only lays out what linkage found; it never
//! compares two records, and it keeps every name, quarter, reference and date whole on one
//! line ([`fit::wrap`] breaks only between words, and these are one word each).

use std::fmt::Write as _;

use bridger_core::SuspectGroup;

use super::{escape, fit, plural};

/// How a group is marked in the latest quarter of the inputs, when there are several.
const NEW: &str = "new";

/// The block of one group. `latest` is the latest quarter of the inputs (`None` when they
/// hold one quarter: nothing is new).
pub fn block(g: &SuspectGroup, latest: Option<&str>) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}: {}, {}; {}",
        escape(&g.label()),
        plural(g.incidents.len(), "incident"),
        plural(g.forces.len(), "force"),
        bridger_core::likelihood(g.score)
    );
    let names: Vec<String> = g.name.iter().map(|n| fit::whole(&escape(n))).collect();
    if !names.is_empty() {
        let _ = writeln!(text, "  names: {}", names.join("; "));
    }
    if !g.dob.is_empty() {
        let _ = writeln!(text, "  dates of birth: {}", g.dob.join("; "));
    }
    let width = g
        .incidents
        .iter()
        .map(|i| i.force.name.chars().count())
        .max()
        .unwrap_or(0);
    for i in &g.incidents {
        let mark = if latest == Some(i.quarter.as_str()) {
            format!("  {NEW}")
        } else {
            String::new()
        };
        // The force padded with kept spaces, so that the references line up and a line
        // never breaks inside the padding.
        let pad = "\u{a0}".repeat(width - i.force.name.chars().count());
        let _ = writeln!(
            text,
            "  {}  {}{pad}  {}{mark}",
            fit::whole(&i.quarter),
            fit::whole(&escape(&i.force.name)),
            fit::whole(&escape(&i.reference)),
        );
    }
    for news in &g.series.new_this_quarter {
        let _ = writeln!(text, "  new this quarter: {}", escape(news));
    }
    let _ = writeln!(text, "  why:");
    for s in g.sentences() {
        let _ = writeln!(text, "    {}", escape(&s));
    }
    text
}
