//! The reconciliation: every row of every accepted return read is written exactly once,
//! and the writer's own count must agree before the national workbook is renamed into
//! place. A disagreement is a bug, never bad input: it must never be let through.

use anyhow::{bail, Result};
use serde::Serialize;

/// Rows read and written, to prove nothing was lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    /// Incident rows in the collated returns, all to be written to the national workbook.
    pub incident_rows_read: usize,
    /// Incident rows recorded as written by `check_written` (0 until then).
    pub incident_rows_written: usize,
    /// Engagement rows in the collated returns, all to be written to the national workbook.
    pub engagement_rows_read: usize,
    /// Engagement rows recorded as written by `check_written` (0 until then).
    pub engagement_rows_written: usize,
    /// Rows in readable returns that were left out (rejected, superseded, duplicate,
    /// another quarter).
    pub incident_rows_left_out: usize,
    /// Engagement rows in readable returns that were left out (as for incidents).
    pub engagement_rows_left_out: usize,
}

impl Reconciliation {
    /// Records the rows about to be written (counted from the accepted returns before the
    /// writer starts, so the Summary can show them) and refuses (a bug, never bad input)
    /// when they are not exactly the rows read. The national writer then holds its own
    /// count of what it wrote to these.
    pub(crate) fn check_written(&mut self, incidents: usize, engagement: usize) -> Result<()> {
        self.incident_rows_written = incidents;
        self.engagement_rows_written = engagement;
        if incidents != self.incident_rows_read || engagement != self.engagement_rows_read {
            bail!(
                "{} incident rows read but {incidents} written, {} engagement rows read but {engagement} written (a bug: please report it)",
                self.incident_rows_read,
                self.engagement_rows_read,
            );
        }
        Ok(())
    }
}
