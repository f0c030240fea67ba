//! What a person sees in a terminal: repeated findings grouped into one line with the
//! cells as ranges (every cell with `--all`, and always in the JSON), tables fitted to the
//! width (`COLUMNS`; not fitted at all when piped without it) with the message given the
//! room and no name, file, reference, date or quarter split across lines, the
//! problems first in collate's table, plurals that agree with their count, and the shell
//! completions and man page made by clap's generators.
//!
//! Every test runs the real binary on committed fixtures; `openpyxl-repeated-mistake.xlsx`
//! (made by fixtures/make_repeated_mistake.py) has 'Assult' as the category in
//! Incidents!G7 and G20:G68.

mod common;

use assert_cmd::Command;
use common::bridger;

const REPEATED: &str = "real-client/openpyxl-repeated-mistake.xlsx";
const MESSAGE: &str =
    "'Assult' is not in the Category list: did you mean 'Assault'? Choose a value from the drop-down";

/// Runs bridger with `COLUMNS` set to `columns` (or removed), returning stdout.
fn run(columns: Option<&str>, args: &[&str]) -> String {
    let mut cmd: Command = bridger();
    match columns {
        Some(c) => cmd.env("COLUMNS", c),
        None => cmd.env_remove("COLUMNS"),
    };
    let out = cmd.args(args).output().expect("bridger runs");
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

fn repeated() -> String {
    format!("fixtures/{REPEATED}")
}

/// The lines of `text` that are part of a table.
fn table_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        .collect()
}

#[test]
fn the_same_mistake_in_fifty_cells_is_one_line_naming_the_ranges() {
    let out = run(Some("200"), &["validate", &repeated()]);
    assert_eq!(
        out.matches("is not in the Category list").count(),
        1,
        "{out}"
    );
    assert!(out.contains("50 cells: Incidents!G7, G20:G68"), "{out}");
    assert!(out.contains(MESSAGE), "{out}");
    assert!(!out.contains("Incidents!G21"), "{out}");
    assert!(!out.contains("more finding"), "{out}");
}

