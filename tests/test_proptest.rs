//! Property tests: whatever a cell holds (any Unicode text, control characters and bidi
//! overrides included, any number), every cell reader and the text and date helpers
//! return a value or a problem, never a panic. The coverage-guided version of this is
//! `fuzz/fuzz_targets/cell_readers.rs` (see FUZZING.md); this one runs in the normal suite.

use bridger_core::cells;
use bridger_core::Stored;
use bridger_core::{a1, parse_text_date, Date, Quarter};
use proptest::prelude::*;

/// Any text a cell can hold: any `char`, weighted towards the ones readers trip on.
fn cell_text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            'é', 'ß', '\u{202e}', '\u{1b}', '\n', '\t', '\u{a0}', '\u{2028}', 'İ', 'ﬀ', '😀', 'Ａ',
            '０', ' ', '@', '.', '/', '-',
        ]),
        prop::char::range('0', '9'),
        prop::char::range('A', 'Z'),
    ];
    prop::collection::vec(tricky, 1..24).prop_map(|cs| cs.into_iter().collect())
}

/// Runs every reader and helper on one stored value.
fn read_everything(stored: &Stored, date1904: bool) {
    let def = bridger_core::annex_c();
    let _ = cells::display(stored);
    let _ = cells::is_blank(Some(stored));
    let t = cells::read_text(stored);
    let _ = cells::read_date(stored, date1904);
    let _ = cells::read_email(stored);
    let _ = cells::read_count(stored);
    for list in &def.lists {
        let _ = cells::read_list(stored, list);
    }
    let _ = cells::fold_text(&t);
    let _ = cells::fold_lower(&t);
    let _ = parse_text_date(&t);
    let _ = Quarter::parse(&t);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_through_every_cell_reader_never_panics(s in cell_text(), date1904 in any::<bool>()) {
        for stored in [Stored::Text(s.clone().into()), Stored::Error(s.clone()), Stored::Formula(s)] {
            read_everything(&stored, date1904);
        }
    }

    #[test]
    fn any_text_through_the_postcode_reader_never_panics(s in cell_text()) {
        let _ = cells::read_postcode(&Stored::Text(s.into()));
    }

    #[test]
    fn any_number_through_the_date_reader_never_panics(n in any::<f64>(), date1904 in any::<bool>()) {
        for stored in [Stored::Number(n), Stored::Date(n)] {
            read_everything(&stored, date1904);
            let _ = cells::read_postcode(&stored);
        }
        let _ = cells::number_text(n);
        let _ = cells::date_text(n);
        if let Some(d) = Date::from_serial(n) {
            let _ = (d.iso(), d.uk(), d.to_serial());
        }
    }

    #[test]
    fn any_cell_position_is_named_without_panicking(row in any::<u32>(), col in any::<u32>()) {
        let _ = cells::column_name(col);
        let _ = a1(row, col);
    }
}
