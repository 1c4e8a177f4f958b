//! The progress line of long work on a terminal (`jot crack`): a bar with the percent done,
//! the count and rate with thousands separators (`12,345,678 H/s`, as hashcat users read
//! rates) and the time left, redrawn in place at most [`REDRAW`] apart. Callers decide that
//! stderr is a terminal and feed the counters; nothing here knows what is counted, and the
//! time comes in as arguments so the arithmetic is testable.

use std::collections::VecDeque;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// The shortest time between two redraws: four a second is smooth to read and costs the
/// workers nothing (they only bump counters).
pub(crate) const REDRAW: Duration = Duration::from_millis(250);

/// The rate is measured over about this long, so it follows a change of pace (a gzip list
/// after a plain one) without jumping at every redraw.
const WINDOW: Duration = Duration::from_secs(5);

/// Cells of the bar between its brackets.
const BAR: usize = 20;

/// One look at the counters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reading {
    /// Items done (candidates tried): the count and the rate.
    pub done: u64,
    /// How far along the measure of the whole job, `(so far, total)`, when it is known:
    /// items again, or another unit (bytes of a wordlist read) that sets the percent and the
    /// time left.
    pub part: Option<(u64, u64)>,
}

/// Redraw pacing and rate measurement for one progress line.
#[derive(Debug)]
pub(crate) struct Meter {
    started: Instant,
    last_draw: Option<Instant>,
    /// `(when, done, part so far)`, oldest first, spanning about [`WINDOW`].
    history: VecDeque<(Instant, u64, u64)>,
}

impl Meter {
    /// A meter for work that starts at `now`.
    pub(crate) fn new(now: Instant) -> Meter {
        let mut history = VecDeque::new();
        history.push_back((now, 0, 0));
        Meter {
            started: now,
            last_draw: None,
            history,
        }
    }

    /// The line to draw at `now`, or `None` when the last one is less than [`REDRAW`] old
    /// (or the work has only just begun, when there is no rate to show yet).
    pub(crate) fn tick(&mut self, now: Instant, r: Reading) -> Option<String> {
        let due = match self.last_draw {
            Some(t) => now.duration_since(t) >= REDRAW,
            None => now.duration_since(self.started) >= REDRAW,
        };
        if !due {
            return None;
        }
        self.last_draw = Some(now);
        let so_far = r.part.map_or(0, |p| p.0);
        self.history.push_back((now, r.done, so_far));
        while self.history.len() > 2 && now.duration_since(self.history[1].0) >= WINDOW {
            self.history.pop_front();
        }
        let (t0, done0, part0) = self.history[0];
        let secs = now.duration_since(t0).as_secs_f64();
        let per_sec = |from: u64, to: u64| match secs > 0.0 {
            true => to.saturating_sub(from) as f64 / secs,
            false => 0.0,
        };
        let rate = per_sec(done0, r.done);
        let eta = r.part.and_then(|(at, total)| {
            let pace = per_sec(part0, at);
            (pace > 0.0).then(|| Duration::from_secs_f64(total.saturating_sub(at) as f64 / pace))
        });
        Some(line(r, rate, eta))
    }

    /// The closing line: `1,234,567 candidates in 2.3 s (536,768 H/s)`.
    pub(crate) fn summary(&self, now: Instant, done: u64, what: &str) -> String {
        let secs = now.duration_since(self.started).as_secs_f64();
        let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        format!(
            "{} {what} in {secs:.1} s ({} H/s)",
            thousands(u128::from(done)),
            thousands(rate as u128)
        )
    }
}

/// `[#######.............]  35.2%  1,234,567 tried  12,345,678 H/s  ETA 3m12s`; without a
/// known total, only the count and the rate.
pub(crate) fn line(r: Reading, rate: f64, eta: Option<Duration>) -> String {
    let mut out = String::new();
    if let Some((at, total)) = r.part {
        let fraction = match total {
            0 => 1.0,
            t => (at as f64 / t as f64).clamp(0.0, 1.0),
        };
        let filled = ((fraction * BAR as f64) as usize).min(BAR);
        out.push('[');
        out.push_str(&"#".repeat(filled));
        out.push_str(&".".repeat(BAR - filled));
        // Never 100.0% while work is left: floor to a tenth.
        let tenths = (fraction * 1000.0).floor() / 10.0;
        out.push_str(&format!("] {tenths:5.1}%  "));
    }
    out.push_str(&format!(
        "{} tried  {} H/s",
        thousands(u128::from(r.done)),
        thousands(rate as u128)
    ));
    if let Some(eta) = eta {
        out.push_str("  ETA ");
        out.push_str(&duration(eta));
    }
    out
}

