//! Text as bridger compares and shows it: white space folded, numbers in their shortest
//! form, serials as ISO dates, digests in hex, counts with thousands separators and
//! their nouns in the singular for one.
//!
//! One fold for the whole program, so that the fingerprint, the rules, the force lookup
//! and the structure diff can never disagree about whether two texts are the same.
//!
//! Long text is cut here too, in one way for the whole program: a value quoted in a
//! message ([`quote`]), a value a finding shows ([`shown_value`]), a message
//! ([`cut_middle`]) and a cell bridger writes ([`fit_cell`]). A cell may hold 32,767
//! characters; nothing a cell holds may make a finding, a line of JSON or a written cell
//! longer than these bounds.

use std::borrow::Cow;

use super::calendar::Date;

/// The most characters one Excel cell holds.
pub(crate) const EXCEL_CELL_CHARS: usize = 32_767;

/// How much of a value a message quotes, or a finding shows, before it is cut.
pub(crate) const QUOTED_CHARS: usize = 100;

/// The first `n` characters of `text`, or `None` when it has no more than `n`.
fn head(text: &str, n: usize) -> Option<&str> {
    if text.len() <= n {
        return None;
    }
    text.char_indices().nth(n).map(|(i, _)| &text[..i])
}

/// A value as a message quotes it: `'Assult'`, or for a value longer than
/// [`QUOTED_CHARS`] its start and how long it is: `'xxxx…' (a value of 32,767 characters)`.
pub(crate) fn quote(text: &str) -> String {
    match head(text, QUOTED_CHARS) {
        None => format!("'{text}'"),
        Some(start) => format!("'{start}…' ({})", value_of(text)),
    }
}

/// A value as a finding shows it: whole, or its first [`QUOTED_CHARS`] characters and how
/// long it is: `xxxx… (a value of 32,767 characters)`.
pub(crate) fn shown_value(text: &str) -> Cow<'_, str> {
    match head(text, QUOTED_CHARS) {
        None => Cow::Borrowed(text),
        Some(start) => Cow::Owned(format!("{start}… ({})", value_of(text))),
    }
}

/// "a value of 32,767 characters".
fn value_of(text: &str) -> String {
    format!("a value of {} characters", thousands(text.chars().count()))
}

/// `text` in at most `max` characters: whole, or its start and its end with ` […] `
/// between, so that a message cut short still says what to do.
pub(crate) fn cut_middle(text: &str, max: usize) -> Cow<'_, str> {
    const GAP: &str = " […] ";
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let chars = text.chars().count();
    if chars <= max {
        return Cow::Borrowed(text);
    }
    let keep = max.saturating_sub(GAP.chars().count());
    let (front, back) = (keep - keep / 3, keep / 3);
    let start = text.char_indices().nth(front).map_or(0, |(i, _)| i);
    let end = text
        .char_indices()
        .nth(chars - back)
        .map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}{GAP}{}", &text[..start], &text[end..]))
}

/// Text as one Excel cell holds it: whole, or cut to [`EXCEL_CELL_CHARS`] with its end
/// saying so (`… (cut to fit an Excel cell: 40,000 characters in all)`), so that no text
/// can stop a workbook being written.
pub(crate) fn fit_cell(text: &str) -> Cow<'_, str> {
    if text.len() <= EXCEL_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let chars = text.chars().count();
    if chars <= EXCEL_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    let note = format!(
        "… (cut to fit an Excel cell: {} characters in all)",
        thousands(chars)
    );
    let keep = EXCEL_CELL_CHARS - note.chars().count();
    let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}{note}", &text[..end]))
}

/// A count and its noun, singular for one: `plural(1, "warning")` is "1 warning",
/// `plural(2, "warning")` "2 warnings". Nouns whose plural is not an added `s` say so in
/// [`plural_of`].
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {}", plural_of(noun))
    }
}

/// The plural of a noun the commands count.
fn plural_of(noun: &str) -> String {
    match noun {
        n if n.ends_with("ss") || n.ends_with('x') || n.ends_with("ch") => format!("{n}es"),
        n => format!("{n}s"),
    }
}

/// Text as the reading rules see it: trimmed, white space folded.
pub fn fold_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A number in shortest round-trip form, integers without a decimal point.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Text folded as [`fold_text`] does, then lower-cased: for matching names typed by people.
pub fn fold_lower(text: &str) -> String {
    fold_text(text).to_lowercase()
}

/// A serial as `YYYY-MM-DD`, with a time when it has one.
pub fn date_text(serial: f64) -> String {
    let Some(date) = Date::from_serial(serial) else {
        return number_text(serial);
    };
    let secs = ((serial - serial.floor()) * 86_400.0).round() as u32;
    if secs == 0 || secs >= 86_400 {
        date.iso()
    } else {
        format!(
            "{}T{:02}:{:02}:{:02}",
            date.iso(),
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

/// Lower-case hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 12345 → "12,345".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole_and_long_ones_cut_with_their_length() {
        assert_eq!(quote("Assult"), "'Assult'");
        assert_eq!(shown_value("Assult"), "Assult");
        let long = "é".repeat(EXCEL_CELL_CHARS);
        let quoted = quote(&long);
        assert_eq!(
            quoted,
            format!(
                "'{}…' (a value of 32,767 characters)",
                "é".repeat(QUOTED_CHARS)
            )
        );
        assert_eq!(
            shown_value(&long),
            format!(
                "{}… (a value of 32,767 characters)",
                "é".repeat(QUOTED_CHARS)
            )
        );
        // Exactly at the limit is whole.
        let edge = "x".repeat(QUOTED_CHARS);
        assert_eq!(quote(&edge), format!("'{edge}'"));
    }

    #[test]
    fn a_cut_message_keeps_its_start_and_its_end_within_the_limit() {
        let message = format!("'{}' is not in the list: choose one", "x".repeat(5000));
        let cut = cut_middle(&message, 1000);
        assert_eq!(cut.chars().count(), 1000);
        assert!(
            cut.starts_with("'xxx") && cut.ends_with("list: choose one"),
            "{cut}"
        );
        assert!(cut.contains(" […] "));
        assert_eq!(cut_middle("short", 1000), "short");
        let wide = "é".repeat(2000);
        assert_eq!(cut_middle(&wide, 1000).chars().count(), 1000);
    }

    #[test]
    fn a_cell_is_never_written_longer_than_excel_allows() {
        let fits = "x".repeat(EXCEL_CELL_CHARS);
        assert_eq!(fit_cell(&fits).len(), EXCEL_CELL_CHARS);
        let long = "é".repeat(40_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.chars().count(), EXCEL_CELL_CHARS);
        assert!(
            cut.ends_with("… (cut to fit an Excel cell: 40,000 characters in all)"),
            "{}",
            &cut[cut.len() - 80..]
        );
    }
}
