//! Generated keyspaces (masks and incremental brute force) as a sequence of fixed-length
//! segments, enumerated in mixed-radix order with the last position fastest, and the
//! odometer that walks them without allocating.

use super::mask::{push_unique, Mask, MAX_BRUTE_LEN};
use crate::{Error, Result};

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
            size: mask.keyspace(),
        };
        Seq {
            sets,
            segments: vec![segment],
            total: mask.keyspace(),
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
    fn brute_goes_through_lengths_ascending() {
        let seq = Seq::brute(b"ab", 0, 2).unwrap();
        assert_eq!(seq.total(), 1 + 2 + 4);
        assert_eq!(all(&seq), ["", "a", "b", "aa", "ab", "ba", "bb"]);
        assert!(Seq::brute(b"", 1, 2).is_err());
        assert!(Seq::brute(b"a", 3, 2).is_err());
        assert!(Seq::brute(b"a", 1, MAX_BRUTE_LEN + 1).is_err());
    }
}
