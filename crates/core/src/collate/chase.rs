//! The chase list: every expected force without a valid return for a quarter, with whom
//! to ask (the submitter and contact email of the force's most recent return of any
//! quarter) and how many days overdue the quarter's return is.
//!
//! The contacts are read while the returns' cells are still held (before the national
//! workbook frees them); the list itself is only a view of the collation, by force and
//! quarter ([`Collation::chase`]) or one line per force with the quarters it owes
//! ([`Collation::chase_by_force`], what people read).

use std::collections::BTreeMap;

use crate::base::calendar::{Date, Quarter};
use crate::definition::{Definition, FieldIndex};

use super::{Collation, Entry, ForceRow, Standing};

/// Who last sent a return for a force.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    /// "Submitted by (name and rank)" as typed.
    pub submitted_by: String,
    /// "Contact email" as typed.
    pub email: String,
    /// The quarter of the return it was read from.
    pub quarter: Option<String>,
    /// That return's Date submitted.
    pub date_submitted: Option<Date>,
    /// Whether it came from `--contacts` (the force sent no readable return).
    pub from_file: bool,
}

impl Contact {
    /// Where the contact came from, as the chase list says it: the quarter of the return
    /// it was read from, or the contacts file.
    pub fn source(&self) -> String {
        match (&self.quarter, self.from_file) {
            (Some(q), _) => q.clone(),
            (None, true) => "contacts file".to_string(),
            (None, false) => String::new(),
        }
    }
}

/// One force and quarter to chase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChaseLine {
    /// The force's code (`avon-and-somerset`).
    pub force_code: String,
    /// The force's name.
    pub force: String,
    /// The quarter owed.
    pub quarter: Quarter,
    /// Where the force stands for it (invalid, modified, unreadable, missing…).
    pub standing: Standing,
    /// Why the return was not accepted, or that none came.
    pub reason: String,
    /// Whom to ask: from the force's most recent return of any quarter (`None` when the
    /// force never sent a readable one).
    pub contact: Option<Contact>,
    /// The quarter's due date.
    pub deadline: Date,
    /// Days from the due date to `today` (0 when not yet due).
    pub days_overdue: i64,
}

/// One force to chase, with every quarter it owes (earliest first): one line of the chase
/// list and of the Chase sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForceToChase {
    /// The quarters owed, each with why and its due date.
    pub owed: Vec<ChaseLine>,
}

impl ForceToChase {
    fn first(&self) -> &ChaseLine {
        &self.owed[0]
    }

    /// The force's code.
    pub fn force_code(&self) -> &str {
        &self.first().force_code
    }

    /// The force's name.
    pub fn force(&self) -> &str {
        &self.first().force
    }

    /// Whom to ask.
    pub fn contact(&self) -> Option<&Contact> {
        self.first().contact.as_ref()
    }

    /// The quarters owed, named: "2016-17 Q3 and Q4".
    pub fn quarters(&self) -> String {
        let qs: Vec<Quarter> = self.owed.iter().map(|l| l.quarter).collect();
        super::quarters_named(&qs)
    }

    /// `what` of each quarter owed, said once when all agree, else each with its quarters:
    /// "modified (2016-17 Q1); missing (2016-17 Q2, Q3 and Q4)".
    fn by_quarter(&self, what: impl Fn(&ChaseLine) -> String, quarters_first: bool) -> String {
        let mut groups: Vec<(String, Vec<Quarter>)> = Vec::new();
        for l in &self.owed {
            let w = what(l);
            match groups.iter_mut().find(|(x, _)| *x == w) {
                Some((_, qs)) => qs.push(l.quarter),
                None => groups.push((w, vec![l.quarter])),
            }
        }
        if groups.len() == 1 {
            return groups.remove(0).0;
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(w, qs)| {
                let qs = super::quarters_named(qs);
                if quarters_first {
                    format!("{qs}: {w}")
                } else {
                    format!("{w} ({qs})")
                }
            })
            .collect();
        parts.join("; ")
    }

