//! Lining up the template's column headers with a table's header row: the longest common
//! subsequence, ignoring case and white space, as a list of steps.
//!
//! It only aligns text; deciding whether an unmatched column was inserted, deleted or
//! had its header changed is the table comparison's job.

use crate::base::text::fold_text;

/// One step of the header alignment.
#[derive(Debug, PartialEq)]
pub(super) enum Step {
    /// Template column `e` sits at workbook column `a`.
    Same(usize, usize),
    /// Workbook column `a` has no template column.
    Inserted(usize),
    /// Template column `e` has no workbook column.
    Deleted(usize),
}

/// Aligns the template's headers with the workbook's (longest common subsequence,
/// ignoring case).
pub(super) fn align(expected: &[String], actual: &[Option<String>]) -> Vec<Step> {
    let key = |s: &str| fold_text(s).to_lowercase();
    let e: Vec<String> = expected.iter().map(|s| key(s)).collect();
    let a: Vec<Option<String>> = actual.iter().map(|s| s.as_deref().map(key)).collect();
    let (n, m) = (e.len(), a.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[j].as_deref() == Some(e[i].as_str()) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[j].as_deref() == Some(e[i].as_str()) {
            steps.push(Step::Same(i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            steps.push(Step::Inserted(j));
            j += 1;
        } else {
            steps.push(Step::Deleted(i));
            i += 1;
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }
    fn o(v: &[&str]) -> Vec<Option<String>> {
        v.iter()
            .map(|x| {
                if x.is_empty() {
                    None
                } else {
                    Some(x.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn alignment_finds_insertions_and_deletions() {
        let e = s(&["A", "B", "C", "D"]);
        assert_eq!(
            align(&e, &o(&["a", "B", "X", "C", "D"])),
            vec![
                Step::Same(0, 0),
                Step::Same(1, 1),
                Step::Inserted(2),
                Step::Same(2, 3),
                Step::Same(3, 4)
            ]
        );
        assert_eq!(
            align(&e, &o(&["A", "C", "D"])),
            vec![
                Step::Same(0, 0),
                Step::Deleted(1),
                Step::Same(2, 1),
                Step::Same(3, 2)
            ]
        );
    }
}
