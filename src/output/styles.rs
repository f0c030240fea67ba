//! The look shared by every workbook bridger writes: one date format, one header style, so
//! that the template, the annotated copy and the national workbook read as one family.

/// The date format of date cells in the template, the annotated copy and the national
/// workbook.
pub const DATE_FORMAT: &str = "dd/mm/yyyy";
