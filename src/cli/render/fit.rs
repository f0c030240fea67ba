//! Tables fitted to the terminal: as wide as the screen (or `COLUMNS`, or 100 characters
//! when printing to a file or a pipe), with the columns that are empty in every row left
//! out and the column a person reads, the message, given the room, so that at 80 columns
//! a message is not squeezed into a dozen characters while short columns keep theirs.

use std::io::IsTerminal;

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, ColumnConstraint, ContentArrangement, Row, Table, Width,
};

/// The width used when the output is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: u16 = 100;

/// Narrower than this is taken as this: below it no table can be read anyway.
const MIN_WIDTH: u16 = 40;

/// The share of the table's width that the message column has at least, in percent.
const MESSAGE_SHARE: u16 = 45;

/// The share of the table's width that any other column has at most, in percent.
const OTHER_SHARE: u16 = 30;

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

/// The table with its columns arranged for reading: those empty in every row hidden, the
/// column `message` (when there is one) given at least [`MESSAGE_SHARE`] per cent of the
/// width (no more than its longest line needs) and every other column at most
/// [`OTHER_SHARE`] per cent.
pub fn arranged(mut t: Table, message: Option<usize>) -> Table {
    let columns = t.column_count();
    let mut used = vec![false; columns];
    for row in t.row_iter() {
        for (i, cell) in row.cell_iter().enumerate() {
            if i < columns && !cell.content().is_empty() {
                used[i] = true;
            }
        }
    }
    let width = usize::from(t.width().unwrap_or(DEFAULT_WIDTH));
    let longest = t.column_max_content_widths();
    let needs = |i: usize| usize::from(longest.get(i).copied().unwrap_or(0)) + 2;
    let visible = used.iter().filter(|&&u| u).count();
    let room = width.saturating_sub(visible + 1);
    let cap = room * usize::from(OTHER_SHARE) / 100;
    // The message has what the other columns leave (each at most `cap`), and at least its
    // share, but no more than its longest line needs.
    let others: usize = (0..columns)
        .filter(|&i| used[i] && Some(i) != message)
        .map(|i| needs(i).min(cap))
        .sum();
    let share = room * usize::from(MESSAGE_SHARE) / 100;
    // When every column fits as it is, none is squeezed.
    let fits = (0..columns).filter(|&i| used[i]).map(needs).sum::<usize>() <= room;
    let lower = message.map_or(0, |m| needs(m).min(share.max(room.saturating_sub(others))));
    let constraints: Vec<ColumnConstraint> = (0..columns)
        .map(|i| {
            if !used[i] {
                ColumnConstraint::Hidden
            } else if fits {
                ColumnConstraint::ContentWidth
            } else if Some(i) == message {
                ColumnConstraint::LowerBoundary(Width::Fixed(
                    u16::try_from(lower).unwrap_or(u16::MAX),
                ))
            } else {
                ColumnConstraint::UpperBoundary(Width::Percentage(OTHER_SHARE))
            }
        })
        .collect();
    t.set_constraints(constraints);
    t
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
}
