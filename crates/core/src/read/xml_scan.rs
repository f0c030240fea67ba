//! A streaming look at the XML parts calamine trusts, done while the zip pre-check inflates
//! them (so it costs no second pass and never holds a part in memory): cell positions that
//! would wrap, shared-string indexes that calamine would silently read as string 0, a
//! `uniqueCount` it would pre-size a table from, `.ods` repeats it would expand into a
//! dense grid, and an `.ods` content part that stops inside a sheet or a comment (calamine
//! reads on past its end for ever). It only reads tags; it must never allocate in
//! proportion to the part.

use crate::definition::codes::Code;

use super::ods_grid::OdsGrid;
use super::{fail, ReadError};

/// The last row of a sheet, one-based (Excel's limit).
pub(crate) const MAX_ROW: u64 = 1_048_576;
/// The last column of a sheet, one-based (XFD).
pub(crate) const MAX_COL: u64 = 16_384;

/// Which kind of part is being scanned, and what has been seen in it so far.
#[derive(Debug)]
pub(super) enum Part {
    /// `xl/worksheets/*.xml`: cell and row positions, shared-string indexes.
    Worksheet { shared_cell: bool, in_value: bool },
    /// `xl/sharedStrings.xml`: the declared counts and the strings really there.
    SharedStrings { declared: u64, items: u64 },
    /// An OpenDocument `content.xml`: repeated rows and columns.
    Content(OdsGrid),
    /// Anything else: only counted.
    Other,
}

/// Scans one part's bytes as they are inflated, chunk by chunk.
pub(super) struct Scanner {
    name: String,
    part: Part,
    in_tag: bool,
    /// The quote of an attribute value open in the tag being read, if any.
    quote: Option<u8>,
    tag: Vec<u8>,
    text: Vec<u8>,
    /// The first problem found; scanning stops there.
    pub(super) error: Option<ReadError>,
}

/// The most of a tag or value kept: positions, counts and indexes are far shorter, and a
/// longer one is cut (and then refused as not a number) rather than held.
const KEEP: usize = 4096;

impl Scanner {
    /// A scanner for the part with this name inside the zip.
    pub(super) fn new(name: &str) -> Scanner {
        let lower = name.to_ascii_lowercase();
        let part = if lower.starts_with("xl/worksheets/") && lower.ends_with(".xml") {
            Part::Worksheet {
                shared_cell: false,
                in_value: false,
            }
        } else if lower == "xl/sharedstrings.xml" {
            Part::SharedStrings {
                declared: 0,
                items: 0,
            }
        } else if lower == "content.xml" {
            Part::Content(OdsGrid::default())
        } else {
            Part::Other
        };
        Scanner {
            name: name.to_string(),
            part,
            in_tag: false,
            quote: None,
            tag: Vec::new(),
            text: Vec::new(),
            error: None,
        }
    }

    /// Feeds the next inflated bytes of the part. It jumps from `<` to `>` with `memchr`,
    /// reads a tag or value in place when the chunk holds all of it, and keeps (up to
    /// [`KEEP`] bytes) only one that runs on into the next chunk.
    pub(super) fn feed(&mut self, mut buf: &[u8]) {
        if matches!(self.part, Part::Other) || self.error.is_some() {
            return;
        }
        while !buf.is_empty() {
            if self.in_tag {
                let Some(end) = find(b'>', buf) else {
                    follow_quotes(buf, &mut self.quote);
                    keep(&mut self.tag, buf);
                    return;
                };
                let piece = &buf[..end];
                buf = &buf[end + 1..];
                self.in_tag = false;
                follow_quotes(piece, &mut self.quote);
                if self.quote.take().is_some() {
                    let cdata = if self.tag.is_empty() {
                        piece.starts_with(CDATA)
                    } else {
                        self.tag.starts_with(CDATA)
                    };
                    if !cdata {
                        self.error = Some(self.damage(
                            "a tag holds '>' inside a quoted value, which programs read in different ways".to_string(),
                        ));
                        return;
                    }
                }
                if self.tag.is_empty() {
                    self.end_tag(&piece[..piece.len().min(KEEP)]);
                } else {
                    keep(&mut self.tag, piece);
                    let tag = std::mem::take(&mut self.tag);
                    self.end_tag(&tag);
                    self.tag = tag;
                    self.tag.clear();
                }
                if self.error.is_some() {
                    return;
                }
            } else {
                let start = find(b'<', buf);
                let piece = &buf[..start.unwrap_or(buf.len())];
                let in_value = matches!(self.part, Part::Worksheet { in_value: true, .. });
                let Some(start) = start else {
                    if in_value {
                        keep(&mut self.text, piece);
                    }
                    return;
                };
                buf = &buf[start + 1..];
                if in_value {
                    if self.text.is_empty() {
                        self.end_text(&piece[..piece.len().min(KEEP)]);
                    } else {
                        keep(&mut self.text, piece);
                        let text = std::mem::take(&mut self.text);
                        self.end_text(&text);
                        self.text = text;
                        self.text.clear();
                    }
                    if self.error.is_some() {
                        return;
                    }
                }
                self.in_tag = true;
            }
        }
    }

