//! `bridger collate`: the national workbook, and the table of which forces have responded.
//! Reads the arguments, validates the files (in worker processes), hands the outcomes to
//! the core to collate, links the collated returns while the core writes their rows, and
//! puts the workbook in place; which return wins, and what is written, is decided in the
//! core, never here.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;

use bridger_core::national;
use bridger_core::suspects::Prepared;
use bridger_core::Mask;
use bridger_core::Outcome;
use bridger_core::Settings;
use bridger_core::{annex_c, Definition};
use bridger_core::{collate, file_name, Collation, Options};
use bridger_core::{suspects, Links};

use crate::clock::uk_today;
use crate::contain::validate_all;
use crate::files::atomic::{self as output, Batch, Format, Output};
use crate::files::discover;
use crate::files::operator::{read_contacts, read_expected};

use super::progress::Progress;
use bridger_core::{parse_text_date, Date, TextDate};

use super::render::{escape, json, path, text};
use super::stdout::{out, outln};
use super::{check_quarter_held, parse_quarter, OutputFormat};

/// Merge every valid return into one national workbook, and show which forces have
/// responded, which were rejected and why, and which are missing.
///
/// Every input is validated exactly as `bridger validate` does; modified, invalid and
/// unreadable returns are left out. Identical files count once; of several files for one
/// force and quarter the later Date submitted wins (then the later modification time).
/// Exit 0 when every expected force has a valid return; 1 otherwise; 2 when nothing could
/// be written.
#[derive(ClapArgs)]
#[command(after_long_help = "Examples:
  bridger collate returns/ --out national.xlsx
  bridger collate returns/ --out national.xlsx --quarter \"2016-17 Q1\"
  bridger collate returns/ --out national.xlsx --chase chase.csv --deadline 2016-07-29
  bridger collate returns/ --out national.xlsx --chase chase.csv --contacts contacts.csv
  bridger collate returns/ --out national.xlsx --expected english-forces.csv --format json")]
