//! Tables and sentences fitted to the screen, without ever splitting a name: on a terminal
//! (or at `COLUMNS`) a table is as wide as the screen, the column a person reads (the
//! message) wraps at spaces, and a force name, a file name, a quarter, a date or a
//! reference stays whole on one line; when the columns cannot all stand side by side, the
//! short ones are folded, one by one, into the first column as lines of their own. Printed
//! to a file or a pipe with no `COLUMNS`, nothing is fitted: each table row is one line, as
//! long as it needs, so a script or an email gets each force on one line.

use std::io::IsTerminal;
use std::sync::OnceLock;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, ColumnConstraint, ContentArrangement, Row, Table, Width,
};

/// Narrower than this is taken as this: below it no table can be read anyway.
const MIN_WIDTH: u16 = 40;

/// The share of the room that the message column has at least, in percent, when the
/// table does not fit as it is (less when its text is shorter).
const MESSAGE_SHARE: usize = 40;

/// The narrowest any column is ever made (padding included).
const FLOOR: usize = 6;

/// Left and right padding of a cell, as the house style has it.
const PADDING: usize = 2;

/// Stands for a space inside a value that must stay on one line: neither comfy-table nor
/// [`wrap`] breaks a line there, and [`wrap`] prints it as a space.
const KEEP: char = '\u{a0}';

/// Table lines start with one of these; [`wrap`] leaves them as they are.
const BORDERS: [char; 5] = ['┌', '│', '╞', '├', '└'];

/// The width output is fitted to: `COLUMNS` when set to a number, else the terminal's
/// when stdout is one, else `None`: printed to a file or a pipe, lines are as long as
/// they need.
pub fn width() -> Option<u16> {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0);
    let detected = || {
        std::io::stdout()
            .is_terminal()
            .then(|| Table::new().width())
            .flatten()
    };
    from_env.or_else(detected).map(|w| w.max(MIN_WIDTH))
}

/// Whether output is fitted to fewer than `columns` characters (never at natural width).
pub fn narrower_than(columns: u16) -> bool {
    width().is_some_and(|w| w < columns)
}

/// `text` (a force name, a file name, a path) kept on one line wherever it is printed.
pub fn whole(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// `text` with every force name and alias of forces.csv, every quarter ("2016-17 Q1") and
/// each of `names` in it made [`whole`], so that no sentence or cell breaks inside one.
pub fn keep(text: &str, names: &[String]) -> String {
    let mut out = quarters_whole(text);
    let mut all: Vec<&str> = registry()
        .iter()
        .map(String::as_str)
        .chain(names.iter().map(String::as_str))
        .filter(|n| n.contains(' '))
        .collect();
    // Longest first: a name inside a longer one must not take the longer one's spaces.
    all.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for name in all {
        if out.contains(name) {
            out = out.replace(name, &whole(name));
        }
    }
    out
}

/// The names and aliases of forces.csv that have a space in them.
fn registry() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        bridger_core::annex_c()
            .forces
            .iter()
            .flat_map(|f| std::iter::once(&f.name).chain(&f.aliases))
            .filter(|n| n.contains(' '))
            .cloned()
            .collect()
    })
}

