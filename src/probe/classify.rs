//! Classifying a response against the two baselines (the original token: accepted; a
//! garbage value: rejected) by status code, body similarity and body length, saying which
//! signal decided.

use super::http::Response;

/// What a response says about one forged token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verdict {
    Accepted,
    Inconclusive,
    Rejected,
}

impl Verdict {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Inconclusive => "inconclusive",
            Verdict::Rejected => "rejected",
        }
    }
}

/// Bodies are compared on their first 64 KiB.
const COMPARE: usize = 64 * 1024;
/// A body this similar to a baseline, and this much more than to the other, is like it.
const LIKE: f64 = 0.6;
const MARGIN: f64 = 0.2;

/// The two reference responses.
#[derive(Clone, Debug)]
pub(crate) struct Baselines {
    pub original: Response,
    pub garbage: Response,
}

impl Baselines {
    /// Whether acceptance can be told from rejection; why not, when it cannot.
    pub(crate) fn check(&self) -> Result<(), String> {
        let (a, r) = (&self.original, &self.garbage);
        if matches!(a.status, 401 | 403 | 407) {
            return Err(format!(
                "the original token itself is refused (HTTP {}): give a token the server accepts now",
                a.status
            ));
        }
        if a.status != r.status {
            return Ok(());
        }
        let sim = similarity(&a.body, &r.body);
        if sim < 1.0 - MARGIN || a.body.len() != r.body.len() {
            return Ok(());
        }
        Err(format!(
            "the original token and a garbage value get the same answer (HTTP {}, {} bytes, {:.0}% alike): nothing to conclude",
            a.status,
            a.body.len(),
            sim * 100.0
        ))
    }

    /// Classify `v`; the second value says which signal decided.
    pub(crate) fn classify(&self, v: &Response) -> (Verdict, String) {
        let (a, r) = (&self.original, &self.garbage);
        if v.status == 429 && a.status != 429 && r.status != 429 {
            return (
                Verdict::Inconclusive,
                "status 429: rate limited; try a lower --rate".into(),
            );
        }
        if a.status != r.status {
            if v.status == a.status {
                return (
                    Verdict::Accepted,
                    format!("status {} = the original token's", v.status),
                );
            }
            if v.status == r.status {
                return (
                    Verdict::Rejected,
                    format!("status {} = the garbage value's", v.status),
                );
            }
            if v.status >= 500 {
                return (
                    Verdict::Inconclusive,
                    format!("status {}: a server error, like neither baseline", v.status),
                );
            }
            if (400..500).contains(&v.status) && a.status < 400 {
                return (
                    Verdict::Rejected,
                    format!(
                        "status {}: a client error, unlike the original token's {}",
                        v.status, a.status
                    ),
                );
            }
        }
        let sa = similarity(&v.body, &a.body);
        let sr = similarity(&v.body, &r.body);
        let pct = |x: f64| (x * 100.0).round();
        if sa >= LIKE && sa - sr >= MARGIN {
            return (
                Verdict::Accepted,
                format!(
                    "body {}% like the original token's, {}% like the garbage value's",
                    pct(sa),
                    pct(sr)
                ),
            );
        }
        if sr >= LIKE && sr - sa >= MARGIN {
            return (
                Verdict::Rejected,
                format!(
                    "body {}% like the garbage value's, {}% like the original token's",
                    pct(sr),
                    pct(sa)
                ),
            );
        }
        let (la, lr, lv) = (a.body.len(), r.body.len(), v.body.len());
        if la != lr && lv == la {
            return (
                Verdict::Accepted,
                format!("body length {lv} = the original token's"),
            );
        }
        if la != lr && lv == lr {
            return (
                Verdict::Rejected,
                format!("body length {lv} = the garbage value's"),
            );
        }
        (
            Verdict::Inconclusive,
            format!("status {}, {lv} bytes: like neither baseline", v.status),
        )
    }
}

