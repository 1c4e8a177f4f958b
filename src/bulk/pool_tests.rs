//! Tests of the ordered worker pool: order, coverage, errors and panics.

use super::{ordered, Next};
use crate::Error;

/// Jobs 0..n through `ordered`, returning what reached the sink.
fn run(
    n: u32,
    threads: usize,
    work: impl Fn(u32) -> crate::Result<u32> + Sync,
) -> (crate::Result<()>, Vec<u32>) {
    let mut jobs = 0..n;
    let mut got = Vec::new();
    let r = ordered(
        threads,
        4,
        |_| Ok(jobs.next().map_or(Next::End, Next::Job)),
        work,
        |r, _| {
            got.push(r);
            Ok(())
        },
    );
    (r, got)
}

#[test]
fn results_come_back_once_each_in_job_order() {
    for threads in [1, 2, 3, 8] {
        let (r, got) = run(1000, threads, |x| {
            // Uneven work, so later jobs often finish first.
            if x % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            Ok(x * 2)
        });
        r.unwrap();
        assert_eq!(
            got,
            (0..1000).map(|x| x * 2).collect::<Vec<_>>(),
            "{threads} threads"
        );
    }
}

/// Issue 9 regression: a panicking worker used to become an empty result, and the tokens
/// it held were dropped from the verdicts. Now the run fails, after the results before
/// the failed job.
#[test]
fn a_worker_that_panics_fails_the_run_instead_of_dropping_its_results() {
    let (r, got) = run(100, 2, |x| {
        assert!(x != 60, "worker dies on job 60");
        Ok(x)
    });
    let e = r.expect_err("a failed worker must be an error");
    assert!(e.to_string().contains("worker failed"), "{e}");
    assert_eq!(got, (0..60).collect::<Vec<_>>());
}

#[test]
fn an_error_from_the_input_comes_after_the_jobs_before_it() {
    for threads in [1, 2] {
        let mut i = 0;
        let mut got = Vec::new();
        let r = ordered(
            threads,
            4,
            |_| {
                i += 1;
                if i > 10 {
                    Err(Error::input("the pipe broke"))
                } else {
                    Ok(Next::Job(i))
                }
            },
            Ok,
            |x, _| {
                got.push(x);
                Ok(())
            },
        );
        assert!(r.unwrap_err().to_string().contains("pipe broke"));
        assert_eq!(got, (1..=10).collect::<Vec<_>>(), "{threads} threads");
    }
}

#[test]
fn an_error_from_the_sink_stops_the_run() {
    let mut jobs = 0..1000u32;
    let r = ordered(
        2,
        4,
        |_| Ok(jobs.next().map_or(Next::End, Next::Job)),
        Ok,
        |x, _| {
            if x == 5 {
                Err(Error::input("stdout closed"))
            } else {
                Ok(())
            }
        },
    );
    assert!(r.unwrap_err().to_string().contains("stdout closed"));
}
