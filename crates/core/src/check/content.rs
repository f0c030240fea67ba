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
    /// One per column, packed in 64 bits: the low two bits say empty (0), text (1: offset
    /// in bits 2-32, length in bits 33-63) or date (2: days since 1970 in bits 2-33).
    slots: Box<[u64]>,
}

const SLOT_EMPTY: u64 = 0;
const SLOT_TEXT: u64 = 1;
const SLOT_DATE: u64 = 2;

impl Row {
    /// Packs normalised values (one per column).
    pub(crate) fn pack(source_row: u32, errors: u32, values: &[Value]) -> Row {
        let mut text = String::new();
        let slots = values
            .iter()
            .map(|v| match v {
                Value::Empty => SLOT_EMPTY,
                Value::Date(d) => SLOT_DATE | (u64::from(d.days() as i32 as u32) << 2),
                other => {
                    let t = other.text().unwrap_or_default();
                    // A row's text is at most 23 cells of 32,767 characters: well within 31 bits.
                    let start = text.len() as u64;
                    text.push_str(&t);
                    SLOT_TEXT | (start << 2) | ((t.len() as u64) << 33)
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

    /// The value of column `i` (by definition order).
    pub(crate) fn get(&self, i: usize) -> ValueRef<'_> {
        let slot = self.slots.get(i).copied().unwrap_or(SLOT_EMPTY);
        match slot & 3 {
            SLOT_TEXT => {
                let start = ((slot >> 2) & 0x7FFF_FFFF) as usize;
                let len = (slot >> 33) as usize;
                ValueRef::Text(&self.text[start..start + len])
            }
            SLOT_DATE => ValueRef::Date(Date::from_days(i64::from(
                ((slot >> 2) & 0xFFFF_FFFF) as u32 as i32,
            ))),
            _ => ValueRef::Empty,
        }
    }

    /// A row from its packed text and slots; `None` when a slot points outside the text
    /// or inside a character, so that a row received from elsewhere can never make
    /// [`Row::get`] panic.
    fn from_parts(source_row: u32, errors: u32, text: Box<str>, slots: Box<[u64]>) -> Option<Row> {
        let fits = |&slot: &u64| {
            slot & 3 != SLOT_TEXT || {
                let start = ((slot >> 2) & 0x7FFF_FFFF) as usize;
                let len = (slot >> 33) as usize;
                text.get(start..start + len).is_some()
            }
        };
        slots.iter().all(fits).then_some(Row {
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
    slots: Box<[u64]>,
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
        let row = Row::pack(5, 2, &[Value::Text("KNT/1".into()), Value::Empty]);
        let mut json = serde_json::to_value(&row).unwrap();
        let back: Row = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, row);
        json["text"] = "KNT/".into();
        let err = serde_json::from_value::<Row>(json).unwrap_err();
        assert!(err.to_string().contains("outside its text"), "{err}");
    }
}