    /// Where the force stands for the quarters owed: "missing", or "modified (2016-17 Q1);
    /// missing (2016-17 Q2, Q3 and Q4)".
    pub fn status(&self) -> String {
        self.by_quarter(|l| l.standing.label().to_string(), false)
    }

    /// Why, in full: the reason, or each quarter's ("2016-17 Q1: the header …; 2016-17 Q2
    /// and Q3: no return received").
    pub fn reason(&self) -> String {
        self.by_quarter(|l| l.reason.clone(), true)
    }

    /// The due date of the earliest quarter owed.
    pub fn deadline(&self) -> Date {
        self.first().deadline
    }

    /// Days overdue of the earliest quarter owed: the longest.
    pub fn days_overdue(&self) -> i64 {
        self.owed.iter().map(|l| l.days_overdue).max().unwrap_or(0)
    }
}

/// The text of a Return field, trimmed; empty when blank.
fn field_text(e: &Entry, field: FieldIndex) -> String {
    let Some(content) = &e.outcome.content else {
        return String::new();
    };
    content
        .field(field)
        .text()
        .map_or_else(String::new, |t| t.trim().to_string())
}

/// Each force's contact, by force code, from its most recent readable return of any
/// quarter that names a submitter or an email (latest Date submitted, then latest quarter).
pub(super) fn contacts(entries: &[Entry], def: &Definition) -> BTreeMap<String, Contact> {
    let mut best: BTreeMap<String, (Option<Date>, Option<Quarter>, Contact)> = BTreeMap::new();
    for e in entries {
        let Some(force) = &e.force else { continue };
        let contact = Contact {
            submitted_by: field_text(e, def.keys.fields.submitted_by),
            email: field_text(e, def.keys.fields.contact_email),
            quarter: e.quarter.map(|q| q.to_string()),
            date_submitted: e.outcome.date_submitted,
            from_file: false,
        };
        if contact.submitted_by.is_empty() && contact.email.is_empty() {
            continue;
        }
        let key = (e.outcome.date_submitted, e.quarter);
        match best.get(&force.code) {
            Some((d, q, _)) if (*d, *q) >= key => {}
            _ => {
                best.insert(force.code.clone(), (key.0, key.1, contact));
            }
        }
    }
    best.into_iter().map(|(k, (_, _, c))| (k, c)).collect()
}

impl Collation {
    /// Every expected force-quarter without a valid return, quarter by quarter in table
    /// order, with the contact and the days overdue as of `self.today`.
    pub fn chase(&self) -> Vec<ChaseLine> {
        self.forces
            .iter()
            .filter(|r| r.expected && r.standing().to_chase())
            .map(|r| ChaseLine {
                force_code: r.force.code.clone(),
                force: r.force.name.clone(),
                quarter: r.quarter,
                standing: r.standing(),
                reason: self.reason(r),
                contact: self.contacts.get(&r.force.code).cloned(),
                deadline: r.deadline,
                days_overdue: (self.today.days() - r.deadline.days()).max(0),
            })
            .collect()
    }

    /// Every expected force without a valid return for some quarter, one each with the
    /// quarters it owes, the force owing the earliest first (then in table order).
    pub fn chase_by_force(&self) -> Vec<ForceToChase> {
        let mut out: Vec<ForceToChase> = Vec::new();
        for l in self.chase() {
            match out.iter_mut().find(|f| f.force_code() == l.force_code) {
                Some(f) => f.owed.push(l),
                None => out.push(ForceToChase { owed: vec![l] }),
            }
        }
        out
    }

    /// Why a force's return for a quarter was not accepted: the first finding that
    /// rejected it, or what is wrong when there is none to quote.
    pub(crate) fn reason(&self, r: &ForceRow) -> String {
        let first = r
            .entry
            .and_then(|i| self.entries[i].outcome.first_reason().map(|f| f.reason()));
        match (r.standing(), first) {
            (Standing::Missing, _) => "no return received".to_string(),
            (_, Some(reason)) => reason,
            (s, None) => s.meaning().to_string(),
        }
    }
}
