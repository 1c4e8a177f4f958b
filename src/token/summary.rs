//! The end-of-run summary of bulk verification: how many tokens were valid and invalid, and
//! the most common reasons. Reasons that differ only in their numbers (dates, lengths)
//! group together, shown by their first example.

use std::collections::HashMap;

/// Counts gathered batch by batch.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub invalid: usize,
    /// Folded reason → (count, first example, whether the group holds other texts too).
    reasons: HashMap<String, (usize, String, bool)>,
}

/// How many reasons the summary names.
const TOP: usize = 3;

impl Summary {
    /// Count a batch's invalid tokens, each by its first reason.
    pub(crate) fn add_invalid(&mut self, first_reasons: Vec<String>) {
        self.invalid += first_reasons.len();
        for r in first_reasons {
            let group = self
                .reasons
                .entry(fold_numbers(&r))
                .or_insert_with(|| (0, r.clone(), false));
            group.0 += 1;
            group.2 |= group.1 != r;
        }
    }

    /// `900 tokens: 300 valid, 600 invalid`, then the commonest reasons, most first.
    pub(crate) fn lines(&self, total: usize) -> Vec<String> {
        let valid = total.saturating_sub(self.invalid);
        let mut out = vec![format!(
            "{total} token{}: {valid} valid, {} invalid",
            if total == 1 { "" } else { "s" },
            self.invalid
        )];
        let mut common: Vec<&(usize, String, bool)> = self.reasons.values().collect();
        common.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (n, example, alike) in common.into_iter().take(TOP) {
            let more = if *alike { " (and alike)" } else { "" };
            out.push(format!("  {n} × {example}{more}"));
        }
        out
    }
}

/// Digit runs become `N`: "expired at 1700000000" and "expired at 1700000060" are one reason.
fn fold_numbers(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut in_digits = false;
    for c in reason.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('N');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_the_commonest_reasons_with_numbers_folded() {
        let mut s = Summary::default();
        s.add_invalid(vec![
            "token expired at 1700000000".into(),
            "bad signature".into(),
        ]);
        s.add_invalid(vec!["token expired at 1700000060".into()]);
        s.add_invalid(vec![]);
        assert_eq!(
            s.lines(900),
            [
                "900 tokens: 897 valid, 3 invalid",
                "  2 × token expired at 1700000000 (and alike)",
                "  1 × bad signature",
            ]
        );
    }

    #[test]
    fn all_valid_names_no_reason() {
        assert_eq!(Summary::default().lines(1), ["1 token: 1 valid, 0 invalid"]);
    }
}