    /// Checks what can only be judged once the whole part has been seen (`bytes` long).
    pub(super) fn finish(&mut self, bytes: u64) -> Result<(), ReadError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match &self.part {
            // calamine reserves a slot per declared string before reading any: a count far
            // beyond the strings really there (or than the bytes could hold, five bytes for
            // the shortest `<si/>`) is a lie that would exhaust memory.
            Part::SharedStrings { declared, items }
                if *declared > items.saturating_mul(2).saturating_add(1024)
                    || *declared > bytes / 5 + 1 =>
            {
                return Err(self.damage(format!(
                    "it declares {declared} shared strings but holds {items}"
                )));
            }
            Part::Content(grid) => grid.check_end(&self.name)?,
            _ => {}
        }
        Ok(())
    }

    fn damage(&self, what: String) -> ReadError {
        fail(
            Code::Damaged,
            format!(
                "the file is damaged ({what}, in its part {}): save it again from Excel and resend",
                self.name
            ),
        )
    }

    /// The text of a shared-string cell's value, whole.
    fn end_text(&mut self, text: &[u8]) {
        if let Part::Worksheet { in_value, .. } = &mut self.part {
            *in_value = false;
            // calamine reads an index that is not a plain number as string 0, which
            // would put another cell's text here: refuse it instead.
            let ok = text.len() <= 18 && text.iter().all(u8::is_ascii_digit);
            if !ok {
                let shown = String::from_utf8_lossy(&text[..text.len().min(40)]).into_owned();
                self.error = Some(self.damage(format!(
                    "a cell points at shared string '{shown}', which is not a string number"
                )));
            }
        }
    }

    fn end_tag(&mut self, tag: &[u8]) {
        let self_closing = tag.last() == Some(&b'/');
        let closing = tag.first() == Some(&b'/');
        let body = if closing { &tag[1..] } else { tag };
        let full = &body[..body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len())];
        let local = match full.iter().rposition(|b| *b == b':') {
            Some(i) => &full[i + 1..],
            None => full,
        };
        match &mut self.part {
            Part::Worksheet {
                shared_cell,
                in_value,
            } => {
                if closing {
                    if local == b"c" {
                        *shared_cell = false;
                    }
                    return;
                }
                match local {
                    b"c" => {
                        let [r, t] = cell_attrs(tag);
                        *shared_cell = t == Some(b"s") && !self_closing;
                        if let Some(r) = r {
                            if let Err(e) = check_ref(r, true) {
                                self.error = Some(self.damage(e));
                            }
                        }
                    }
                    b"row" => {
                        if let Some(r) = attr(tag, b"r") {
                            if let Err(e) = check_ref(r, false) {
                                self.error = Some(self.damage(e));
                            }
                        }
                    }
                    b"v" if *shared_cell && !self_closing => *in_value = true,
                    _ => {}
                }
            }
            Part::SharedStrings { declared, items } => match local {
                b"sst" if !closing => {
                    // Only `uniqueCount` sizes calamine's table. `count` is how many cells
                    // use a shared string, and is rightly far larger than the table.
                    if let Some(n) = attr(tag, b"uniqueCount").and_then(number) {
                        *declared = n;
                    }
                }
                b"si" if !closing => *items += 1,
                _ => {}
            },
            Part::Content(grid) => {
                if let Err(e) = grid.tag(full, closing, tag, self_closing) {
                    self.error = Some(e);
                }
            }
            Part::Other => {}
        }
    }
}

