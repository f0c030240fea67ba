//! (c) Every cell reader and the text and date helpers on arbitrary strings and numbers:
//! none may panic, whatever a cell holds.
#![no_main]

use arbitrary::Arbitrary;
use bridger_core::base::{cellref, dates, text};
use bridger_core::check::cells;
use bridger_core::read::Stored;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Input {
    Text(String),
    Number(f64),
    Bool(bool),
    Date(f64),
    Error(String),
    Formula(String),
}

#[derive(Arbitrary, Debug)]
struct Case {
    value: Input,
    date1904: bool,
    row: u32,
    col: u32,
    days: i64,
}

fuzz_target!(|case: Case| {
    let stored = match case.value {
        Input::Text(t) if t.is_empty() => Stored::Text(" ".into()),
        Input::Text(t) => Stored::Text(t.into()),
        Input::Number(n) => Stored::Number(n),
        Input::Bool(b) => Stored::Bool(b),
        Input::Date(d) => Stored::Date(d),
        Input::Error(e) => Stored::Error(e),
        Input::Formula(f) => Stored::Formula(f),
    };
    let def = bridger_core::definition::annex_c();
    let _ = cells::display(&stored);
    let _ = cells::is_blank(Some(&stored));
    let t = cells::read_text(&stored);
    let _ = cells::read_date(&stored, case.date1904);
    let _ = cells::read_postcode(&stored);
    let _ = cells::read_email(&stored);
    let _ = cells::read_count(&stored);
    for list in &def.lists {
        let _ = cells::read_list(&stored, list);
    }
    let _ = text::fold_text(&t);
    let _ = text::fold_lower(&t);
    let _ = dates::parse_text_date(&t);
    let _ = dates::Quarter::parse(&t);
    if let Stored::Number(n) | Stored::Date(n) = stored {
        let _ = text::number_text(n);
        let _ = text::date_text(n);
        if let Some(d) = dates::Date::from_serial(n) {
            let _ = (d.iso(), d.uk(), d.to_serial(), d.days());
        }
    }
    let _ = cellref::column_name(case.col);
    let _ = cellref::a1(case.row, case.col);
    let d = dates::Date::from_days(case.days.clamp(-100_000_000, 100_000_000));
    let _ = (d.iso(), d.uk());
});
