//! What a return says, normalised: the Return fields, and every data row packed small.
//!
//! The rules produce it, collation decides whose rows are kept, and the national workbook
//! and the linkage read it. It lives with the checks that make it, so that no stage before
//! collation has to know about collation.

use serde::{Deserialize, Serialize};

use crate::base::calendar::{Date, Quarter};
use crate::base::value::{Value, ValueRef};
use crate::check::cells as values;
use crate::definition::{Definition, FieldIndex, Force};
use crate::read::Book;

/// A data row of a table, normalised and packed: all its text in one string, and a small
/// slot per column. A national year is hundreds of thousands of rows, held in memory
/// between validation and writing, so a row costs a few hundred bytes rather than a
/// heap allocation per cell. Serde sends it packed as it is, and reads back only a row
/// whose slots fit its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RowParts")]
pub struct Row {
    /// One-based row number in the return, for "source row".
    pub source_row: u32,
    /// Errors found on this row.
    pub errors: u32,
    text: Box<str>,
    /// One per column, packed in 32 bits: the low two bits say empty (0), text (1: its
    /// start in the text in bits 2-31; it ends where the next column's text starts, or at
    /// the end) or date (2: days since 1970, signed, in bits 2-31). Four bytes a cell, not
    /// eight: a national year's rows are 34 MB smaller.
    slots: Box<[u32]>,
}

const SLOT_EMPTY: u32 = 0;
const SLOT_TEXT: u32 = 1;
const SLOT_DATE: u32 = 2;
/// The most days from 1970 a date slot holds either way (about 1.47 million years).
const SLOT_DAYS: i64 = (1 << 29) - 1;

impl Row {
    /// Packs normalised values (one per column).
    pub(crate) fn pack(source_row: u32, errors: u32, values: &[Value]) -> Row {
        let mut text = String::new();
        let slots = values
            .iter()
            .map(|v| match v {
                Value::Empty => SLOT_EMPTY,
                Value::Date(d) if d.days().abs() <= SLOT_DAYS => {
                    SLOT_DATE | ((d.days() as i32 as u32) << 2)
                }
                other => {
                    // No reader makes a date past the year 9999, so a date too far for a
                    // slot is kept as its text rather than cut.
                    let t = other.text().unwrap_or_default();
                    // A row's text is at most 23 cells of 32,767 characters (3 MB in
                    // UTF-8): well within 30 bits.
                    let start = text.len() as u32;
                    text.push_str(&t);
                    SLOT_TEXT | (start << 2)
                }
            })
            .collect();
        Row {
            source_row,
            errors,
            text: text.into_boxed_str(),
            slots,
        }
    }

    /// Where column `i`'s text ends: where the next column's text starts, or at the end.
    fn text_end(&self, i: usize) -> usize {
        self.slots[i + 1..]
            .iter()
            .find(|&&s| s & 3 == SLOT_TEXT)
            .map_or(self.text.len(), |&s| (s >> 2) as usize)
    }

    /// The value of column `i` (by definition order).
    pub(crate) fn get(&self, i: usize) -> ValueRef<'_> {
        let slot = self.slots.get(i).copied().unwrap_or(SLOT_EMPTY);
        match slot & 3 {
            SLOT_TEXT => ValueRef::Text(&self.text[(slot >> 2) as usize..self.text_end(i)]),
            SLOT_DATE => ValueRef::Date(Date::from_days(i64::from((slot as i32) >> 2))),
            _ => ValueRef::Empty,
        }
    }

    /// A row from its packed text and slots; `None` when a text slot starts outside the
    /// text or inside a character, or before the text slot before it, so that a row
    /// received from elsewhere can never make [`Row::get`] panic.
    fn from_parts(source_row: u32, errors: u32, text: Box<str>, slots: Box<[u32]>) -> Option<Row> {
        let mut previous = 0;
        let fits = slots.iter().filter(|&&s| s & 3 == SLOT_TEXT).all(|&s| {
            let start = (s >> 2) as usize;
            let ok = start >= previous && text.is_char_boundary(start);
            previous = start;
            ok
        });
        fits.then_some(Row {
            source_row,
            errors,
            text,
            slots,
        })
    }

    /// How many columns the row has.
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }
}

/// A [`Row`] as serde reads it, before its slots are checked against its text.
#[derive(Deserialize)]
struct RowParts {
    source_row: u32,
    errors: u32,
    text: Box<str>,
    slots: Box<[u32]>,
}

impl TryFrom<RowParts> for Row {
    type Error = &'static str;
    fn try_from(p: RowParts) -> Result<Row, &'static str> {
        Row::from_parts(p.source_row, p.errors, p.text, p.slots)
            .ok_or("a row's slot points outside its text")
    }
}

/// What a return says, normalised.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Content {
    /// The force's list name and code, when it reads.
    pub force: Option<Force>,
    /// The reporting quarter, when the Return sheet's quarter reads as one.
    pub quarter: Option<Quarter>,
    /// One value per Return field, in definition order.
    pub fields: Vec<Value>,
    /// The data rows of the Engagement sheet, one per MP, in sheet order.
    pub engagement: Vec<Row>,
    /// The data rows of the Incidents sheet, one per crime or incident, in sheet order.
    pub incidents: Vec<Row>,
}

