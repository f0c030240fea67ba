//! (c) Every cell reader and the text and date helpers on arbitrary strings and numbers:
//! none may panic, whatever a cell holds.
#![no_main]

use arbitrary::Arbitrary;
use bridger_core::cells;
use bridger_core::{a1, parse_text_date, Date, Quarter};
use bridger_core::Stored;
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
    let def = bridger_core::annex_c();
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
    let _ = cells::fold_text(&t);
    let _ = cells::fold_lower(&t);
    let _ = parse_text_date(&t);
    let _ = Quarter::parse(&t);
    if let Stored::Number(n) | Stored::Date(n) = stored {
        let _ = cells::number_text(n);
        let _ = cells::date_text(n);
        if let Some(d) = Date::from_serial(n) {
            let _ = (d.iso(), d.uk(), d.to_serial(), d.days());
        }
    }
    let _ = cells::column_name(case.col);
    let _ = a1(case.row, case.col);
    let d = Date::from_days(case.days.clamp(-100_000_000, 100_000_000));
    let _ = (d.iso(), d.uk());
});
