//! Running one piece of linkage work over every core: the u sample and the comparison of
//! candidate pairs are split into chunks, one thread each.
//!
//! It must never change a result: chunks come back in order, so the output is the same on
//! one core as on many. On `wasm32` (a browser has no threads to spawn) the work runs in
//! one piece, with the same results.

/// Runs `work` over chunks of `items` on every core, results in chunk order.
pub(super) fn parallel_chunks<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let threads = if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    if items.len() < 2_000 || threads <= 1 {
        return vec![work(items)];
    }
    let size = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|chunk| scope.spawn(|| work(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_in_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let sums = parallel_chunks(&items, |c| c.to_vec());
        assert_eq!(sums.concat(), items);
    }
}
