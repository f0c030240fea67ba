//! Linkage accuracy and speed: pairwise precision, recall and F1 on Splink's labelled
//! fake_1000 set, and the time to link 1,000, 100,000 and 1,000,000 generated records.
//!
//!     cargo bench --bench linkage            # fake_1000 and 100,000 generated records
//!     cargo bench --bench linkage -- --big   # also 1,000,000
//!     cargo bench --bench linkage -- --scale 200000   # only: how the cost grows
//!
//! fake_1000's `city` has no Annex C column; it is passed as `place` only where the output
//! says "with city". The first line is the recall blocking allows at best (the true pairs
//! joined by chains of candidate pairs): no threshold or weight can link past it. Set
//! BRIDGER_SHOW_FALSE_LINKS=1 to list the links that join two different people (fake_1000,
//! and the 100,000 generated records), BRIDGER_SHOW_MISSES=1 to list fake_1000's people
//! split over groups (each record with its group, `-` for none, and its row).

use std::time::Instant;

use bridger_core::{link, reachable_recall, read_labelled, score, Group, Person, Settings};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(n) = args
        .iter()
        .position(|a| a == "--scale")
        .and_then(|i| args.get(i + 1))
    {
        scale(n.parse().expect("--scale takes a number of records"));
        return;
    }
    let big = std::env::args().any(|a| a == "--big");
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fake_1000.csv"
    ))
    .unwrap();
    let (people, truth) = read_labelled(&csv, true);
    let (no_city, _) = read_labelled(&csv, false);
    println!(
        "fake_1000 blocking: the candidate pairs let recall reach at most {:.3}",
        reachable_recall(&no_city, &truth, &Settings::default())
    );
    for (label, data) in [("without city", &no_city), ("with city", &people)] {
        for threshold in [0.5, 0.8, 0.9, 0.95, 0.99] {
            let settings = Settings {
                threshold,
                ..Settings::default()
            };
            let start = Instant::now();
            let l = link(data, &settings);
            let secs = start.elapsed().as_secs_f64();
            let s = score(&l.groups, &truth);
            println!(
                "fake_1000 {label:12} threshold {threshold:.2}: precision {:.3} recall {:.3} F1 {:.3} ({} groups, {} candidate pairs) in {:.3} s",
                s.precision,
                s.recall,
                s.f1,
                l.groups.len(),
                l.candidate_pairs,
                secs
            );
        }
    }
    let sizes: &[usize] = if big {
        &[1_000, 100_000, 1_000_000]
    } else {
        &[1_000, 100_000]
    };
    for &n in sizes {
        let (people, truth) = bridger_core::demo::suspect_records(n, 2016, 0.3);
        if n == 100_000 {
            println!(
                "generated {n:>9} records blocking: the candidate pairs let recall reach at most {:.3}",
                reachable_recall(&people, &truth, &Settings::default())
            );
            // How the threshold trades precision for recall where strangers share names.
            for threshold in [0.5, 0.8, 0.9, 0.99] {
                let settings = Settings {
                    threshold,
                    ..Settings::default()
                };
                let s = score(&link(&people, &settings).groups, &truth);
                println!(
                    "generated {n:>9} records threshold {threshold:.2}: precision {:.3} recall {:.3} F1 {:.3}",
                    s.precision, s.recall, s.f1
                );
            }
        }
        let start = Instant::now();
        let l = link(&people, &Settings::default());
        let secs = start.elapsed().as_secs_f64();
        let s = score(&l.groups, &truth);
        if std::env::var_os("BRIDGER_SHOW_FALSE_LINKS").is_some() && n == 100_000 {
            debug_false_links(&people, &truth, &l.groups);
            let mut sizes: Vec<usize> = l.groups.iter().map(|g| g.members.len()).collect();
            sizes.sort_unstable();
            println!(
                "largest groups {:?}",
                &sizes[sizes.len().saturating_sub(10)..]
            );
        }
        println!(
            "generated {n:>9} records: precision {:.3} recall {:.3} F1 {:.3}; {} candidate pairs, {} blocks over the cap; {:.2} s ({:.0} records/s)",
            s.precision,
            s.recall,
            s.f1,
            l.candidate_pairs,
            l.blocks_skipped,
            secs,
            n as f64 / secs
        );
    }
    if std::env::var_os("BRIDGER_SHOW_FALSE_LINKS").is_some() {
        let l = link(&no_city, &Settings::default());
        debug_false_links(&no_city, &truth, &l.groups);
    }
    if std::env::var_os("BRIDGER_SHOW_MISSES").is_some() {
        let l = link(&no_city, &Settings::default());
        debug_misses(&no_city, &truth, &l.groups);
    }
}

/// Each true cluster of two or more records that the groups split, its records listed
/// with the group each is in.
fn debug_misses(people: &[Person], truth: &[String], groups: &[Group]) {
    let mut group_of: Vec<Option<usize>> = vec![None; people.len()];
    for (g, group) in groups.iter().enumerate() {
        for &m in &group.members {
            group_of[m] = Some(g);
        }
    }
    let mut clusters: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, t) in truth.iter().enumerate() {
        clusters.entry(t.as_str()).or_default().push(i);
    }
    for (c, members) in clusters {
        let first = group_of[members[0]];
        if members.len() < 2
            || members
                .iter()
                .all(|&m| first.is_some() && group_of[m] == first)
        {
            continue;
        }
        println!("MISS cluster {c}");
        for &m in &members {
            let p = &people[m];
            println!(
                "  {:>5} {m} {:?}  {:?} {:?} {:?} {:?}",
                group_of[m].map_or("-".to_string(), |g| g.to_string()),
                p.forename,
                p.surname,
                p.dob.map(|d| d.iso()),
                p.identifier,
                p.place
            );
        }
    }
}

#[allow(dead_code)]
fn debug_false_links(people: &[Person], truth: &[String], groups: &[Group]) {
    for g in groups {
        for e in &g.edges {
            if truth[e.a] != truth[e.b] {
                println!(
                    "FALSE {:?} | {:?} w {:.1}: {}",
                    people[e.a],
                    people[e.b],
                    e.weight,
                    e.reasons
                        .iter()
                        .map(|r| r.render(&|_, v| v.to_string()))
                        .collect::<Vec<_>>()
                        .join("; ")
                );
            }
        }
    }
}

/// One line on how linkage grows (issue 19, point 4): `n` generated records (a quarter is
/// about 50,000), linked once in a process of their own so that the peak memory is theirs:
/// the candidate pairs blocking gives, the blocks skipped over their cap, the time, the
/// process's peak resident memory and the accuracy against the generator's truth.
fn scale(n: usize) {
    let (people, truth) = bridger_core::demo::suspect_records(n, 2016, 0.3);
    let start = Instant::now();
    let l = link(&people, &Settings::default());
    let secs = start.elapsed().as_secs_f64();
    let s = score(&l.groups, &truth);
    let peak_mb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or("-".to_string(), |kb| format!("{:.0}", kb / 1024.0));
    println!(
        "scale {n:>9} records: {} candidate pairs ({:.1} a record), {} blocks over the cap; link {secs:.2} s; peak {peak_mb} MB; precision {:.3} recall {:.3}",
        l.candidate_pairs,
        l.candidate_pairs as f64 / n as f64,
        l.blocks_skipped,
        s.precision,
        s.recall,
    );
}