pub struct Args {
    /// Files and folders of returns (folders are searched for .xlsx, .xlsm, .xls, .ods).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The national workbook to write (its name ends .xlsx). It is written whole or not at
    /// all, and never over an input.
    #[arg(long)]
    pub out: PathBuf,
    /// Only this quarter ("2016-17 Q1"); returns for other quarters are listed and left
    /// out, those of earlier quarters only compared for what is new. Without it every
    /// quarter found is collated.
    #[arg(long)]
    pub quarter: Option<String>,
    /// The forces expected to respond: a CSV like forces.csv, or one force name or code per
    /// line. Default: all 46 forces of forces.csv.
    #[arg(long, value_name = "FORCES.csv")]
    pub expected: Option<PathBuf>,
    /// Put invalid (but unmodified) returns in too, their rows marked with their error count.
    /// They are counted as "invalid but collated", never as rejected.
    #[arg(long)]
    pub include_invalid: bool,
    /// The due date (YYYY-MM-DD) of the latest quarter collated, instead of 22 days after
    /// the quarter's end (an extended date); earlier quarters keep their own. A return dated
    /// after its quarter's due date is late: still collated, and shown as late.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub deadline: Option<String>,
    /// Also write the forces to chase to this CSV, one line per force: every expected force
    /// without a valid return for some quarter, the quarters it owes, why, whom to ask
    /// (from the force's latest return, or --contacts) and days overdue.
    /// Written whole or not at all, together with the workbook, readable by you only,
    /// never over an input or the --expected file.
    #[arg(long, value_name = "FILE.csv")]
    pub chase: Option<PathBuf>,
    /// Whom to ask at forces that never sent a return: a CSV with a line per force
    /// (force name or code, contact name, email; a first line force,name,email is a
    /// header). A contact from the force's own latest return always comes first.
    #[arg(long, value_name = "FILE.csv")]
    pub contacts: Option<PathBuf>,
    /// Count days overdue to this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(args: Args) -> Result<u8> {
    let def = annex_c();
    let quarter = parse_quarter(args.quarter.as_deref())?;
    let deadline = parse_date("--deadline", args.deadline.as_deref())?;
    let today = parse_date("--today", args.today.as_deref())?;
    let outputs = outputs(&args);
    output::check_outputs(&outputs, &args.paths, args.expected.as_deref())?;
    check_contacts_kept(&outputs, args.contacts.as_deref())?;
    let contacts = match &args.contacts {
        Some(path) => Some(read_contacts(path, def)?),
        None => None,
    };
    let expected = match &args.expected {
        Some(path) => read_expected(path, def)?,
        None => def.forces.clone(),
    };
    let found = discover::find(&args.paths)?;
    for o in &outputs {
        output::check_output(o.path, &args.paths, &found.files)?;
    }
    let files = &found.files;
    let opts = Options {
        quarter,
        expected,
        include_invalid: args.include_invalid,
        deadline,
        today: today.unwrap_or_else(uk_today),
    };
    let bar = Progress::new(files.len(), "validating");
    let outcomes = validate_all(files, def, opts.keep(), &|o: &Outcome| {
        bar.step_with(|| escape(&file_name(&o.file)));
    });
    bar.finish();
    let collation: Collation = collate(outcomes, def, &opts);
    check_quarter_held(&collation, quarter)?;
    check_deadline(&collation, deadline)?;
    let (mut collation, prepared) = with_earlier(collation, def, &opts);
    if let Some(contacts) = contacts {
        collation.add_contacts(contacts);
    }
    // Every output is written before any is put in place: all of them, or none.
    let mut batch = Batch::new();
    let links = write_national(
        &mut collation,
        prepared,
        def,
        &args.out,
        args.include_invalid,
        &mut batch,
    )?;
    if let Some(chase) = &args.chase {
        batch
            .add(chase, national::chase_csv(&collation).as_bytes())
            .with_context(|| format!("writing the chase list {}", chase.display()))?;
    }
    batch.commit()?;
    match args.format {
        OutputFormat::Text => {
            out!("{}", text::skipped(&found.skipped))?;
            out!("{}", text::collation(&collation, &args.out, &links))?;
            if let Some(chase) = &args.chase {
                let forces = collation.chase_by_force();
                outln!(
                    "wrote the chase list ({} without a valid return, {} owed) to {}",
                    bridger_core::plural(forces.len(), "force"),
                    bridger_core::plural(collation.chase().len(), "quarter"),
                    path(chase)
                )?;
            }
        }
        OutputFormat::Json => {
            let report = json::CollateReport::new(
                &collation,
                &args.out,
                &links,
                json::skipped_paths(&found.skipped),
            );
            outln!("{}", json::pretty(&report)?)?;
        }
    }
    Ok(if collation.complete() { 0 } else { 1 })
}

/// The collation, and the suspect records to link when they are not the collation's own
/// (`None`: they are taken out of the collation while its rows are written): with
/// `--quarter Q`, those of Q and of the earlier quarters the inputs hold too, so that what
/// is new in Q is measured against them. The earlier returns are decided as a collation of
/// every quarter would decide them (duplicates counted once, the latest submission
/// standing), and only compared: never collated, counted or chased.
fn with_earlier(
    collation: Collation,
    def: &Definition,
    opts: &Options,
) -> (Collation, Option<Prepared>) {
    let earlier = |c: &Collation, q| c.other_quarters().iter().any(|(first, _, _)| *first < q);
    let Some(q) = opts.quarter.filter(|&q| earlier(&collation, q)) else {
        return (collation, None);
    };
    let every = Options {
        quarter: None,
        ..opts.clone()
    };
    let up_to = collate(collation.into_outcomes(), def, &every).up_to(q);
    // Compared only when Q has a return to compare: else nothing is new, as before.
    let compared = up_to
        .forces
        .iter()
        .any(|r| r.collated && r.quarter == q)
        .then(|| suspects::prepare(&up_to, def));
    let collation = collate(up_to.into_outcomes(), def, opts);
    (collation, compared)
}

