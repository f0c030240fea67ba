//! Tables fitted to the terminal: as wide as the screen (or `COLUMNS`, or 100 characters
//! when printing to a file or a pipe), with the columns that are empty in every row left
//! out and the column a person reads, the message, given the room, so that at 80 columns
//! a message is not squeezed into a dozen characters while short columns keep theirs.
//!
//! A word wider than its column is broken here, in one pass, before comfy-table lays the
//! table out: comfy-table cuts such a word a line at a time, copying the rest each time,
//! which is quadratic in the word's length (a 32,767-character cell took minutes).

use std::io::IsTerminal;

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, ColumnConstraint, ContentArrangement, Row, Table, Width,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width used when the output is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: u16 = 100;

/// Narrower than this is taken as this: below it no table can be read anyway.
const MIN_WIDTH: u16 = 40;

/// The share of the room that the message column has at least, in percent, when the
/// table does not fit as it is.
const MESSAGE_SHARE: usize = 40;

/// A column other than the message is given at least this many characters (or what its
/// content needs, if less) before it wraps, so that names break between words, not in them.
const OTHER_MIN: usize = 12;

/// Below this width, tables leave out or merge columns whose content another column
/// already says (a file name goes in front of its reason; a link's forces and likelihood
/// are in its sentences).
pub const NARROW: u16 = 140;

/// The narrowest any column is ever made (padding included).
const FLOOR: usize = 6;

/// Left and right padding of a cell, as the house style has it.
const PADDING: usize = 2;

/// The width tables are fitted to: `COLUMNS` when set to a number, else the terminal's
/// when stdout is one, else [`DEFAULT_WIDTH`].
pub fn width() -> u16 {
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
    from_env
        .or_else(detected)
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// An empty table in the house style (comfy-table's condensed UTF-8 preset) with this
/// header, as wide as [`width`]. Add the rows, then hand it to [`arranged`].
pub fn table<T: Into<Row>>(header: T) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width())
        .set_header(header);
    t
}

/// The table with its columns arranged for reading: those empty in every row hidden, and,
/// when the table is wider than [`width`], every other column as wide as its longest word
/// (so no word is cut) or [`OTHER_MIN`] characters, and the column `message` given at
/// least [`MESSAGE_SHARE`] per cent of the room, taken from the widest other columns only
/// when it must be. Room left over widens the other columns to their natural width, then
/// the message.
pub fn arranged(mut t: Table, message: Option<usize>) -> Table {
    let columns = t.column_count();
    let mut natural = vec![0usize; columns];
    let mut word = vec![0usize; columns];
    let mut used = vec![false; columns];
    let mut measure = |i: usize, text: &str| {
        if i >= columns {
            return;
        }
        for line in text.lines() {
            natural[i] = natural[i].max(line.chars().count() + 2);
            for w in line.split_whitespace() {
                word[i] = word[i].max(w.chars().count() + 2);
            }
        }
    };
    if let Some(header) = t.header() {
        for (i, cell) in header.cell_iter().enumerate() {
            measure(i, &cell.content());
        }
    }
    let rows: Vec<Vec<String>> = t
        .row_iter()
        .map(|r| r.cell_iter().map(|c| c.content()).collect())
        .collect();
    for row in &rows {
        for (i, text) in row.iter().enumerate() {
            if i < columns && !text.is_empty() {
                used[i] = true;
            }
            measure(i, text);
        }
    }
    let width = usize::from(t.width().unwrap_or(DEFAULT_WIDTH));
    let visible: Vec<usize> = (0..columns).filter(|&i| used[i]).collect();
    let room = width.saturating_sub(visible.len() + 1);
    let widths = if visible.iter().map(|&i| natural[i]).sum::<usize>() <= room {
        None
    } else {
        Some(share_out(&visible, &natural, &word, message, room))
    };
    let constraints: Vec<ColumnConstraint> = (0..columns)
        .map(|i| match &widths {
            _ if !used[i] => ColumnConstraint::Hidden,
            None => ColumnConstraint::ContentWidth,
            Some(w) => {
                ColumnConstraint::Absolute(Width::Fixed(u16::try_from(w[i]).unwrap_or(u16::MAX)))
            }
        })
        .collect();
    t.set_constraints(constraints);
    if let Some(w) = &widths {
        break_long_words_in(&mut t, &rows, w);
    }
    t
}

/// Each cell of `t` (whose text is `rows`) with its words wider than its column (`widths`,
/// padding included) broken into lines that fit, so that comfy-table never has to.
fn break_long_words_in(t: &mut Table, rows: &[Vec<String>], widths: &[usize]) {
    for (row, cells) in t.row_iter_mut().zip(rows) {
        let broken: Vec<Option<String>> = cells
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let room = widths.get(i)?.saturating_sub(PADDING).max(1);
                break_long_words(text, room)
            })
            .collect();
        if broken.iter().any(Option::is_some) {
            let cells: Vec<String> = broken
                .into_iter()
                .zip(cells)
                .map(|(b, c)| b.unwrap_or_else(|| c.clone()))
                .collect();
            *row = Row::from(cells);
        }
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