/// `text` with the space of every quarter ("2016-17 Q1") in it made [`whole`].
fn quarters_whole(text: &str) -> String {
    let b = text.as_bytes();
    let quarter_at = |i: usize| {
        let d = |k: usize| b.get(i + k).is_some_and(u8::is_ascii_digit);
        (0..4).all(d)
            && b.get(i + 4) == Some(&b'-')
            && d(5)
            && d(6)
            && b.get(i + 7) == Some(&b' ')
            && b.get(i + 8) == Some(&b'Q')
            && b.get(i + 9).is_some_and(|c| (b'1'..=b'4').contains(c))
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for i in 0..b.len() {
        if quarter_at(i) {
            out.push_str(&text[last..i + 7]);
            out.push(KEEP);
            last = i + 8;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// An empty table in the house style (comfy-table's condensed UTF-8 preset) with this
/// header. Add the rows, then hand it to [`arranged`].
pub fn table<T: Into<Row>>(header: T) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    t
}

/// A table's text, laid out anew by [`arranged`].
struct Layout {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The column a person reads, which wraps and has the room.
    message: Option<usize>,
    /// How many lines each row's first cell has of its own (before any [`Layout::fold`]).
    own: Vec<usize>,
}

impl Layout {
    /// The cells of `t`, each with the force names, quarters and `names` in it kept
    /// [`whole`], less the columns that are empty in every row.
    fn of(t: &Table, message: Option<usize>, names: &[String]) -> Layout {
        let header: Vec<String> = t
            .header()
            .map(|h| h.cell_iter().map(|c| c.content()).collect())
            .unwrap_or_default();
        let rows: Vec<Vec<String>> = t
            .row_iter()
            .map(|r| {
                let mut row: Vec<String> =
                    r.cell_iter().map(|c| keep(&c.content(), names)).collect();
                row.resize(header.len(), String::new());
                row
            })
            .collect();
        let used: Vec<usize> = (0..header.len())
            .filter(|&i| rows.iter().any(|r| !r[i].is_empty()))
            .collect();
        let pick = |row: &Vec<String>| used.iter().map(|&i| row[i].clone()).collect::<Vec<_>>();
        let rows: Vec<Vec<String>> = rows.iter().map(pick).collect();
        Layout {
            header: pick(&header),
            own: rows
                .iter()
                .map(|r| r.first().map_or(0, |c| c.lines().count()))
                .collect(),
            rows,
            message: message.and_then(|m| used.iter().position(|&i| i == m)),
        }
    }

    /// Each column's natural width (its longest line) and the width of its longest word
    /// (text between spaces, a kept value being one word), padding included.
    fn measure(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.header.len();
        let (mut natural, mut word) = (vec![2usize; n], vec![2usize; n]);
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, text) in row.iter().enumerate() {
                for line in text.lines() {
                    natural[i] = natural[i].max(line.chars().count() + 2);
                    for w in line.split(' ') {
                        word[i] = word[i].max(w.chars().count() + 2);
                    }
                }
            }
        }
        (natural, word)
    }

    /// The room for the columns' text in a table `width` wide (less the borders).
    fn room(&self, width: usize) -> usize {
        width.saturating_sub(self.header.len() + 1)
    }

    /// The least width the message column is given: its longest word, and its share.
    fn message_min(&self, natural: &[usize], word: &[usize], room: usize) -> usize {
        self.message.map_or(0, |m| {
            word[m].max(natural[m].min(room * MESSAGE_SHARE / 100))
        })
    }

    /// Whether every column fits `width` with no word cut and the message its share.
    fn fits(&self, width: usize) -> bool {
        let (natural, word) = self.measure();
        let room = self.room(width);
        let others: usize = (0..word.len())
            .filter(|&i| Some(i) != self.message)
            .map(|i| word[i])
            .sum();
        others + self.message_min(&natural, &word, room) <= room
    }

    /// Folds the last column that is neither the first nor the message into the first:
    /// its value becomes a line "header: value" under the first column's. `false` when
    /// there is none left to fold.
    fn fold(&mut self) -> bool {
        let Some(j) = (1..self.header.len())
            .rev()
            .find(|&j| Some(j) != self.message)
        else {
            return false;
        };
        let head = self.header.remove(j);
        for (row, &own) in self.rows.iter_mut().zip(&self.own) {
            let value = row.remove(j);
            if value.is_empty() {
                continue;
            }
            let value = value.lines().collect::<Vec<_>>().join(", ");
            let line = if head.is_empty() {
                value
            } else {
                format!("{head}: {value}")
            };
            // After the first column's own lines, before those folded already (which
            // came from columns further right).
            let mut lines: Vec<&str> = row[0].lines().collect();
            lines.insert(own.min(lines.len()), &line);
            row[0] = lines.join("\n");
        }
        if let Some(m) = self.message.as_mut() {
            if *m > j {
                *m -= 1;
            }
        }
        true
    }

    /// The table, in the house style, with these column widths (`None`: as wide as its
    /// content, never wrapped).
    fn table(self, width: Option<u16>, widths: Option<Vec<usize>>) -> Table {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED).set_header(self.header);
        match width {
            Some(w) => t
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w),
            None => t.set_content_arrangement(ContentArrangement::Disabled),
        };
        for row in self.rows {
            match &widths {
                // A word wider than its column is broken here, in one pass: comfy-table
                // cuts such a word a line at a time, copying the rest each time, which is
                // quadratic in its length (a 32,767-character value took minutes).
                Some(w) => t.add_row(
                    row.iter()
                        .zip(w)
                        .map(|(text, &w)| {
                            break_long_words(text, w.saturating_sub(PADDING).max(1))
                                .unwrap_or_else(|| text.clone())
                        })
                        .collect::<Vec<_>>(),
                ),
                None => t.add_row(row),
            };
        }
        let constraints: Vec<ColumnConstraint> = match widths {
            None => vec![ColumnConstraint::ContentWidth; t.column_count()],
            Some(w) => w
                .iter()
                .map(|&w| {
                    ColumnConstraint::Absolute(Width::Fixed(u16::try_from(w).unwrap_or(u16::MAX)))
                })
                .collect(),
        };
        t.set_constraints(constraints);
        t
    }
}

