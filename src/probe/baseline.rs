//! The probe's judge: the two baselines (the original token's response, the acceptance
//! reference; a garbage value's, the rejection reference) with the reviewer's own markers
//! (`--accepted-text`, `--rejected-text`, `--accepted-status`), deciding whether a response
//! means accepted. It owns the rules that keep false positives out: a 5xx is never
//! acceptance, a refused original token is a usable reference only when a bad token gets a
//! different answer (status, body, length or WWW-Authenticate challenge), and the token a
//! server echoes is masked before bodies are compared.

use super::classify::{similarity, Baselines, Verdict};
use super::http::{Response, GARBAGE};

/// What the reviewer says an accepted (or rejected) response looks like.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Markers {
    /// Text only an accepted response has.
    pub accepted_text: Vec<String>,
    /// Text only a rejected response has.
    pub rejected_text: Vec<String>,
    /// Statuses only an accepted response has (never a 5xx).
    pub accepted_status: Vec<u16>,
}

impl Markers {
    /// True when some marker can say "accepted".
    pub(crate) fn accepts(&self) -> bool {
        !self.accepted_text.is_empty() || !self.accepted_status.is_empty()
    }

    /// The accepted marker `v` matches, if any.
    fn accepted_by(&self, v: &Response) -> Option<String> {
        if self.accepted_status.contains(&v.status) {
            return Some(format!("status {} is an --accepted-status", v.status));
        }
        self.accepted_text
            .iter()
            .find(|t| contains(&v.body, t))
            .map(|t| format!("body has the --accepted-text {t:?}"))
    }

    /// The rejected marker `v` matches, if any.
    fn rejected_by(&self, v: &Response) -> Option<String> {
        self.rejected_text
            .iter()
            .find(|t| contains(&v.body, t))
            .map(|t| format!("body has the --rejected-text {t:?}"))
    }
}

fn contains(body: &[u8], text: &str) -> bool {
    !text.is_empty() && body.windows(text.len()).any(|w| w == text.as_bytes())
}

/// Segments shorter than this are not masked: they could be ordinary words.
const MASK_MIN: usize = 8;

/// `body` with `token`, and each of its dot-separated segments, replaced by a placeholder:
/// an error page that echoes the token it refused must not look like the original token's.
fn mask(body: &[u8], token: &str) -> Vec<u8> {
    let mut pieces: Vec<&str> = vec![token];
    pieces.extend(token.split('.').filter(|s| s.len() >= MASK_MIN));
    let mut out = body.to_vec();
    for p in pieces.into_iter().filter(|p| p.len() >= MASK_MIN) {
        out = replace(&out, p.as_bytes(), b"{token}");
    }
    out
}