/// The width of each column (padding included) when the `visible` columns' natural widths
/// add up to more than `room`: see [`arranged`].
fn share_out(
    visible: &[usize],
    natural: &[usize],
    word: &[usize],
    message: Option<usize>,
    room: usize,
) -> Vec<usize> {
    let mut w = vec![0usize; natural.len()];
    let others: Vec<usize> = visible
        .iter()
        .copied()
        .filter(|&i| Some(i) != message)
        .collect();
    for &i in &others {
        w[i] = natural[i].min(word[i].max(OTHER_MIN + 2)).max(FLOOR);
    }
    let message_min = message.map_or(0, |m| {
        natural[m].min((room * MESSAGE_SHARE / 100).max(FLOOR))
    });
    // Too wide even so: narrow the widest other column, a character at a time, until the
    // message has its share (here a long word may be cut: nothing else would fit).
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
    // The message keeps its share; what is left first makes whole any word that had to be
    // cut, then widens the other columns to their natural width (short ones first: a
    // force name on one line), and only then goes to the message.
    let mut left = room
        .saturating_sub(others.iter().map(|&i| w[i]).sum::<usize>())
        .saturating_sub(message_min);
    for &i in &others {
        let more = word[i].min(natural[i]).saturating_sub(w[i]).min(left);
        w[i] += more;
        left -= more;
    }
    let mut by_need = others.clone();
    by_need.sort_by_key(|&i| natural[i].saturating_sub(w[i]));
    for i in by_need {
        let more = natural[i].saturating_sub(w[i]).min(left);
        w[i] += more;
        left -= more;
    }
    if let Some(m) = message {
        w[m] = (message_min + left).min(natural[m]).max(message_min);
    }
    w
}

/// `text` with every line longer than [`width`] broken at spaces, the continuation lines
/// indented by two; a word longer than the width stays whole. Table lines are already
/// fitted, so only sentences (a verdict, a summary) are changed.
pub fn wrap(text: &str) -> String {
    wrap_to(text, usize::from(width()))
}

/// [`wrap`] to `width` characters.
fn wrap_to(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if body.chars().count() <= width {
            out.push_str(line);
            continue;
        }
        let mut used = 0;
        for word in body.split(' ') {
            let len = word.chars().count();
            if used > 0 && used + 1 + len > width {
                out.push_str("\n  ");
                used = 2;
            } else if used > 0 {
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
    }

    #[test]
    fn a_word_wider_than_its_column_is_broken_before_comfy_table_sees_it() {
        // A 32,767-character value quoted in a message: comfy-table would cut it a line
        // at a time, copying the rest each time (quadratic). After `arranged`, no cell
        // holds a word wider than its column, so comfy-table never cuts one.
        let long = "x".repeat(32_767);
        let wide = "界".repeat(500);
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(80)
            .set_header(["cell", "what to do"]);
        t.add_row(vec![
            "G5".to_string(),
            format!("'{long}' is not in the list"),
        ]);
        t.add_row(vec![wide.clone(), "short".to_string()]);
        let t = arranged(t, Some(1));
        let rooms: Vec<usize> = t
            .column_iter()
            .map(|c| match c.constraint() {
                Some(ColumnConstraint::Absolute(Width::Fixed(w))) => usize::from(*w) - PADDING,
                other => panic!("a fixed width, not {other:?}"),
            })
            .collect();
        let mut letters = 0;
        for row in t.row_iter() {
            for (cell, room) in row.cell_iter().zip(&rooms) {
                let text = cell.content();
                for word in text.split(['\n', ' ']) {
                    assert!(
                        word.width() <= *room,
                        "a word of {} in {room}",
                        word.width()
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
    fn other_columns_keep_their_words_whole_and_the_message_gets_the_rest() {
        // force, status, message: 100 characters of room.
        let natural = [36, 19, 160];
        let word = [14, 19, 20];
        let w = share_out(&[0, 1, 2], &natural, &word, Some(2), 96);
        // The force name and the status whole on one line; the message has the rest.
        assert_eq!((w[0], w[1]), (36, 19), "{w:?}");
        assert_eq!(w.iter().sum::<usize>(), 96, "{w:?}");
        assert!(w[2] >= 96 * MESSAGE_SHARE / 100, "{w:?}");
        // A column of one long word gives way only as far as the message's share needs.
        let w = share_out(&[0, 1], &[60, 200], &[60, 20], Some(1), 76);
        assert_eq!(w[1], 76 * MESSAGE_SHARE / 100, "{w:?}");
        assert_eq!(w[0], 76 - w[1], "{w:?}");
    }
}
