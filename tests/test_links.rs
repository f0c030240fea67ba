//! `bridger links`: repeat suspects and victims, on planted and generated returns, and the
//! accuracy floor on Splink's labelled fake_1000 set.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;

const MP: (&str, &str) = ("Alex Marlowe", "Northbridge and Vale");
const OTHER_MP: (&str, &str) = ("Priya Okonjo-Hale", "Eastwell Downs");

/// Three forces each report the same planted suspect, written differently; two rows have
/// a suspect with nothing to compare against the same MP.
fn planted(dir: &Path) {
    write_return(
        dir,
        "Kent Police",
        vec![
            incident(
                "KNT/1",
                MP,
                [
                    Some(t("Smith")),
                    Some(t("Robert")),
                    Some(d(1975, 3, 2)),
                    Some(t("SW1A 1AA")),
                    Some(t("bob.smith+mp@mail.example")),
                ],
            ),
            incident(
                "KNT/2",
                OTHER_MP,
                [None, None, None, Some(t("CT1 1AA")), None],
            ),
        ],
    );
    write_return(
        dir,
        "Surrey Police",
        vec![
            incident(
                "SUR/1",
                OTHER_MP,
                [
                    Some(t("Robert")),
                    Some(t("SMITH")),
                    Some(d(1975, 3, 2)),
                    None,
                    None,
                ],
            ),
            incident(
                "SUR/2",
                OTHER_MP,
                [None, None, None, Some(t("CT1 1AA")), None],
            ),
            incident(
                "SUR/3",
                MP,
                [
                    Some(t("Jones")),
                    Some(t("Sarah")),
                    Some(d(1990, 1, 1)),
                    None,
                    None,
                ],
            ),
        ],
    );
    write_return(
        dir,
        "Essex Police",
        vec![
            incident(
                "ESX/1",
                MP,
                [
                    Some(t("Smyth")),
                    Some(t("Bob")),
                    None,
                    Some(t("SW1A 2BB")),
                    Some(t("Bob.Smith@mail.example")),
                ],
            ),
            incident(
                "ESX/2",
                MP,
                [
                    Some(t("Jones")),
                    Some(t("Sara")),
                    Some(d(1985, 6, 6)),
                    None,
                    None,
                ],
            ),
        ],
    );
}

