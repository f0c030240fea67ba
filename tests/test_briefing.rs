//! The national workbook briefs by itself: the Summary opens with Key figures for the
//! latest quarter against the one before, each linking to its sheet; its charts can be
//! read (every force labelled, sorted, no two series alike, each table once, with totals);
//! every sheet prints with its name and "Page N of M"; and the words are plain.
//!
//! The returns are made here, so that every figure is known: Kent and Essex in 2016-17 Q1
//! and Q2, with threats of sexual violence, mental-health concerns referred and not,
//! an incident not recorded as a crime, a force with no senior leader's contact, and two
//! repeat suspects (one seen in Kent in both quarters, one in Kent and Essex in Q2).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{Data, Reader, Xlsx};
use common::*;

const Q1: &str = "2016-17 Q1";
const Q2: &str = "2016-17 Q2";

type Row = Vec<(String, bridger_core::Value)>;

/// An incident of `quarter` (reported in its second month), with a suspect when named.
fn row(quarter: &str, reference: &str, suspect: Option<(&str, &str, (i32, u32, u32))>) -> Row {
    let mut r = incident(
        reference,
        ("Alex Marlowe", "Northbridge and Vale"),
        match suspect {
            Some((surname, forename, (y, m, day))) => [
                Some(t(surname)),
                Some(t(forename)),
                Some(d(y, m, day)),
                None,
                None,
            ],
            None => [None, None, None, None, None],
        },
    );
    if quarter == Q2 {
        set(&mut r, "date_reported", Some(d(2016, 8, 10)));
    }
    r
}

/// `row` with these values changed.
fn with(mut r: Row, values: &[(&str, &str)]) -> Row {
    for (k, v) in values {
        set(&mut r, k, Some(t(v)));
    }
    r
}

/// A return of `force` for `quarter` in `dir`, with these incidents and this many MPs
/// contacted (of one).
fn write(dir: &Path, force: &str, quarter: &str, incidents: Vec<Row>, contacted: f64) {
    let dir = dir.join(quarter.replace(' ', "-"));
    std::fs::create_dir_all(&dir).unwrap();
    write_return_with(&dir, force, incidents, |filled| {
        for (k, v) in filled.fields.iter_mut() {
            match k.as_str() {
                "quarter" => *v = t(quarter),
                "date_submitted" if quarter == Q2 => *v = d(2016, 10, 8),
                "mps_contacted" => *v = bridger_core::Value::Number(contacted),
                _ => {}
            }
        }
    });
}

/// The returns, collated once for every test: (the folder, the workbook).
fn collated() -> &'static (PathBuf, PathBuf) {
    static RUN: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-briefing");
        let _ = std::fs::remove_dir_all(&dir);
        let returns = dir.join("returns");
        let smith = ("Smith", "John", (1980, 1, 2));
        let jones = ("Jones", "Mary", (1975, 6, 7));
        let sv = [("sexual_violence", "Yes")];
        write(
            &returns,
            "Kent Police",
            Q1,
            vec![
                with(row(Q1, "KNT/1", Some(smith)), &sv),
                row(Q1, "KNT/2", None),
            ],
            1.0,
        );
        write(
            &returns,
            "Essex Police",
            Q1,
            vec![row(Q1, "ESX/1", None)],
            1.0,
        );
        let mh = |referred: &'static str| [("mental_health", "Yes"), ("ftac_referred", referred)];
        write(
            &returns,
            "Kent Police",
            Q2,
            vec![
                with(row(Q2, "KNT/3", Some(smith)), &sv),
                with(row(Q2, "KNT/4", Some(jones)), &sv),
                with(row(Q2, "KNT/5", None), &mh("No")),
                with(row(Q2, "KNT/6", None), &mh("Yes")),
                with(row(Q2, "KNT/7", None), &[("recorded_as_crime", "No")]),
            ],
            0.0,
        );
        write(
            &returns,
            "Essex Police",
            Q2,
            vec![with(row(Q2, "ESX/2", Some(jones)), &sv)],
            1.0,
        );
        // Every force is expected: 44 sent nothing (exit 1).
        let out = dir.join("national.xlsx");
        let o = bridger()
            .arg("collate")
            .arg(&returns)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        (returns, out)
    })
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn cell(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    r.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

/// The row of the first cell in column A that reads `label`.
fn find(s: &calamine::Range<Data>, label: &str) -> usize {
    (0..s.height())
        .find(|&r| cell(s, r, 0) == label)
        .unwrap_or_else(|| panic!("no {label} in column A"))
}

/// The text of one part of an xlsx.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// Every part of an xlsx whose name starts with `prefix`, by name.
fn parts(path: &Path, prefix: &str) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".xml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = part(path, &n);
            (n, text)
        })
        .collect()
}

