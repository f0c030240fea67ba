// The page's workers: each file is read in a Web Worker with a time limit and a memory
// limit, as the command line reads each file in a worker process. A worker that runs
// past its time is ended; one that traps (out of memory, or a bug) is ended too; the file
// gets its status (`timed-out`, `too-large`, `internal-error`) and the next file goes to a
// fresh worker. Several workers share the work.
"use strict";

// One worker and the job it is doing.
class Slot {
  constructor(pool) {
    this.pool = pool;
    this.job = null;
    this.start();
  }

  start() {
    this.worker = new Worker(this.pool.url);
    this.worker.onmessage = (e) => this.answer(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.answer({ id: this.job && this.job.id, fail: { trapped: true, message: e.message || "the worker failed" } });
    };
    this.ready = this.call({ op: "init", module: this.pool.module, limitMb: this.pool.limitMb });
  }

  // Posts a message and waits for its answer (used for init).
  call(message) {
    return new Promise((resolve) => {
      this.pending = { id: "init", resolve };
      this.worker.postMessage({ ...message, id: "init" });
    });
  }

  // Runs `job` (op, args, transfer, seconds), resolving its promise with
  // {ok: result} or {stopped: "timed-out" | "too-large" | "internal-error", how}.
  async run(job) {
    this.job = job;
    await this.ready;
    this.timer = setTimeout(() => this.stop({ stopped: "timed-out", limit: job.seconds }), job.seconds * 1000);
    this.worker.postMessage({ id: job.id, op: job.op, args: job.args }, job.transfer || []);
  }

  answer(data) {
    if (this.pending && data.id === "init") {
      const p = this.pending;
      this.pending = null;
      p.resolve();
      return;
    }
    const job = this.job;
    if (!job || data.id !== job.id) return;
    if ("ok" in data) {
      this.finish({ ok: data.ok });
      return;
    }
    const f = data.fail;
    if (!f.trapped) {
      this.finish({ error: f.message });
    } else if (f.refused) {
      this.stop({ stopped: "too-large", limit: this.pool.limitMb });
    } else if (f.panic) {
      this.stop({ stopped: "internal-error", how: "it panicked" });
    } else {
      this.stop({ stopped: "internal-error", how: "the worker reading it failed: " + f.message });
    }
  }

  // Ends the worker (its module may be in any state), answers the job and starts afresh.
  stop(result) {
    this.worker.terminate();
    this.start();
    this.finish(result);
  }

  finish(result) {
    clearTimeout(this.timer);
    const job = this.job;
    this.job = null;
    if (job) job.resolve(result);
    this.pool.next(this);
  }
}

class Pool {
  // `source` is the worker's script, `module` the compiled WebAssembly.Module, `size` the
  // number of workers, `limitMb` each one's memory limit.
  constructor({ source, module, size, limitMb }) {
    this.url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    this.module = module;
    this.limitMb = limitMb;
    this.queue = [];
    this.counter = 0;
    this.slots = Array.from({ length: size }, () => new Slot(this));
  }

  // Queues a job; resolves as Slot.run says.
  run(op, args, { seconds = 600, transfer = [] } = {}) {
    return new Promise((resolve) => {
      this.queue.push({ id: ++this.counter, op, args, seconds, transfer, resolve });
      const idle = this.slots.find((s) => !s.job);
      if (idle) this.next(idle);
    });
  }

  next(slot) {
    if (slot.job || this.queue.length === 0) return;
    slot.run(this.queue.shift());
  }
}
