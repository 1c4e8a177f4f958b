//! Generated keyspaces: hashcat-style masks and incremental brute force, as a sequence of
//! fixed-length segments enumerated in mixed-radix order (last position fastest), and the
//! odometer that walks them without allocating.
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
    positions: Vec<Vec<u8>>,
    keyspace: u128,
}

fn push_unique(set: &mut Vec<u8>, bytes: &[u8]) {
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
    pub fn keyspace(&self) -> u128 {
        self.keyspace
    }

    /// The mask as written.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The custom sets as given.
    pub fn custom(&self) -> &[(u8, String)] {
        &self.custom
    }

    /// The candidate length in bytes.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether the mask has no positions (never true for a parsed mask).
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }
}

/// One fixed length: a charset (by index into [`Seq::sets`]) per position.
#[derive(Clone, Debug)]
struct Segment {
    sets: Vec<usize>,
    first: u128,
    size: u128,
}

/// A keyspace made of segments, enumerated one after the other.
#[derive(Clone, Debug)]
pub(crate) struct Seq {
    sets: Vec<Vec<u8>>,
    segments: Vec<Segment>,
    total: u128,
}

impl Seq {
    pub(crate) fn mask(mask: &Mask) -> Seq {
        let sets = mask.positions.clone();
        let segment = Segment {
            sets: (0..sets.len()).collect(),
            first: 0,
            size: mask.keyspace,
        };
        Seq {
            sets,
            segments: vec![segment],
            total: mask.keyspace,
        }
    }

    pub(crate) fn brute(charset: &[u8], min_len: usize, max_len: usize) -> Result<Seq> {
        let mut set = Vec::new();
        push_unique(&mut set, charset);
        if set.is_empty() {
            return Err(Error::usage("the brute-force charset is empty"));
        }
        if min_len > max_len {
            return Err(Error::usage(format!(
                "min length {min_len} is above max length {max_len}"
            )));
        }
        if max_len > MAX_BRUTE_LEN {
            return Err(Error::usage(format!(
                "max length {max_len} is above {MAX_BRUTE_LEN}"
            )));
        }
        let mut segments = Vec::new();
        let mut first = 0u128;
        for len in min_len..=max_len {
            // Saturate: such a keyspace is far beyond any search, and crack() refuses it.
            let size = (0..len).fold(1u128, |acc, _| acc.saturating_mul(set.len() as u128));
            segments.push(Segment {
                sets: vec![0; len],
                first,
                size,
            });
            first = first.saturating_add(size);
        }
        Ok(Seq {
            sets: vec![set],
            segments,
            total: first,
        })
    }

    pub(crate) fn total(&self) -> u128 {
        self.total
    }

    /// The candidate at `index` (for reporting a hit).
    pub(crate) fn candidate(&self, index: u64) -> Vec<u8> {
        Odometer::new(self, index).current().to_vec()
    }
}

/// A position in a [`Seq`] that steps to the next candidate in amortised O(1).
pub(crate) struct Odometer<'s> {
    seq: &'s Seq,
    segment: usize,
    digits: Vec<usize>,
    buf: Vec<u8>,
}

impl<'s> Odometer<'s> {
    /// Start at `index` (which must be below the total).
    pub(crate) fn new(seq: &'s Seq, index: u64) -> Odometer<'s> {
        let index = u128::from(index);
        let segment = seq
            .segments
            .iter()
            .position(|s| index < s.first.saturating_add(s.size))
            .unwrap_or(seq.segments.len());
        let mut od = Odometer {
            seq,
            segment,
            digits: Vec::new(),
            buf: Vec::new(),
        };
        if let Some(s) = seq.segments.get(segment) {
            let mut rest = index - s.first;
            od.digits = vec![0; s.sets.len()];
            for (p, &set) in s.sets.iter().enumerate().rev() {
                let radix = seq.sets[set].len() as u128;
                od.digits[p] = (rest % radix) as usize;
                rest /= radix;
            }
            od.fill();
        }
        od
    }

    fn fill(&mut self) {
        let s = &self.seq.segments[self.segment];
        self.buf.clear();
        for (p, &set) in s.sets.iter().enumerate() {
            self.buf.push(self.seq.sets[set][self.digits[p]]);
        }
    }

    /// The current candidate.
    #[inline]
    pub(crate) fn current(&self) -> &[u8] {
        &self.buf
    }

    /// Step to the next candidate (past the end it stays put; callers bound their range).
    #[inline]
    pub(crate) fn advance(&mut self) {
        let Some(s) = self.seq.segments.get(self.segment) else {
            return;
        };
        for p in (0..s.sets.len()).rev() {
            let set = &self.seq.sets[s.sets[p]];
            self.digits[p] += 1;
            if self.digits[p] < set.len() {
                self.buf[p] = set[self.digits[p]];
                return;
            }
            self.digits[p] = 0;
            self.buf[p] = set[0];
        }
        // Every position wrapped: the next segment (one position longer) starts at zero.
        if self.segment + 1 < self.seq.segments.len() {
            self.segment += 1;
            self.digits = vec![0; self.seq.segments[self.segment].sets.len()];
            self.fill();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(seq: &Seq) -> Vec<String> {
        let mut od = Odometer::new(seq, 0);
        (0..seq.total())
            .map(|_| {
                let s = String::from_utf8_lossy(od.current()).into_owned();
                od.advance();
                s
            })
            .collect()
    }

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
    fn mask_enumerates_last_position_fastest() {
        let m = Mask::parse("x?1?d", &[(1, "ab".into())]).unwrap();
        let got = all(&Seq::mask(&m));
        assert_eq!(got.len(), 20);
        assert_eq!(&got[..3], ["xa0", "xa1", "xa2"]);
        assert_eq!(got[10], "xb0");
        assert_eq!(got[19], "xb9");
    }

    #[test]
    fn odometer_started_anywhere_matches_counting_from_zero() {
        let m = Mask::parse("?1?d?1", &[(1, "?u?s".into())]).unwrap();
        let seq = Seq::mask(&m);
        let every = all(&seq);
        for i in [0u64, 1, 58, 59, 1000, 10_888] {
            assert_eq!(
                String::from_utf8_lossy(&seq.candidate(i)),
                every[i as usize]
            );
        }
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

    #[test]
    fn brute_goes_through_lengths_ascending() {
        let seq = Seq::brute(b"ab", 0, 2).unwrap();
        assert_eq!(seq.total(), 1 + 2 + 4);
        assert_eq!(all(&seq), ["", "a", "b", "aa", "ab", "ba", "bb"]);
        assert!(Seq::brute(b"", 1, 2).is_err());
        assert!(Seq::brute(b"a", 3, 2).is_err());
        assert!(Seq::brute(b"a", 1, MAX_BRUTE_LEN + 1).is_err());
    }

    proptest::proptest! {
        #[test]
        fn mask_parse_never_panics(p in "[?a-z0-9]{0,12}", c in "[?a-z0-9]{0,6}") {
            let _ = Mask::parse(&p, &[(1, c)]);
        }
    }
}