#[test]
fn all_lists_every_cell_and_the_json_keeps_every_cell() {
    let out = run(Some("200"), &["validate", &repeated(), "--all"]);
    assert_eq!(
        out.matches("is not in the Category list").count(),
        50,
        "{out}"
    );
    for row in [7, 20, 44, 68] {
        assert!(out.contains(&format!("Incidents!G{row} ")), "G{row}: {out}");
    }
    assert!(!out.contains("cells:"), "{out}");

    let json = run(None, &["validate", &repeated(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("one JSON line");
    let findings = v["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 50);
    assert_eq!(findings[1]["cell"], "G20");
}

#[test]
fn tables_fit_80_and_200_columns_and_the_message_keeps_its_room() {
    let out_dir = tempfile::tempdir().unwrap();
    let national = out_dir.path().join("national.xlsx");
    let national = national.to_str().unwrap();
    for width in [80usize, 200] {
        let w = width.to_string();
        let runs = [
            run(Some(&w), &["validate", "fixtures/returns", &repeated()]),
            run(Some(&w), &["validate", "fixtures/real-client"]),
            run(
                Some(&w),
                &["collate", "fixtures/returns", "--out", national],
            ),
            run(Some(&w), &["links", "fixtures/returns"]),
        ];
        for out in &runs {
            assert!(!table_lines(out).is_empty());
            for line in out.lines() {
                assert!(line.chars().count() <= width, "{width}: {line}");
            }
        }
        // The message column of the grouped finding: at 80 columns it has at least 30
        // characters (not a dozen), at 200 the whole message is on one line.
        let out = run(Some(&w), &["validate", &repeated()]);
        let header = table_lines(&out)[1];
        let message_column = header.rsplit('┆').next().unwrap().chars().count();
        assert!(message_column >= 30, "{width}: {header}");
        assert_eq!(out.contains(MESSAGE), width == 200, "{width}: {out}");
    }
}

#[test]
fn columns_empty_in_every_row_are_left_out() {
    // Essex's one finding (a changed header) has no column name.
    let out = run(
        Some("200"),
        &["validate", "fixtures/returns/essex-2016-17-Q1.xlsx"],
    );
    let header = table_lines(&out)[1];
    assert!(
        header.contains("code") && header.contains("value"),
        "{header}"
    );
    assert!(!header.contains("column"), "{header}");
}

#[test]
fn without_columns_a_pipe_is_not_squeezed_and_a_narrow_screen_puts_the_code_after_the_message() {
    let out = run(None, &["validate", "fixtures/returns"]);
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest > 150, "{widest}");
    assert!(out.contains("┆ header-changed ┆"), "{out}");
    let narrow = run(
        Some("80"),
        &["validate", "fixtures/returns/essex-2016-17-Q1.xlsx"],
    );
    assert!(narrow.contains("[header-changed]"), "{narrow}");
    let wide = run(
        Some("200"),
        &["validate", "fixtures/returns/essex-2016-17-Q1.xlsx"],
    );
    assert!(wide.contains("┆ header-changed ┆"), "{wide}");
}

#[test]
fn collate_lists_the_problems_before_the_clean_rows() {
    let dir = tempfile::tempdir().unwrap();
    let national = dir.path().join("national.xlsx");
    let out = run(
        Some("250"),
        &[
            "collate",
            "fixtures/returns",
            "--out",
            national.to_str().unwrap(),
        ],
    );
    let statuses: Vec<&str> = table_lines(&out)
        .iter()
        .filter(|l| l.starts_with('│'))
        .skip(1)
        .take_while(|l| !l.contains("other file"))
        .map(|l| l.split('┆').nth(1).unwrap().trim())
        .collect();
    let rank = |s: &str| match s {
        "valid" => 2,
        "missing" => 1,
        _ => 0,
    };
    assert!(statuses.len() > 40, "{out}");
    assert!(
        statuses.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{statuses:?}"
    );
    assert_eq!(statuses[0], "modified-template", "{statuses:?}");
    assert!(statuses.contains(&"unreadable") && statuses.contains(&"invalid"));
}

#[test]
fn one_warning_and_one_change_are_singular() {
    let out = run(
        Some("200"),
        &["validate", "fixtures/returns/derbyshire-2016-17-Q1.xlsx"],
    );
    assert!(out.contains("0 errors, 1 warning\n"), "{out}");
    let out = run(
        Some("200"),
        &["validate", "fixtures/returns/essex-2016-17-Q1.xlsx"],
    );
    assert!(out.contains("(1 change)"), "{out}");
    let out = run(Some("200"), &["validate", "fixtures/returns"]);
    assert!(
        !out.contains("1 warnings") && !out.contains(" 1 errors"),
        "{out}"
    );
    assert!(out.contains("0 errors, 2 warnings"), "{out}");
}

#[test]
fn completions_for_each_shell_name_the_subcommands_but_not_the_worker() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(None, &["completions", shell]);
        assert!(out.len() > 1000, "{shell}: {out}");
        for sub in ["validate", "collate", "links", "template", "manpage"] {
            assert!(out.contains(sub), "{shell} lacks {sub}");
        }
        assert!(!out.contains("read-worker"), "{shell}");
    }
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(script.path(), run(None, &["completions", "bash"])).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(script.path())
        .status()
        .expect("bash runs");
    assert!(status.success());
    bridger().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_is_roff_listing_the_subcommands_but_not_the_worker() {
    let out = run(None, &["manpage"]);
    let first_macro = out
        .lines()
        .find(|l| l.starts_with(".TH") || l.starts_with(".SH"))
        .unwrap();
    assert!(first_macro.starts_with(".TH bridger 1"), "{first_macro}");
    let subcommands = out
        .split(".SH SUBCOMMANDS")
        .nth(1)
        .expect("a SUBCOMMANDS section");
    for sub in [
        "validate",
        "collate",
        "links",
        "template",
        "demo",
        "completions",
    ] {
        assert!(
            subcommands.contains(&format!("bridger\\-{sub}")),
            "{sub}: {out}"
        );
    }
    assert!(!out.contains("worker"), "{out}");
}

/// Every force name and alias of forces.csv that has a space in it.
fn force_names() -> Vec<String> {
    bridger_core::annex_c()
        .forces
        .iter()
        .flat_map(|f| std::iter::once(f.name.clone()).chain(f.aliases.clone()))
        .collect()
}

/// The references (`CAM/16/100001`), dates (`2016-07-22`) and quarters (`2016-17 Q1`) in
/// `text`.
fn values_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "│┆,;:()'".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let shape = |w: &str, pattern: &str| {
        w.len() == pattern.len()
            && w.chars().zip(pattern.chars()).all(|(c, p)| match p {
                '9' => c.is_ascii_digit(),
                'A' => c.is_ascii_uppercase(),
                _ => c == p,
            })
    };
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_end_matches('.');
        let parts: Vec<&str> = w.split('/').collect();
        let reference = parts.len() == 3
            && parts[0].chars().all(|c| c.is_ascii_uppercase())
            && !parts[0].is_empty()
            && parts[1..]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        if reference || shape(w, "9999-99-99") {
            out.push(w.to_string());
        }
        if shape(w, "9999-99") && words.get(i + 1).is_some_and(|q| shape(q, "Q9")) {
            out.push(format!("{w} {}", words[i + 1]));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A year of returns made by `bridger demo`, with two forces' quarters missing and three
/// problem returns of the sample quarter put in: (the folder, the expected forces' file).
fn year(dir: &std::path::Path) -> (String, String) {
    let returns = dir.join("returns");
    bridger()
        .args(["demo", "--quarters", "4", "--incidents", "6", "--seed", "1"])
        .args(["--forces", "8", "--late-share", "0.3"])
        .arg(&returns)
        .assert()
        .success();
    for gone in ["cheshire-2016-17-Q2", "cleveland-2016-17-Q3"] {
        std::fs::remove_file(returns.join(format!("{gone}.xlsx"))).unwrap();
    }
    for code in ["essex", "norfolk", "wiltshire"] {
        let name = format!("{code}-2016-17-Q1.xlsx");
        std::fs::copy(common::fixture("returns").join(&name), returns.join(&name)).unwrap();
    }
    // A file name with spaces, as forces send them.
    std::fs::rename(
        returns.join("cumbria-2016-17-Q2.xlsx"),
        returns.join("Annex C return Cumbria Constabulary 2016-17 Q2 final.xlsx"),
    )
    .unwrap();
    let expected = dir.join("expected.csv");
    let codes = "avon-and-somerset\nbedfordshire\ncambridgeshire\ncheshire\ncity-of-london\ncleveland\ncumbria\nderbyshire\nessex\nnorfolk\nwiltshire\n";
    std::fs::write(&expected, codes).unwrap();
    let s = |p: std::path::PathBuf| p.to_str().unwrap().to_string();
    (s(returns), s(expected))
}

/// The `values` that `text` breaks across lines somewhere: the pieces of each table column
/// (and of the lines outside tables), read down the column, joined with a space and with
/// nothing, hold more of the value than the pieces each do on their own.
fn split_values(text: &str, values: &[String]) -> Vec<String> {
    let mut streams: Vec<Vec<String>> = vec![Vec::new()];
    let mut columns: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        if let Some(row) = line.strip_prefix('│') {
            let cells: Vec<&str> = row.trim_end_matches('│').split('┆').collect();
            columns.resize(columns.len().max(cells.len()), Vec::new());
            for (k, cell) in cells.iter().enumerate() {
                columns[k].push(cell.trim().to_string());
            }
        } else if line.starts_with('└') {
            streams.append(&mut columns);
        } else if !line.starts_with(['┌', '╞', '├']) {
            streams[0].push(line.trim().to_string());
        }
    }
    let count = |hay: &str, v: &str| hay.matches(v).count();
    let mut split = Vec::new();
    for v in values {
        for pieces in &streams {
            let whole: usize = pieces.iter().map(|p| count(p, v)).sum();
            let joined = count(&pieces.join(" "), v).max(count(&pieces.concat(), v));
            if joined > whole {
                split.push(v.clone());
            }
        }
    }
    split
}

#[test]
fn no_name_file_reference_date_or_quarter_is_split_at_any_width_and_a_pipe_has_a_line_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let (returns, expected) = year(dir.path());
    // A path with spaces, longer than 80 characters, for validate's verdict line.
    let long = dir
        .path()
        .join("returns from the forces for the first quarter of 2016-17");
    std::fs::create_dir(&long).unwrap();
    let long_file = long.join("Annex C Kent Police 2016-17 Q1.xlsx");
    std::fs::copy(
        common::fixture("returns/norfolk-2016-17-Q1.xlsx"),
        &long_file,
    )
    .unwrap();
    let long_file = long_file.to_str().unwrap().to_string();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (national, chase) = (out("national.xlsx"), out("chase.csv"));
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "validate",
            "fixtures/returns/norfolk-2016-17-Q1.xlsx",
            "fixtures/returns/essex-2016-17-Q1.xlsx",
            "fixtures/returns/psni-2016-17-Q1.xlsx",
            "fixtures/returns/avon-and-somerset-2016-17-Q1.xlsx",
            "fixtures/real-client/libreoffice-force-alias.xlsx",
            &long_file,
        ],
        vec!["collate", "fixtures/returns", "--out", &national],
        vec![
            "collate",
            &returns,
            "--out",
            &national,
            "--expected",
            &expected,
            "--today",
            "2017-06-30",
            "--chase",
            &chase,
        ],
        vec!["links", "fixtures/returns"],
    ];
    let mut files: Vec<String> = std::fs::read_dir(&returns)
        .unwrap()
        .chain(std::fs::read_dir(common::fixture("returns")).unwrap())
        .chain(std::fs::read_dir(common::fixture("real-client")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.push(long_file.clone());
    for args in &commands {
        let piped = run(None, args);
        // Piped: one line per table row (a row that went on would have an empty first cell).
        for line in table_lines(&piped) {
            if let Some(first) = line.strip_prefix('│') {
                let first = first.split('┆').next().unwrap();
                assert!(
                    !first.trim().is_empty() || line.contains("┆ code"),
                    "{args:?}: {line}"
                );
            }
        }
        let mut whole: Vec<String> = values_in(&piped);
        whole.extend(
            force_names()
                .into_iter()
                .filter(|n| piped.contains(n.as_str())),
        );
        whole.extend(files.iter().filter(|f| piped.contains(f.as_str())).cloned());
        assert!(whole.len() > 5, "{args:?}: {whole:?}");
        for width in ["80", "100", "120", "200"] {
            let fitted = run(Some(width), args);
            for value in &whole {
                assert!(
                    fitted.lines().any(|l| l.contains(value.as_str())),
                    "{args:?} at {width}: '{value}' is never whole:\n{fitted}"
                );
            }
            let split = split_values(&fitted, &whole);
            assert!(
                split.is_empty(),
                "{args:?} at {width}: {split:?} split:\n{fitted}"
            );
        }
    }
    // The chase table: one line per force-quarter to chase when piped, the forces in it
    // those of the chase list's lines (one per force), header for header.
    let piped = run(None, &commands[2]);
    let chase_forces: std::collections::BTreeSet<&str> = piped
        .lines()
        .skip_while(|l| !l.contains("to chase"))
        .filter_map(|l| l.strip_prefix('│'))
        .map(|l| l.split('┆').next().unwrap().trim())
        .collect();
    let listed = std::fs::read_to_string(&chase).unwrap().lines().count();
    assert_eq!(chase_forces.len(), listed, "{piped}");
}

/// The long options `bridger ARGS --help` lists.
fn long_options(args: &[&str]) -> Vec<String> {
    let mut all = args.to_vec();
    all.push("--help");
    run(None, &all)
        .split_whitespace()
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| {
            w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
        })
        .collect()
}

