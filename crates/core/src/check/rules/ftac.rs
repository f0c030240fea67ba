//! A referral to FTAC (the Fixated Threat Assessment Centre) is expected only for a
//! suspect with mental health concerns (item 9 of the letter): a referral without them is
//! worth a look.
//!
//! Code `ftac-without-concerns`, a warning on the FTAC cell. The columns are the
//! definition's, resolved when it loads.

use crate::check::finding::Code;
use crate::definition::{ColumnIndex, Definition, Table};

use super::formula::{first_cell, fixed_column, is_value};
use super::{Ctx, Live, Prompt, Rule, TableRow};

/// The rule; it holds on the Incidents table, whose columns it names.
pub(super) struct Ftac;

impl Rule for Ftac {
    fn check_row(&self, ctx: &mut Ctx<'_>, r: &TableRow<'_>) {
        if !ctx.def.is_incidents(r.table) {
            return;
        }
        let (k, yes) = (&ctx.def.keys.incidents, ctx.yes);
        if r.get(k.ftac_referred).text().as_deref() == Some(yes)
            && r.get(k.mental_health).text().as_deref() != Some(yes)
        {
            let at = r.at(k.ftac_referred);
            let message = format!(
                "{} is '{yes}' but '{}' is not '{yes}': check both (item 9 of the letter)",
                at.subject(),
                r.column(k.mental_health).header
            );
            ctx.warn(
                &at,
                Some(yes.to_string()),
                Code::FtacWithoutConcerns,
                message,
            );
        }
    }

    fn prompt_column(&self, def: &Definition, table: &Table, col: ColumnIndex, p: &mut Prompt) {
        if def.is_incidents(table) && col == def.keys.incidents.ftac_referred {
            let (yes, _) = def.yes_no();
            p.needed.push(format!(
                "{yes} is expected only with mental health concerns: {yes}."
            ));
        }
    }

    fn live_table(&self, def: &Definition, table: &Table) -> Vec<Live> {
        if !def.is_incidents(table) {
            return Vec::new();
        }
        let (k, (yes, _)) = (&def.keys.incidents, def.yes_no());
        let t = first_cell(table, k.ftac_referred);
        let s = fixed_column(table, k.mental_health);
        vec![Live::amber(
            k.ftac_referred,
            Code::FtacWithoutConcerns,
            format!("AND({},NOT({}))", is_value(&t, yes), is_value(&s, yes)),
        )]
    }
}
