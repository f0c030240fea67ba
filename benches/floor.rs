//! The floor for `bridger collate`: only reading every cell of every return with calamine
//! and writing the Incidents and Engagement rows with rust_xlsxwriter, on both cores, with
//! nothing checked. It shows how close collate comes to the limit of its two libraries.
//!
//!     cargo bench --bench floor -- RETURNS_DIR OUT.xlsx

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use bridger_core::write_value;
use bridger_core::Value;
use calamine::{DataRef, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

/// The cells kept for writing: (row, column, value), as text or numbers only.
type Rows = Vec<(u32, u16, Value)>;

fn read(path: &PathBuf) -> (String, Rows, Rows) {
    let bytes = std::fs::read(path).unwrap();
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut force = String::new();
    let mut tables = (Vec::new(), Vec::new());
    for name in wb.sheet_names() {
        let mut reader = wb.worksheet_cells_reader(&name).unwrap();
        while let Some(cell) = reader.next_cell().unwrap() {
            let (r, c) = cell.get_position();
            let value = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::SharedString(s) => Value::Text(s.to_string()),
                DataRef::String(s) => Value::Text(s.clone()),
                DataRef::Float(f) => Value::Number(*f),
                DataRef::Int(i) => Value::Number(*i as f64),
                DataRef::DateTime(d) => Value::Number(d.as_f64()),
                other => Value::Text(format!("{other:?}")),
            };
            match name.as_str() {
                "Return" if (r, c) == (4, 1) => {
                    if let Value::Text(t) = &value {
                        force = t.clone();
                    }
                }
                "Incidents" if r >= 4 => tables.0.push((r, c as u16, value)),
                "Engagement" if r >= 4 => tables.1.push((r, c as u16, value)),
                _ => {}
            }
        }
    }
    (force, tables.0, tables.1)
}

fn main() {
    let args: Vec<String> = std::env::args().filter(|a| a != "--bench").collect();
    let (dir, out) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    let start = Instant::now();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<(String, Rows, Rows)>>> =
        Mutex::new((0..files.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..std::thread::available_parallelism().map_or(1, |n| n.get()) {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    *n += 1;
                    *n - 1
                };
                if i >= files.len() {
                    break;
                }
                let r = read(&files[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    let read_secs = start.elapsed().as_secs_f64();
    let mut wb = Workbook::new();
    // Dates were read as serial numbers above, so no date format is ever used.
    let date = Format::new();
    let mut rows_written = 0;
    let results = results.into_inner().unwrap();
    for (sheet, pick) in [("Incidents", 0), ("Engagement", 1)] {
        let ws = wb.add_worksheet_with_constant_memory().unwrap();
        ws.set_name(sheet).unwrap();
        let mut out_row = 0u32;
        for (force, inc, eng) in results.iter().flatten() {
            let cells = if pick == 0 { inc } else { eng };
            let mut last = None;
            for (r, c, v) in cells {
                if last != Some(*r) {
                    out_row += 1;
                    last = Some(*r);
                    ws.write_string(out_row, 0, force).unwrap();
                    rows_written += 1;
                }
                write_value(ws, out_row, *c + 1, v.as_ref(), None, &date).unwrap();
            }
        }
    }
    wb.save(&out).unwrap();
    println!(
        "floor: {} files, {rows_written} rows (headers included) read in {read_secs:.2} s, total {:.2} s",
        files.len(),
        start.elapsed().as_secs_f64()
    );
}
