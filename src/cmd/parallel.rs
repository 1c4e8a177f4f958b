//! Bulk work on every core, fail closed: one result per input, in input order, or an error.
//! A worker that panics is an error for the whole batch, never a silently shorter result
//! (a dropped verdict next to `all(valid)` would let unchecked tokens pass).

use crate::{Error, Result};

/// `f` over `items` on up to `threads` threads, results in input order. Any worker that
/// fails, or a result count that does not match, is an error.
pub fn map_all<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>> {
    let out: Vec<R> = if threads <= 1 || items.len() <= 1 {
        items.iter().map(&f).collect()
    } else {
        let chunk = items.len().div_ceil(threads);
        let f = &f;
        std::thread::scope(|s| {
            let handles: Vec<_> = items
                .chunks(chunk)
                .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<_>>()))
                .collect();
            let mut all = Vec::with_capacity(items.len());
            for h in handles {
                all.extend(h.join().map_err(|_| {
                    Error::input("a verification worker failed; no verdict is given for its tokens")
                })?);
            }
            Ok::<_, Error>(all)
        })?
    };
    if out.len() != items.len() {
        return Err(Error::input(format!(
            "{} verdicts for {} tokens; refusing to report a partial result",
            out.len(),
            items.len()
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::map_all;

    #[test]
    fn results_come_back_one_per_input_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        for threads in [1, 2, 7] {
            let out = map_all(&items, threads, |x| x * 2).unwrap();
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    /// Issue 9 regression: a panicking worker used to become an empty result, and the
    /// tokens it held were dropped from the verdicts.
    #[test]
    fn a_worker_that_panics_fails_the_batch_instead_of_dropping_its_results() {
        let items: Vec<u32> = (0..100).collect();
        let r = map_all(&items, 4, |x| {
            assert!(*x != 60, "worker dies on item 60");
            *x
        });
        let e = r.expect_err("a failed worker must be an error");
        assert!(e.to_string().contains("worker failed"), "{e}");
    }
}
