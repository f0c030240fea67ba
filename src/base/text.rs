//! Text as bridger compares and shows it: white space folded, numbers in their shortest
//! form, serials as ISO dates, digests in hex, counts with thousands separators and
//! their nouns in the singular for one.
//!
//! One fold for the whole program, so that the fingerprint, the rules, the force lookup
//! and the structure diff can never disagree about whether two texts are the same.

use super::dates::Date;

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
pub fn hex(bytes: &[u8]) -> String {
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
