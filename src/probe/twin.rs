//! Judging the `high-s` twin. Most ECDSA verifiers accept both (r, s) and (r, n − s), so
//! the twin being accepted only matters when the original token itself would be refused
//! again (a denylist or one-time-use cache keyed by the signature): the closing recheck
//! sends the original once more and tells the two apart.

use super::classify::Verdict;
use super::{Outcome, Recheck};

/// Downgrade an accepted twin to inconclusive unless the recheck shows the original
/// refused while the twin got through.
pub(crate) fn judge(outcomes: &mut [Outcome], recheck: Option<&Recheck>) {
    for o in outcomes
        .iter_mut()
        .filter(|o| o.forged.attack.name == "high-s" && o.verdict == Verdict::Accepted)
    {
        match recheck.map(|r| r.verdict) {
            Some(Verdict::Accepted) => {
                o.verdict = Verdict::Inconclusive;
                o.signal = format!(
                    "{}; but the original token is accepted again too (closing recheck): no signature denylist for the twin to pass, the verifier merely takes malleable ECDSA signatures",
                    o.signal
                );
            }
            Some(_) => {
                o.signal = format!(
                    "{}; the original token sent again is refused (closing recheck), its twin was not",
                    o.signal
                );
            }
            None => {
                o.verdict = Verdict::Inconclusive;
                o.signal = format!(
                    "{}; no closing recheck to tell a denylist bypass from a plain replay",
                    o.signal
                );
            }
        }
    }
}