/// `text` with every word (between spaces or line breaks) wider than `room` columns cut
/// into lines of at most `room` columns, in one pass; `None` when every word fits.
fn break_long_words(text: &str, room: usize) -> Option<String> {
    if !text.split(['\n', ' ']).any(|w| w.width() > room) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / room + 1);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            if word.width() <= room {
                out.push_str(word);
                continue;
            }
            let mut used = 0;
            for ch in word.chars() {
                let w = ch.width().unwrap_or(0);
                if used > 0 && used + w > room {
                    out.push('\n');
                    used = 0;
                }
                out.push(ch);
                used += w;
            }
        }
    }
    Some(out)
}

/// Whether `t` fits the width as it is, with no column folded and no word cut (always,
/// at natural width).
pub fn fits(t: &Table, message: Option<usize>) -> bool {
    width().is_none_or(|w| Layout::of(t, message, &[]).fits(usize::from(w)))
}

/// The table laid out for reading: the columns empty in every row left out, and each
/// force name, quarter and each of `names` kept whole (see [`keep`]). At natural width
/// every row is one line (a cell's lines joined by "; "). Fitted to a width, it is as
/// wide as its content when that fits; else every column is at least as wide as its
/// longest word and the column `message` has at least [`MESSAGE_SHARE`] per cent of the
/// room (see [`share_out`]), and when even that does not fit, the columns after the first
/// are folded into it, last first, until it does. Only a word wider than the whole screen
/// is ever cut.
pub fn arranged(t: Table, message: Option<usize>, names: &[String]) -> Table {
    let mut layout = Layout::of(&t, message, names);
    let Some(width) = width() else {
        for row in &mut layout.rows {
            for cell in row.iter_mut() {
                *cell = cell.lines().collect::<Vec<_>>().join("; ");
            }
        }
        return layout.table(None, None);
    };
    let w = usize::from(width);
    while !layout.fits(w) && layout.fold() {}
    let (natural, word) = layout.measure();
    let room = layout.room(w);
    if natural.iter().sum::<usize>() <= room {
        return layout.table(Some(width), None);
    }
    let widths = if layout.fits(w) {
        share_out(&natural, &word, layout.message, room)
    } else {
        squeezed(&natural, &word, layout.message, room)
    };
    layout.table(Some(width), Some(widths))
}