impl Content {
    /// The value of this Return field; `Value::Empty` when blank (or not read).
    pub(crate) fn field(&self, field: FieldIndex) -> &Value {
        self.fields.get(field.index()).unwrap_or(&Value::Empty)
    }
}

/// What a return claims about itself: its force, quarter and date submitted.
pub(crate) type Claim = (Option<Force>, Option<Quarter>, Option<Date>);

/// The force, quarter and date submitted a return claims, read where the definition puts
/// them, for a return whose structure could not be trusted enough to check its content.
pub(crate) fn claimed_identity(book: &Book, def: &Definition) -> Claim {
    let Some(sheet) = book.sheet(&def.return_sheet) else {
        return (None, None, None);
    };
    let keys = &def.keys.fields;
    let cell = |f: FieldIndex| sheet.get(def.field(f).row - 1, 1);
    let read = |f: FieldIndex| cell(f).map(values::read_text);
    let force = read(keys.force).and_then(|t| def.force(&t)).cloned();
    let quarter = read(keys.quarter).and_then(|t| Quarter::parse(&t));
    let date = cell(keys.date_submitted)
        .and_then(|v| values::read_date(v, book.date1904).ok())
        .map(|(d, _)| d);
    (force, quarter, date)
}

/// The date a return says it was submitted, for choosing between resubmissions.
pub(crate) fn date_submitted(content: &Content, def: &Definition) -> Option<Date> {
    content.field(def.keys.fields.date_submitted).date()
}

#[cfg(test)]
mod row_tests {
    use super::*;

    #[test]
    fn rows_pack_and_unpack() {
        let d = Date::new(1975, 3, 2).unwrap();
        let old = Date::new(1901, 1, 1).unwrap();
        let values = vec![
            Value::Text("KNT/1".into()),
            Value::Empty,
            Value::Date(d),
            Value::Text("Ünïcode ✓".into()),
            Value::Date(old),
            Value::Number(3.0),
        ];
        let row = Row::pack(5, 2, &values);
        assert_eq!(row.len(), 6);
        assert_eq!(row.get(0), ValueRef::Text("KNT/1"));
        assert_eq!(row.get(1), ValueRef::Empty);
        assert_eq!(row.get(2).date(), Some(d));
        assert_eq!(row.get(3), ValueRef::Text("Ünïcode ✓"));
        assert_eq!(row.get(4).date(), Some(old));
        assert_eq!(row.get(5), ValueRef::Text("3"));
        assert_eq!(row.get(9), ValueRef::Empty);
        assert_eq!((row.source_row, row.errors), (5, 2));
    }

    #[test]
    fn serde_reads_back_a_row_only_when_its_slots_fit_its_text() {
        let row = Row::pack(
            5,
            2,
            &[
                Value::Text("KNT/1".into()),
                Value::Empty,
                Value::Text("Ü".into()),
            ],
        );
        let mut json = serde_json::to_value(&row).unwrap();
        let back: Row = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, row);
        let refused = |json: serde_json::Value| {
            let err = serde_json::from_value::<Row>(json).unwrap_err();
            assert!(err.to_string().contains("outside its text"), "{err}");
        };
        // The third column's text starts at byte 5: past the end of a shorter text...
        json["text"] = "KNT".into();
        refused(json.clone());
        // ...inside a character...
        json["text"] = "KNTAÜ/".into();
        refused(json.clone());
        // ...or before the text of the column before it.
        json["text"] = "KNT/1Ü".into();
        json["slots"][0] = (SLOT_TEXT | (6 << 2)).into();
        refused(json);
    }

    /// Each text runs to where the next text starts: empty texts, and texts beside empty
    /// and date columns, come back as they went in.
    #[test]
    fn texts_end_where_the_next_begins() {
        let d = Date::new(1990, 6, 10).unwrap();
        let values = [
            Value::Text(String::new()),
            Value::Text("a".into()),
            Value::Empty,
            Value::Date(d),
            Value::Text(String::new()),
            Value::Text("bc".into()),
        ];
        let row = Row::pack(1, 0, &values);
        let got: Vec<ValueRef<'_>> = (0..values.len()).map(|i| row.get(i)).collect();
        assert_eq!(
            got,
            [
                ValueRef::Text(""),
                ValueRef::Text("a"),
                ValueRef::Empty,
                ValueRef::Date(d),
                ValueRef::Text(""),
                ValueRef::Text("bc"),
            ]
        );
    }

    /// A date too far for a slot's 30 bits (no reader makes one) is kept as its text,
    /// never cut to another date.
    #[test]
    fn a_date_too_far_for_a_slot_is_kept_as_text() {
        let far = Date::new(2_000_000, 1, 1).unwrap();
        let near = Date::new(-9999, 12, 31).unwrap();
        let row = Row::pack(1, 0, &[Value::Date(far), Value::Date(near)]);
        assert_eq!(
            row.get(0),
            ValueRef::Text(&Value::Date(far).text().unwrap())
        );
        assert_eq!(row.get(1).date(), Some(near));
    }
}
