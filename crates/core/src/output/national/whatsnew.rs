//! The national workbook's `What is new this quarter` sheet, for the briefing: the repeat
//! suspects and the repeat victims with something new in the latest quarter of the inputs
//! (a new force, a new MP, a first threat of sexual violence, more incidents than before,
//! incidents in more forces), suspects first.
//!
//! It only lays out what linkage found ([`crate::link::series`]); it never compares
//! quarters itself.

use crate::base::calendar::Quarter;
use crate::base::value::Value;
use crate::collate::quarters_named;
use crate::link::suspects::Links;

use super::TableSheet;

/// The sheet's name.
pub(crate) const NAME: &str = "What is new this quarter";

/// The quarters of `quarters` before `latest`, named: "2016-17 Q1, Q2 and Q3".
pub(crate) fn earlier(quarters: &[String], latest: &str) -> String {
    let before: Vec<Quarter> = quarters
        .iter()
        .filter(|q| q.as_str() < latest)
        .filter_map(|q| Quarter::parse(q))
        .collect();
    quarters_named(&before)
}

/// The `What is new this quarter` sheet: one row per suspect, then per MP, with news.
pub(crate) fn sheet(links: &Links) -> TableSheet {
    let note = match &links.latest_quarter {
        Some(q) => format!(
            "What is new in {q} against {}: repeat suspects first, cross-force first, then MPs.",
            earlier(&links.quarters, q)
        ),
        None => "The inputs hold one quarter only: there is nothing earlier to compare with. Collate two or more quarters to see what is new.".to_string(),
    };
    let latest = links.latest_quarter.as_deref().unwrap_or("");
    let mut rows = Vec::new();
    for s in links
        .suspects
        .iter()
        .filter(|s| !s.series.new_this_quarter.is_empty())
    {
        rows.push(vec![
            Value::Text(format!("Suspect {}", s.label())),
            Value::Text(s.series.new_this_quarter.join("\n")),
            Value::Text(s.series.first_quarter.clone()),
            Value::Text(s.series.last_quarter.clone()),
            Value::Text(
                s.forces
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Value::Text(s.series.mps.join("\n")),
            Value::from(s.series.quarters.get(latest).copied().unwrap_or(0)),
            Value::from(s.incidents.len()),
        ]);
    }
    for v in links
        .victims
        .iter()
        .filter(|v| !v.new_this_quarter.is_empty())
    {
        rows.push(vec![
            Value::Text(format!("MP {} ({})", v.mp, v.constituency)),
            Value::Text(v.new_this_quarter.join("\n")),
            Value::Text(v.quarters.keys().next().cloned().unwrap_or_default()),
            Value::Text(v.quarters.keys().next_back().cloned().unwrap_or_default()),
            Value::Text(v.forces_counted("\n")),
            Value::Text(v.mp.clone()),
            Value::from(v.quarters.get(latest).copied().unwrap_or(0)),
            Value::from(v.incidents),
        ]);
    }

    TableSheet {
        name: NAME.into(),
        note,
        headers: [
            "Who",
            "What is new this quarter",
            "First seen",
            "Last seen",
            "Forces",
            "MPs targeted",
            "Incidents, latest quarter",
            "Incidents, all quarters",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        widths: vec![26.0, 60.0, 11.0, 11.0, 26.0, 24.0, 12.0, 12.0],
        rows,
        percent: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quarters_before_are_named_without_the_latest() {
        let q = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let four = q(&["2016-17 Q1", "2016-17 Q2", "2016-17 Q3", "2016-17 Q4"]);
        assert_eq!(earlier(&four, "2016-17 Q4"), "2016-17 Q1, Q2 and Q3");
        assert_eq!(earlier(&four[..2], "2016-17 Q2"), "2016-17 Q1");
        let across = q(&["2016-17 Q4", "2017-18 Q1", "2017-18 Q2"]);
        assert_eq!(earlier(&across, "2017-18 Q2"), "2016-17 Q4 and 2017-18 Q1");
    }
}