/// How alike two bodies are, 0 to 1: the larger of the shared prefix+suffix share (a page
/// with one changed field) and the Jaccard index of their byte trigrams (reordered JSON).
pub(crate) fn similarity(x: &[u8], y: &[u8]) -> f64 {
    let (x, y) = (&x[..x.len().min(COMPARE)], &y[..y.len().min(COMPARE)]);
    if x == y {
        return 1.0;
    }
    let longest = x.len().max(y.len()) as f64;
    let prefix = x.iter().zip(y).take_while(|(a, b)| a == b).count();
    let suffix = x[prefix..]
        .iter()
        .rev()
        .zip(y[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let edges = (prefix + suffix) as f64 / longest;
    let grams = |b: &[u8]| {
        b.windows(3)
            .map(|w| [w[0], w[1], w[2]])
            .collect::<std::collections::HashSet<_>>()
    };
    let (gx, gy) = (grams(x), grams(y));
    let union = gx.union(&gy).count();
    let jaccard = if union == 0 {
        0.0
    } else {
        gx.intersection(&gy).count() as f64 / union as f64
    };
    edges.max(jaccard)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> Response {
        Response {
            status,
            body: body.as_bytes().to_vec(),
            truncated: false,
            location: None,
            challenge: None,
            elapsed_ms: 1,
        }
    }

    #[test]
    fn status_decides_when_the_baselines_differ_in_status() {
        let b = Baselines {
            original: resp(200, "hello alice"),
            garbage: resp(401, "no"),
        };
        assert!(b.check().is_ok());
        assert_eq!(b.classify(&resp(200, "x")).0, Verdict::Accepted);
        assert_eq!(b.classify(&resp(401, "x")).0, Verdict::Rejected);
        assert_eq!(b.classify(&resp(400, "x")).0, Verdict::Rejected);
        assert_eq!(b.classify(&resp(500, "x")).0, Verdict::Inconclusive);
        assert_eq!(b.classify(&resp(429, "slow down")).0, Verdict::Inconclusive);
        assert!(b.classify(&resp(200, "x")).1.contains("status"));
    }

    #[test]
    fn body_decides_when_statuses_match() {
        let b = Baselines {
            original: resp(200, r#"{"user":"alice","role":"user","items":[1,2,3]}"#),
            garbage: resp(200, r#"<html>please log in</html>"#),
        };
        assert!(b.check().is_ok());
        let (v, why) = b.classify(&resp(
            200,
            r#"{"user":"alice","role":"admin","items":[1,2,3]}"#,
        ));
        assert_eq!(v, Verdict::Accepted, "{why}");
        assert!(why.starts_with("body"), "{why}");
        assert_eq!(
            b.classify(&resp(200, "<html>please log in</html>")).0,
            Verdict::Rejected
        );
    }

    #[test]
    fn identical_baselines_are_refused() {
        let b = Baselines {
            original: resp(200, "ok"),
            garbage: resp(200, "ok"),
        };
        assert!(b.check().unwrap_err().contains("nothing to conclude"));
        let refused = Baselines {
            original: resp(401, "expired"),
            garbage: resp(401, "bad"),
        };
        assert!(refused.check().unwrap_err().contains("refused"));
    }

    proptest::proptest! {
        /// Response bodies are the server's (maybe hostile) bytes: any pair is compared
        /// without panicking, into [0, 1], and the classifier always returns a verdict.
        #[test]
        fn similarity_of_any_bodies_is_bounded(
            x in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            y in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            status in 100u16..600,
        ) {
            let s = similarity(&x, &y);
            proptest::prop_assert!((0.0..=1.0).contains(&s));
            let b = Baselines { original: resp(200, "ok"), garbage: resp(401, "no") };
            let v = Response { status, body: x, truncated: false, location: None, challenge: None, elapsed_ms: 0 };
            let _ = b.classify(&v);
        }
    }

    #[test]
    fn similarity_is_one_for_equal_and_low_for_unrelated() {
        assert_eq!(similarity(b"abc", b"abc"), 1.0);
        assert!(similarity(b"hello world", b"zzzzqqqq") < 0.2);
        assert!(similarity(b"", b"") == 1.0);
    }
}
