//! The reader's bounds, measured: each hostile shape from the reliability issue (and a
//! large ordinary return) read in-process through `bridger_core::read_bytes`, with the
//! time each takes and the process's peak memory (VmHWM) after it. The target: any input
//! at most 512 MB peak and, up to 10 MB on disk, under 5 s.
//!
//!     cargo bench --bench hostile

use std::io::{Read, Write};
use std::time::Instant;

fn template() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/real-client/libreoffice-valid.xlsx"
    ))
    .unwrap()
}

/// The template's zip with `edit` applied to each entry and `extra` entries added.
fn rezip(src: &[u8], edit: impl Fn(&str, String) -> String, extra: &[(&str, String)]) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => edit(&name, text).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    for (name, body) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(body.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// One more shared string (`text`) used by `uses` cells of sheet1, Z100 down.
fn shared(text: &str, uses: usize) -> Vec<u8> {
    rezip(
        &template(),
        |n, x| {
            if n == "xl/sharedStrings.xml" {
                x.replace("</sst>", &format!("<si><t>{text}</t></si></sst>"))
            } else if n == "xl/worksheets/sheet1.xml" {
                let rows: String = (100..100 + uses)
                    .map(|r| format!(r#"<row r="{r}"><c r="Z{r}" t="s"><v>252</v></c></row>"#))
                    .collect();
                x.replace("</sheetData>", &format!("{rows}</sheetData>"))
            } else {
                x
            }
        },
        &[],
    )
}

/// `rows` rows of 40 inline-text cells on sheet1: an ordinary but very large return.
fn large(rows: usize) -> Vec<u8> {
    rezip(
        &template(),
        |n, x| {
            if n == "xl/worksheets/sheet1.xml" {
                let mut body = String::new();
                for r in 100..100 + rows {
                    body.push_str(&format!(r#"<row r="{r}">"#));
                    for c in 0..40u8 {
                        let col = if c < 26 {
                            format!("{}", (b'A' + c) as char)
                        } else {
                            format!("A{}", (b'A' + c - 26) as char)
                        };
                        body.push_str(&format!(
                            r#"<c r="{col}{r}" t="inlineStr"><is><t>value {r} {c}</t></is></c>"#
                        ));
                    }
                    body.push_str("</row>");
                }
                x.replace("</sheetData>", &format!("{body}</sheetData>"))
            } else {
                x
            }
        },
        &[],
    )
}

fn ods_repeats() -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Return"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="99" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content),
    ] {
        out.start_file(name, options).unwrap();
        out.write_all(body.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Makes one input's bytes.
type Shape = Box<dyn Fn() -> Vec<u8>>;

fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

fn main() {
    let shapes: Vec<(&str, Shape)> = vec![
        (
            "sharedStrings uniqueCount=4294967295",
            Box::new(|| {
                rezip(
                    &template(),
                    |n, x| {
                        if n == "xl/sharedStrings.xml" {
                            x.replace(r#"uniqueCount="252""#, r#"uniqueCount="4294967295""#)
                        } else {
                            x
                        }
                    },
                    &[],
                )
            }),
        ),
        (
            "shared-string index -1",
            Box::new(|| {
                rezip(
                    &template(),
                    |n, x| {
                        if n == "xl/worksheets/sheet2.xml" {
                            x.replace("<v>13</v>", "<v>-1</v>")
                        } else {
                            x
                        }
                    },
                    &[],
                )
            }),
        ),
        (
            "8 MB shared string x 1,000 cells",
            Box::new(|| shared(&"x".repeat(8 << 20), 1000)),
        ),
        (
            "1 MB shared string x 3,000 cells",
            Box::new(|| shared(&"x".repeat(1 << 20), 3000)),
        ),
        (
            "30 KB shared string x 3,000 cells",
            Box::new(|| shared(&"y".repeat(30_000), 3000)),
        ),
        (
            "ods 1,000,000 rows x 99 repeated cells",
            Box::new(ods_repeats),
        ),
        (
            "cell at A99999999999",
            Box::new(|| {
                rezip(
                    &template(),
                    |n, x| {
                        if n == "xl/worksheets/sheet4.xml" {
                            x.replacen(r#"<c r="A2""#, r#"<c r="A99999999999""#, 1)
                        } else {
                            x
                        }
                    },
                    &[],
                )
            }),
        ),
        (
            "large return: 25,000 rows x 40 cells",
            Box::new(|| large(25_000)),
        ),
    ];
    println!("| input | bytes on disk | result | time | peak RSS so far |");
    println!("|---|---:|---|---:|---:|");
    for (name, make) in shapes {
        let data = make();
        let bytes = data.len();
        let start = Instant::now();
        let result = bridger_core::read_bytes(data);
        let took = start.elapsed();
        let what = match &result {
            Ok(book) => format!(
                "read, {} cells",
                book.sheets.iter().map(|s| s.cells.len()).sum::<usize>()
            ),
            Err(e) => e.code.to_string(),
        };
        drop(result);
        println!(
            "| {name} | {bytes} | {what} | {:.2} s | {} MB |",
            took.as_secs_f64(),
            peak_mb()
        );
    }
}