fn links_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let o = bridger()
        .arg("links")
        .arg(dir)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn one_suspect_in_three_returns_is_one_group_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    let v = links_json(dir.path(), &[]);
    let groups = v["suspects"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{v:#}");
    let g = &groups[0];
    // One way to name a force everywhere: code and name.
    assert_eq!(
        g["forces"],
        serde_json::json!([
            {"code": "essex", "name": "Essex Police"},
            {"code": "kent", "name": "Kent Police"},
            {"code": "surrey", "name": "Surrey Police"}
        ])
    );
    assert_eq!(g["incidents"][0]["force"]["name"], "Essex Police");
    let refs: Vec<&str> = g["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs, ["ESX/1", "KNT/1", "SUR/1"]);
    // Reasons as data, the sentence beside them.
    let links = g["reasons"].as_array().unwrap();
    let evidence: Vec<&serde_json::Value> = links
        .iter()
        .flat_map(|l| l["evidence"].as_array().unwrap())
        .collect();
    let dob = evidence
        .iter()
        .find(|e| e["field"] == "date of birth")
        .expect("a date of birth reason");
    assert_eq!(dob["level"], "exact");
    assert_eq!(
        (&dob["a"], &dob["b"]),
        (&"1975-03-02".into(), &"1975-03-02".into())
    );
    assert!(dob["weight"].as_f64().unwrap() > 0.0, "{dob}");
    assert_eq!(dob["said"], "same date of birth: 1975-03-02");
    for l in links {
        assert!(l["probability"].as_f64().unwrap() >= 0.95);
        assert!(l["weight"].as_f64().unwrap() > 0.0);
        assert!(l["said"]
            .as_str()
            .unwrap()
            .contains(l["likelihood"].as_str().unwrap()));
    }
    let reasons = links
        .iter()
        .map(|r| r["said"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        reasons.contains("forename and surname swapped"),
        "{reasons}"
    );
    assert!(
        reasons.contains("same date of birth: 1975-03-02"),
        "{reasons}"
    );
    assert!(
        reasons.contains("same online identifier: bob.smith@mail.example"),
        "{reasons}"
    );
    assert!(g["score"].as_f64().unwrap() >= 0.95);
    // Sarah Jones (1990) and Sara Jones (1985) share a near name and an MP, not a person.
    // The two postcode-only suspects share an MP and a postcode: nothing to compare.
    for r in ["SUR/2", "KNT/2", "SUR/3", "ESX/2"] {
        assert!(!refs.contains(&r));
    }
    assert_eq!(
        v["suspect_records"], 5,
        "postcode-only suspects take no part"
    );
}

#[test]
fn repeat_victims_are_listed_with_forces_and_categories() {
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    let v = links_json(dir.path(), &[]);
    let victims = v["victims"].as_array().unwrap();
    let alex = victims.iter().find(|x| x["mp"] == "Alex Marlowe").unwrap();
    assert_eq!(alex["forces"].as_array().unwrap().len(), 3);
    assert_eq!(
        alex["forces"][0],
        serde_json::json!({"code": "essex", "name": "Essex Police", "incidents": 2})
    );
    assert_eq!(alex["incidents"], 4);
    assert_eq!(alex["categories"]["Harassment"], 4);
    let priya = victims
        .iter()
        .find(|x| x["mp"] == "Priya Okonjo-Hale")
        .unwrap();
    assert_eq!(priya["forces"].as_array().unwrap().len(), 2);
    assert_eq!(priya["incidents"], 3);
    // Cross-force victims come first.
    assert_eq!(victims[0]["mp"], "Alex Marlowe");
}

#[test]
fn pseudonymised_output_holds_no_identities_and_keeps_the_groups() {
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    let key = dir.path().join("nctpoc.key");
    std::fs::write(&key, "a-long-enough-secret-key-for-tests").unwrap();
    let v = links_json(dir.path(), &["--pseudonymise", key.to_str().unwrap()]);
    let text = v.to_string();
    for secret in [
        "Smith",
        "SMITH",
        "Robert",
        "Smyth",
        "1975-03-02",
        "bob.smith",
        "SW1A",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    let g = &v["suspects"][0];
    assert_eq!(g["forces"].as_array().unwrap().len(), 3);
    assert!(g["dob"][0].as_str().unwrap().starts_with("D-"));
    // The same key gives the same tokens; another key, others.
    let again = links_json(dir.path(), &["--pseudonymise", key.to_str().unwrap()]);
    assert_eq!(v, again);
    std::fs::write(&key, "another-long-enough-secret-key-xx").unwrap();
    let other = links_json(dir.path(), &["--pseudonymise", key.to_str().unwrap()]);
    assert_ne!(v["suspects"][0]["dob"], other["suspects"][0]["dob"]);
    // A short key is refused.
    std::fs::write(&key, "short").unwrap();
    bridger()
        .arg("links")
        .arg(dir.path())
        .arg("--pseudonymise")
        .arg(&key)
        .assert()
        .code(2);
}

#[test]
fn the_national_workbook_has_the_repeat_sheets() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    // Written outside the returns folder: an output inside it is refused.
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("national").with_extension("xlsx");
    let exp = dir.path().join("expected.txt");
    std::fs::write(&exp, "kent\nsurrey\nessex\n").unwrap();
    bridger()
        .arg("collate")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .arg("--expected")
        .arg(&exp)
        .assert()
        .code(0);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let suspects = wb.worksheet_range("Repeat suspects").unwrap();
    let rows: Vec<_> = suspects.rows().skip(2).collect();
    assert_eq!(rows.len(), 3);
    let id = rows[0][0].to_string();
    assert!(
        id.starts_with("S-") && id.len() == 8,
        "a short id made from the earliest incident: {id}"
    );
    assert!(rows.iter().all(|r| r[0] == id.as_str()));
    assert!(rows[0][13].to_string().contains("swapped"));
    assert!(
        !rows[0][13].to_string().contains("(p "),
        "no measures in words"
    );
    let victims = wb.worksheet_range("Repeat victims").unwrap();
    assert_eq!(victims.rows().skip(2).count(), 2);
}

#[test]
fn the_sample_quarter_links_only_records_of_one_person() {
    let v = links_json(&fixture("returns"), &[]);
    // truth.csv: file,sheet,row,reference,person,mp (file names as generated; one was
    // re-saved as .ods, so compare by stem).
    let truth = std::fs::read_to_string(fixture("returns/truth.csv")).unwrap();
    let mut person: HashMap<(String, String), String> = HashMap::new();
    for line in truth.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let stem = f[0].trim_end_matches(".xlsx").to_string();
        person.insert((stem, f[3].to_string()), f[4].to_string());
    }
    let groups = v["suspects"].as_array().unwrap();
    assert!(groups.len() >= 5, "{v:#}");
    assert!(
        groups[0]["forces"].as_array().unwrap().len() >= 2,
        "cross-force groups come first"
    );
    let code_to_stem = |force: &str| format!("{force}-2016-17-Q1");
    for g in groups {
        let who: std::collections::HashSet<&String> = g["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let force = i["force"]["code"].as_str().unwrap();
                let stem = if force == "surrey" {
                    format!("{}-resubmitted", code_to_stem(force))
                } else {
                    code_to_stem(force)
                };
                person
                    .get(&(stem, i["reference"].as_str().unwrap().to_string()))
                    .unwrap_or_else(|| panic!("{i}"))
            })
            .collect();
        assert_eq!(who.len(), 1, "group {} mixes people: {g}", g["id"]);
    }
}

#[test]
fn fake_1000_accuracy_floor() {
    use bridger_core::{link, read_labelled, score, Settings};
    let text = std::fs::read_to_string(root().join("tests/data/fake_1000.csv")).unwrap();
    let (people, truth) = read_labelled(&text, false);
    assert_eq!(people.len(), 1000);
    let l = link(&people, &Settings::default());
    let s = score(&l.groups, &truth);
    println!("fake_1000 without city, threshold 0.95: {s:?}");
    assert_eq!(s.true_pairs, 2975, "the README's count of true pairs");
    // Measured: precision 1.000, recall 0.973, F1 0.986 (README); recall's bar is issue
    // 19's, 0.97.
    // Recall was 0.913 before the repeats were taken out of the identifier's u, 0.930
    // while a half-match (one name alike swapped, the other another name) counted as a
    // swap, 0.922 while a swap with a typo in the other name (Hsrir for Harris) did not
    // (fake_1000 swaps and scrambles some names at once), and 0.934 while a record was
    // refused a group for a date of birth the group had already taken on an email, and
    // 0.948 while an email with a typing slip was no blocking key, and 0.965 while a name
    // of the same letters jumbled (`Psrson` / `Parsons`) counted as different.
    // Precision's bar is issue 19's.
    assert!(s.f1 >= 0.98, "F1 {s:?}");
    assert!(s.precision >= 0.995, "precision {s:?}");
    assert!(s.recall >= 0.97, "recall {s:?}");
}

/// A date of birth agrees only by a slip of the keyboard: two people of one name and
/// address born eleven months apart (day, month and year all different) are two people; a
/// year typed one out with the day and month right is one person; and the eleven-months
/// pair that shares an email is one person (only an identifier overcomes such a date).
#[test]
fn dates_of_birth_agree_only_by_typing_slips() {
    use bridger_core::Date;
    use bridger_core::{link, read_labelled, Person, Settings};
    let text = std::fs::read_to_string(root().join("tests/data/fake_1000.csv")).unwrap();
    let (mut people, _) = read_labelled(&text, false);
    let n = people.len();
    let person =
        |forename: &str, surname: &str, (y, m, d): (i32, u32, u32), postcode: &str| Person {
            forename: Some(forename.into()),
            surname: Some(surname.into()),
            dob: Date::new(y, m, d),
            postcode: Some(postcode.into()),
            ..Person::default()
        };
    people.push(person("Gareth", "Llewellyn", (1980, 3, 14), "CF10 1AA"));
    people.push(person("Gareth", "Llewellyn", (1981, 2, 9), "CF10 1AA"));
    people.push(person("Ffion", "Pritchard", (1979, 6, 5), "LL57 2DG"));
    people.push(person("Ffion", "Pritchard", (1980, 6, 5), "LL57 2DG"));
    // The eleven-months pair again, now with one email: one person whose date was entered
    // wrong somewhere (an email is one person's; a postcode is a household's).
    let email = |mut p: Person| {
        p.identifier = Some("rhodri.vaughan@example.org".into());
        p
    };
    people.push(email(person("Rhodri", "Vaughan", (1980, 3, 14), "SA1 1AA")));
    people.push(email(person("Rhodri", "Vaughan", (1981, 2, 9), "SA1 1AA")));
    let l = link(&people, &Settings::default());
    let together = |a: usize, b: usize| {
        l.groups
            .iter()
            .any(|g| g.members.contains(&a) && g.members.contains(&b))
    };
    assert!(
        !together(n, n + 1),
        "eleven months apart, same name and postcode: two people"
    );
    assert!(together(n + 2, n + 3), "the year one out: one person");
    assert!(
        together(n + 4, n + 5),
        "eleven months apart with one email: one person"
    );
}

/// The terminal says why in plain words; the measures are in JSON.
#[test]
fn links_text_says_why_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    // Wide enough that no sentence wraps (the layout has its own tests).
    let o = bridger()
        .env("COLUMNS", "400")
        .arg("links")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("the same person"), "{text}");
    assert!(text.contains("same date of birth: 1975-03-02"), "{text}");
    assert!(text.contains("Essex Police"), "forces by name: {text}");
    for measure in ["(p ", "Jaro-Winkler", "0.999", "~"] {
        assert!(!text.contains(measure), "{measure} in {text}");
    }
}

