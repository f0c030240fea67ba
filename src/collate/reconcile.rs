//! The reconciliation: every row of every accepted return read is written exactly once,
//! and the writer's own count must agree before the national workbook is renamed into
//! place. A disagreement is a bug, never bad input: it must never be let through.

use anyhow::{bail, Result};
use serde::Serialize;

/// Rows read and written, to prove nothing was lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    pub incident_rows_read: usize,
    pub incident_rows_written: usize,
    pub engagement_rows_read: usize,
    pub engagement_rows_written: usize,
    /// Rows in readable returns that were left out (rejected, superseded, duplicate,
    /// another quarter).
    pub incident_rows_left_out: usize,
    pub engagement_rows_left_out: usize,
}

impl Reconciliation {
    /// Records what the writer says it wrote, and refuses (a bug, never bad input) when it
    /// is not exactly what was read.
    pub fn check_written(&mut self, incidents: usize, engagement: usize) -> Result<()> {
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
