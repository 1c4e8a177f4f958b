//! Bulk decryption of one batch of lines: each compact AES-GCM token through the opener
//! (buffers and header verdicts reused), anything else through the one-token path, so a
//! verdict in bulk is the verdict that token gets alone.

use std::ops::Range;

use super::stream::Batch;
use crate::jwe::{self, Decrypted, Failure, JweKey, Policy};

/// What became of one line.
pub enum Opened<'a> {
    /// Plaintext the opener decrypted (only asked for when it is to be written as it is).
    Plain(&'a [u8]),
    /// The one-token path's verdict, and for a JSON-serialized token the recipient that
    /// decrypted it.
    Full(&'a Result<Decrypted, Failure>, Option<usize>),
}

/// A batch decrypted: its lines' verdicts, in order.
pub struct Done {
    batch: Batch,
    /// The opener's plaintexts, one after another (wiped on drop).
    plain: Vec<u8>,
    verdicts: Vec<Verdict>,
}

enum Verdict {
    Plain(Range<usize>),
    Full(Result<Decrypted, Failure>, Option<usize>),
}

impl Done {
    /// Each line: its number, its token text (`None` for a line the reader skipped), and
    /// what became of it.
    pub fn lines(&self) -> impl Iterator<Item = (usize, Option<&str>, Opened<'_>)> {
        self.batch.lines().zip(&self.verdicts).map(|((n, t), v)| {
            let o = match v {
                Verdict::Plain(r) => Opened::Plain(&self.plain[r.clone()]),
                Verdict::Full(r, i) => Opened::Full(r, *i),
            };
            (n, t.ok(), o)
        })
    }
}

impl Drop for Done {
    fn drop(&mut self) {
        jwe::wipe(&mut self.plain);
    }
}

/// Decrypt one token; for a JSON-serialized one, also the index of the recipient that
/// decrypted.
pub fn decrypt_one(
    t: &str,
    keys: &[JweKey],
    p: &Policy,
) -> (Result<Decrypted, Failure>, Option<usize>) {
    if !crate::token::json_ser::is_json(t) {
        return (jwe::decrypt(t, keys, p), None);
    }
    match jwe::json_ser::decrypt(t, keys, p) {
        Ok((i, d)) => (Ok(d), Some(i)),
        Err(f) => (Err(f), None),
    }
}

/// Decrypt every line of `batch`, in order. With `plain`, plaintext the opener can
/// produce comes as [`Opened::Plain`]; a line the reader skipped (over the limit) is a
/// failure with its reason.
pub fn open_batch(batch: Batch, keys: &[JweKey], p: &Policy, plain: bool) -> Done {
    let mut opener = jwe::Opener::new(keys, p);
    // Plaintext is at most 3/4 of its base64url: sized once, never grown by copying.
    let mut out = Vec::with_capacity(if plain { batch.text_len() / 4 * 3 } else { 0 });
    let verdicts = batch
        .lines()
        .map(|(_, line)| match line {
            Ok(t) => {
                let at = out.len();
                if plain && opener.open(t, &mut out) {
                    return Verdict::Plain(at..out.len());
                }
                // A pasted line (`Bearer …`, a cookie) is judged as its token; the caller
                // says what was stripped.
                let (r, recipient) = decrypt_one(&crate::token::paste(t).token, keys, p);
                Verdict::Full(r, recipient)
            }
            Err(why) => {
                let reason = why.to_owned();
                Verdict::Full(Err(Failure { reason, hint: None }), None)
            }
        })
        .collect();
    Done {
        batch,
        plain: out,
        verdicts,
    }
}
