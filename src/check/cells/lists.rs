//! List values: matched to the definition's list ignoring case (the list's own spelling is
//! kept), `Y` and `N` read as `Yes` and `No` with a warning, and anything else refused
//! with the closest value, or the whole list when it is short.
//!
//! It never adds a value to a list: lists come only from the definition.

use crate::definition::codes::Code;
use crate::definition::List;
use crate::read::Stored;

use super::{problem, read_text, Reading};

/// A list value, matched after trimming and ignoring case; the list's own spelling is
/// kept. `Y`/`N` are read as `Yes`/`No` with a warning where the list has them.
pub fn read_list(value: &Stored, list: &List) -> Reading<String> {
    let text = read_text(value);
    if let Some(v) = list
        .values
        .iter()
        .find(|v| v.eq_ignore_ascii_case(&text) || fold_eq(v, &text))
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
                format!("'{text}' was read as '{v}': choose '{v}' from the list"),
            )),
        ));
    }
    Err(problem(Code::NotInList, not_in_list_message(&text, list)))
}

fn fold_eq(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

fn not_in_list_message(text: &str, list: &List) -> String {
    let closest = list
        .values
        .iter()
        .map(|v| {
            (
                strsim::jaro_winkler(&v.to_lowercase(), &text.to_lowercase()),
                v,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((score, v)) if score >= 0.85 => {
            format!("'{text}' is not in the {} list: did you mean '{v}'? Choose a value from the drop-down", list.name)
        }
        _ if list.values.len() <= 12 => format!(
            "'{text}' is not in the {} list: choose one of {}",
            list.name,
            list.values
                .iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "'{text}' is not in the {} list: choose a value from the drop-down",
            list.name
        ),
    }
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
}