/// Issue 19, point 3: a swap must swap both names. "Andreew, Begum" and "Hall, Andrew",
/// born the same day at postcodes far apart, agree only in one name compared with the
/// other's forename (ANDREEW / ANDREW) while the other pair (BEGUM / HALL) differs: a
/// half-match, not a swap, so in order (both names different) they are two people. "Begum,
/// Andrew" and "Andrew, Begum" born the same day agree in both names swapped: one person,
/// and the reason says so. Among 20,000 generated records, so that u and m are estimated
/// at scale as in the national run where the half-match was seen (it was linked here too,
/// at 0.974, before a swap had to swap both names).
#[test]
fn a_swap_swaps_both_names_or_is_no_swap() {
    use bridger_core::Date;
    use bridger_core::{link, Person, Settings};
    let (mut people, _) = bridger_core::demo::suspect_records(20_000, 2016, 0.3);
    let n = people.len();
    let person =
        |surname: &str, forename: &str, (y, m, d): (i32, u32, u32), postcode: &str| Person {
            forename: Some(forename.into()),
            surname: Some(surname.into()),
            dob: Date::new(y, m, d),
            postcode: (!postcode.is_empty()).then(|| postcode.into()),
            ..Person::default()
        };
    people.push(person("Andreew", "Begum", (1978, 12, 24), "M12 9NB"));
    people.push(person("Hall", "Andrew", (1978, 12, 24), "DN13 0QN"));
    people.push(person("Begum", "Andrew", (1983, 7, 19), ""));
    people.push(person("Andrew", "Begum", (1983, 7, 19), ""));
    let l = link(&people, &Settings::default());
    let group_of = |a: usize, b: usize| {
        l.groups
            .iter()
            .find(|g| g.members.contains(&a) && g.members.contains(&b))
    };
    assert!(
        group_of(n, n + 1).is_none(),
        "one name alike across the swap, the other different: two people"
    );
    let g = group_of(n + 2, n + 3).expect("both names agree swapped: one person");
    let e = g
        .edges
        .iter()
        .find(|e| (e.a, e.b) == (n + 2, n + 3))
        .unwrap();
    let said: Vec<String> = e
        .reasons
        .iter()
        .map(|r| r.render(&|_, v| v.to_string()))
        .collect();
    assert_eq!(
        said,
        [
            "forename and surname swapped",
            "same surname: BEGUM",
            "same forename: ANDREW",
            "same date of birth: 1983-07-19"
        ]
    );
}

