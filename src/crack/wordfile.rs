//! Wordlist inputs: a reader with a name for error messages ([`Wordlist`]), gzip detected
//! by its magic bytes, and counting a file's lines as the search counts them (what
//! `--shard` splits).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use zeroize::Zeroizing;

use super::wordlist::CHUNK;
use crate::Error;

/// A wordlist to read: a name for messages (its path, or `stdin`) and its bytes.
pub struct Wordlist {
    pub(crate) name: String,
    pub(crate) reader: Box<dyn Read + Send>,
    /// Its size in bytes when known ahead (a file, a buffer): how long a search it makes.
    pub(crate) len: Option<u64>,
}

impl Wordlist {
    /// A wordlist read from `reader`, called `name` in error messages.
    pub fn new(name: impl Into<String>, reader: Box<dyn Read + Send>) -> Wordlist {
        Wordlist {
            name: name.into(),
            reader,
            len: None,
        }
    }

    /// The same list, known to hold `len` bytes (so a short list is not worth measuring
    /// the kernels for; see `calibrate`).
    pub(crate) fn with_len(mut self, len: u64) -> Wordlist {
        self.len = Some(len);
        self
    }

    /// About how many candidates the lists hold, from their sizes (`None` when one size
    /// is unknown, as stdin's is). Lines of cracked-password lists average 8–10 bytes.
    pub(crate) fn estimate(lists: &[Wordlist]) -> Option<u64> {
        lists
            .iter()
            .try_fold(0u64, |n, w| Some(n.saturating_add(w.len? / 8)))
    }

    /// Open the file at `path`, or stdin for `-`.
    pub(crate) fn open(path: &str) -> crate::Result<Wordlist> {
        if path == "-" {
            return Ok(Wordlist::new("stdin", Box::new(std::io::stdin())));
        }
        let f = std::fs::File::open(path).map_err(|e| Error::io(Path::new(path), e))?;
        let len = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        let list = Wordlist::new(path, Box::new(f));
        Ok(match len {
            Some(len) => list.with_len(len),
            None => list,
        })
    }

    /// The name errors use.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
}

/// The number of lines (candidates) in the file at `path`, counted as the search counts
/// them (gzip decompressed, a last line without newline included): what `--shard` splits.
pub(crate) fn count_lines(path: &str) -> crate::Result<u64> {
    let list = Wordlist::open(path)?;
    let (mut src, _) =
        open_decoded(list.reader, None).map_err(|e| Error::io(Path::new(path), e))?;
    let mut buf = Zeroizing::new(vec![0u8; CHUNK]);
    let (mut lines, mut last) = (0u64, b'\n');
    loop {
        let n = match src.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(Path::new(path), e)),
        };
        lines += count_newlines(&buf[..n]);
        last = buf[n - 1];
    }
    Ok(lines + u64::from(last != b'\n'))
}

/// Newlines in `data` (the compiler vectorises this loop).
pub(crate) fn count_newlines(data: &[u8]) -> u64 {
    data.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The input's bytes, gunzipped when it starts with the gzip magic, and whether it was gzip.
/// For gzip, `read` counts the compressed bytes taken from the input (what the file's size
/// measures); a plain input is not wrapped, so that files keep reading straight into the
/// caller's buffer, and its caller counts the bytes it gets, which are the file's.
pub(crate) fn open_decoded(
    input: Box<dyn Read + Send>,
    read: Option<&Arc<AtomicU64>>,
) -> std::io::Result<(Box<dyn Read>, bool)> {
    let mut buffered = BufReader::with_capacity(1 << 16, input);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(match (gzip, read) {
        (true, Some(read)) => {
            let counted = Counted {
                inner: buffered,
                read: Arc::clone(read),
            };
            (Box::new(MultiGzDecoder::new(counted)), true)
        }
        (true, None) => (Box::new(MultiGzDecoder::new(buffered)), true),
        (false, _) => (Box::new(buffered), false),
    })
}

/// A reader that adds the bytes it passes on to a shared counter.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_inputs_count_their_compressed_bytes() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&b"password\n".repeat(10_000)).unwrap();
        let gz = enc.finish().unwrap();
        let read = Arc::new(AtomicU64::new(0));
        let (mut src, gzip) =
            open_decoded(Box::new(std::io::Cursor::new(gz.clone())), Some(&read)).unwrap();
        let mut out = Vec::new();
        src.read_to_end(&mut out).unwrap();
        assert!(gzip);
        assert_eq!(out.len(), 90_000);
        assert_eq!(read.load(Ordering::Relaxed), gz.len() as u64);
    }
}