#[test]
fn manpage_dir_writes_a_page_per_subcommand_each_with_every_option() {
    let dir = tempfile::tempdir().unwrap();
    bridger()
        .args(["manpage", "--dir"])
        .arg(dir.path())
        .assert()
        .code(0);
    let subcommands: [&[&str]; 10] = [
        &["validate"],
        &["collate"],
        &["links"],
        &["template"],
        &["template", "build"],
        &["template", "fingerprint"],
        &["template", "verify"],
        &["demo"],
        &["completions"],
        &["manpage"],
    ];
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = subcommands
        .iter()
        .map(|s| format!("bridger-{}.1", s.join("-")))
        .chain(["bridger.1".to_string()])
        .collect();
    want.sort();
    assert_eq!(names, want);
    for sub in subcommands {
        let page = std::fs::read_to_string(dir.path().join(format!("bridger-{}.1", sub.join("-"))))
            .unwrap();
        assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
        for option in long_options(sub) {
            assert!(
                page.contains(&option.replace('-', "\\-")),
                "bridger {} lacks {option}:\n{page}",
                sub.join(" ")
            );
        }
    }
    // --report's help names the sheet as the annotated copy names it.
    let help = run(None, &["validate", "--help"]);
    assert!(
        help.contains("a sheet named \"Bridger findings\""),
        "{help}"
    );
}
