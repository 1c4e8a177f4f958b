//! Hashcat-style masks: parsing the notation into one byte set per position.
//!
//! Mask notation (hashcat's): `?l` a-z, `?u` A-Z, `?d` 0-9, `?h` 0-9a-f, `?H` 0-9A-F,
//! `?s` space and ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~``, `?a` = `?l?u?d?s`, `?b` every byte,
//! `??` a literal `?`, `?1`..`?4` the caller's custom sets (defined with the same notation,
//! without `?1`..`?4`); any other character stands for itself. Sets are sets of bytes:
//! duplicates are dropped (first occurrence kept), so every candidate is generated once.

use crate::{Error, Result};

/// The longest brute-force length accepted (far beyond anything searchable; the cap keeps
/// the segment table small).
pub const MAX_BRUTE_LEN: usize = 256;

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";
const SPECIAL: &[u8] = b" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// A parsed mask: one byte set per position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mask {
    pattern: String,
    custom: Vec<(u8, String)>,
    pub(crate) positions: Vec<Vec<u8>>,
    keyspace: u128,
}

pub(crate) fn push_unique(set: &mut Vec<u8>, bytes: &[u8]) {
    for &b in bytes {
        if !set.contains(&b) {
            set.push(b);
        }
    }
}

/// Split hashcat notation into its positions; `custom` resolves `?1`..`?4` (None inside a
/// custom set's own definition).
fn tokens(spec: &str, custom: Option<&[Option<Vec<u8>>; 4]>) -> Result<Vec<Vec<u8>>> {
    let bytes = spec.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'?' {
            out.push(vec![bytes[i]]);
            i += 1;
            continue;
        }
        let Some(&c) = bytes.get(i + 1) else {
            return Err(Error::input(format!(
                "{spec:?} ends with a lone '?': write ?? for a literal question mark"
            )));
        };
        let mut set = Vec::new();
        match c {
            b'l' => push_unique(&mut set, LOWER),
            b'u' => push_unique(&mut set, UPPER),
            b'd' => push_unique(&mut set, DIGITS),
            b'h' => push_unique(&mut set, b"0123456789abcdef"),
            b'H' => push_unique(&mut set, b"0123456789ABCDEF"),
            b's' => push_unique(&mut set, SPECIAL),
            b'a' => {
                for part in [LOWER, UPPER, DIGITS, SPECIAL] {
                    push_unique(&mut set, part);
                }
            }
            b'b' => set = (0..=255).collect(),
            b'?' => set.push(b'?'),
            b'1'..=b'4' => {
                let n = usize::from(c - b'1');
                let Some(table) = custom else {
                    return Err(Error::input(format!(
                        "custom charset definition {spec:?} uses ?{}: custom sets may only use ?l ?u ?d ?h ?H ?s ?a ?b ?? and literal characters",
                        c as char
                    )));
                };
                match &table[n] {
                    Some(s) => set.clone_from(s),
                    None => {
                        return Err(Error::input(format!(
                            "mask {spec:?} uses ?{} but no custom charset {} is defined",
                            c as char, c as char
                        )))
                    }
                }
            }
            other => {
                return Err(Error::input(format!(
                "unknown mask class ?{} in {spec:?}: expected ?l ?u ?d ?h ?H ?s ?a ?b ?? or ?1..?4",
                String::from_utf8_lossy(&[other])
            )))
            }
        }
        out.push(set);
        i += 2;
    }
    Ok(out)
}

impl Mask {
    /// Parse `pattern` with custom sets `custom` (`(1..=4, definition)`).
    pub fn parse(pattern: &str, custom: &[(u8, String)]) -> Result<Mask> {
        let mut table: [Option<Vec<u8>>; 4] = Default::default();
        for (n, def) in custom {
            let slot = match n {
                1..=4 => &mut table[usize::from(n - 1)],
                _ => {
                    return Err(Error::usage(format!(
                        "custom charset {n}: only 1 to 4 exist"
                    )))
                }
            };
            if slot.is_some() {
                return Err(Error::usage(format!("custom charset {n} is defined twice")));
            }
            let mut set = Vec::new();
            for part in tokens(def, None)? {
                push_unique(&mut set, &part);
            }
            if set.is_empty() {
                return Err(Error::input(format!("custom charset {n} is empty")));
            }
            *slot = Some(set);
        }
        if pattern.is_empty() {
            return Err(Error::input("the mask is empty"));
        }
        let positions = tokens(pattern, Some(&table))?;
        let keyspace = positions
            .iter()
            .try_fold(1u128, |acc, p| acc.checked_mul(p.len() as u128))
            .ok_or_else(|| {
                Error::input(format!("the keyspace of mask {pattern:?} exceeds 2^128"))
            })?;
        Ok(Mask {
            pattern: pattern.to_string(),
            custom: custom.to_vec(),
            positions,
            keyspace,
        })
    }

    /// The number of candidates.
    pub(crate) fn keyspace(&self) -> u128 {
        self.keyspace
    }

    /// The mask as written.
    pub(crate) fn pattern(&self) -> &str {
        &self.pattern
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_classes_have_hashcat_sizes() {
        let ks = |p: &str| Mask::parse(p, &[]).unwrap().keyspace();
        assert_eq!(ks("?l"), 26);
        assert_eq!(ks("?u?d"), 260);
        assert_eq!(ks("?s"), 33);
        assert_eq!(ks("?a"), 95);
        assert_eq!(ks("?b"), 256);
        assert_eq!(ks("?h?H"), 256);
        assert_eq!(ks("a??b"), 1);
    }

    #[test]
    fn custom_sets_expand_classes_and_drop_duplicates() {
        let m = Mask::parse("?1?2", &[(1, "?dab1".into()), (2, "??x".into())]).unwrap();
        assert_eq!(m.keyspace(), 12 * 2);
    }

    #[test]
    fn bad_masks_are_input_errors() {
        assert!(Mask::parse("", &[]).is_err());
        assert!(Mask::parse("abc?", &[]).is_err());
        assert!(Mask::parse("?x", &[])
            .unwrap_err()
            .to_string()
            .contains("?x"));
        assert!(Mask::parse("?2", &[(1, "a".into())])
            .unwrap_err()
            .to_string()
            .contains("?2"));
        assert!(Mask::parse("?1", &[(1, "?1".into())]).is_err());
        assert!(Mask::parse("?1", &[(5, "a".into())]).is_err());
        assert!(Mask::parse("?1", &[(1, "a".into()), (1, "b".into())]).is_err());
        assert!(Mask::parse(&"?b".repeat(17), &[])
            .unwrap_err()
            .to_string()
            .contains("2^128"));
    }

    proptest::proptest! {
        #[test]
        fn mask_parse_never_panics(p in "[?a-z0-9]{0,12}", c in "[?a-z0-9]{0,6}") {
            let _ = Mask::parse(&p, &[(1, c)]);
        }
    }
}
