//! List values: matched to the definition's list ignoring case (the list's own spelling is
//! kept), `Y` and `N` read as `Yes` and `No` with a warning, and anything else refused
//! with a suggestion: the closest value, a quarter written another way read as the list
//! spells it, a force by place, alias or spelling, or the whole list when it is short.
//!
//! It never adds a value to a list: lists come only from the definition.

use crate::base::calendar::{Date, Quarter};
use crate::base::text::{quote, QUOTED_CHARS};
use crate::definition::codes::Code;
use crate::definition::{Definition, List};
use crate::read::Stored;

use super::quarters::loose_quarter;
use super::{problem, read_text, Problem, Reading};

/// A list value, matched after trimming and ignoring case; the list's own spelling is
/// kept. `Y`/`N` are read as `Yes`/`No` with a warning where the list has them.
pub fn read_list(value: &Stored, list: &List) -> Reading<String> {
    let text = read_text(value);
    // Two ASCII texts fold alike exactly when they match ignoring ASCII case; only where
    // either is not ASCII are both lower-cased (every cell of a list column comes here).
    let ascii = text.is_ascii();
    if let Some(v) = list
        .values
        .iter()
        .find(|v| v.eq_ignore_ascii_case(&text) || (!(ascii && v.is_ascii()) && fold_eq(v, &text)))
    {
        return Ok((v.clone(), None));
    }
    let yes_no = |want: &str| list.values.iter().find(|v| v.as_str() == want).cloned();
    let short = match text.to_ascii_uppercase().as_str() {
        "Y" => yes_no("Yes"),
        "N" => yes_no("No"),
        _ => None,
    };
    if let Some(v) = short {
        return Ok((
            v.clone(),
            Some(problem(
                Code::YesNoAbbreviated,
                format!(
                    "{} was read as '{v}': choose '{v}' from the list",
                    quote(&text)
                ),
            )),
        ));
    }
    Err(problem(Code::NotInList, not_in_list_message(&text, list)))
}

