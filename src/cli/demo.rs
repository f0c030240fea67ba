//! `bridger demo`: generate realistic returns with invented people. The core makes them
//! as bytes; this file reads the arguments, writes each file into the folder and says
//! what was written.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args as ClapArgs;

use bridger_core::demo;
use bridger_core::Quarter;

use super::stdout::outln;
use crate::files::atomic::write_atomic;

/// Generate Annex C returns filled with invented data: every force's return for each
/// quarter, with a controlled share of repeat suspects across forces (typos, swapped
/// names, nicknames, missing fields) and repeat victims. `truth.csv` beside them says who
/// is who, so linkage can be scored. The same seed always writes the same files.
#[derive(ClapArgs)]
#[command(after_long_help = "Examples:
  bridger demo /tmp/returns --incidents 2000             # 46 returns of 2,000 incidents
  bridger demo /tmp/year --incidents 2000 --quarters 4   # a year: 184 returns
  bridger demo /tmp/year --quarters 4 --late-share 0.1    # a tenth of them late
  bridger demo fixtures/returns --sample                 # the sample quarter with every kind of problem")]
pub struct Args {
    /// The folder to write into (created if need be).
    out: PathBuf,
    /// Incident rows per return.
    #[arg(long, default_value_t = 2000)]
    incidents: usize,
    /// Consecutive quarters to generate.
    #[arg(long, default_value_t = 1)]
    quarters: usize,
    /// The first quarter.
    #[arg(long, default_value = "2016-17 Q1")]
    first_quarter: String,
    /// The seed: the same seed gives the same files.
    #[arg(long, default_value_t = 2016)]
    seed: u64,
    /// How many forces, in forces.csv order.
    #[arg(long, default_value_t = 46)]
    forces: usize,
    /// The share of suspect records that are someone reported before.
    #[arg(long, default_value_t = 0.1)]
    repeat_share: f64,
    /// The sample set for fixtures/returns: one quarter with a nil return, a renamed header,
    /// an inserted column, content errors, a resubmission, a duplicate, an unreadable file
    /// and four forces missing.
    #[arg(long)]
    sample: bool,
    /// The share of returns dated after their quarter's due date (late: 1 to 30 days).
    #[arg(long, default_value_t = 0.0)]
    late_share: f64,
}

pub fn run(args: Args) -> Result<u8> {
    let Some(first_quarter) = Quarter::parse(&args.first_quarter) else {
        bail!(
            "--first-quarter '{}' is not a quarter like 2016-17 Q1",
            args.first_quarter
        );
    };
    if !(0.0..=1.0).contains(&args.repeat_share) {
        bail!("--repeat-share must be between 0 and 1");
    }
    if !(0.0..=1.0).contains(&args.late_share) {
        bail!("--late-share must be between 0 and 1");
    }
    let opts = demo::Options {
        incidents: args.incidents,
        quarters: args.quarters,
        first_quarter,
        seed: args.seed,
        forces: args.forces,
        repeat_share: args.repeat_share,
        sample: args.sample,
        late_share: args.late_share,
    };
    let dir = &args.out;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let summary = demo::generate(&opts, &mut |name: &str, bytes: &[u8]| {
        write_atomic(&dir.join(name), bytes)
    })?;
    outln!(
        "wrote {} returns to {} ({} incident rows, {} engagement rows; {} suspect records of {} people); truth in {}",
        summary.files.len(),
        args.out.display(),
        summary.incidents,
        summary.engagement,
        summary.suspects,
        summary.people,
        args.out.join("truth.csv").display()
    )?;
    Ok(0)
}
