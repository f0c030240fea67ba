//! The chase list: every expected force without a valid return for a quarter, with whom
//! to ask (the submitter and contact email of the force's most recent return of any
//! quarter) and how many days overdue the quarter's return is.
//!
//! The contacts are read while the returns' cells are still held (before the national
//! workbook frees them); the list itself is only a view of the collation.

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