/// `n` with a comma between groups of three digits: `12,345,678`.
pub(crate) fn thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A time left, short and to the precision that matters: `45s`, `3m12s`, `1h02m`, `2d03h`,
/// `1,902 years`.
pub(crate) fn duration(d: Duration) -> String {
    let s = d.as_secs();
    let (m, h, day) = (60, 3600, 86_400);
    match s {
        _ if s < m => format!("{s}s"),
        _ if s < h => format!("{}m{:02}s", s / m, s % m),
        _ if s < day => format!("{}h{:02}m", s / h, s % h / m),
        _ if s < 365 * day => format!("{}d{:02}h", s / day, s % day / h),
        _ => format!("{} years", thousands(u128::from(s / (365 * day)))),
    }
}

/// Whether to draw progress: stderr is a terminal that can erase a line (not `TERM=dumb`).
/// Piped or redirected, stderr gets only what a script reads.
pub(crate) fn enabled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// Draw `line` over the previous one.
pub(crate) fn draw(w: &mut impl Write, line: &str) {
    // \r to the line's start, the text, then erase what a longer earlier line left.
    let _ = write!(w, "\r{line}\x1b[K");
    let _ = w.flush();
}

/// Erase the progress line, leaving the cursor at the start of an empty line.
pub(crate) fn clear(w: &mut impl Write) {
    let _ = write!(w, "\r\x1b[K");
    let _ = w.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits_in_threes() {
        for (n, want) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1_000, "1,000"),
            (12_345, "12,345"),
            (123_456, "123,456"),
            (1_234_567, "1,234,567"),
            (12_345_678, "12,345,678"),
        ] {
            assert_eq!(thousands(n), want);
        }
        assert_eq!(
            thousands(u128::from(u64::MAX)),
            "18,446,744,073,709,551,615"
        );
    }

    #[test]
    fn durations_are_short_at_every_scale() {
        let d = Duration::from_secs;
        assert_eq!(duration(d(0)), "0s");
        assert_eq!(duration(d(59)), "59s");
        assert_eq!(duration(d(192)), "3m12s");
        assert_eq!(duration(d(3_720)), "1h02m");
        assert_eq!(duration(d(2 * 86_400 + 3 * 3600 + 59)), "2d03h");
        assert_eq!(duration(d(1_902 * 365 * 86_400)), "1,902 years");
    }

    #[test]
    fn a_line_shows_bar_percent_count_rate_and_eta() {
        let r = Reading {
            done: 1_234_567,
            part: Some((352, 1000)),
        };
        let shown = line(r, 12_345_678.9, Some(Duration::from_secs(192)));
        assert_eq!(
            shown,
            "[#######.............]  35.2%  1,234,567 tried  12,345,678 H/s  ETA 3m12s"
        );
        let unknown = Reading {
            done: 5_000,
            part: None,
        };
        assert_eq!(line(unknown, 2_500.0, None), "5,000 tried  2,500 H/s");
    }

    #[test]
    fn the_percent_stays_below_100_while_work_is_left() {
        let r = Reading {
            done: 9_999,
            part: Some((9_999, 10_000)),
        };
        assert!(
            line(r, 1.0, None).contains(" 99.9%"),
            "{}",
            line(r, 1.0, None)
        );
    }

    #[test]
    fn the_meter_redraws_at_most_four_times_a_second_and_measures_the_rate() {
        let t0 = Instant::now();
        let mut m = Meter::new(t0);
        let at = |ms| t0 + Duration::from_millis(ms);
        let r = |done| Reading {
            done,
            part: Some((done, 10_000)),
        };
        assert_eq!(m.tick(at(100), r(100)), None, "too early for a rate");
        let first = m.tick(at(250), r(250)).expect("a line at 250 ms");
        assert!(first.contains("250 tried  1,000 H/s"), "{first}");
        assert_eq!(m.tick(at(400), r(400)), None, "150 ms after the last draw");
        let second = m.tick(at(1_000), r(1_000)).expect("a line at 1 s");
        // 1,000 left at 1,000 a second.
        assert!(second.ends_with("ETA 9s"), "{second}");
        let s = m.summary(at(2_000), 2_000, "candidates");
        assert_eq!(s, "2,000 candidates in 2.0 s (1,000 H/s)");
    }
}
