//! Test support shared by the Wycheproof primitive tests (`keys::tests::wycheproof`,
//! `jwe::tests::wycheproof`): the tally of vectors run and skipped by each stated rule.

/// Vectors run and skipped (per rule), for the printed tally.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) run: usize,
    skipped: Vec<(&'static str, usize)>,
}

impl Tally {
    pub(crate) fn skip(&mut self, rule: &'static str, n: usize) {
        match self.skipped.iter_mut().find(|(r, _)| *r == rule) {
            Some(e) => e.1 += n,
            None => self.skipped.push((rule, n)),
        }
    }

    pub(crate) fn print(&self, what: &str) {
        println!(
            "wycheproof {what}: {} vectors pass, skipped by rule: {:?}",
            self.run, self.skipped
        );
    }
}