#[test]
fn the_summary_opens_with_key_figures_against_the_quarter_before_each_linked_to_its_sheet() {
    let (_, out) = collated();
    let s = sheet(out, "Summary");
    assert_eq!(cell(&s, 2, 0), format!("Key figures: {Q2} against {Q1}"));
    assert_eq!(
        (cell(&s, 3, 1), cell(&s, 3, 2), cell(&s, 3, 3)),
        (Q2.to_string(), Q1.to_string(), "Change".to_string())
    );
    // (label, this quarter, the quarter before, change)
    let figures: [(&str, f64, f64, f64); 9] = [
        ("Incidents", 6.0, 3.0, 3.0),
        ("Threats of sexual violence (item 8)", 3.0, 1.0, 2.0),
        (
            "Mental-health concerns, not referred to FTAC (item 9)",
            1.0,
            0.0,
            1.0,
        ),
        (
            "Mental-health concerns, referred to FTAC (item 9)",
            1.0,
            0.0,
            1.0,
        ),
        ("Not recorded as a crime (item 9)", 1.0, 0.0, 1.0),
        (
            "Without the Operation Bridger marker (item 4)",
            0.0,
            0.0,
            0.0,
        ),
        (
            "Forces with no senior-leader engagement recorded (item 1)",
            1.0,
            0.0,
            1.0,
        ),
        ("Repeat suspects first seen this quarter", 1.0, 1.0, 0.0),
        ("Repeat suspects seen in more than one force", 1.0, 0.0, 1.0),
    ];
    let links = part(out, &sheet_part(out, "Summary"));
    for (label, now, before, change) in figures {
        let r = find(&s, label);
        let got: Vec<Data> = (1..=3).map(|c| s.get((r, c)).cloned().unwrap()).collect();
        assert_eq!(
            got,
            [Data::Float(now), Data::Float(before), Data::Float(change)],
            "{label}"
        );
        // Each figure links to the sheet that lists its rows.
        let sheet = cell(&s, r, 4);
        let link = format!(r#"<hyperlink ref="E{}" location="'{sheet}'!A1""#, r + 1);
        assert!(links.contains(&link), "{label}: {link} in {links}");
        assert!(sheet::exists(out, &sheet), "{label}: no sheet {sheet}");
    }
    // Threats of sexual violence are listed by force, most first; so are the forces with
    // no senior leader's contact.
    let sv = find(&s, "Threats of sexual violence (item 8)");
    assert_eq!(
        cell(&s, sv + 1, 0),
        "by force: Kent Police 2, Essex Police 1"
    );
    let none = find(
        &s,
        "Forces with no senior-leader engagement recorded (item 1)",
    );
    assert_eq!(cell(&s, none + 1, 0), "by force: Kent Police");
    // The figures agree with the sheets they link to.
    let review = sheet(out, "Sexual violence review");
    let in_q2 = (2..review.height())
        .filter(|&r| cell(&review, r, 1) == Q2)
        .count();
    assert_eq!(in_q2, 3);
}

mod sheet {
    use super::*;

    pub fn exists(path: &Path, name: &str) -> bool {
        let wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
        wb.sheet_names().iter().any(|n| n == name)
    }
}

#[test]
fn the_charts_label_every_force_sorted_in_colours_no_two_alike_and_each_table_is_written_once() {
    let (_, out) = collated();
    let s = sheet(out, "Summary");
    let titles: Vec<String> = (0..s.height())
        .map(|r| cell(&s, r, 0))
        .filter(|t| t.starts_with("Incidents by"))
        .collect();
    assert_eq!(
        titles,
        [
            format!("Incidents by force (most in {Q2} first)"),
            "Incidents by offence or incident category (most first)".to_string(),
            "Incidents by channel (most first)".to_string(),
        ],
        "each table once"
    );
    // Incidents by force: every force, sorted, most in the latest quarter first (those
    // with no return last, in table order), a total and the change on the quarter
    // before, then a Total row.
    let t = find(&s, &titles[0]);
    assert_eq!(cell(&s, t, 3), "Total");
    assert_eq!(cell(&s, t, 4), format!("Change on {Q1}"));
    let line = |r: usize| -> Vec<String> { (0..5).map(|c| cell(&s, r, c)).collect() };
    assert_eq!(line(t + 1), ["Kent Police", "2", "5", "7", "3"]);
    assert_eq!(line(t + 2), ["Essex Police", "1", "1", "2", "0"]);
    assert_eq!(
        line(t + 3),
        ["Avon and Somerset Constabulary", "", "", "", ""]
    );
    assert_eq!(line(t + 47), ["Total", "3", "6", "9", "3"]);
    // A change is shown with its sign, so that a rise reads as one.
    let styles = part(out, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="+0;-0;0""#), "{styles}");
    let charts = parts(out, "xl/charts/chart");
    assert_eq!(charts.len(), 3, "a chart per table");
    for (name, xml) in &charts {
        // Horizontal bars, every category labelled (no label skipped), in full, top row
        // first.
        assert!(xml.contains(r#"<c:barDir val="bar"/>"#), "{name}");
        assert!(!xml.contains("tickLblSkip"), "{name}: {xml}");
        assert!(xml.contains(r#"<c:orientation val="maxMin"/>"#), "{name}");
        // No two series share a colour.
        let colours: Vec<&str> = xml
            .split("<c:ser>")
            .skip(1)
            .map(|ser| {
                ser.split(r#"<a:srgbClr val=""#)
                    .nth(1)
                    .and_then(|c| c.split('"').next())
                    .unwrap_or_else(|| panic!("{name}: a series with no colour"))
            })
            .collect();
        let distinct: BTreeSet<&&str> = colours.iter().collect();
        assert!(
            colours.len() == 2 && distinct.len() == 2,
            "{name}: {colours:?}"
        );
    }
    // The force chart's categories are the 46 force rows, and nothing else; it is tall
    // enough for every force's label (18 pixels each, rows 20 pixels high).
    let forces = &charts[0].1;
    let range = format!("<c:f>Summary!$A${}:$A${}</c:f>", t + 2, t + 47);
    assert!(forces.contains(&range), "{range} in {forces}");
    let drawing = part(out, "xl/drawings/drawing1.xml");
    let at = |anchor: &str, tag: &str| -> u32 {
        let inside = anchor.split(&format!("<xdr:{tag}>")).nth(1).unwrap();
        let row = inside.split("<xdr:row>").nth(1).unwrap();
        row.split('<').next().unwrap().parse().unwrap()
    };
    let anchors: Vec<&str> = drawing.split("<xdr:twoCellAnchor>").skip(1).collect();
    assert_eq!(anchors.len(), 3);
    let rows = at(anchors[0], "to") - at(anchors[0], "from");
    assert!(rows * 20 >= 46 * 18, "{rows} rows high");
    // Each chart is set a little below the top of its page, so that no frame line is
    // printed on the page before.
    for a in &anchors {
        let from = a.split("<xdr:to>").next().unwrap();
        assert!(!from.contains("<xdr:rowOff>0</xdr:rowOff>"), "{from}");
    }
}

#[test]
fn every_sheet_prints_its_name_and_page_n_of_m_and_no_header_is_cut() {
    let (_, out) = collated();
    let sheets = parts(out, "xl/worksheets/sheet");
    assert!(sheets.len() >= 12, "{}", sheets.len());
    for (name, xml) in &sheets {
        assert!(
            xml.contains("<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>"),
            "{name}: no footer"
        );
    }
    // "Forces in group" wraps to three lines in its column: its header row is that tall.
    let suspects = part(out, &sheet_part(out, "Repeat suspects"));
    let header = suspects.split(r#"<row r="2""#).nth(1).unwrap();
    let height: f64 = header
        .split(r#"ht=""#)
        .nth(1)
        .and_then(|h| h.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(height >= 45.0, "header row {height} points high");
    // Repeat victims prints at a size that can be read: its columns about a landscape
    // page wide, so that fitting them to the page hardly shrinks them, the lists wrapped.
    let victims = part(out, &sheet_part(out, "Repeat victims"));
    let widths: f64 = victims
        .split(r#" width=""#)
        .skip(1)
        .map(|w| w.split('"').next().unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((100.0..150.0).contains(&widths), "{widths} characters wide");
    let v = sheet(out, "Repeat victims");
    assert_eq!(cell(&v, 1, 4), "Incidents by force");
}

#[test]
fn a_date_of_birth_prints_on_its_own_records_line_at_the_top_of_a_tall_row() {
    let (_, out) = collated();
    let s = sheet(out, "Repeat suspects");
    let dob = (0..s.width())
        .find(|&c| cell(&s, 1, c) == "Suspect date of birth")
        .unwrap();
    let col = bridger_core::cells::column_name(dob as u32);
    let xml = part(out, &sheet_part(out, "Repeat suspects"));
    let styles = part(out, "xl/styles.xml");
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect();
    let mut checked = 0;
    for r in 3..3 + (s.height() - 2) {
        let Some(c) = xml.split(&format!(r#"<c r="{col}{r}" s=""#)).nth(1) else {
            continue;
        };
        let style: usize = c.split('"').next().unwrap().parse().unwrap();
        assert!(
            xfs[style].contains(r#"vertical="top""#),
            "{col}{r}: {}",
            xfs[style]
        );
        checked += 1;
    }
    assert!(checked >= 4, "{checked} dates of birth");
}

#[test]
fn the_responses_sheet_says_valid_and_counts_warnings_and_the_words_are_plain() {
    let (_, out) = collated();
    let s = sheet(out, "Responses");
    let reason = (0..s.width())
        .find(|&c| cell(&s, 1, c) == "First reason")
        .unwrap();
    let mut reasons: Vec<String> = (2..s.height()).map(|r| cell(&s, r, reason)).collect();
    reasons.sort();
    // Kent's Q2 return has one warning (an incident not recorded as a crime).
    assert_eq!(
        reasons,
        [
            "valid, 1 warning",
            "valid, no warnings",
            "valid, no warnings",
            "valid, no warnings"
        ]
    );
    // What is new names the quarters it compares: the latest against those before it.
    let news = sheet(out, "What is new this quarter");
    assert!(
        cell(&news, 0, 0).starts_with(&format!("What is new in {Q2} against {Q1}:")),
        "{}",
        cell(&news, 0, 0)
    );
}
