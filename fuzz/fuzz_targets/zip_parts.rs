//! (b) Structure-aware: a valid return's zip with one XML part mutated the way a broken
//! writer or a hostile sender would (truncated, bytes flipped, an attribute set to a
//! huge, negative or non-numeric value, an element duplicated, a closing tag dropped),
//! re-zipped, then the whole `validate` pipeline. `arbitrary` picks the seed, the part
//! and the mutations.
#![no_main]

use std::io::{Cursor, Read, Write};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

// Not the template itself: its 1.4 MB of XML takes ~2 s an execution under ASan.
const SEEDS: [&[u8]; 3] = [
    include_bytes!("../../fixtures/returns/wiltshire-2016-17-Q1.xlsx"),
    include_bytes!("../../fixtures/real-client/libreoffice-valid.xlsx"),
    include_bytes!("../../fixtures/returns/south-wales-2016-17-Q1.ods"),
];

/// Values that readers pre-size from or index with.
const HOSTILE: [&str; 14] = [
    "4294967295",
    "-1",
    "abc",
    "",
    "99999999999",
    "1048577",
    "A1048577",
    "XFD1048577",
    "A99999999999",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAA1",
    "1e308",
    "NaN",
    "-5",
    "1000000",
];

#[derive(Arbitrary, Debug)]
enum Mutation {
    Truncate(u32),
    Flip { at: u32, mask: u8 },
    Attribute { nth: u16, value: u8 },
    AttributeText { nth: u16, value: String },
    Duplicate { nth: u16 },
    DropClosing { nth: u16 },
    Insert { at: u32, bytes: Vec<u8> },
}

#[derive(Arbitrary, Debug)]
struct Case {
    seed: u8,
    part: u8,
    mutations: Vec<Mutation>,
}

/// The byte offsets of the `n`th match of `pat` (wrapping), if any.
fn nth_match(xml: &[u8], pat: &[u8], n: u16) -> Option<usize> {
    let hits: Vec<usize> = xml
        .windows(pat.len())
        .enumerate()
        .filter(|(_, w)| *w == pat)
        .map(|(i, _)| i)
        .collect();
    (!hits.is_empty()).then(|| hits[n as usize % hits.len()])
}

fn set_attribute(xml: &mut Vec<u8>, nth: u16, value: &[u8]) {
    if let Some(i) = nth_match(xml, b"=\"", nth) {
        let start = i + 2;
        if let Some(len) = xml[start..].iter().position(|&b| b == b'"') {
            xml.splice(start..start + len, value.iter().copied());
        }
    }
}

fn mutate(xml: &mut Vec<u8>, m: &Mutation) {
    let len = xml.len().max(1);
    match m {
        Mutation::Truncate(at) => xml.truncate(*at as usize % len),
        Mutation::Flip { at, mask } => {
            if !xml.is_empty() {
                xml[*at as usize % len] ^= mask;
            }
        }
        Mutation::Attribute { nth, value } => set_attribute(
            xml,
            *nth,
            HOSTILE[*value as usize % HOSTILE.len()].as_bytes(),
        ),
        Mutation::AttributeText { nth, value } => set_attribute(xml, *nth, value.as_bytes()),
        Mutation::Duplicate { nth } => {
            if let Some(start) = nth_match(xml, b"<", *nth) {
                if let Some(end) = xml[start..].iter().position(|&b| b == b'>') {
                    let element: Vec<u8> = xml[start..start + end + 1].to_vec();
                    let at = start + end + 1;
                    xml.splice(at..at, element);
                }
            }
        }
        Mutation::DropClosing { nth } => {
            if let Some(start) = nth_match(xml, b"</", *nth) {
                if let Some(end) = xml[start..].iter().position(|&b| b == b'>') {
                    xml.drain(start..start + end + 1);
                }
            }
        }
        Mutation::Insert { at, bytes } => {
            let at = *at as usize % len.min(xml.len() + 1).max(1);
            xml.splice(at..at, bytes.iter().copied());
        }
    }
}

/// The seed's entries, one mutated, zipped again; `None` if the seed does not unzip.
fn rezip(case: &Case) -> Option<Vec<u8>> {
    let seed = SEEDS[case.seed as usize % SEEDS.len()];
    let mut archive = zip::ZipArchive::new(Cursor::new(seed)).ok()?;
    let target = case.part as usize % archive.len();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        let mut body = Vec::new();
        entry.read_to_end(&mut body).ok()?;
        if i == target {
            for m in case.mutations.iter().take(8) {
                mutate(&mut body, m);
            }
        }
        // Stored, not deflated: compressing megabytes of XML under ASan would cost
        // seconds an execution; the reader sees the same parts either way.
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name, options).ok()?;
        out.write_all(&body).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

fuzz_target!(|case: Case| {
    if let Some(bytes) = rezip(&case) {
        let _ = bridger_fuzz::validate_bytes(&bytes);
    }
});
