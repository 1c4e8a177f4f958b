//! The timeline of a key set, from its manifest alone: for each key the states it went
//! through and when it entered each (next → active → retiring → removed, with the removal
//! of a retiring key due at its `expires`), and the span of time they cover, for
//! `jot keyset list` to draw as text or as an SVG picture ([`svg`]).

use super::manifest::{Entry, Manifest, State};

/// A key entering a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    /// The state entered.
    pub state: State,
    /// When (unix seconds).
    pub at: i64,
    /// Not yet happened: the removal a retiring key is due for at its `expires`.
    pub due: bool,
}

/// One key's line of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Lane {
    /// The key's kid (as the manifest has it: the caller escapes it for where it goes).
    pub kid: String,
    /// Its algorithm.
    pub alg: String,
    /// Its state now.
    pub state: State,
    /// The states it entered, in order; a key made active by a set's first run never
    /// waited as `next`, so its first step is `active`.
    pub steps: Vec<Step>,
}

impl Lane {
    /// The key's state at `t`: the last step at or before it (`None` before it existed).
    #[cfg(test)]
    pub(crate) fn state_at(&self, t: i64) -> Option<State> {
        self.steps
            .iter()
            .take_while(|s| s.at <= t)
            .last()
            .map(|s| s.state)
    }

    /// The intervals the key spent (or will spend) in each state up to `end`, as
    /// `(state, from, to, due)`: `due` marks time after `now` (a planned stretch). A
    /// removed key has no interval after its removal.
    pub(crate) fn spans(&self, now: i64, end: i64) -> Vec<(State, i64, i64, bool)> {
        let mut out = Vec::new();
        for (i, s) in self.steps.iter().enumerate() {
            if s.state == State::Removed {
                break;
            }
            let to = self.steps.get(i + 1).map_or(end.max(now), |n| n.at);
            if s.at < now {
                out.push((s.state, s.at, to.min(now), false));
            }
            if to > now && self.steps.get(i + 1).is_some_and(|n| n.due) {
                out.push((s.state, s.at.max(now), to, true));
            }
        }
        out
    }
}

/// A whole set seen at `now`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Timeline {
    /// The moment it is seen from.
    pub now: i64,
    /// The earliest step (or `now` for an empty set).
    pub start: i64,
    /// The latest step or `now`, whichever is later; always after `start`.
    pub end: i64,
    /// One lane per key, oldest key first (at equal times: the one that signed first).
    pub lanes: Vec<Lane>,
}

/// The steps of one manifest entry, from its dates.
fn steps(e: &Entry, now: i64) -> Vec<Step> {
    let step = |state, at| Step {
        state,
        at,
        due: at > now,
    };
    let mut out = Vec::new();
    if e.activated != Some(e.created) {
        out.push(step(State::Next, e.created));
    }
    out.extend(e.activated.map(|t| step(State::Active, t)));
    out.extend(e.retired.map(|t| step(State::Retiring, t)));
    // A removed entry says when it was dropped; a retiring one when it will be.
    match (e.state, e.removed, e.expires) {
        (State::Removed, Some(t), _) => out.push(step(State::Removed, t)),
        (State::Retiring, _, Some(t)) => out.push(step(State::Removed, t)),
        _ => {}
    }
    out
}

/// The timeline of `m` seen at `now`.
pub(crate) fn timeline(m: &Manifest, now: i64) -> Timeline {
    let mut lanes: Vec<Lane> = m
        .keys
        .iter()
        .map(|e| Lane {
            kid: e.kid.clone(),
            alg: e.alg.clone(),
            state: e.state,
            steps: steps(e, now),
        })
        .collect();
    // Oldest first; of keys made together, the one that signed first.
    let first = |l: &Lane| l.steps.first().map_or(now, |s| s.at);
    let active = |l: &Lane| {
        let s = l.steps.iter().find(|s| s.state == State::Active);
        s.map_or(i64::MAX, |s| s.at)
    };
    lanes.sort_by(|a, b| (first(a), active(a), &a.kid).cmp(&(first(b), active(b), &b.kid)));
    let times = lanes.iter().flat_map(|l| l.steps.iter().map(|s| s.at));
    let start = times.clone().chain([now]).min().unwrap_or(now);
    let end = times.chain([now]).max().unwrap_or(now);
    Timeline {
        now,
        start,
        // A set seen the second it was made still spans a day, so it can be drawn.
        end: if end > start { end } else { start + 86_400 },
        lanes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kid: &str, state: State, dates: [Option<i64>; 4]) -> Entry {
        Entry {
            kid: kid.into(),
            alg: "ES256".into(),
            state,
            created: dates[0].unwrap_or(0),
            activated: dates[1],
            retired: dates[2],
            expires: dates[3],
            removed: None,
            archive: false,
        }
    }

    const D: i64 = 86_400;

    fn sample() -> Manifest {
        let mut m = Manifest::empty();
        m.keys = vec![
            entry("n", State::Next, [Some(10 * D), None, None, None]),
            entry("a", State::Active, [Some(0), Some(10 * D), None, None]),
            entry(
                "r",
                State::Retiring,
                [Some(0), Some(0), Some(10 * D), Some(17 * D)],
            ),
        ];
        m
    }

    #[test]
    fn steps_follow_the_dates_and_the_removal_is_due_at_expiry() {
        let t = timeline(&sample(), 12 * D);
        let kids: Vec<&str> = t.lanes.iter().map(|l| l.kid.as_str()).collect();
        assert_eq!(kids, ["r", "a", "n"]);
        let r = &t.lanes[0];
        let states: Vec<(State, i64, bool)> =
            r.steps.iter().map(|s| (s.state, s.at, s.due)).collect();
        assert_eq!(
            states,
            [
                (State::Active, 0, false),
                (State::Retiring, 10 * D, false),
                (State::Removed, 17 * D, true)
            ]
        );
        assert_eq!(t.lanes[1].steps[0].state, State::Next);
        assert_eq!((t.start, t.end), (0, 17 * D));
        assert_eq!(r.state_at(11 * D), Some(State::Retiring));
        assert_eq!(t.lanes[2].state_at(D), None);
    }

    #[test]
    fn spans_split_at_now_into_past_and_planned() {
        let t = timeline(&sample(), 12 * D);
        assert_eq!(
            t.lanes[0].spans(t.now, t.end),
            [
                (State::Active, 0, 10 * D, false),
                (State::Retiring, 10 * D, 12 * D, false),
                (State::Retiring, 12 * D, 17 * D, true)
            ]
        );
        assert_eq!(
            t.lanes[2].spans(t.now, t.end),
            [(State::Next, 10 * D, 12 * D, false)]
        );
    }

    #[test]
    fn a_set_seen_as_it_is_made_spans_a_day() {
        let mut m = Manifest::empty();
        m.keys = vec![
            entry("a", State::Active, [Some(5), Some(5), None, None]),
            entry("n", State::Next, [Some(5), None, None, None]),
        ];
        let t = timeline(&m, 5);
        assert_eq!((t.start, t.end), (5, 5 + D));
        assert_eq!(t.lanes[0].kid, "a");
    }
}
