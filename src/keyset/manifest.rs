//! The manifest of a key set (`DIR/manifest.json`): its JSON form, and the checks that turn a
//! hand-edited or damaged manifest into an error that names the file and the fault before
//! anything is changed.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::alg::{Alg, Family};
use crate::{Error, Result};

/// The `format` member every manifest carries, so a future layout is told apart.
pub(crate) const FORMAT: &str = "jot-keyset/1";

/// The largest kid accepted; kids jot makes are 43-character thumbprints.
const MAX_KID: usize = 128;

/// Where a key is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Published, not yet signing, so verifiers cache it before it is used.
    Next,
    /// Signs new tokens.
    Active,
    /// Still published until `expires`, so tokens it signed keep verifying.
    Retiring,
    /// Dropped by a committed run whose clean-up (deleting or archiving the private key
    /// file) has not finished yet; never published. Seen only after an interrupted run.
    Removed,
}

impl State {
    /// The lowercase name used in the manifest and in listings.
    pub fn name(self) -> &'static str {
        match self {
            State::Next => "next",
            State::Active => "active",
            State::Retiring => "retiring",
            State::Removed => "removed",
        }
    }

    /// Whether keys in this state belong in `jwks.json`.
    pub(crate) fn is_published(self) -> bool {
        self != State::Removed
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One key of the set. Times are unix seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub kid: String,
    pub alg: String,
    pub state: State,
    /// When the key was generated (and first published).
    pub created: i64,
    /// When it started signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated: Option<i64>,
    /// When it stopped signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<i64>,
    /// When its grace period ends: from then on it is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<i64>,
    /// When a committed run dropped it (state `removed` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<i64>,
    /// Whether its private key file goes to `archive/` rather than being deleted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archive: bool,
}

impl Entry {
    /// The algorithm, known to be a valid asymmetric one once the manifest is checked.
    pub(crate) fn algorithm(&self) -> Result<Alg> {
        parse_set_alg(&self.alg)
    }

    /// The file name of its private key: `<kid>.jwk`.
    pub(crate) fn file_name(&self) -> String {
        format!("{}.jwk", self.kid)
    }
}

/// The whole manifest. An empty `keys` list marks a set whose first run was interrupted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub keys: Vec<Entry>,
}

impl Manifest {
    /// A manifest with no keys: written first by a set's first run.
    pub(crate) fn empty() -> Self {
        Manifest {
            format: FORMAT.into(),
            keys: Vec::new(),
        }
    }

    /// Parse and check manifest bytes; errors say what is wrong, for the caller to prefix
    /// with the file name.
    pub fn parse(bytes: &[u8]) -> Result<Manifest> {
        let m: Manifest = serde_json::from_slice(bytes)
            .map_err(|e| Error::input(format!("not a valid manifest: {e}")))?;
        m.check()?;
        Ok(m)
    }

    /// The canonical bytes: pretty JSON with a trailing newline.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut v = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::input(format!("cannot serialise the manifest: {e}")))?;
        v.push(b'\n');
        Ok(v)
    }

    /// The one key in `state` (for `active` and `next`, which the checks make unique).
    pub fn one(&self, state: State) -> Option<&Entry> {
        self.keys.iter().find(|k| k.state == state)
    }

    /// Keys that belong in `jwks.json`: active first, then next, then retiring keys,
    /// most recently retired first.
    pub fn published(&self) -> Vec<&Entry> {
        publishing_order(
            self.keys
                .iter()
                .filter(|k| k.state.is_published())
                .collect(),
        )
    }

    /// The structural rules a manifest must follow (files on disk are checked by the store).
    pub fn check(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(Error::input(format!(
                "unknown format {:?}: expected {FORMAT:?}",
                self.format
            )));
        }
        let mut seen = HashSet::new();
        for (i, e) in self.keys.iter().enumerate() {
            let at = || format!("keys[{i}] (kid {:?})", e.kid);
            check_kid(&e.kid).map_err(|err| err.context(format!("keys[{i}]")))?;
            if !seen.insert(e.kid.as_str()) {
                return Err(Error::input(format!("{}: the kid appears twice", at())));
            }
            parse_set_alg(&e.alg).map_err(|err| err.context(at()))?;
            let need = |field: &str, v: Option<i64>| match v {
                Some(_) => Ok(()),
                None => Err(Error::input(format!(
                    "{}: a key in state {} needs \"{field}\"",
                    at(),
                    e.state
                ))),
            };
            match e.state {
                State::Next => {}
                State::Active => need("activated", e.activated)?,
                State::Retiring => {
                    need("retired", e.retired)?;
                    need("expires", e.expires)?;
                }
                State::Removed => need("removed", e.removed)?,
            }
            if e.archive && e.state != State::Removed {
                return Err(Error::input(format!(
                    "{}: \"archive\" applies only to removed keys",
                    at()
                )));
            }
        }
        if self.keys.is_empty() {
            return Ok(());
        }
        for state in [State::Active, State::Next] {
            let n = self.keys.iter().filter(|k| k.state == state).count();
            if n != 1 {
                return Err(
                    Error::input(format!("expected exactly one {state} key, found {n}")).with_hint(
                        "the manifest was edited by hand or damaged; restore it from a backup",
                    ),
                );
            }
        }
        Ok(())
    }
}

/// Active first, then next, then the rest newest-retired first, so a client that tries
/// keys in order finds the signing key first.
pub(super) fn publishing_order(mut v: Vec<&Entry>) -> Vec<&Entry> {
    let rank = |e: &Entry| match e.state {
        State::Active => 0,
        State::Next => 1,
        _ => 2,
    };
    v.sort_by_key(|e| (rank(e), std::cmp::Reverse(e.retired.unwrap_or(0))));
    v
}

