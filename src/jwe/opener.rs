//! Many compact JWEs under one key set and policy, as bulk `jot decrypt -` reads them: the
//! protected header is parsed and judged once for as long as it repeats, a `dir` key's
//! AES-GCM schedule is built once, and segments decode with the vector base64url decoder.
//!
//! Only the common shape takes this path: compact, AES-GCM, no `zip`, and the first key
//! that may open it does. Anything else, and every failure, is left to [`super::decrypt`],
//! so verdicts and reasons are the one-token path's, word for word. Both paths run the same
//! checks (flow's `header_checks`, `candidates`, the length bounds), and accept the same
//! base64url: `b64::decode_into` is strict exactly as the segment decoder is.

use zeroize::Zeroize;

use super::content::GcmKey;
use super::flow::{candidates, header_checks, max_len};
use super::{keymgmt, Jwe, JweKey, Policy};
use crate::alg::{Enc, KeyAlg, KeyAlgFamily};

/// How tokens with one protected header are opened: its alg and enc, the first key that
/// may open them, and (for `dir`) that key made ready.
struct Plan {
    /// The parsed header (key unwrapping reads `epk`, `p2s`, `iv`, … from it).
    jwe: Jwe,
    alg: KeyAlg,
    enc: Enc,
    key: usize,
}

/// Opens compact AES-GCM tokens with reused state; see the module doc.
pub(crate) struct Opener<'k> {
    keys: &'k [JweKey],
    p: &'k Policy,
    /// The last protected header seen, and its plan (`None`: the full path).
    last: Option<(String, Option<Plan>)>,
    /// A `dir` key made ready, by its index in `keys`.
    dir: Option<(usize, GcmKey)>,
    ek: Vec<u8>,
    iv: Vec<u8>,
    tag: Vec<u8>,
}

impl<'k> Opener<'k> {
    /// An opener for `keys` under `p`.
    pub(crate) fn new(keys: &'k [JweKey], p: &'k Policy) -> Opener<'k> {
        Opener {
            keys,
            p,
            last: None,
            dir: None,
            ek: Vec::new(),
            iv: Vec::new(),
            tag: Vec::new(),
        }
    }

    /// Append the plaintext of `token` (trimmed compact text) to `out`; false when the
    /// token is left to [`super::decrypt`] (another shape, or a failure that path will
    /// name), with `out` as long as it was (what was decrypted there wiped). The
    /// ciphertext is decoded straight into `out` and decrypted there: no buffer between,
    /// no copy of the plaintext.
    pub(crate) fn open(&mut self, token: &str, out: &mut Vec<u8>) -> bool {
        let at = out.len();
        let opened = self.open_here(token, out, at).is_some();
        if !opened && out.len() > at {
            // GcmKey::open zeroes a buffer whose tag fails; a key that could not be
            // made leaves ciphertext, public, wiped all the same.
            out[at..].zeroize();
            out.truncate(at);
        }
        opened
    }

    /// Decrypt `token` into `out[at..]`.
    fn open_here(&mut self, token: &str, out: &mut Vec<u8>, at: usize) -> Option<()> {
        if token.len() > max_len(self.p) {
            return None;
        }
        // The first three dots from the front and the last from the back: the segments
        // around them are short, and a scan of the whole token for dots was 7% of a bulk
        // run. A dot more lies in the ciphertext, which the strict decoder then refuses.
        let bytes = token.as_bytes();
        let a = memchr::memchr(b'.', bytes)?;
        let b = a + 1 + memchr::memchr(b'.', &bytes[a + 1..])?;
        let c = b + 1 + memchr::memchr(b'.', &bytes[b + 1..])?;
        let d = c + 1 + memchr::memrchr(b'.', &bytes[c + 1..])?;
        let (h, ek, iv) = (&token[..a], &token[a + 1..b], &token[b + 1..c]);
        let (ct, tag) = (&token[c + 1..d], &token[d + 1..]);
        self.judge(h);
        let plan = self.last.as_ref()?.1.as_ref()?;
        let b64 = crate::b64::decode_into;
        if !(b64(ek.as_bytes(), &mut self.ek)
            && b64(iv.as_bytes(), &mut self.iv)
            && b64(tag.as_bytes(), &mut self.tag))
        {
            return None;
        }
        if !crate::b64::decode_append(ct.as_bytes(), out)
            || out.len() - at > self.p.max_plaintext + 16
        {
            return None;
        }
        let fresh;
        let key = match (&self.dir, plan.alg.family()) {
            (Some((i, k)), KeyAlgFamily::Dir) if *i == plan.key && self.ek.is_empty() => k,
            _ => {
                let cek = keymgmt::unwrap(
                    &self.keys[plan.key],
                    plan.alg,
                    plan.enc,
                    &plan.jwe.header,
                    &self.ek,
                    self.p,
                )
                .ok()?;
                if cek.len() != plan.enc.cek_len() {
                    return None;
                }
                fresh = GcmKey::new(&cek).ok()?;
                if plan.alg.family() == KeyAlgFamily::Dir {
                    self.dir = Some((plan.key, fresh));
                    &self.dir.as_ref()?.1
                } else {
                    &fresh
                }
            }
        };
        key.open(&self.iv, h.as_bytes(), &mut out[at..], &self.tag)
            .ok()
    }

    /// Parse and judge the protected header `h`, unless it is the one judged last.
    fn judge(&mut self, h: &str) {
        if self.last.as_ref().is_some_and(|(seen, _)| seen == h) {
            return;
        }
        let plan = self.plan(h);
        self.last = Some((h.to_owned(), plan));
    }

    /// The plan for tokens with protected header `h`, or `None` for the full path.
    fn plan(&self, h: &str) -> Option<Plan> {
        let raw = super::segment(h).ok()?;
        let serde_json::Value::Object(header) = crate::token::parse_strict(&raw).ok()? else {
            return None;
        };
        if header.contains_key("zip") {
            return None;
        }
        let jwe = Jwe {
            protected: h.to_owned(),
            header,
            encrypted_key: Vec::new(),
            iv: Vec::new(),
            ciphertext: Vec::new(),
            tag: Vec::new(),
        };
        let (alg, enc) = header_checks(&jwe, self.p).ok()?;
        if enc.cbc_hash().is_some() {
            return None;
        }
        let first = *candidates(self.keys, &jwe, alg, enc, self.p)
            .ok()?
            .first()?;
        let key = self.keys.iter().position(|k| std::ptr::eq(k, first))?;
        Some(Plan { jwe, alg, enc, key })
    }
}

/// Zero a buffer (its bytes and spare capacity) and empty it. `Zeroize` for `Vec` goes
/// byte by byte, each byte behind its own barrier: that was 43% of bulk decryption's time
/// (perf, scripts/bench-jwe); the slice impls fill and then put one barrier.
pub(crate) fn wipe(v: &mut Vec<u8>) {
    v.as_mut_slice().zeroize();
    v.spare_capacity_mut().zeroize();
    v.clear();
}

#[cfg(test)]
#[path = "opener_tests.rs"]
mod tests;
