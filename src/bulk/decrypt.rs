//! Bulk decryption of one batch of lines: each compact AES-GCM token through the opener
//! (buffers and header verdicts reused), anything else through the one-token path, so a
//! verdict in bulk is the verdict that token gets alone.

use std::ops::Range;

use super::stream::Batch;
use crate::jwe::{self, Decrypted, Failure, JweKey, Policy};

/// What became of a batch's lines, in order.
pub(crate) enum Opened<'a> {
    /// A run of lines the opener decrypted, rendered as the caller asked (its prefix, the
    /// plaintext, a newline, line after line): bytes to write as they are.
    Written(&'a [u8]),
    /// One line through the one-token path: its number, its token text (`None` for a line
    /// the reader skipped), the verdict, for a JSON-serialized token the recipient that
    /// decrypted it, and what was stripped from a pasted line (`Bearer …`, a cookie).
    Full(
        usize,
        Option<&'a str>,
        &'a Result<Decrypted, Failure>,
        Option<usize>,
        Option<&'a str>,
    ),
}

/// A batch decrypted: its lines' verdicts, in order.
pub(crate) struct Done {
    batch: Batch,
    /// The opener's rendered lines, one after another (wiped on drop).
    plain: Vec<u8>,
    verdicts: Vec<Verdict>,
}

enum Verdict {
    Plain(Range<usize>),
    Full(Result<Decrypted, Failure>, Option<usize>, Option<String>),
}

impl Done {
    /// Hand `f` what became of each line, in order; lines the opener decrypted one after
    /// another come as one run, to be written with one call and no copy.
    pub(crate) fn each(
        &self,
        mut f: impl FnMut(Opened<'_>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let mut run: Option<Range<usize>> = None;
        for ((n, t), v) in self.batch.lines().zip(&self.verdicts) {
            match v {
                Verdict::Plain(r) => match &mut run {
                    Some(open) if open.end == r.start => open.end = r.end,
                    _ => {
                        if let Some(done) = run.replace(r.clone()) {
                            f(Opened::Written(&self.plain[done]))?;
                        }
                    }
                },
                Verdict::Full(r, i, stripped) => {
                    if let Some(done) = run.take() {
                        f(Opened::Written(&self.plain[done]))?;
                    }
                    f(Opened::Full(n, t.ok(), r, *i, stripped.as_deref()))?;
                }
            }
        }
        match run {
            Some(done) => f(Opened::Written(&self.plain[done])),
            None => Ok(()),
        }
    }
}

impl Drop for Done {
    fn drop(&mut self) {
        jwe::wipe(&mut self.plain);
    }
}

/// Decrypt one token; for a JSON-serialized one, also the index of the recipient that
/// decrypted.
pub(crate) fn decrypt_one(
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

/// How the opener's plaintext is written: this prefix for line N (into the buffer), the
/// plaintext byte for byte, a newline.
pub(crate) type Prefix = fn(usize, &mut Vec<u8>);

/// Decrypt every line of `batch`, in order. With `render`, plaintext the opener can
/// produce is decrypted in place in the batch's output, rendered line by line, and comes
/// as [`Opened::Written`]; a line the reader skipped (over the limit) is a failure with
/// its reason.
pub(crate) fn open_batch(
    batch: Batch,
    keys: &[JweKey],
    p: &Policy,
    render: Option<Prefix>,
) -> Done {
    let mut opener = jwe::Opener::new(keys, p);
    // Plaintext is at most 3/4 of its base64url, and a prefix and newline per line: sized
    // once, never grown by copying.
    let room = batch.text_len() / 4 * 3 + batch.len() * 32;
    let mut out = Vec::with_capacity(if render.is_some() { room } else { 0 });
    let verdicts = batch
        .lines()
        .map(|(n, line)| match line {
            Ok(t) => {
                if let Some(prefix) = render {
                    let at = out.len();
                    prefix(n, &mut out);
                    if opener.open(t, &mut out) {
                        out.push(b'\n');
                        return Verdict::Plain(at..out.len());
                    }
                    out.truncate(at);
                }
                // A pasted line (`Bearer …`, a cookie) is judged as its token; the caller
                // says what was stripped.
                let pasted = crate::token::paste(t);
                let (r, recipient) = decrypt_one(&pasted.token, keys, p);
                Verdict::Full(r, recipient, pasted.describe())
            }
            Err(why) => {
                let reason = why.to_owned();
                Verdict::Full(Err(Failure { reason, hint: None }), None, None)
            }
        })
        .collect();
    Done {
        batch,
        plain: out,
        verdicts,
    }
}