/// The value of attribute `key` in a start tag's bytes, if present (quotes either way).
pub(super) fn attr<'a>(tag: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let [value] = attrs(tag, [key]);
    value
}

/// The values of the attributes `keys` in a start tag's bytes, in one walk. It walks the
/// attributes in order, name by name, so that text inside another attribute's value is
/// never taken for an attribute; it stops where it cannot follow the tag, keeping what it
/// found before.
fn attrs<'a, const N: usize>(tag: &'a [u8], keys: [&[u8]; N]) -> [Option<&'a [u8]>; N] {
    // A tight walk by index: a sheet has a tag like this for every cell, styled blanks
    // included, so it is the scan's hot loop.
    let mut found = [None; N];
    let n = tag.len();
    let ws = |i: usize| i < n && tag[i].is_ascii_whitespace();
    let mut i = 0;
    // Past the element's name.
    while i < n && !tag[i].is_ascii_whitespace() {
        i += 1;
    }
    let mut left = N;
    while left > 0 {
        while ws(i) {
            i += 1;
        }
        let start = i;
        while i < n && tag[i] != b'=' && !tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &tag[start..i];
        while ws(i) {
            i += 1;
        }
        if name.is_empty() || i >= n || tag[i] != b'=' {
            break;
        }
        i += 1;
        while ws(i) {
            i += 1;
        }
        if i >= n || (tag[i] != b'"' && tag[i] != b'\'') {
            break;
        }
        let quote = tag[i];
        i += 1;
        let value_start = i;
        while i < n && tag[i] != quote {
            i += 1;
        }
        if i >= n {
            break;
        }
        let value = &tag[value_start..i];
        i += 1;
        for (k, key) in keys.iter().enumerate() {
            if found[k].is_none() && same(name, key) {
                found[k] = Some(value);
                left -= 1;
            }
        }
    }
    found
}

/// A cell tag's `r` and `t`. Every writer puts `r` first (`c r="D3" s="8"/`, most of them
/// styled blanks), so that is read straight off; when nothing after it holds a `t` there
/// is no `t` attribute. Anything else takes the full walk.
fn cell_attrs(tag: &[u8]) -> [Option<&[u8]>; 2] {
    if let Some(rest) = tag.strip_prefix(b"c r=\"") {
        if let Some(end) = rest.iter().position(|b| *b == b'"') {
            if !rest[end + 1..].contains(&b't') {
                return [Some(&rest[..end]), None];
            }
        }
    }
    attrs(tag, [b"r", b"t"])
}