fn fold_eq(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// The not-in-list problem for a force (`text`) that is neither in the Forces list nor an
/// alias: with the force it most likely means, by place, alias or spelling.
pub(crate) fn not_a_force(text: &str, list: &List, def: &Definition) -> Problem {
    let message = match def.closest_force(text) {
        Some(force) => format!(
            "{} is not in the {} list: did you mean '{}'? Choose '{}' from the drop-down",
            quote(text),
            list.name,
            force.name,
            force.name
        ),
        None => not_in_list_message(text, list),
    };
    problem(Code::NotInList, message)
}

fn not_in_list_message(text: &str, list: &List) -> String {
    if let Some(message) = quarter_message(text, list) {
        return message;
    }
    // Compared by its start only: a value many times longer than every list value is
    // close to none of them, and comparing all of it would cost its length each time.
    let probe = text
        .chars()
        .take(QUOTED_CHARS)
        .collect::<String>()
        .to_lowercase();
    let mut closest: Vec<(f64, &String)> = list
        .values
        .iter()
        .map(|v| (strsim::jaro_winkler(&v.to_lowercase(), &probe), v))
        .collect();
    closest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let quoted = |values: &mut dyn Iterator<Item = &String>| {
        values
            .map(|v| format!("'{v}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match closest.first() {
        Some((score, v)) if *score >= 0.85 => {
            format!(
                "{} is not in the {} list: did you mean '{v}'? Choose a value from the drop-down",
                quote(text),
                list.name
            )
        }
        _ if list.values.len() <= 12 => format!(
            "{} is not in the {} list: choose one of {}",
            quote(text),
            list.name,
            quoted(&mut list.values.iter())
        ),
        _ => format!(
            "{} is not in the {} list: choose a value from the drop-down (the nearest are {})",
            quote(text),
            list.name,
            quoted(&mut closest.iter().take(3).map(|(_, v)| *v))
        ),
    }
}

/// For a list of quarters: the quarter a loosely written `text` means, and the list's
/// spelling to choose; `None` when the list is not one of quarters.
fn quarter_message(text: &str, list: &List) -> Option<String> {
    let quarters: Vec<Quarter> = list
        .values
        .iter()
        .map(|v| Quarter::parse(v))
        .collect::<Option<_>>()?;
    let (first, last) = (quarters.first()?, quarters.last()?);
    let name = &list.name;
    let quoted = quote(text);
    Some(match loose_quarter(text) {
        Some(q) if quarters.contains(&q) => format!(
            "{quoted} is not in the {name} list: it reads as {q} ({} to {}); choose '{q}' from the drop-down",
            long_date(q.start()),
            long_date(q.end())
        ),
        Some(q) => format!(
            "{quoted} is not in the {name} list: it reads as {q}, which is outside the list ({first} to {last}); choose the reporting quarter from the drop-down"
        ),
        None => format!(
            "{quoted} is not in the {name} list: write the financial year and the quarter as the list does, like '{first}' (Q1 is April to June, Q4 January to March), or choose it from the drop-down"
        ),
    })
}

/// `1 April 2016`.
fn long_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS[(date.month as usize).clamp(1, 12) - 1];
    format!("{} {month} {}", date.day, date.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(values: &[&str]) -> List {
        List {
            name: "Test".into(),
            values: values.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn lists_ignore_case_and_keep_spelling() {
        let yn = list(&["Yes", "No"]);
        assert_eq!(
            read_list(&Stored::Text(" yes ".into()), &yn).unwrap().0,
            "Yes"
        );
        let (v, warn) = read_list(&Stored::Text("n".into()), &yn).unwrap();
        assert_eq!(
            (v.as_str(), warn.unwrap().code),
            ("No", Code::YesNoAbbreviated)
        );
        let cat = list(&["Assault", "Arson"]);
        let err = read_list(&Stored::Text("Assult".into()), &cat).unwrap_err();
        assert_eq!(err.code, Code::NotInList);
        assert!(
            err.message.contains("did you mean 'Assault'"),
            "{}",
            err.message
        );
        assert!(read_list(&Stored::Text("Y".into()), &cat).is_err());
    }

    #[test]
    fn every_list_gets_a_suggestion() {
        let quarters = List {
            name: "Quarters".into(),
            values: Quarter::range(2016, 2017)
                .iter()
                .map(Quarter::to_string)
                .collect(),
        };
        let message = |text: &str, list: &List| {
            read_list(&Stored::Text(text.into()), list)
                .unwrap_err()
                .message
        };
        assert_eq!(
            message("Q1 16-17", &quarters),
            "'Q1 16-17' is not in the Quarters list: it reads as 2016-17 Q1 (1 April 2016 to 30 June 2016); choose '2016-17 Q1' from the drop-down"
        );
        assert!(message("Jan-Mar 2018", &quarters).contains("choose '2017-18 Q4'"));
        assert!(message("Q1 2014/15", &quarters)
            .contains("reads as 2014-15 Q1, which is outside the list (2016-17 Q1 to 2017-18 Q4)"));
        assert!(message("first quarter", &quarters).contains("like '2016-17 Q1'"));
        // A long list with nothing close still names the nearest values.
        let long: Vec<String> = (1..=20).map(|i| format!("Value {i}")).collect();
        let long = List {
            name: "Long".into(),
            values: long,
        };
        assert!(message("zzz", &long).contains("(the nearest are '"));
    }

    #[test]
    fn a_force_by_another_name_gets_the_force_it_means() {
        let def = crate::definition::annex_c();
        let forces = def.list(def.keys.forces);
        let p = not_a_force("Kent Constabulary", forces, def);
        assert_eq!(p.code, Code::NotInList);
        assert_eq!(
            p.message,
            "'Kent Constabulary' is not in the Forces list: did you mean 'Kent Police'? Choose 'Kent Police' from the drop-down"
        );
        let p = not_a_force("Atlantis Police", forces, def);
        assert!(p.message.starts_with("'Atlantis Police' is not in the Forces list: choose a value from the drop-down (the nearest are '"), "{}", p.message);
    }

    proptest::proptest! {
        /// The ASCII shortcut finds the value the plain rule finds (the first that matches
        /// ignoring ASCII case, or lower-cased): also where only one side is ASCII, as the
        /// Kelvin sign (which lower-cases to 'k') or a dotted capital I make it.
        #[test]
        fn the_ascii_shortcut_finds_what_folding_finds(
            values in proptest::collection::vec("[aAkKiI\u{e9}\u{c9}\u{212a}\u{130}]{1,3}", 1..5),
            text in "[aAkKiI\u{e9}\u{c9}\u{212a}\u{130}]{1,3}",
        ) {
            let plain = values
                .iter()
                .find(|v| v.eq_ignore_ascii_case(&text) || fold_eq(v, &text))
                .cloned();
            let found = read_list(&Stored::Text(text.clone().into()), &List {
                name: "Test".into(),
                values: values.clone(),
            });
            // A miss may still read through the Y/N shortcut, never as another value.
            match plain {
                Some(v) => proptest::prop_assert_eq!(found.map(|f| f.0).ok(), Some(v)),
                None => proptest::prop_assert!(found.map_or(true, |f| f.1.is_some())),
            }
        }
    }
}