/// Writes the national workbook of a collation into `batch`, to be put in place at `out`
/// when the batch is committed, and returns the repeat suspects and victims it lists.
/// Linking (of `prepared`, or of the collation's own suspects, taken out there) runs on
/// one core while the core writes the rows on the other; the rows are freed and the links
/// handed to the writer when both are done.
fn write_national(
    collation: &mut Collation,
    prepared: Option<Prepared>,
    def: &Definition,
    out: &Path,
    include_invalid: bool,
    batch: &mut Batch,
) -> Result<Links> {
    let plan = national::plan(collation, def, out)?;
    let (book, sheets) = national::begin().with_context(|| format!("writing {}", out.display()))?;
    let (draft, found) = std::thread::scope(|scope| {
        let collation: &Collation = collation;
        let linking = scope.spawn(move || {
            let prepared = prepared.unwrap_or_else(|| suspects::prepare(collation, def));
            let mut links = suspects::link(prepared, &Settings::default(), &Mask::Clear);
            let filled = sheets.fill(&mut links, &Mask::Clear);
            (links, filled)
        });
        let draft = national::start(book, collation, plan, def, include_invalid, out);
        (
            draft,
            linking
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    });
    collation.free_rows();
    let draft = draft?;
    let (found, filled) = found;
    let filled = filled.with_context(|| format!("writing {}", out.display()))?;
    let mut kept = None;
    batch
        .add_with(out, |file| {
            kept = Some(national::write(
                draft,
                found,
                filled,
                std::io::BufWriter::new(file),
            )?);
            Ok(())
        })
        .with_context(|| format!("writing {}", out.display()))?;
    kept.with_context(|| {
        format!(
            "writing {}: nothing was written (a bug: please report it)",
            out.display()
        )
    })
}

/// Refuses an output onto the `--contacts` file: it is read, never overwritten.
fn check_contacts_kept(outputs: &[Output<'_>], contacts: Option<&Path>) -> Result<()> {
    let Some(contacts) = contacts else {
        return Ok(());
    };
    match outputs.iter().find(|o| output::same_file(o.path, contacts)) {
        Some(o) => bail!(
            "{} {} is the --contacts file: choose another name for the output, an input is never overwritten",
            o.option,
            o.path.display()
        ),
        None => Ok(()),
    }
}

/// The files this run writes: the workbook, and the chase list when asked for.
fn outputs(args: &Args) -> Vec<Output<'_>> {
    let workbook = Output {
        option: "--out",
        path: &args.out,
        format: Format::Workbook,
    };
    let chase = args.chase.as_deref().map(|path| Output {
        option: "--chase",
        path,
        format: Format::Csv,
    });
    std::iter::once(workbook).chain(chase).collect()
}

/// A date given as YYYY-MM-DD to `option`.
fn parse_date(option: &str, text: Option<&str>) -> Result<Option<Date>> {
    let Some(text) = text else { return Ok(None) };
    match parse_text_date(text) {
        TextDate::Date(d) if text.trim().len() == 10 && text.trim().as_bytes()[4] == b'-' => {
            Ok(Some(d))
        }
        _ => bail!("{option} '{text}' is not a date like 2016-07-22 (year-month-day)"),
    }
}

/// Refuses a `--deadline` before the end of the quarter it is for.
fn check_deadline(c: &Collation, deadline: Option<Date>) -> Result<()> {
    if let (Some(d), Some(q)) = (deadline, c.quarters.last()) {
        if d < q.end() {
            bail!(
                "--deadline {} is before {q} ends ({}): give a due date after the quarter's last day",
                d.iso(),
                q.end().iso()
            );
        }
    }
    Ok(())
}
