//! The shape of the code, held by tests: the core's folders (`crates/core/src`) are the
//! stages of the pipeline and imports only point down it; no file or function of either
//! crate grows past what a reader can hold; every module says why it exists.
//!
//! These read the source as text. They are coarse on purpose: a `crate::stage` path is an
//! import of that stage, whatever the syntax around it. What the core may not use at all
//! (files, processes, the clock) is held by the compiler: the core has no such dependency,
//! and builds for `wasm32-unknown-unknown`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, in pipeline order. The command-line crate (`src/`) comes after them all.
const STAGES: [&str; 8] = [
    "base",
    "definition",
    "read",
    "check",
    "collate",
    "link",
    "output",
    "demo",
];

/// The core crate's source: the stages.
fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/core/src")
}

/// Every Rust file of the three crates: the core's, the command line's (`src/`) and the
/// browser page's (`crates/web/src`).
fn all_rust_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = rust_files(&src());
    files.extend(rust_files(&root.join("src")));
    files.extend(rust_files(&root.join("crates/web/src")));
    files
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The source without comments, so that a doc comment naming a later stage is no import.
fn code_of(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::NAME` in the text.
fn crate_paths(text: &str) -> BTreeSet<(String, Option<String>)> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let first: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let tail = &after[first.len()..];
        let second = tail.strip_prefix("::").map(|t| {
            t.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        });
        out.insert((first, second));
        rest = after;
    }
    out
}

fn stage_of(path: &Path) -> Option<(usize, String)> {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    STAGES.iter().position(|s| *s == first).map(|i| (i, first))
}

#[test]
fn imports_only_point_down_the_pipeline() {
    let mut wrong = Vec::new();
    for path in rust_files(&src()) {
        let Some((me, _)) = stage_of(&path) else {
            continue;
        };
        for (target, _) in crate_paths(&code_of(&path)) {
            if let Some(t) = STAGES.iter().position(|s| *s == target) {
                if t > me {
                    wrong.push(format!(
                        "{} imports {} (a later stage)",
                        path.strip_prefix(src()).unwrap().display(),
                        target
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn base_imports_nothing_of_ours() {
    for path in rust_files(&src().join("base")) {
        for (target, _) in crate_paths(&code_of(&path)) {
            assert_eq!(target, "base", "{} imports crate::{target}", path.display());
        }
    }
}

/// Within a stage, the files (other than the stage's `mod.rs`, its public face) form no
/// import cycle.
#[test]
fn no_import_cycle_between_the_files_of_a_stage() {
    for stage in STAGES {
        let dir = src().join(stage);
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let files = rust_files(&dir);
        let module_of = |p: &Path| -> String {
            let rel = p.strip_prefix(&dir).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|l| l == "mod") {
                parts.pop();
            }
            parts.first().cloned().unwrap_or_default()
        };
        for path in &files {
            let me = module_of(path);
            if me.is_empty() {
                continue;
            }
            for (first, second) in crate_paths(&code_of(path)) {
                if first == stage {
                    if let Some(s) = second.filter(|s| *s != me) {
                        if files.iter().any(|f| module_of(f) == s) {
                            edges.entry(me.clone()).or_default().insert(s);
                        }
                    }
                }
            }
        }
        // Depth-first search for a back edge.
        fn visit(
            n: &str,
            edges: &BTreeMap<String, BTreeSet<String>>,
            state: &mut BTreeMap<String, u8>,
            path: &mut Vec<String>,
        ) -> Option<Vec<String>> {
            match state.get(n) {
                Some(1) => {
                    let start = path.iter().position(|p| p == n).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(n.to_string());
                    return Some(cycle);
                }
                Some(2) => return None,
                _ => {}
            }
            state.insert(n.to_string(), 1);
            path.push(n.to_string());
            for m in edges.get(n).into_iter().flatten() {
                if let Some(c) = visit(m, edges, state, path) {
                    return Some(c);
                }
            }
            path.pop();
            state.insert(n.to_string(), 2);
            None
        }
        let mut state = BTreeMap::new();
        for n in edges.keys() {
            if let Some(cycle) = visit(n, &edges, &mut state, &mut Vec::new()) {
                panic!("import cycle in {stage}: {}", cycle.join(" → "));
            }
        }
    }
}

/// "Today" is the UK's calendar day (`src/clock.rs`, `uk_today`): no other file reads the
/// clock for a date, so none can fall back to UTC's day in the hour after midnight in
/// summer. (The core cannot: it has no date library and is given `today`.)
#[test]
fn the_clock_is_read_for_a_date_in_one_place() {
    for path in all_rust_files() {
        let code = code_of(&path);
        let reads = [
            "SystemTime::now",
            "Timestamp::now",
            "Zoned::now",
            "Date::today",
        ];
        let owner = path.ends_with("src/clock.rs");
        for read in reads {
            assert!(
                owner || !code.contains(read),
                "{} reads the clock ({read}): use clock::uk_today()",
                path.display()
            );
        }
    }
}

#[test]
fn every_module_says_why_it_exists() {
    for path in all_rust_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.trim_start().starts_with("//!"),
            "{} has no //! header",
            path.display()
        );
    }
}

/// No source file over 700 lines, no function over 100: each fits in a reader's head.
#[test]
fn files_and_functions_stay_readable() {
    let mut long = Vec::new();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for path in all_rust_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        if lines.len() > 700 {
            long.push(format!("{name}: {} lines", lines.len()));
        }
        // rustfmt puts a function's closing brace at its own indentation.
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
                .iter()
                .any(|p| trimmed.starts_with(p));
            // A declaration without a body, or a whole function on one line (`fn f() {}`).
            if !is_fn || trimmed.ends_with(';') || trimmed.ends_with('}') {
                continue;
            }
            let close = format!("{indent}}}");
            if let Some(len) = lines[i..].iter().position(|l| *l == close) {
                if len + 1 > 100 {
                    let f: String = trimmed.chars().take(60).collect();
                    long.push(format!("{name}:{}: {f}… is {} lines", i + 1, len + 1));
                }
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// The tests of the command-line crate (`tests/`, `src/`) are named for what they hold,
/// not for the defect that brought them (its number goes in the comment), and every test
/// they ignore is either in the slow group (`ignore = "slow: ..."`, which `.ci/run` runs
/// with `-- --ignored`) or needs the `test-hooks` feature, so that `-- --ignored` with the
/// feature runs the slow group and nothing else.
#[test]
fn tests_are_named_for_what_they_hold_and_only_slow_ones_are_ignored() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = rust_files(&root.join("tests"));
    files.extend(all_rust_files());
    let mut wrong = Vec::new();
    for path in files {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        for line in code_of(&path).lines().map(str::trim) {
            if line.starts_with("fn defect_") {
                wrong.push(format!("{name}: {line} is named for a defect"));
            }
            let slow = line.starts_with("#[ignore = \"slow: ");
            let hooks = line.starts_with("ignore = \"needs cargo test --features test-hooks\"");
            if line.starts_with("#[ignore") && !slow || line.starts_with("ignore =") && !hooks {
                wrong.push(format!(
                    "{name}: {line} is neither slow nor needs test-hooks"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// README's "How the code is laid out", up to the next `## ` heading.
fn layout_section() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("\n## How the code is laid out\n")
        .expect("README has a section 'How the code is laid out'");
    let section = &readme[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    section[..end].to_string()
}

/// The layout table is a reader's map: every Rust file of the three crates, and every
/// script under `scripts/`, is named there (as `` `name.rs` `` or `` `folder/name.rs` ``; a
/// `mod.rs` by its folder), so that a file added or renamed without a line in the table
/// fails here.
#[test]
fn the_readme_layout_names_every_file() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let section = layout_section();
    let mut files = all_rust_files();
    for entry in std::fs::read_dir(root.join("scripts")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            let named = |n: &str| {
                section.contains(&format!("`{n}`")) || section.contains(&format!("/{n}`"))
            };
            if name == "mod.rs" {
                // Every folder has one: the folder itself must be named.
                let dir = p.parent().unwrap().file_name().unwrap().to_str().unwrap();
                !(named(dir) || named(&format!("{dir}/")) || named(&format!("{dir}/mod.rs")))
            } else {
                !named(name)
            }
        })
        .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "README's 'How the code is laid out' does not name {missing:?}"
    );
}
