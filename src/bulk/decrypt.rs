//! Bulk decryption of one batch of lines: each compact AES-GCM token through the opener
//! (buffers and header verdicts reused), anything else through the one-token path, so a
//! verdict in bulk is the verdict that token gets alone.

use zeroize::Zeroizing;

use super::stream::Batch;
use crate::jwe::{self, Decrypted, Failure, JweKey, Policy};

/// What became of one line.
pub enum Opened {
    /// Plaintext the opener decrypted (only asked for when it is to be written as it is).
    Plain(Zeroizing<Vec<u8>>),
    /// The one-token path's verdict, and for a JSON-serialized token the recipient that
    /// decrypted it.
    Full(Result<Decrypted, Failure>, Option<usize>),
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

/// Decrypt every line of `b`, in order, handing the batch back with its verdicts. With
/// `plain`, plaintext the opener can produce comes as [`Opened::Plain`]; a line the reader
/// skipped (over the limit) is a failure with its reason.
pub fn open_batch(b: Batch, keys: &[JweKey], p: &Policy, plain: bool) -> (Batch, Vec<Opened>) {
    let mut opener = jwe::Opener::new(keys, p);
    let opened = b
        .lines()
        .map(|(_, line)| match line {
            Ok(t) => match plain.then(|| opener.open(t)).flatten() {
                Some(pt) => Opened::Plain(pt),
                None => {
                    let (r, recipient) = decrypt_one(t, keys, p);
                    Opened::Full(r, recipient)
                }
            },
            Err(why) => {
                let reason = why.to_owned();
                Opened::Full(Err(Failure { reason, hint: None }), None)
            }
        })
        .collect();
    (b, opened)
}
