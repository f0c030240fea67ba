//! The one value type of bridger: what a cell holds once read by its column's rule.
//!
//! [`Value`] owns its text; [`ValueRef`] borrows it from wherever it is stored. The raw
//! cell as a file stores it (with errors and formulas) is `read::Stored`, and becomes a
//! `Value` only through the cell readers of `check`.

use std::borrow::Cow;

use super::dates::Date;
use super::text::number_text;

/// A value as a rule read it: text folded, a list value in the list's spelling, a date,
/// a count. It is what the national workbook stores, what the template is filled with and
/// what every summary sheet shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Date(Date),
    Number(f64),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    /// The value as text (dates as ISO), for comparisons and linkage.
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::Empty => None,
            Value::Text(t) => Some(t.as_str().into()),
            Value::Date(d) => Some(d.iso().into()),
            Value::Number(n) => Some(number_text(*n).into()),
        }
    }

    pub fn date(&self) -> Option<Date> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
}

/// A value borrowed from where it is stored (a packed row of the national collation), so
/// that hundreds of thousands of rows can be read without copying their text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    Empty,
    Text(&'a str),
    Date(Date),
}

impl<'a> ValueRef<'a> {
    pub fn is_empty(self) -> bool {
        matches!(self, ValueRef::Empty)
    }

    /// The value as text (dates as ISO); `None` when empty.
    pub fn text(self) -> Option<Cow<'a, str>> {
        match self {
            ValueRef::Empty => None,
            ValueRef::Text(t) => Some(t.into()),
            ValueRef::Date(d) => Some(d.iso().into()),
        }
    }

    /// Whether the value is this text exactly.
    pub fn is(self, want: &str) -> bool {
        matches!(self, ValueRef::Text(t) if t == want)
    }

    pub fn date(self) -> Option<Date> {
        match self {
            ValueRef::Date(d) => Some(d),
            _ => None,
        }
    }
}

impl ValueRef<'_> {
    /// An owned copy.
    pub fn to_value(self) -> Value {
        match self {
            ValueRef::Empty => Value::Empty,
            ValueRef::Text(t) => Value::Text(t.to_string()),
            ValueRef::Date(d) => Value::Date(d),
        }
    }
}
