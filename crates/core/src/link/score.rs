//! Measuring linkage against the truth: reading a labelled set in the form of Splink's
//! fake_1000, and scoring groups by pairwise precision, recall and F1.
//!
//! Used by the accuracy test and the benchmark, never by a command: real returns carry no
//! truth to score against.

use std::collections::HashMap;

use serde::Serialize;

use crate::base::calendar::{parse_text_date, TextDate};

use super::block::candidate_pairs;
use super::cluster::Group;
use super::normalise::Norm;
use super::{Person, Settings};

/// Reads a labelled set in the form of Splink's fake_1000 (`unique_id, first_name,
/// surname, dob, city, email, cluster`): the people, and each one's true cluster. `city`
/// becomes `place` only when `with_place` is set (it has no Annex C column).
pub fn read_labelled(csv: &str, with_place: bool) -> (Vec<Person>, Vec<String>) {
    let mut people = Vec::new();
    let mut truth = Vec::new();
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let field = |i: usize| {
            f.get(i)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        people.push(Person {
            forename: field(1),
            surname: field(2),
            dob: field(3).and_then(|d| match parse_text_date(&d) {
                TextDate::Date(d) => Some(d),
                _ => None,
            }),
            postcode: None,
            identifier: field(5),
            place: if with_place { field(4) } else { None },
        });
        truth.push(field(6).unwrap_or_default());
    }
    (people, truth)
}

/// Pairwise precision, recall and F1 of groups against true cluster labels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    /// Share of predicted pairs that are true pairs (1 when nothing was predicted).
    pub precision: f64,
    /// Share of true pairs that were predicted (1 when there are none).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Pairs of records that share a true cluster label.
    pub true_pairs: usize,
    /// Pairs of records put in one group by the linkage.
    pub predicted_pairs: usize,
    /// Predicted pairs that share a true cluster label.
    pub correct_pairs: usize,
}

/// Scores a linkage: every unordered pair of records in one group is a predicted pair.
pub fn score(groups: &[Group], truth: &[String]) -> Scores {
    let mut by_cluster: HashMap<&str, usize> = HashMap::new();
    for t in truth {
        *by_cluster.entry(t.as_str()).or_default() += 1;
    }
    let true_pairs: usize = by_cluster.values().map(|n| n * (n - 1) / 2).sum();
    let mut predicted = 0;
    let mut correct = 0;
    for g in groups {
        let n = g.members.len();
        predicted += n * (n - 1) / 2;
        let mut within: HashMap<&str, usize> = HashMap::new();
        for &m in &g.members {
            *within.entry(truth[m].as_str()).or_default() += 1;
        }
        correct += within.values().map(|n| n * (n - 1) / 2).sum::<usize>();
    }
    let precision = if predicted == 0 {
        1.0
    } else {
        correct as f64 / predicted as f64
    };
    let recall = if true_pairs == 0 {
        1.0
    } else {
        correct as f64 / true_pairs as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Scores {
        precision,
        recall,
        f1,
        true_pairs,
        predicted_pairs: predicted,
        correct_pairs: correct,
    }
}

/// The highest pairwise recall any scoring could reach after blocking: the true pairs
/// joined by chains of candidate pairs of one person, over all true pairs. What is never
/// compared cannot be linked, so recall above this needs more candidates, not better
/// weights; recall below it is the scoring's (or cannot-link's) to answer for.
pub fn reachable_recall(people: &[Person], truth: &[String], settings: &Settings) -> f64 {
    let norms: Vec<Norm> = people.iter().map(Norm::of).collect();
    let (pairs, _, _) = candidate_pairs(&norms, settings.block_cap);
    let mut root: Vec<usize> = (0..people.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for (i, j) in pairs {
        let (i, j) = (i as usize, j as usize);
        if truth[i] == truth[j] {
            let (a, b) = (find(&mut root, i), find(&mut root, j));
            root[a.max(b)] = a.min(b);
        }
    }
    let mut reached: HashMap<usize, usize> = HashMap::new();
    for x in 0..people.len() {
        *reached.entry(find(&mut root, x)).or_default() += 1;
    }
    let reachable: usize = reached.values().map(|n| n * (n - 1) / 2).sum();
    let groups: Vec<Group> = Vec::new();
    let true_pairs = score(&groups, truth).true_pairs;
    if true_pairs == 0 {
        1.0
    } else {
        reachable as f64 / true_pairs as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_counts_pairs() {
        let g = vec![Group {
            members: vec![0, 1, 2],
            edges: vec![],
        }];
        let truth: Vec<String> = ["a", "a", "b", "b"].iter().map(|s| s.to_string()).collect();
        let s = score(&g, &truth);
        assert_eq!(
            (s.true_pairs, s.predicted_pairs, s.correct_pairs),
            (2, 3, 1)
        );
    }

    /// Three records of one person: two share a name and a date of birth (a block), the
    /// third shares nothing a block is keyed on, so only one of the three true pairs can
    /// ever be compared.
    #[test]
    fn reachable_recall_counts_what_blocking_lets_through() {
        let csv = "unique_id,first_name,surname,dob,city,email,cluster\n\
                   0,Robert,Alan,1971-06-24,,,0\n\
                   1,Robert,Alan,1971-06-24,,,0\n\
                   2,Bob,Allen,1972-01-02,,,0\n\
                   3,Mary,Stone,1980-01-01,,,1\n";
        let (people, truth) = read_labelled(csv, false);
        let r = reachable_recall(&people, &truth, &Settings::default());
        assert!((r - 1.0 / 3.0).abs() < 1e-9, "{r}");
        let (joined, truth) = read_labelled(&csv.replace("1972-01-02", "1971-06-24"), false);
        assert_eq!(reachable_recall(&joined, &truth, &Settings::default()), 1.0);
    }

    #[test]
    fn labelled_rows_become_people() {
        let csv = "unique_id,first_name,surname,dob,city,email,cluster\n\
                   0,Robert,Alan,1971-06-24,London,robert255@smith.net,0\n\
                   1,,Alan,,,,0\n";
        let (people, truth) = read_labelled(csv, false);
        assert_eq!(truth, ["0", "0"]);
        assert_eq!(people[0].forename.as_deref(), Some("Robert"));
        assert_eq!(
            people[0].dob.map(|d| d.iso()).as_deref(),
            Some("1971-06-24")
        );
        assert_eq!(people[0].place, None, "city only when asked");
        assert_eq!(people[1].forename, None);
        assert_eq!(
            read_labelled(csv, true).0[0].place.as_deref(),
            Some("London")
        );
    }
}