/// Returns for the half-match, a true swap, and one person linked although the postcodes
/// differ (the same name, date of birth and email).
fn half_match(dir: &Path) {
    write_return(
        dir,
        "Dorset Police",
        vec![
            incident(
                "DOR/1",
                MP,
                [
                    Some(t("Andreew")),
                    Some(t("Begum")),
                    Some(d(1978, 12, 24)),
                    Some(t("M12 9NB")),
                    None,
                ],
            ),
            incident(
                "DOR/2",
                MP,
                [
                    Some(t("Begum")),
                    Some(t("Andrew")),
                    Some(d(1983, 7, 19)),
                    None,
                    None,
                ],
            ),
            incident(
                "DOR/3",
                MP,
                [
                    Some(t("Whitlock")),
                    Some(t("Imogen")),
                    Some(d(1969, 2, 11)),
                    Some(t("BH1 1AA")),
                    Some(t("imogen.whitlock@mail.example")),
                ],
            ),
        ],
    );
    write_return(
        dir,
        "West Midlands Police",
        vec![
            incident(
                "WMP/1",
                MP,
                [
                    Some(t("Hall")),
                    Some(t("Andrew")),
                    Some(d(1978, 12, 24)),
                    Some(t("DN13 0QN")),
                    None,
                ],
            ),
            incident(
                "WMP/2",
                MP,
                [
                    Some(t("Andrew")),
                    Some(t("Begum")),
                    Some(d(1983, 7, 19)),
                    None,
                    None,
                ],
            ),
            incident(
                "WMP/3",
                MP,
                [
                    Some(t("Whitlock")),
                    Some(t("Imogen")),
                    Some(d(1969, 2, 11)),
                    Some(t("B15 2TT")),
                    Some(t("imogen.whitlock@mail.example")),
                ],
            ),
        ],
    );
}

