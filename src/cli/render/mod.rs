//! Everything the commands print, in one place: `text` for a person beside `json` for a
//! machine, both renderings of the same library values.
//!
//! A command's `run` calls the library and hands the result here; what is shown, and how,
//! is decided in these files and nowhere else. They must never compute a result of their
//! own: a number that the text and the JSON both show is taken from the library, or from
//! one helper below that both use, so the two renderings cannot disagree.

pub mod fit;
pub mod grid;
pub mod json;
pub mod suspects;
pub mod text;

use std::fmt::Write as _;

pub use bridger_core::group;
use bridger_core::json::{across_forces, force_reason};
use bridger_core::{Links, SuspectGroup, Victim};

/// The repeat suspects and victims `links` shows, borrowed from its links.
pub struct Shown<'a> {
    /// The repeat suspects shown, in the links' order.
    pub suspects: Vec<&'a SuspectGroup>,
    /// The repeat victims shown, in the links' order.
    pub victims: Vec<&'a Victim>,
}

/// Which repeat suspects and victims `links` shows: `--new` only those with something new
/// in the latest quarter, `--cross-force` only those seen in more than one force.
#[derive(Clone, Copy, Debug, Default)]
pub struct Only {
    /// `--new`.
    pub new: bool,
    /// `--cross-force`.
    pub cross_force: bool,
}

impl Only {
    /// Whether any filter is on.
    pub fn any(self) -> bool {
        self.new || self.cross_force
    }

    /// The suspects and victims of `l` that are shown, borrowed: a copy of the links
    /// would hold every suspect record a second time (40 MB on a national quarter).
    pub fn apply(self, l: &Links) -> Shown<'_> {
        Shown {
            suspects: l
                .suspects
                .iter()
                .filter(|s| {
                    (!self.new || !s.series.new_this_quarter.is_empty())
                        && (!self.cross_force || s.forces.len() > 1)
                })
                .collect(),
            victims: l
                .victims
                .iter()
                .filter(|v| {
                    (!self.new || !v.new_this_quarter.is_empty())
                        && (!self.cross_force || v.forces.len() > 1)
                })
                .collect(),
        }
    }

    /// What is shown, in words: "with something new in 2016-17 Q4, seen in more than one
    /// force".
    fn said(self, l: &Links) -> String {
        let mut parts = Vec::new();
        if self.new {
            parts.push(match &l.latest_quarter {
                Some(q) => format!("with something new in {q}"),
                None => {
                    "with something new (none: the inputs hold one quarter only, so nothing is new)"
                        .to_string()
                }
            });
        }
        if self.cross_force {
            parts.push("seen in more than one force".to_string());
        }
        parts.join(", ")
    }
}

pub use bridger_core::plural;

/// Text made safe to print to a terminal: control characters (ESC shown as `\e`, new
/// lines as `\n`, others as `\u{7f}`), bidirectional overrides and isolates (such as
/// U+202E, which reverses what follows) and line and paragraph separators are shown
/// escaped, so that no cell, file name or message can move the cursor, clear the screen,
/// set the title, reorder a line or forge an output line. Everything a person reads goes
/// through this one function; JSON is escaped by serde_json instead.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\x1b' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || unsafe_format(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Format characters that change how a terminal shows the text around them.
fn unsafe_format(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{061c}')
}

/// A path as shown to a person: lossy where it is not UTF-8, then [`escape`]d.
pub fn path(p: &std::path::Path) -> String {
    escape(&p.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_is_singular_for_one_only() {
        assert_eq!(plural(1, "warning"), "1 warning");
        assert_eq!(plural(0, "warning"), "0 warnings");
        assert_eq!(plural(2, "change"), "2 changes");
        assert_eq!(plural(3, "force"), "3 forces");
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_shown_escaped() {
        assert_eq!(escape("a\x1b[2Jb"), "a\\e[2Jb");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape("one\ntwo\r"), "one\\ntwo\\r");
        assert_eq!(escape("\x07\u{9b}"), "\\u{7}\\u{9b}");
        assert_eq!(escape("Kent Police é"), "Kent Police é");
    }
}
