//! The look shared by every workbook bridger writes: one date format, one header colour,
//! one set of [`Formats`], so that the template, the annotated copy and the national
//! workbook read as one family.
//!
//! It only describes formats; it must never write a cell (that is [`super::cells`]) nor
//! decide which cell gets which format (that is each writer's business).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// The date format of date cells in the template, the annotated copy and the national
/// workbook.
pub(crate) const DATE_FORMAT: &str = crate::base::calendar::UK_FORMAT;

/// The number format of shares, shown as percentages.
pub(crate) const PERCENT_FORMAT: &str = "0.0%";

/// The background of headers and labels.
const HEADER_BLUE: Color = Color::RGB(0xD9E1F2);

/// The background of a required column's header in the template: a deeper blue.
const REQUIRED_BLUE: Color = Color::RGB(0x9BC2E6);

/// The one red of an error, as the template's live checks and the annotated copy show it:
/// its fill and its text.
pub(crate) const ERROR_FILL: Color = Color::RGB(0xFFC7CE);
pub(crate) const ERROR_TEXT: Color = Color::RGB(0x9C0006);
/// The one amber of a warning: its fill and its text.
pub(crate) const WARNING_FILL: Color = Color::RGB(0xFFEB9C);
pub(crate) const WARNING_TEXT: Color = Color::RGB(0x9C5700);

/// Every cell format of the template and the national workbook. A format costs nothing
/// until a cell uses it: the workbook numbers formats in the order cells first use them,
/// so holding unused ones here does not change a byte of the output.
pub(crate) struct Formats {
    /// A sheet's title: bold, larger.
    pub title: Format,
    /// A sentence of guidance above a table: italic.
    pub note: Format,
    /// A label beside a value: bold.
    pub bold: Format,
    /// A table header: bold, wrapped, on the header colour.
    pub header: Format,
    /// A table header of the template: as `header`, with a thin border.
    pub boxed_header: Format,
    /// A label above a summary table: bold on the header colour.
    pub label: Format,
    /// A date.
    pub date: Format,
    /// A share, as a percentage.
    pub percent: Format,
    /// No formatting at all (a locked frame cell).
    pub plain: Format,
    /// Long instructions: wrapped, aligned to the top.
    pub instructions: Format,
    /// An input cell of the template's Return sheet: open, shaded, bordered.
    pub input: Format,
    /// As `input`, for a date.
    pub input_date: Format,
    /// A cell of a template table: open and bordered.
    pub cell: Format,
    /// As `cell`, for a date.
    pub cell_date: Format,
    /// A whole template column: open.
    pub open_column: Format,
    /// A whole template column of dates: open.
    pub open_date_column: Format,
    /// A template table header of a required column: as `boxed_header`, on a deeper
    /// colour with a thick bottom border, so required columns stand out by style alone.
    pub required_header: Format,
    /// A live check's error in the template: red fill, dark red text.
    pub live_error: Format,
    /// A live check's warning in the template: amber fill, dark amber text.
    pub live_warning: Format,
}

impl Formats {
    /// Every cell format the template and the national workbook use.
    pub(crate) fn new() -> Formats {
        let border = |f: Format| {
            f.set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF))
        };
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color(HEADER_BLUE);
        let input = Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF8DC));
        let required_header = border(header.clone())
            .set_background_color(REQUIRED_BLUE)
            .set_border_bottom(FormatBorder::Thick)
            .set_border_bottom_color(Color::RGB(0x1F3864));
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_italic(),
            bold: Format::new().set_bold(),
            boxed_header: border(header.clone()),
            header,
            label: Format::new().set_bold().set_background_color(HEADER_BLUE),
            date: Format::new().set_num_format(DATE_FORMAT),
            percent: Format::new().set_num_format(PERCENT_FORMAT),
            plain: Format::new(),
            instructions: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            input: border(input.clone()),
            input_date: border(input.set_num_format(DATE_FORMAT)),
            cell: border(Format::new().set_unlocked()),
            cell_date: border(Format::new().set_unlocked().set_num_format(DATE_FORMAT)),
            open_column: Format::new().set_unlocked(),
            open_date_column: Format::new().set_unlocked().set_num_format(DATE_FORMAT),
            required_header,
            live_error: Format::new()
                .set_background_color(ERROR_FILL)
                .set_font_color(ERROR_TEXT),
            live_warning: Format::new()
                .set_background_color(WARNING_FILL)
                .set_font_color(WARNING_TEXT),
        }
    }
}

impl Default for Formats {
    fn default() -> Formats {
        Formats::new()
    }
}
