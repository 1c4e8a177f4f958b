//! The probe's coverage: every attack of the table, with whether it ran (variants forged and
//! sent) or was skipped, and for a skipped one what input it needs (`--public-key`,
//! `--jku-url`, …), so a clean report says what was and was not tried.

use super::Outcome;
use crate::forge::{self, Attack, Forged, Inputs, ATTACKS};
use crate::token::Jws;

/// What happened to one attack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Forged; `sent` of its `variants` reached the server.
    Ran { variants: usize, sent: usize },
    /// Not forged: why, and the flags that would make it run (when an input is missing).
    Skipped {
        why: String,
        needs: Option<&'static str>,
    },
}

/// One attack's line of the coverage section.
#[derive(Clone, Debug)]
pub(crate) struct Coverage {
    pub attack: &'static Attack,
    pub state: State,
}

/// The plan before sending: each attack of the table, ran (with its forged variants) or
/// skipped. `selected` are the attacks forged; `explicit` when `--attack` chose them.
pub(crate) fn plan(
    jws: &Jws,
    inputs: &Inputs,
    selected: &[&'static Attack],
    explicit: bool,
    forged: &[Forged],
) -> Vec<Coverage> {
    let applicable = forge::applicable(jws, inputs);
    ATTACKS
        .iter()
        .map(|a| {
            let variants = forged.iter().filter(|f| f.attack.name == a.name).count();
            let state = if selected.iter().any(|s| s.name == a.name) {
                if variants == 0 {
                    State::Skipped {
                        why: "no variant applies to this token".into(),
                        needs: None,
                    }
                } else {
                    State::Ran { variants, sent: 0 }
                }
            } else if forge::missing(a, inputs).is_some() {
                State::Skipped {
                    why: format!("needs {}", a.needs.flags()),
                    needs: Some(a.needs.flags()),
                }
            } else if explicit {
                State::Skipped {
                    why: "not selected (--attack)".into(),
                    needs: None,
                }
            } else if !applicable.iter().any(|s| s.name == a.name) {
                State::Skipped {
                    why: not_applicable(a.name).into(),
                    needs: None,
                }
            } else {
                State::Skipped {
                    why: "not selected".into(),
                    needs: None,
                }
            };
            Coverage { attack: a, state }
        })
        .collect()
}

/// Why an attack whose inputs are there still does not apply to the token.
fn not_applicable(name: &str) -> &'static str {
    match name {
        "high-s" => "applies to an ES256/384/512 token (the twin of its ECDSA signature)",
        _ => "does not apply to this token",
    }
}

/// Count what was sent of each attack that ran.
pub(crate) fn count_sent(coverage: &mut [Coverage], outcomes: &[Outcome]) {
    for c in coverage.iter_mut() {
        if let State::Ran { sent, .. } = &mut c.state {
            *sent = outcomes
                .iter()
                .filter(|o| o.forged.attack.name == c.attack.name)
                .count();
        }
    }
}

/// The coverage section of the text report: a count, then one line per skipped attack.
pub(crate) fn text(coverage: &[Coverage]) -> String {
    if coverage.is_empty() {
        return String::new();
    }
    let ran = coverage
        .iter()
        .filter(|c| matches!(c.state, State::Ran { sent, .. } if sent > 0))
        .count();
    let mut s = format!("coverage      {ran} of {} attacks sent\n", coverage.len());
    for c in coverage {
        match &c.state {
            State::Ran { variants, sent } if sent < variants => s.push_str(&format!(
                "partly sent   {:<14} {sent}/{variants} variants\n",
                c.attack.name
            )),
            State::Ran { .. } => {}
            State::Skipped { why, .. } => {
                s.push_str(&format!("skipped       {:<14} {why}\n", c.attack.name))
            }
        }
    }
    s
}

/// The coverage section of the JSON and SARIF reports.
pub(crate) fn to_json(coverage: &[Coverage]) -> serde_json::Value {
    use serde_json::json;
    let ran: Vec<_> = coverage
        .iter()
        .filter_map(|c| match c.state {
            State::Ran { variants, sent } => {
                Some(json!({"attack": c.attack.name, "variants": variants, "sent": sent}))
            }
            State::Skipped { .. } => None,
        })
        .collect();
    let skipped: Vec<_> = coverage
        .iter()
        .filter_map(|c| match &c.state {
            State::Skipped { why, needs } => {
                Some(json!({"attack": c.attack.name, "reason": why, "needs": needs}))
            }
            State::Ran { .. } => None,
        })
        .collect();
    json!({"ran": ran, "skipped": skipped})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::{parse, Parsed};

    const HS: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";

    fn jws() -> Jws {
        match parse(HS).unwrap() {
            Parsed::Jws(j) => j,
            _ => panic!("a JWS"),
        }
    }

    #[test]
    fn every_attack_is_covered_and_skipped_ones_name_their_input() {
        let inputs = Inputs::default();
        let selected = forge::applicable(&jws(), &inputs);
        let forged = forge::forge(&jws(), &selected, &inputs).unwrap().tokens;
        let c = plan(&jws(), &inputs, &selected, false, &forged);
        assert_eq!(c.len(), ATTACKS.len());
        let state = |n: &str| c.iter().find(|c| c.attack.name == n).unwrap().state.clone();
        assert!(matches!(
            state("none"),
            State::Ran {
                variants: 8,
                sent: 0
            }
        ));
        assert_eq!(
            state("confusion"),
            State::Skipped {
                why: "needs --public-key".into(),
                needs: Some("--public-key")
            }
        );
        assert!(
            matches!(state("jku"), State::Skipped { needs: Some(n), .. } if n.contains("--jku-url"))
        );
        assert!(
            matches!(state("high-s"), State::Skipped { needs: None, why } if why.contains("ES256"))
        );
    }

    #[test]
    fn attacks_left_out_by_the_attack_flag_say_so() {
        let inputs = Inputs::default();
        let selected = vec![forge::attack("none").unwrap()];
        let forged = forge::forge(&jws(), &selected, &inputs).unwrap().tokens;
        let c = plan(&jws(), &inputs, &selected, true, &forged);
        let strip = c.iter().find(|c| c.attack.name == "strip").unwrap();
        assert_eq!(
            strip.state,
            State::Skipped {
                why: "not selected (--attack)".into(),
                needs: None
            }
        );
    }
}