/// Byte-wise equality without a call to `memcmp` (names here are a few bytes).
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The first `needle` in `hay`: a plain loop over the first bytes (in a sheet the next `<`
/// or `>` is usually a few bytes on, where `memchr`'s set-up costs more than it saves),
/// then `memchr`.
fn find(needle: u8, hay: &[u8]) -> Option<usize> {
    const NEAR: usize = 32;
    let head = hay.len().min(NEAR);
    if let Some(i) = hay[..head].iter().position(|b| *b == needle) {
        return Some(i);
    }
    memchr::memchr(needle, &hay[head..]).map(|i| i + head)
}

/// How a CDATA section starts (`<![CDATA[`, after the `<`): its text may hold quotes and
/// `>` as they come, and it ends only at `]]>`.
const CDATA: &[u8] = b"![CDATA[";

/// Follows the quotes of attribute values through `piece`, part of a tag: `quote` is the
/// one open, if any. The scan takes a tag to end at its first `>`; calamine's XML reader
/// takes a `>` inside a quoted value as part of the value. Where the two would differ
/// (`<c x=">" r="B4294967301">`: the scan would read the cell's position as text, and
/// calamine would wrap it round to B5), the tag is refused instead. Comments and
/// instructions end at the first `>` for the scan too, and only ever later for calamine,
/// so the scan sees at least every tag calamine does.
fn follow_quotes(piece: &[u8], quote: &mut Option<u8>) {
    // Nearly every tag quotes one way only: then the quote is open after an odd count,
    // counted without a branch a byte (this runs for every tag of every sheet).
    if quote.is_none() {
        let (mut double, mut single) = (0u32, 0u32);
        for &b in piece {
            double += u32::from(b == b'"');
            single += u32::from(b == b'\'');
        }
        if single == 0 || double == 0 {
            if double % 2 == 1 {
                *quote = Some(b'"');
            } else if single % 2 == 1 {
                *quote = Some(b'\'');
            }
            return;
        }
    }
    walk_quotes(piece, quote);
}

/// [`follow_quotes`] byte by byte, whatever the quotes.
fn walk_quotes(piece: &[u8], quote: &mut Option<u8>) {
    for &b in piece {
        match *quote {
            Some(q) if b == q => *quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => *quote = Some(b),
            None => {}
        }
    }
}

/// Appends `piece` to `buf`, up to [`KEEP`] bytes in all.
fn keep(buf: &mut Vec<u8>, piece: &[u8]) {
    let room = KEEP.saturating_sub(buf.len());
    buf.extend_from_slice(&piece[..piece.len().min(room)]);
}

/// A plain decimal number of at most 19 digits (so it cannot overflow).
pub(super) fn number(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 19 {
        return None;
    }
    bytes.iter().try_fold(0u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// Checks an `A1` reference (or, for a row, a bare row number) against the sheet's limits,
/// so that calamine's unchecked arithmetic never wraps it to another place.
pub(super) fn check_ref(r: &[u8], with_column: bool) -> Result<(), String> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &r[letters..];
    let bad = || {
        let shown = String::from_utf8_lossy(&r[..r.len().min(40)]);
        format!("a cell or row is placed at '{shown}', outside any sheet (columns A to XFD, rows 1 to 1048576)")
    };
    if (with_column && letters == 0) || (!with_column && letters > 0) || letters > 3 {
        return Err(bad());
    }
    let col = r[..letters].iter().fold(0u64, |acc, b| {
        acc * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = number(digits).ok_or_else(bad)?;
    if col > MAX_COL || row == 0 || row > MAX_ROW {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scans `xml` fed whole, in pieces of 7 and byte by byte (tags read in place, and
    /// tags and values split across chunks): every way must give the same verdict.
    fn scan(name: &str, xml: &str) -> Result<(), ReadError> {
        let verdicts: Vec<Result<(), ReadError>> = [xml.len().max(1), 7, 1]
            .into_iter()
            .map(|size| {
                let mut s = Scanner::new(name);
                for chunk in xml.as_bytes().chunks(size) {
                    s.feed(chunk);
                }
                s.finish(xml.len() as u64)
            })
            .collect();
        for v in &verdicts[1..] {
            assert_eq!(
                v.as_ref().map_err(|e| (e.code, e.message.clone())),
                verdicts[0]
                    .as_ref()
                    .map_err(|e| (e.code, e.message.clone())),
                "chunking changed the verdict on {xml}"
            );
        }
        verdicts.into_iter().next().unwrap()
    }

    const SHEET: &str = "xl/worksheets/sheet1.xml";

    /// Sheet-like XML: cell, row and value tags with odd attributes, quotes and text, so
    /// that the in-place reading, the split tags and the `r` fast path are all reached.
    fn sheetish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("<c r=\"A1\" s=\"3\" t=\"s\">".to_string()),
            Just("<c r=\"B2\" s=\"8\"/>".to_string()),
            Just("<row r=\"7\">".to_string()),
            Just("</row>".to_string()),
            Just("<v>".to_string()),
            Just("</v>".to_string()),
            Just("</c>".to_string()),
            Just("<x:c t='s' r='C3'>".to_string()),
            "[a-zA-Z0-9 =\"'<>/:t-]{0,12}",
            "[0-9]{0,20}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// Whatever the bytes and however they are cut into chunks, the scan never panics
        /// and gives one verdict (`scan` checks the chunkings agree).
        #[test]
        fn any_sheet_bytes_in_any_chunks_give_one_verdict(xml in sheetish()) {
            let _ = scan(SHEET, &xml);
            let _ = scan("xl/sharedStrings.xml", &xml);
        }

        #[test]
        fn any_bytes_never_panic_the_scan(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), cut in 1usize..50) {
            for name in [SHEET, "xl/sharedStrings.xml", "content.xml"] {
                let mut s = Scanner::new(name);
                for chunk in bytes.chunks(cut) {
                    s.feed(chunk);
                }
                let _ = s.finish(bytes.len() as u64);
            }
        }
    }

    /// Counting one kind of quote, or following both in turn, the same open quote.
    #[test]
    fn quotes_are_followed_either_way() {
        for piece in [
            &b"c r=\"A1\" s=\"3\" t=\"n\" /"[..],
            b"c x=\"",
            b"c x='a",
            b"c x='a' y='",
            b"c x=\"it's\" y='say \"hi\"'",
            b"c x=\"it's",
            b"",
        ] {
            for start in [None, Some(b'"'), Some(b'\'')] {
                let (mut q, mut walked) = (start, start);
                follow_quotes(piece, &mut q);
                walk_quotes(piece, &mut walked);
                assert_eq!(q, walked, "{piece:?} from {start:?}");
            }
        }
    }

    /// A `>` inside a quoted value would end the tag for the scan but not for calamine,
    /// which would then read a position the scan never saw (B4294967301, wrapped round to
    /// B5): refused, however the tag is cut into chunks, and whatever hides the quote (a
    /// comment). Quotes and `>` in CDATA text and escaped `&gt;` are not refused.
    #[test]
    fn a_quoted_gt_cannot_hide_an_attribute() {
        let sheet = |cells: &str| {
            format!("<worksheet><sheetData><row r=\"5\">{cells}</row></sheetData></worksheet>")
        };
        for hidden in [
            r#"<c x=">" r="B4294967301"><v>1</v></c>"#,
            r#"<c x='>' r="B4294967301"/>"#,
            r#"<!-- "-->" <c r="B4294967301"/> <!--" -->"#,
            r#"<c r="B5" t="n" x="a>b"/>"#,
        ] {
            let e = scan(SHEET, &sheet(hidden)).expect_err(hidden);
            assert!(
                e.message.contains("inside a quoted value"),
                "{hidden}: {}",
                e.message
            );
        }
        for fine in [
            r#"<c r="B5" x="a&gt;b" y='it"s'><v>1</v></c>"#,
            r#"<c r="B5" t="inlineStr"><is><t>O'Neill said "5 > 4"</t></is></c>"#,
        ] {
            assert!(scan(SHEET, &sheet(fine)).is_ok(), "{fine}");
        }
        let strings = r#"<sst uniqueCount="1"><si><t><![CDATA[O'Neill > "x]]></t></si></sst>"#;
        assert!(scan("xl/sharedStrings.xml", strings).is_ok());
    }

    #[test]
    fn attributes_are_read_by_name_never_from_inside_another_value() {
        let tag = br#"c s="1" foo=' r="XFD9999999"' r = "B7" t='s'/"#;
        assert_eq!(attr(tag, b"r"), Some(&b"B7"[..]));
        assert_eq!(attr(tag, b"t"), Some(&b"s"[..]));
        assert_eq!(attr(tag, b"foo"), Some(&b" r=\"XFD9999999\""[..]));
        assert_eq!(attr(tag, b"x"), None);
        assert_eq!(
            attrs(tag, [b"t", b"r", b"x"]),
            [Some(&b"s"[..]), Some(&b"B7"[..]), None]
        );
        // A cell's attributes: straight off when `r` comes first and no `t` follows, else
        // by the walk; either way the same answer as the walk.
        for tag in [
            &b"c r=\"D3\" s=\"8\"/"[..],
            b"c r=\"A1\" s=\"3\" t=\"s\"",
            b"c s=\"3\" r=\"B2\"",
            b"c r=\"C4\" foo=\" t='s'\"",
            b"c r=\"C5",
            b"c",
        ] {
            assert_eq!(cell_attrs(tag), attrs(tag, [b"r", b"t"]), "{tag:?}");
        }
        assert_eq!(cell_attrs(b"c r=\"D3\" s=\"8\"/"), [Some(&b"D3"[..]), None]);
        // What was found before a tag it cannot follow is kept.
        assert_eq!(
            attrs(b"c r=\"A1\" t=s", [b"r", b"t"]),
            [Some(&b"A1"[..]), None]
        );
        assert_eq!(attr(b"c", b"r"), None);
        assert_eq!(attr(b"c r=A1", b"r"), None);
        assert_eq!(
            attr(
                b"table:table-row table:number-rows-repeated=\"3\"",
                b"table:number-rows-repeated"
            ),
            Some(&b"3"[..])
        );
    }

    #[test]
    fn references_are_held_to_the_sheet() {
        assert!(check_ref(b"A1", true).is_ok());
        assert!(check_ref(b"XFD1048576", true).is_ok());
        assert!(check_ref(b"1048576", false).is_ok());
        for bad in [
            "A1048577",
            "A99999999999",
            "XFE1",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZAB1",
            "A0",
            "A",
            "1",
        ] {
            assert!(check_ref(bad.as_bytes(), true).is_err(), "{bad}");
        }
        assert!(check_ref(b"1048577", false).is_err());
    }

    #[test]
    fn shared_string_indexes_must_be_numbers() {
        let ok = r#"<row r="1"><c r="A1" t="s"><v>12</v></c><c r="B1"><v>-1</v></c></row>"#;
        assert!(scan(SHEET, ok).is_ok());
        for bad in ["-1", "abc", "99999999999999999999999", " 1"] {
            let xml = format!(r#"<x:c r="A1" t="s"><x:v>{bad}</x:v></x:c>"#);
            assert_eq!(scan(SHEET, &xml).unwrap_err().code, Code::Damaged, "{bad}");
        }
    }

    #[test]
    fn a_declared_string_count_beyond_the_part_is_a_lie() {
        let part = "xl/sharedStrings.xml";
        let ok = r#"<sst count="3" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert!(scan(part, ok).is_ok());
        // A big return uses its strings in many cells: `count` far beyond the table is
        // right (rust_xlsxwriter, Excel), and only `uniqueCount` sizes calamine's table.
        let used_often =
            r#"<sst count="155554" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert!(scan(part, used_often).is_ok());
        let lie = r#"<sst count="1" uniqueCount="4294967295"><si><t>a</t></si></sst>"#;
        assert_eq!(scan(part, lie).unwrap_err().code, Code::Damaged);
    }

    #[test]
    fn ods_repeats_are_counted_before_calamine_expands_them() {
        let big = r#"<table:table><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="99" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert_eq!(scan("content.xml", big).unwrap_err().code, Code::TooLarge);
        // LibreOffice's own trailing filler: empty repeats are never expanded.
        let filler = r#"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#;
        assert!(scan("content.xml", filler).is_ok());
    }

    #[test]
    fn ods_content_that_stops_inside_a_sheet_or_a_comment_is_damaged() {
        let head =
            r#"<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet>"#;
        let row = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
        let note = r#"<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>n</text:p></office:annotation><text:p>x</text:p></table:table-cell></table:table-row>"#;
        let tail = "</office:spreadsheet></office:body></office:document-content>";
        let whole = format!(
            r#"{head}<table:table table:name="A">{row}{note}</table:table><table:table table:name="B"/>{tail}"#
        );
        assert!(scan("content.xml", &whole).is_ok());
        // Cut after a row, and after a sheet closed and another opened: calamine would
        // read past the end for ever, waiting for the sheet's end.
        let cuts = [
            format!(r#"{head}<table:table table:name="A">{row}"#),
            format!(
                r#"{head}<table:table table:name="A">{row}</table:table><table:table table:name="B">"#
            ),
            format!(
                r#"{head}<table:table table:name="A">{row}</table:table></table:table><table:table table:name="B">{row}"#
            ),
            // A comment left open, its sheet's end tag after it: calamine waits for the
            // comment's end.
            format!(
                r#"{head}<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>n</text:p></table:table-cell></table:table-row></table:table>{tail}"#
            ),
        ];
        for cut in cuts {
            let err = scan("content.xml", &cut).unwrap_err();
            assert_eq!(err.code, Code::Damaged, "{cut}");
            assert!(err.message.contains("cut short"), "{}", err.message);
        }
        // Only the content part is held to it.
        let open = format!(r#"{head}<table:table table:name="A">"#);
        assert!(scan("styles.xml", &open).is_ok());
    }
}
