//! Probing a live verifier: send the original token and a garbage value as baselines,
//! then each forged token, paced and bounded, and classify every response. The outcome is
//! a [`Report`] value; `report` renders it as text, JSON or SARIF.

pub(crate) mod baseline;
pub(crate) mod classify;
pub(crate) mod coverage;
pub(crate) mod discover;
pub(crate) mod http;
pub(crate) mod origin;
pub(crate) mod report;
mod twin;

#[cfg(test)]
mod tests;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::forge::{Attack, Forged, Need};
use baseline::{Judge, Markers};
use classify::{Baselines, Verdict};
use http::{Response, GARBAGE};

/// The bounds on the traffic.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Requests per second at most.
    pub rate: f64,
    /// Requests in all at most, the baselines and the closing recheck included.
    pub max_requests: usize,
}

/// What one forged token got.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub forged: Forged,
    pub verdict: Verdict,
    /// Which signal decided (or why nothing could).
    pub signal: String,
    /// The response, when there was one.
    pub response: Option<Response>,
    /// Set when the acceptance follows from another attack's (a server that accepts
    /// `tamper` checks no signature, so every other acceptance says nothing more).
    pub implied_by: Option<&'static str>,
}

/// The whole probe.
#[derive(Clone, Debug)]
pub(crate) struct Report {
    pub target: http::Target,
    pub baselines: Baselines,
    pub outcomes: Vec<Outcome>,
    /// Requests sent, baselines included.
    pub requests: usize,
    /// Forged tokens not sent because --max-requests was reached.
    pub not_sent: usize,
    /// True when Ctrl-C stopped the probe early.
    pub interrupted: bool,
    /// The original token sent again at the end.
    pub recheck: Option<Recheck>,
    /// Which attacks ran and which were skipped, and why (filled in by the caller, who
    /// knows the inputs).
    pub coverage: Vec<coverage::Coverage>,
}

/// How the server answered the original token after the forged ones.
#[derive(Clone, Debug)]
pub(crate) struct Recheck {
    pub verdict: Verdict,
    pub signal: String,
    pub status: Option<u16>,
}

impl Recheck {
    /// Why the rejections may not be the server's verdict, when the original token is no
    /// longer accepted.
    pub(crate) fn drift(&self) -> Option<String> {
        (self.verdict != Verdict::Accepted).then(|| {
            format!(
                "the original token is no longer accepted ({}): the server may have blocked the probe, so rejections may not be its verdict; retry with a lower --rate",
                self.signal
            )
        })
    }
}

impl Report {
    /// True when any forged token was accepted: a vulnerability (exit 1).
    pub(crate) fn any_accepted(&self) -> bool {
        self.outcomes.iter().any(|o| o.verdict == Verdict::Accepted)
    }
}

/// Why a probe stopped before it could conclude anything.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A baseline request failed.
    Baseline(String),
    /// The baselines look alike: acceptance cannot be told from rejection.
    Indistinct(String),
}

/// Spaces request starts at least `1/rate` apart.
struct Pacer {
    interval: Duration,
    last: Option<Instant>,
}

impl Pacer {
    fn wait(&mut self, stop: &AtomicBool) {
        if let Some(last) = self.last {
            let due = last + self.interval;
            // Sleep in slices so Ctrl-C is noticed promptly.
            while Instant::now() < due && !stop.load(Ordering::SeqCst) {
                std::thread::sleep((due - Instant::now()).min(Duration::from_millis(50)));
            }
        }
        self.last = Some(Instant::now());
    }
}

