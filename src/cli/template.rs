//! `bridger template build | fingerprint | verify`: the canonical template, built and
//! fingerprinted by the library; this file only chooses what to print and the exit code.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args as ClapArgs, Subcommand};

use bridger_core::annex_c;
use bridger_core::fingerprint;
use bridger_core::template;

use crate::files::atomic::{self as output, Format, Output};
use crate::files::load::read_workbook;

use super::render::json;
use super::stdout::outln;
use super::OutputFormat;

/// Build, fingerprint or verify the Annex C template.
#[derive(ClapArgs)]
#[command(after_long_help = "Examples:
  bridger template build                       # writes annex-c.xlsx here (template/annex-c.xlsx in the source tree)
  bridger template build --out blank.xlsx      # or where you say
  bridger template fingerprint our-return.xlsx # prints its structural fingerprint
  bridger template verify                      # the CI check: exit 1 if the committed template drifted")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Subcommand)]
enum Action {
    /// Write the canonical template from the definition (byte-identical every run).
    Build {
        /// Where to write it. Default: annex-c.xlsx in the current folder, or
        /// template/annex-c.xlsx when run in bridger's source tree (where
        /// template/annex-c.toml is).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the structural fingerprint of a workbook.
    Fingerprint {
        /// The workbook (.xlsx, .xls, .ods).
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Check that the committed template is exactly what `build` writes and has the
    /// pinned fingerprint. Exit 1 when it does not.
    Verify {
        /// The committed template.
        #[arg(long, default_value = "template/annex-c.xlsx")]
        template: PathBuf,
        /// The file that pins the fingerprint.
        #[arg(long, default_value = "template/annex-c.fingerprint")]
        pin: PathBuf,
    },
}

pub fn run(args: Args) -> Result<u8> {
    match args.action {
        Action::Build { out } => {
            let out = out.unwrap_or_else(default_out);
            let planned = Output {
                option: "--out",
                path: &out,
                format: Format::Workbook,
            };
            output::check_outputs(&[planned], &[], None)?;
            let bytes = template::build(annex_c())?;
            output::write_atomic(&out, &bytes)?;
            let fp = fingerprint::of_definition(annex_c());
            outln!(
                "wrote {} ({} bytes); fingerprint {}",
                super::render::path(&out),
                bytes.len(),
                fp.sha256
            )?;
            Ok(0)
        }
        Action::Fingerprint { file, format } => {
            let fp = fingerprint_file(&file)?;
            match format {
                OutputFormat::Text => outln!("{}", fp.sha256)?,
                OutputFormat::Json => {
                    outln!("{}", json::line(&json::FingerprintReport::new(&file, &fp))?)?
                }
            }
            Ok(0)
        }
        Action::Verify { template, pin } => verify(&template, &pin),
    }
}

/// Where `build` writes without `--out`: over the committed template in the source tree
/// (the folder holding `template/annex-c.toml`), else `annex-c.xlsx` in the current folder.
fn default_out() -> PathBuf {
    if Path::new(SOURCE_DEFINITION).is_file() {
        PathBuf::from(COMMITTED)
    } else {
        PathBuf::from("annex-c.xlsx")
    }
}

/// The definition and the committed template and pin, in bridger's source tree.
const SOURCE_DEFINITION: &str = "template/annex-c.toml";
const COMMITTED: &str = "template/annex-c.xlsx";

/// What `verify` needs, said when a file it checks is not there.
fn verify_needs(missing: &Path) -> String {
    format!(
        "{} is not there: `template verify` checks the template committed in bridger's source tree, so run it from the repository's top folder (the one holding {COMMITTED} and template/annex-c.fingerprint), or name both files with --template FILE --pin FILE",
        missing.display()
    )
}

fn fingerprint_file(file: &Path) -> Result<fingerprint::Fingerprint> {
    let meta = std::fs::metadata(file)
        .with_context(|| format!("{} cannot be opened: check the path", file.display()))?;
    if !meta.is_file() {
        anyhow::bail!(
            "{} is not a regular file (a folder, FIFO, socket or device): name a workbook",
            file.display()
        );
    }
    let book = read_workbook(file)
        .with_context(|| format!("reading {}", file.display()))?
        .with_context(|| format!("{} cannot be read", file.display()))?;
    Ok(fingerprint::of_book(&book, annex_c()))
}

fn verify(template_path: &Path, pin_path: &Path) -> Result<u8> {
    let def = annex_c();
    for needed in [template_path, pin_path] {
        if !needed.exists() {
            anyhow::bail!(verify_needs(needed));
        }
    }
    let committed = std::fs::read(template_path)
        .with_context(|| format!("reading {}", template_path.display()))?;
    let pinned = std::fs::read_to_string(pin_path)
        .with_context(|| format!("reading {}", pin_path.display()))?;
    let pinned = pinned.trim();
    let mut built = template::build(def)?;
    // As `template build` writes it on this system (on Windows, the zip's system bytes).
    crate::files::made_by::unix_made_by(&mut std::io::Cursor::new(&mut built[..]))?;
    let from_definition = fingerprint::of_definition(def).sha256;
    let from_file = fingerprint_file(template_path)?.sha256;
    let mut problems = Vec::new();
    if committed != built {
        problems.push(format!(
            "{} is not byte-identical to what `bridger template build` writes from template/annex-c.toml: run `bridger template build` and commit the result",
            template_path.display()
        ));
    }
    if from_definition != pinned {
        problems.push(format!(
            "the definition's fingerprint is {from_definition} but {} pins {pinned}: a change to the template's structure needs a new template version and a new pin",
            pin_path.display()
        ));
    }
    if from_file != pinned {
        problems.push(format!(
            "{} has fingerprint {from_file}, not the pinned {pinned}",
            template_path.display()
        ));
    }
    if problems.is_empty() {
        outln!(
            "template verified: {} matches the definition; fingerprint {pinned}",
            template_path.display()
        )?;
        Ok(0)
    } else {
        for p in &problems {
            outln!("template verify: {p}")?;
        }
        Ok(1)
    }
}