/// The width of each column (padding included) when the natural widths add up to more
/// than `room` but every word fits: every column as wide as its longest word, the message
/// its least (see [`Layout::message_min`]) or half the room if the others' words leave
/// it; what is left widens the other columns to their natural width (the nearest first),
/// and then the message.
fn share_out(natural: &[usize], word: &[usize], message: Option<usize>, room: usize) -> Vec<usize> {
    let others: Vec<usize> = (0..natural.len()).filter(|&i| Some(i) != message).collect();
    let mut w: Vec<usize> = word.iter().map(|&x| x.max(FLOOR.min(x))).collect();
    let message_min = message.map_or(0, |m| {
        word[m].max(natural[m].min(room * MESSAGE_SHARE / 100))
    });
    if let Some(m) = message {
        // Half the room when it has that much to say and the longest words leave it.
        let others_min: usize = others.iter().map(|&i| w[i]).sum();
        let half = natural[m]
            .min(room / 2)
            .min(room.saturating_sub(others_min));
        w[m] = message_min.max(half);
    }
    let mut left = room.saturating_sub(w.iter().sum::<usize>());
    let mut by_need = others;
    by_need.sort_by_key(|&i| natural[i].saturating_sub(w[i]));
    for i in by_need {
        let more = natural[i].saturating_sub(w[i]).min(left);
        w[i] += more;
        left -= more;
    }
    if let Some(m) = message {
        w[m] = (w[m] + left).min(natural[m]).max(message_min);
    }
    w
}

/// The widths when a word is wider than the screen allows: the widest columns are
/// narrowed, a character at a time, until the message has its share (such a word is
/// cut: nothing else would fit).
fn squeezed(natural: &[usize], word: &[usize], message: Option<usize>, room: usize) -> Vec<usize> {
    let others: Vec<usize> = (0..natural.len()).filter(|&i| Some(i) != message).collect();
    let mut w: Vec<usize> = (0..natural.len())
        .map(|i| natural[i].min(word[i]).max(FLOOR))
        .collect();
    let message_min = message.map_or(0, |m| {
        natural[m].min((room * MESSAGE_SHARE / 100).max(FLOOR))
    });
    while others.iter().map(|&i| w[i]).sum::<usize>() + message_min > room {
        let Some(&widest) = others
            .iter()
            .filter(|&&i| w[i] > FLOOR)
            .max_by_key(|&&i| w[i])
        else {
            break;
        };
        w[widest] -= 1;
    }
    if let Some(m) = message {
        w[m] = room
            .saturating_sub(others.iter().map(|&i| w[i]).sum::<usize>())
            .max(FLOOR);
    }
    w
}

/// `text` with every line longer than [`width`] broken at spaces, the continuation lines
/// indented by two; a word longer than the width stays whole, and a force name, a quarter
/// or a value made [`whole`] is one word. Table lines are left as they are (they are laid
/// out already). At natural width nothing is broken.
pub fn wrap(text: &str) -> String {
    let text = keep(text, &[]);
    let out = match width() {
        Some(w) => wrap_to(&text, usize::from(w)),
        None => text,
    };
    out.replace(KEEP, " ")
}

