//! Time as jot sees it: an injected clock (`--now` or the system's, read once at the edge),
//! and the parsing of durations ("15m", "7d") and instants (unix seconds or RFC 3339).

use crate::{Error, Result};

/// The current time, fixed once per run so every check in that run agrees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Clock {
    now: i64,
}

impl Clock {
    /// A clock fixed at `now` (unix seconds).
    pub(crate) fn fixed(now: i64) -> Self {
        Clock { now }
    }

    /// The system clock, read once; this is the only place jot reads it.
    pub(crate) fn system() -> Self {
        Clock {
            now: jiff::Timestamp::now().as_second(),
        }
    }

    /// From an optional `--now` value, else the system clock.
    pub(crate) fn from_flag(now: Option<&str>) -> Result<Self> {
        match now {
            Some(s) => Ok(Clock::fixed(parse_time(s, None)?)),
            None => Ok(Clock::system()),
        }
    }

    /// Unix seconds.
    pub(crate) fn now(&self) -> i64 {
        self.now
    }
}

/// Parse a duration: `90s`, `15m`, `2h`, `7d`, `1w`, combinations like `1h30m`, or bare
/// seconds. Negative and overflowing values are refused.
pub(crate) fn parse_duration(s: &str) -> Result<i64> {
    let bad = || {
        Error::usage(format!("invalid duration {s:?}"))
            .with_hint("use a number with a unit: 90s, 15m, 2h, 7d, 1w (or 1h30m)")
    };
    let t = s.trim();
    if t.is_empty() {
        return Err(bad());
    }
    if let Ok(n) = t.parse::<i64>() {
        return if n >= 0 { Ok(n) } else { Err(bad()) };
    }
    let mut total: i64 = 0;
    let mut num = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return Err(bad()),
        };
        let n: i64 = num.parse().map_err(|_| bad())?;
        num.clear();
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
    }
    if !num.is_empty() {
        return Err(bad());
    }
    Ok(total)
}

/// Parse an instant: unix seconds, or RFC 3339 (`2026-01-02T03:04:05Z`). With `now`, a
/// duration (`15m`) is taken as relative to it, so `--exp 15m` and `--exp 2030-01-01T00:00:00Z`
/// both work.
pub(crate) fn parse_time(s: &str, now: Option<i64>) -> Result<i64> {
    let t = s.trim();
    if let Ok(n) = t.parse::<i64>() {
        // Bare numbers are absolute instants; durations need a unit.
        return Ok(n);
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Ok(ts.as_second());
    }
    if let Some(now) = now {
        if let Ok(d) = parse_duration(t) {
            return now
                .checked_add(d)
                .ok_or_else(|| Error::usage(format!("time {s:?} is out of range")));
        }
    }
    Err(Error::usage(format!("invalid time {s:?}"))
        .with_hint("use unix seconds, RFC 3339 (2026-01-02T03:04:05Z) or a duration like 15m"))
}

/// Format unix seconds as RFC 3339 UTC, or the raw number when out of range.
pub(crate) fn format_utc(t: i64) -> String {
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => format!("{t} (out of range)"),
    }
}

/// A duration as people write it: `90s` → "1m30s", `86400` → "24h", `2592000` → "30d";
/// hours up to two days, days beyond (as `--exp 30d` or a policy of 24h reads).
pub(crate) fn format_duration(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let mut a = secs.unsigned_abs();
    if a == 0 {
        return "0s".into();
    }
    let mut out = String::from(sign);
    let units: &[(u64, &str)] = if a >= 2 * 86_400 {
        &[(86_400, "d"), (3600, "h"), (60, "m"), (1, "s")]
    } else {
        &[(3600, "h"), (60, "m"), (1, "s")]
    };
    for (size, name) in units {
        if a >= *size {
            out.push_str(&format!("{}{name}", a / size));
            a %= size;
        }
    }
    out
}

/// A relative phrase for `t` seen from `now`: "in 14m", "3 days ago", "now".
pub(crate) fn relative(t: i64, now: i64) -> String {
    let d = t.saturating_sub(now);
    if d == 0 {
        return "now".into();
    }
    let a = d.unsigned_abs();
    let span = if a < 60 {
        format!("{a}s")
    } else if a < 3600 {
        format!("{}m", a / 60)
    } else if a < 86_400 {
        format!("{}h{}m", a / 3600, (a % 3600) / 60)
    } else {
        let days = a / 86_400;
        format!("{days} day{}", if days == 1 { "" } else { "s" })
    };
    if d >= 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), 90);
        assert_eq!(parse_duration("15m").unwrap(), 900);
        assert_eq!(parse_duration("2h").unwrap(), 7200);
        assert_eq!(parse_duration("7d").unwrap(), 604_800);
        assert_eq!(parse_duration("1h30m").unwrap(), 5400);
        assert_eq!(parse_duration("45").unwrap(), 45);
        for bad in ["", "-5", "5x", "m", "15m3", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("1700000000", None).unwrap(), 1_700_000_000);
        assert_eq!(
            parse_time("2023-11-14T22:13:20Z", None).unwrap(),
            1_700_000_000
        );
        assert_eq!(parse_time("15m", Some(100)).unwrap(), 1000);
        assert!(parse_time("15m", None).is_err());
        assert!(parse_time("yesterday", Some(0)).is_err());
    }

    #[test]
    fn relative_phrases() {
        assert_eq!(relative(1000 + 840, 1000), "in 14m");
        assert_eq!(relative(1000 - 3 * 86_400, 1000), "3 days ago");
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(relative(1000, 1000), "now");
    }

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(format_duration(2_592_000), "30d");
        assert_eq!(format_duration(86_400), "24h");
        assert_eq!(format_duration(129_600), "36h");
        assert_eq!(format_duration(172_800), "2d");
        assert_eq!(format_duration(900), "15m");
        assert_eq!(format_duration(5400), "1h30m");
        assert_eq!(format_duration(90), "1m30s");
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(3 * 86_400 + 3600), "3d1h");
        assert_eq!(format_duration(-60), "-1m");
        assert_eq!(
            format_duration(i64::MIN),
            format!("-{}d15h30m8s", 106_751_991_167_300u64)
        );
    }
}