/// Refuse kids that are unsafe as file names: they become `<kid>.jwk` inside the set.
pub(crate) fn check_kid(kid: &str) -> Result<()> {
    let bad = if kid.is_empty() {
        Some("is empty")
    } else if kid.len() > MAX_KID {
        Some("is longer than 128 bytes")
    } else if kid.contains(['/', '\\']) {
        Some("contains a path separator")
    } else if kid.contains("..") {
        Some("contains \"..\"")
    } else if kid.chars().any(char::is_control) {
        Some("contains a control character")
    } else if kid.starts_with('.') {
        Some("starts with '.'")
    } else {
        None
    };
    match bad {
        Some(why) => Err(Error::input(format!(
            "kid {kid:?} {why}; a kid names a file in the set"
        ))),
        None => Ok(()),
    }
}

/// An algorithm a key set can hold: any asymmetric one (an HMAC key has no public half to
/// publish).
pub(crate) fn parse_set_alg(name: &str) -> Result<Alg> {
    let alg = Alg::from_name(name).ok_or_else(|| {
        Error::input(format!("unknown algorithm {name:?}"))
            .with_hint(format!("expected one of {}", asymmetric_names()))
    })?;
    check_set_alg(alg)?;
    Ok(alg)
}

/// Refuse the HMAC algorithms for a key set: a secret has no public half to publish.
pub(crate) fn check_set_alg(alg: Alg) -> Result<()> {
    if alg.family() == Family::Hmac {
        return Err(Error::usage(format!(
            "{alg} cannot be used in a key set: an HMAC secret has no public half to publish"
        ))
        .with_hint(format!("choose one of {}", asymmetric_names())));
    }
    Ok(())
}

fn asymmetric_names() -> String {
    Alg::all()
        .filter(|a| a.family() != Family::Hmac)
        .map(|a| a.name())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(kid: &str, state: State) -> Entry {
        Entry {
            kid: kid.into(),
            alg: "ES256".into(),
            state,
            created: 1,
            activated: Some(2),
            retired: Some(3),
            expires: Some(4),
            removed: Some(5),
            archive: false,
        }
    }

    fn manifest(states: &[State]) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            keys: states
                .iter()
                .enumerate()
                .map(|(i, s)| entry(&format!("k{i}"), *s))
                .collect(),
        }
    }

    #[test]
    fn a_well_formed_manifest_round_trips() {
        let m = manifest(&[State::Active, State::Next, State::Retiring]);
        assert_eq!(Manifest::parse(&m.to_bytes().unwrap()).unwrap(), m);
        Manifest::parse(&Manifest::empty().to_bytes().unwrap()).unwrap();
    }

    #[test]
    fn state_counts_are_enforced() {
        for bad in [
            &[State::Active, State::Active, State::Next][..],
            &[State::Next],
            &[State::Active],
            &[State::Active, State::Next, State::Next],
        ] {
            let err = manifest(bad).check().unwrap_err().to_string();
            assert!(err.contains("expected exactly one"), "{err}");
        }
    }

    #[test]
    fn hand_edits_are_named() {
        let cases = [
            (
                r#"{"format":"jot-keyset/1","keys":[{"kid":"a","alg":"ES256","state":"primary","created":1}]}"#,
                "unknown variant",
            ),
            (
                r#"{"format":"jot-keyset/1","keys":[{"kid":"a","alg":"ES256","state":"next","created":1,"colour":2}]}"#,
                "unknown field",
            ),
            (r#"{"format":"jot-keyset/9","keys":[]}"#, "unknown format"),
            (
                r#"{"format":"jot-keyset/1","keys":[{"kid":"a","alg":"HS256","state":"next","created":1}]}"#,
                "HMAC",
            ),
            (
                r#"{"format":"jot-keyset/1","keys":[{"kid":"a","alg":"XX1","state":"next","created":1}]}"#,
                "unknown algorithm",
            ),
            (
                r#"{"format":"jot-keyset/1","keys":[{"kid":"a","alg":"ES256","state":"retiring","created":1}]}"#,
                "needs \"retired\"",
            ),
            (
                r#"{"format":"jot-keyset/1","keys":[{"kid":"a","alg":"ES256","state":"next","created":1},{"kid":"a","alg":"ES256","state":"next","created":1}]}"#,
                "twice",
            ),
            ("{not json", "not a valid manifest"),
        ];
        for (text, want) in cases {
            let err = Manifest::parse(text.as_bytes()).unwrap_err().to_string();
            assert!(err.contains(want), "{text}: {err}");
        }
    }

    #[test]
    fn unsafe_kids_are_refused() {
        for kid in ["", "../x", "a/b", "a\\b", "a\0b", "..", ".hidden", "a\nb"] {
            assert!(check_kid(kid).is_err(), "{kid:?}");
        }
        check_kid("Xb3_-9").unwrap();
    }

    #[test]
    fn published_order_puts_the_signing_key_first() {
        let mut m = manifest(&[State::Retiring, State::Next, State::Active, State::Removed]);
        m.keys[0].retired = Some(10);
        let order: Vec<State> = m.published().iter().map(|e| e.state).collect();
        assert_eq!(order, [State::Active, State::Next, State::Retiring]);
    }

    proptest! {
        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = Manifest::parse(&bytes);
        }

        #[test]
        fn parse_never_panics_on_manifest_like_text(
            kid in ".{0,8}", state in "[a-z]{0,9}", alg in "[A-Za-z0-9]{0,6}", t in any::<i64>()
        ) {
            let text = serde_json::json!({"format": FORMAT, "keys": [
                {"kid": kid, "alg": alg, "state": state, "created": t, "activated": t}
            ]}).to_string();
            let _ = Manifest::parse(text.as_bytes());
        }
    }
}