/// [`wrap`] to `width` characters, the kept spaces left as they are.
fn wrap_to(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if body.chars().count() <= width || body.starts_with(BORDERS) {
            out.push_str(line);
            continue;
        }
        // A line that is indented keeps its indent, and its continuation lines two more.
        let indent = body.len() - body.trim_start_matches(' ').len();
        out.push_str(&body[..indent]);
        let mut used = indent;
        for word in body[indent..].split(' ') {
            let len = word.chars().count();
            if used > indent && used + 1 + len > width {
                out.push('\n');
                out.push_str(&" ".repeat(indent + 2));
                used = indent + 2;
            } else if used > indent {
                out.push(' ');
                used += 1;
            }
            out.push_str(word);
            used += len;
        }
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_break_at_spaces_with_an_indent_and_short_ones_stay() {
        assert_eq!(
            wrap_to("one two three\nfour\n", 9),
            "one two\n  three\nfour\n"
        );
        assert_eq!(wrap_to("abcdefghijkl x", 5), "abcdefghijkl\n  x");
        assert_eq!(wrap_to("short\n", 80), "short\n");
        assert_eq!(wrap_to("  one two three", 10), "  one two\n    three");
        let table = "│ a very long table line ┆ x │\n";
        assert_eq!(wrap_to(table, 10), table);
    }

    #[test]
    fn a_word_wider_than_its_column_is_broken_before_comfy_table_sees_it() {
        // A 32,767-character value quoted in a message: comfy-table would cut it a line
        // at a time, copying the rest each time (quadratic). Laid out to a width, no cell
        // holds a word wider than its column, so comfy-table never cuts one.
        let long = "x".repeat(32_767);
        let wide = "界".repeat(500);
        let mut t = table(["cell", "what to do"]);
        t.add_row(vec![
            "G5".to_string(),
            format!("'{long}' is not in the list"),
        ]);
        t.add_row(vec![wide.clone(), "short".to_string()]);
        let mut layout = Layout::of(&t, Some(1), &[]);
        while !layout.fits(80) && layout.fold() {}
        let (natural, word) = layout.measure();
        let widths = squeezed(&natural, &word, layout.message, layout.room(80));
        let t = layout.table(Some(80), Some(widths.clone()));
        let mut letters = 0;
        for row in t.row_iter() {
            for (cell, w) in row.cell_iter().zip(&widths) {
                let text = cell.content();
                for word in text.split(['\n', ' ']) {
                    assert!(
                        word.width() <= w - PADDING,
                        "a word of {} in {}",
                        word.width(),
                        w - PADDING
                    );
                }
                letters += text.chars().filter(|c| *c == 'x' || *c == '界').count();
            }
        }
        // Nothing is lost: every character is still there.
        assert_eq!(letters, 32_767 + 500);
        assert_eq!(break_long_words("fits here", 20), None);
        assert_eq!(
            break_long_words("ab abcdef", 4).as_deref(),
            Some("ab abcd\nef")
        );
        assert_eq!(break_long_words("界界界", 3).as_deref(), Some("界\n界\n界"));
    }

    #[test]
    fn force_names_and_quarters_are_one_word() {
        let text = keep(
            "Police Service of Northern Ireland, 2016-17 Q1; Kent Police",
            &[],
        );
        assert_eq!(
            text.split(' ').collect::<Vec<_>>(),
            [
                "Police\u{a0}Service\u{a0}of\u{a0}Northern\u{a0}Ireland,",
                "2016-17\u{a0}Q1;",
                "Kent\u{a0}Police"
            ]
        );
        assert_eq!(
            quarters_whole("2016-17 Q5 and 16-17 Q1"),
            "2016-17 Q5 and 16-17 Q1"
        );
        let named = keep("superseded by a b.xlsx", &["a b.xlsx".to_string()]);
        assert_eq!(named, "superseded by a\u{a0}b.xlsx");
    }

    #[test]
    fn every_column_keeps_its_longest_word_and_the_message_gets_the_rest() {
        // force, status, message: 100 characters of room.
        let natural = [36, 19, 160];
        let word = [36, 19, 20];
        let w = share_out(&natural, &word, Some(2), 96);
        assert_eq!((w[0], w[1]), (36, 19), "{w:?}");
        assert_eq!(w.iter().sum::<usize>(), 96, "{w:?}");
        // A column of one long word keeps it; the message has the rest, its share or more.
        let w = share_out(&[40, 200], &[40, 20], Some(1), 76);
        assert_eq!(w, [40, 36]);
    }

    #[test]
    fn columns_that_cannot_stand_side_by_side_are_folded_into_the_first() {
        let mut t = table(["force", "status", "incidents", "file and first reason"]);
        t.add_row([
            "Police\u{a0}Service\u{a0}of\u{a0}Northern\u{a0}Ireland",
            "modified-template",
            "12",
            "a-long-file-name-2016-17-Q1.xlsx: the header was changed",
        ]);
        let mut layout = Layout::of(&t, Some(3), &[]);
        assert!(!layout.fits(80));
        assert!(layout.fold() && !layout.fits(80));
        assert!(layout.fold() && layout.fits(80));
        assert_eq!(layout.header, ["force", "file and first reason"]);
        assert_eq!(
            layout.rows[0][0],
            "Police\u{a0}Service\u{a0}of\u{a0}Northern\u{a0}Ireland\nstatus: modified-template\nincidents: 12"
        );
        assert_eq!(layout.message, Some(1));
    }
}