fn replace(hay: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

fn masked(r: &Response, token: &str) -> Response {
    let challenge = r
        .challenge
        .as_deref()
        .map(|c| String::from_utf8_lossy(&mask(c.as_bytes(), token)).into_owned());
    Response {
        body: mask(&r.body, token),
        challenge,
        ..r.clone()
    }
}

/// Bodies this alike (and the same status and length) are the same answer.
const SAME: f64 = 0.8;

fn alike(a: &Response, b: &Response) -> bool {
    a.status == b.status
        && a.challenge == b.challenge
        && a.body.len() == b.body.len()
        && similarity(&a.body, &b.body) >= SAME
}

/// The baselines, masked of the tokens that made them, and the reviewer's markers.
#[derive(Clone, Debug)]
pub(crate) struct Judge {
    masked: Baselines,
    pub markers: Markers,
}

impl Judge {
    /// The judge of responses to tokens sent like `original` was.
    pub(crate) fn new(b: &Baselines, original: &str, markers: Markers) -> Judge {
        Judge {
            masked: Baselines {
                original: masked(&b.original, original),
                garbage: masked(&b.garbage, GARBAGE),
            },
            markers,
        }
    }

    fn original_is_error(&self) -> bool {
        self.masked.original.status >= 500
    }

    fn original_is_refused(&self) -> bool {
        matches!(self.masked.original.status, 401 | 403 | 407)
    }

    /// Whether acceptance can be told from rejection; why not, when it cannot.
    pub(crate) fn check(&self) -> Result<(), String> {
        let (a, r) = (&self.masked.original, &self.masked.garbage);
        if self.original_is_error() && !self.markers.accepts() {
            return Err(format!(
                "the original token itself gets a server error (HTTP {}): a 5xx is never evidence of acceptance, so there is no acceptance baseline; say what acceptance looks like with --accepted-text or --accepted-status",
                a.status
            ));
        }
        if self.original_is_error() {
            return Ok(());
        }
        if self.original_is_refused() && alike(a, r) && !self.markers.accepts() {
            return Err(format!(
                "the original token itself is refused (HTTP {}) just as a garbage value is: give a token the server accepts now, or say what acceptance looks like with --accepted-text or --accepted-status",
                a.status
            ));
        }
        // The same status and body with another WWW-Authenticate challenge is another answer.
        if self.original_is_refused() || (a.status == r.status && a.challenge != r.challenge) {
            return Ok(());
        }
        self.masked.check()
    }

    /// Classify the closing recheck `v` of the original token: the same answer as at the
    /// start (a server error included) means nothing changed.
    pub(crate) fn recheck(&self, v: &Response, original: &str) -> (Verdict, String) {
        if alike(&masked(v, original), &self.masked.original) {
            return (
                Verdict::Accepted,
                format!("status {}, the same answer as at the start", v.status),
            );
        }
        self.classify(v, original)
    }

    /// Classify `v`, the response to `token`; the second value says which signal decided.
    pub(crate) fn classify(&self, v: &Response, token: &str) -> (Verdict, String) {
        let v = masked(v, token);
        let (a, r) = (&self.masked.original, &self.masked.garbage);
        if let Some(why) = self.markers.rejected_by(&v) {
            return (Verdict::Rejected, why);
        }
        if v.status >= 500 {
            return (
                Verdict::Inconclusive,
                format!(
                    "status {}: a server error is never evidence of acceptance",
                    v.status
                ),
            );
        }
        if let Some(why) = self.markers.accepted_by(&v) {
            if alike(&v, r) {
                return (
                    Verdict::Rejected,
                    format!("{why}, but the response is the garbage value's"),
                );
            }
            return (Verdict::Accepted, why);
        }
        let (verdict, signal) = self.masked.classify(&v);
        let (verdict, signal) = self.weigh_challenge(&v, verdict, signal);
        match verdict {
            Verdict::Accepted if self.original_is_error() => (
                Verdict::Inconclusive,
                format!("{signal}, but the original token's answer was a server error"),
            ),
            // A refused original token is a weaker reference: its length alone proves nothing.
            Verdict::Accepted if self.original_is_refused() && signal.starts_with("body length") => {
                (Verdict::Inconclusive, signal)
            }
            Verdict::Inconclusive
                if (200..300).contains(&v.status) && a.status >= 400 && r.status >= 400 =>
            {
                (
                    Verdict::Inconclusive,
                    format!(
                        "status {} where the original token got {} and a garbage value {}: unlike both baselines; --accepted-status {} or --accepted-text would count it",
                        v.status, a.status, r.status, v.status
                    ),
                )
            }
            _ => (verdict, signal),
        }
    }
}

impl Judge {
    /// The WWW-Authenticate challenge as a signal, when the status cannot decide (all three
    /// responses share it) and the baselines' challenges differ: it decides what the body
    /// left open, and a body verdict it contradicts is no verdict.
    fn weigh_challenge(&self, v: &Response, verdict: Verdict, signal: String) -> (Verdict, String) {
        let (a, r) = (&self.masked.original, &self.masked.garbage);
        if a.challenge == r.challenge || v.status != a.status || v.status != r.status {
            return (verdict, signal);
        }
        let like_r = v.challenge == r.challenge;
        let like_a = v.challenge == a.challenge;
        match verdict {
            Verdict::Accepted if like_r => (
                Verdict::Inconclusive,
                format!("{signal}, but its WWW-Authenticate is the garbage value's"),
            ),
            Verdict::Rejected if like_a => (
                Verdict::Inconclusive,
                format!("{signal}, but its WWW-Authenticate is the original token's"),
            ),
            Verdict::Inconclusive if like_r => (
                Verdict::Rejected,
                "WWW-Authenticate = the garbage value's".into(),
            ),
            Verdict::Inconclusive if like_a => (
                Verdict::Accepted,
                "WWW-Authenticate = the original token's".into(),
            ),
            _ => (verdict, signal),
        }
    }
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;