/// Through `bridger links`: the half-match is no link, the true swap is one, and a reason
/// names what disagrees as well as what agrees, in clear and (never in clear) pseudonymised.
#[test]
fn links_on_a_half_match_none_and_reasons_say_what_disagrees() {
    let dir = tempfile::tempdir().unwrap();
    half_match(dir.path());
    let v = links_json(dir.path(), &[]);
    let groups = v["suspects"].as_array().unwrap();
    let refs = |g: &serde_json::Value| -> Vec<String> {
        g["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["reference"].as_str().unwrap().to_string())
            .collect()
    };
    let with = |r: &str| groups.iter().find(|g| refs(g).iter().any(|x| x == r));
    if let Some(g) = with("DOR/1") {
        assert!(
            !refs(g).contains(&"WMP/1".to_string()),
            "half-match linked: {g:#}"
        );
    }
    let swap = with("DOR/2").expect("the true swap is linked");
    assert_eq!(refs(swap), ["DOR/2", "WMP/2"]);
    let said = swap["reasons"][0]["said"].as_str().unwrap();
    assert!(
        said.contains("(forename and surname swapped; same surname: BEGUM; same forename: ANDREW;"),
        "{said}"
    );
    let moved = with("DOR/3").expect("name, date of birth and email agree");
    assert_eq!(refs(moved), ["DOR/3", "WMP/3"]);
    let said = moved["reasons"][0]["said"].as_str().unwrap();
    assert!(
        said.ends_with("; postcodes differ: BH1 1AA / B15 2TT)"),
        "{said}"
    );
    let postcode = moved["reasons"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "postcode")
        .unwrap();
    assert_eq!(postcode["level"], "different");
    assert!(postcode["weight"].as_f64().unwrap() < 0.0, "{postcode}");

    let key = dir.path().join("nctpoc.key");
    std::fs::write(&key, "a-long-enough-secret-key-for-tests").unwrap();
    let p = links_json(dir.path(), &["--pseudonymise", key.to_str().unwrap()]);
    let text = p.to_string();
    for secret in [
        "BH1",
        "B15",
        "Whitlock",
        "WHITLOCK",
        "1969-02-11",
        "BEGUM",
        "Begum",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    assert!(text.contains("postcodes differ: P-"), "{text}");
}

/// Issue 19: a key too common to be evidence is skipped (a block over its cap), and a
/// record whose every key is such was compared with no other: in no group, whatever it
/// holds. Before, nothing said so, and 5,063 rows of one name and date of birth read as
/// "0 repeat suspects" (on the openpyxl-filled quarter, 5,461 of 64,618 records). Ten rows
/// in each of three forces of a placeholder "Unknown, Unknown" with nothing else (30 of one
/// name pair, over its cap of 25) are listed in `links` and `collate`, text, JSON and the
/// Repeat suspects sheet; a real suspect in two forces still links. With eight a force
/// (24, within the cap) nothing is said.
#[test]
fn records_too_common_to_compare_are_listed_not_silently_in_no_group() {
    use calamine::Reader;
    let make = |dir: &Path, per_force: usize| {
        for (force, code) in [
            ("Kent Police", "KNT"),
            ("Essex Police", "ESX"),
            ("Surrey Police", "SUR"),
        ] {
            let mut rows: Vec<_> = (1..=per_force)
                .map(|i| {
                    let unknown = [Some(t("Unknown")), Some(t("Unknown")), None, None, None];
                    incident(&format!("{code}/{i}"), MP, unknown)
                })
                .collect();
            if code != "SUR" {
                let real = [
                    Some(t("Smith")),
                    Some(t("Robert")),
                    Some(d(1975, 3, 2)),
                    None,
                    None,
                ];
                rows.push(incident(&format!("{code}/R"), OTHER_MP, real));
            }
            write_return(dir, force, rows);
        }
    };
    let dir = tempfile::tempdir().unwrap();
    make(dir.path(), 10);
    let v = links_json(dir.path(), &[]);
    let listed: Vec<&str> = v["not_compared"]
        .as_array()
        .expect("not_compared listed")
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), 30, "{listed:?}");
    assert!(
        listed.contains(&"KNT/1") && listed.contains(&"SUR/10"),
        "{listed:?}"
    );
    assert!(!listed.iter().any(|r| r.ends_with("/R")), "{listed:?}");
    assert_eq!(v["not_compared"][0]["name"], "Unknown Unknown");
    // Found by file and row too, should the reference be blank.
    assert_eq!(v["not_compared"][0]["row"], 5);
    assert!(v["not_compared"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with(".xlsx"));
    let groups = group_references(&v);
    assert_eq!(groups, [["ESX/R", "KNT/R"]]);

    let o = bridger()
        .env("COLUMNS", "400")
        .arg("links")
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("30 suspect records compared with no other, so in no group")
            && text.contains("(the first: Essex Police ESX/1, ")
            && text.contains(" Incidents row 5, 'Unknown Unknown')")
            && text.contains("leave those cells blank"),
        "{text}"
    );

    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("national.xlsx");
    let exp = dir.path().join("expected.txt");
    std::fs::write(&exp, "kent\nsurrey\nessex\n").unwrap();
    let o = bridger()
        .env("COLUMNS", "400")
        .arg("collate")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .arg("--expected")
        .arg(&exp)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("30 suspect records compared with no other"),
        "{text}"
    );
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let note = wb.worksheet_range("Repeat suspects").unwrap()[(0, 0)].to_string();
    assert!(
        note.ends_with("30 suspect records compared with no other, each sharing its keys only with too many records to be evidence: in no group (bridger links --format json lists them)."),
        "{note}"
    );
    let o = bridger()
        .arg("collate")
        .arg(dir.path())
        .arg("--out")
        .arg(out_dir.path().join("again.xlsx"))
        .arg("--expected")
        .arg(&exp)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["suspect_records_not_compared"], 30);

    // 24 of one name pair: within the cap, compared, and nothing said.
    let few = tempfile::tempdir().unwrap();
    make(few.path(), 8);
    let v = links_json(few.path(), &[]);
    assert!(v.get("not_compared").is_none(), "{}", v["not_compared"]);
}