/// Where the probe is: attack `n` of `m`, named, about to be sent.
pub(crate) type Progress<'a> = &'a mut dyn FnMut(usize, usize, &'static str);

/// Run the probe: baselines, then each forged token in order, until done, the request
/// budget is spent, or `stop` is set. `markers` are the reviewer's own signs of
/// acceptance and rejection; `progress` hears of each attack as it starts.
pub(crate) fn run(
    client: &http::Client,
    original: &str,
    forged: Vec<Forged>,
    limits: Limits,
    markers: Markers,
    stop: &AtomicBool,
    progress: Progress,
) -> Result<Report, Failure> {
    let mut pacer = Pacer {
        interval: Duration::from_secs_f64(1.0 / limits.rate),
        last: None,
    };
    let mut requests = 0;
    let mut baseline = |value: &str, what: &str| {
        pacer.wait(stop);
        requests += 1;
        client
            .send(value)
            .map_err(|e| Failure::Baseline(format!("the {what} baseline request failed: {e}")))
    };
    let original_resp = baseline(original, "original-token")?;
    let garbage_resp = baseline(GARBAGE, "garbage-value")?;
    let baselines = Baselines {
        original: original_resp,
        garbage: garbage_resp,
    };
    let judge = Judge::new(&baselines, original, markers);
    judge.check().map_err(Failure::Indistinct)?;
    let names = attack_names(&forged);
    // One request is kept back for the closing recheck of the original token.
    let budget = limits.max_requests.saturating_sub(requests + 1);
    let total = forged.len();
    let mut outcomes = Vec::new();
    let mut interrupted = false;
    for f in forged.into_iter().take(budget) {
        pacer.wait(stop);
        if stop.load(Ordering::SeqCst) {
            interrupted = true;
            break;
        }
        if let Some(n) = names.iter().position(|n| *n == f.attack.name) {
            progress(n + 1, names.len(), f.attack.name);
        }
        requests += 1;
        outcomes.push(send_forged(client, &judge, original, f));
    }
    let not_sent = if interrupted {
        0
    } else {
        total - outcomes.len()
    };
    // The original token once more: a server (or a WAF in front of it) that started
    // refusing everything mid-probe would otherwise pass for a safe one.
    let recheck = if interrupted || outcomes.is_empty() {
        None
    } else {
        pacer.wait(stop);
        requests += 1;
        Some(recheck_original(client, &judge, original))
    };
    twin::judge(&mut outcomes, recheck.as_ref());
    mark_implied(&mut outcomes);
    Ok(Report {
        target: client.target().clone(),
        baselines,
        outcomes,
        requests,
        not_sent,
        interrupted,
        recheck,
        coverage: Vec::new(),
    })
}

/// The attacks' names in the order they are first sent, for the progress line.
fn attack_names(forged: &[Forged]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for f in forged {
        if !names.contains(&f.attack.name) {
            names.push(f.attack.name);
        }
    }
    names
}

/// Send one forged item and judge the answer against the baselines.
fn send_forged(client: &http::Client, judge: &Judge, original: &str, f: Forged) -> Outcome {
    // A DPoP attack's forged item is the proof, sent with the original token.
    let dpop = f.attack.needs == Need::DpopKey;
    let sent = if dpop {
        client.send_with(original, Some(&f.token))
    } else {
        client.send(&f.token)
    };
    match sent {
        Ok(resp) => {
            let sent = if dpop { original } else { &f.token };
            let (mut verdict, mut signal) = judge.classify(&resp, sent);
            if f.attack.blind {
                signal = format!(
                    "blind: the response alone gives no verdict ({signal}; {} ms)",
                    resp.elapsed_ms
                );
                verdict = Verdict::Inconclusive;
            }
            Outcome {
                forged: f,
                verdict,
                signal,
                response: Some(resp),
                implied_by: None,
            }
        }
        Err(e) => Outcome {
            forged: f,
            verdict: Verdict::Inconclusive,
            signal: e,
            response: None,
            implied_by: None,
        },
    }
}

/// Send the original token once more and judge it against its baseline.
fn recheck_original(client: &http::Client, judge: &Judge, original: &str) -> Recheck {
    match client.send(original) {
        Ok(resp) => {
            let (verdict, signal) = judge.recheck(&resp, original);
            Recheck {
                verdict,
                signal,
                status: Some(resp.status),
            }
        }
        Err(e) => Recheck {
            verdict: Verdict::Inconclusive,
            signal: e,
            status: None,
        },
    }
}

/// When `tamper` (original signature, changed claims) is accepted the server checks no
/// signature: every other acceptance is explained by that one.
fn mark_implied(outcomes: &mut [Outcome]) {
    let tamper = outcomes
        .iter()
        .any(|o| o.forged.attack.name == "tamper" && o.verdict == Verdict::Accepted);
    if !tamper {
        return;
    }
    for o in outcomes.iter_mut() {
        if o.verdict == Verdict::Accepted && o.forged.attack.name != "tamper" {
            o.implied_by = Some("tamper");
        }
    }
}

/// One attack's outcome: its verdict is the best of its variants' (accepted over
/// inconclusive over rejected), with the variant that decided it.
pub(crate) struct AttackSummary<'a> {
    pub attack: &'static Attack,
    pub verdict: Verdict,
    pub decisive: &'a Outcome,
    pub variants: Vec<&'a Outcome>,
}

/// The outcomes grouped by attack, accepted first (then inconclusive, then rejected),
/// table order within each.
pub(crate) fn by_attack(r: &Report) -> Vec<AttackSummary<'_>> {
    let mut out: Vec<AttackSummary> = Vec::new();
    for o in &r.outcomes {
        match out
            .iter_mut()
            .find(|s| s.attack.name == o.forged.attack.name)
        {
            Some(s) => {
                s.variants.push(o);
                if (o.verdict, o.implied_by.is_some())
                    < (s.verdict, s.decisive.implied_by.is_some())
                {
                    s.verdict = o.verdict;
                    s.decisive = o;
                }
            }
            None => out.push(AttackSummary {
                attack: o.forged.attack,
                verdict: o.verdict,
                decisive: o,
                variants: vec![o],
            }),
        }
    }
    out.sort_by_key(|s| (s.verdict, s.decisive.implied_by.is_some()));
    out
}
