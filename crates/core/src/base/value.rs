//! The one value type of bridger: what a cell holds once read by its column's rule.
//!
//! [`Value`] owns its text; [`ValueRef`] borrows it from wherever it is stored. The raw
//! cell as a file stores it (with errors and formulas) is `read::Stored`, and becomes a
//! `Value` only through the cell readers of `check`. Every workbook bridger writes (the
//! template filled in, the national workbook's rows, summaries and lists) is written from
//! these two types and nothing else.
//!
//! It must never know how a value is shown (number formats, percentages): that is the
//! writer's business, per column.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::text::number_text;

/// A value as a rule read it: text folded, a list value in the list's spelling, a date,
/// a count. It is what the national workbook stores, what the template is filled with and
/// what every summary sheet shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A blank cell: nothing there, or only white space.
    Empty,
    /// Text: folded free text, a list value in the list's spelling, or a cell that did
    /// not read by its rule, kept as typed.
    Text(String),
    /// A whole calendar date.
    Date(Date),
    /// A number: a count, or a share computed for a summary.
    Number(f64),
}

impl Value {
    /// Whether the value is [`Value::Empty`].
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    /// The value as text (dates as ISO), for comparisons and linkage.
    pub(crate) fn text(&self) -> Option<Cow<'_, str>> {
        self.as_ref().text()
    }

    /// The date, when the value is one; `None` for every other kind (a date typed as text too).
    pub(crate) fn date(&self) -> Option<Date> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    /// The value borrowed, for code that reads both owned and packed values.
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Empty => ValueRef::Empty,
            Value::Text(t) => ValueRef::Text(t),
            Value::Date(d) => ValueRef::Date(*d),
            Value::Number(n) => ValueRef::Number(*n),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<Date> for Value {
    fn from(d: Date) -> Value {
        Value::Date(d)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}

/// A count, as a number.
impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Number(n as f64)
    }
}

impl From<ValueRef<'_>> for Value {
    fn from(v: ValueRef<'_>) -> Value {
        v.to_value()
    }
}

/// A value borrowed from where it is stored (a packed row of the national collation), so
/// that hundreds of thousands of rows can be read without copying their text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    /// Nothing stored.
    Empty,
    /// Text, borrowed from the row that stores it.
    Text(&'a str),
    /// A whole calendar date.
    Date(Date),
    /// A number: a count or a share.
    Number(f64),
}

impl<'a> ValueRef<'a> {
    /// The value as text (dates as ISO); `None` when empty.
    pub(crate) fn text(self) -> Option<Cow<'a, str>> {
        match self {
            ValueRef::Empty => None,
            ValueRef::Text(t) => Some(t.into()),
            ValueRef::Date(d) => Some(d.iso().into()),
            ValueRef::Number(n) => Some(number_text(n).into()),
        }
    }

    /// Whether the value is this text exactly.
    pub(crate) fn is(self, want: &str) -> bool {
        matches!(self, ValueRef::Text(t) if t == want)
    }

    /// The date, when the value is one; `None` for every other kind.
    pub(crate) fn date(self) -> Option<Date> {
        match self {
            ValueRef::Date(d) => Some(d),
            _ => None,
        }
    }
}

impl ValueRef<'_> {
    /// An owned copy.
    pub(crate) fn to_value(self) -> Value {
        match self {
            ValueRef::Empty => Value::Empty,
            ValueRef::Text(t) => Value::Text(t.to_string()),
            ValueRef::Date(d) => Value::Date(d),
            ValueRef::Number(n) => Value::Number(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_and_its_borrow_round_trip() {
        let date = Date::new(2016, 5, 10).unwrap();
        for v in [
            Value::Empty,
            Value::Text("Kent Police".into()),
            Value::Date(date),
            Value::Number(2.5),
        ] {
            assert_eq!(v.as_ref().to_value(), v);
            assert_eq!(Value::from(v.as_ref()), v);
            assert_eq!(v.as_ref().text(), v.text());
        }
    }

    #[test]
    fn text_of_each_kind() {
        assert_eq!(Value::Empty.text(), None);
        assert_eq!(Value::from("x").text().as_deref(), Some("x"));
        let date = Date::new(2016, 5, 10).unwrap();
        assert_eq!(Value::from(date).text().as_deref(), Some("2016-05-10"));
        assert_eq!(Value::from(3usize).text().as_deref(), Some("3"));
        assert_eq!(Value::from(0.25).text().as_deref(), Some("0.25"));
    }

    #[test]
    fn conversions_pick_the_right_kind() {
        assert_eq!(Value::from(7usize), Value::Number(7.0));
        assert_eq!(Value::from(String::from("a")), Value::Text("a".into()));
        assert!(ValueRef::Text("Yes").is("Yes"));
        assert!(!ValueRef::Number(1.0).is("1"));
        assert_eq!(Value::Empty.as_ref(), ValueRef::Empty);
    }
}
