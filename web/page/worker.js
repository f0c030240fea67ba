// bridger's worker: runs the wasm module for one job at a time. The page starts a fresh
// worker for every file that ends one (by time, memory or a trap), so nothing a file
// does in here reaches the page or the next file. Prefixed by wasm-bindgen's glue
// (`wasm_bindgen`) when the page is built.
"use strict";

let ready = false;

// Calls into the module; `transfer` lists the buffers of the result.
const ops = {
  validate: (a) => {
    const checked = wasm_bindgen.validate(a.file, a.modified, new Uint8Array(a.bytes), a.today);
    const result = { json: checked.json(), kept: checked.kept() };
    checked.free();
    return [result, [result.kept.buffer]];
  },
  expected: (a) => [wasm_bindgen.expected_from_file(new Uint8Array(a.bytes), a.name)],
  collate: (a) => {
    const collator = new wasm_bindgen.Collator();
    for (const f of a.files) collator.add(f.name, f.kept);
    const done = collator.run(JSON.stringify(a.options));
    const result = { report: done.report(), grid: done.grid(), national: done.national(), chase: done.chase() };
    done.free();
    return [result, [result.national.buffer]];
  },
  report: (a) => {
    const out = wasm_bindgen.report(a.file, a.modified, new Uint8Array(a.bytes), a.today);
    return [out, [out.buffer]];
  },
  template: () => {
    const out = wasm_bindgen.template_bytes();
    return [out, [out.buffer]];
  },
  stopped: (a) => {
    const checked = wasm_bindgen.stopped(a.file, a.how, a.limit);
    const result = { json: checked.json(), kept: checked.kept() };
    checked.free();
    return [result, [result.kept.buffer]];
  },
  candidates: (a) => [wasm_bindgen.candidates(JSON.stringify(a.names))],
  about: () => [{
    version: wasm_bindgen.version(),
    fingerprint: wasm_bindgen.template_fingerprint(),
    forces: JSON.parse(wasm_bindgen.forces()),
  }],
};

// A test build may be told to fail on named files (`fault` in the page's address:
// `?fault=alloc:storm.xlsx,loop:slow.xlsx`); the real page has no `fault` in its module.
function testFault(a) {
  if (!a || !a.fault || typeof wasm_bindgen.fault !== "function") return;
  for (const one of a.fault.split(",")) {
    const [kind, name] = one.split(":");
    if (name === a.file) wasm_bindgen.fault(kind);
  }
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.op === "init") {
    wasm_bindgen.initSync({ module: msg.module });
    wasm_bindgen.set_memory_limit(msg.limitMb);
    ready = true;
    self.postMessage({ id: msg.id, ok: true });
    return;
  }
  if (!ready) {
    self.postMessage({ id: msg.id, fail: { message: "the worker was not started" } });
    return;
  }
  try {
    testFault(msg.args);
    const [result, transfer] = ops[msg.op](msg.args || {});
    self.postMessage({ id: msg.id, ok: result }, transfer || []);
  } catch (e) {
    // A JsError from the module is an answer (say, a file that cannot be annotated);
    // a trap (RuntimeError) or a failed allocation means the module's state is lost.
    const trapped = e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
    let panic = null;
    let refused = false;
    try {
      panic = wasm_bindgen.last_panic() || null;
      refused = wasm_bindgen.memory_refused();
    } catch (_) {
      // The module cannot answer either: what was caught is all there is.
    }
    self.postMessage({ id: msg.id, fail: { trapped, panic, refused, message: String(e && e.message || e) } });
  }
};
