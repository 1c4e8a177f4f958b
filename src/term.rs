//! The one place that decides colour, the one stdout writer ([`Out`]), and the one place
//! that makes untrusted text safe for a terminal. Claims and headers come from attackers:
//! control and bidi characters are escaped before they are printed, so a token cannot
//! rewrite the screen or reorder what it shows. Bytes jot passes through on purpose
//! (plaintext, a cracked secret, key bytes) are never escaped nor stripped. [`progress`]
//! draws the progress line of long work.

pub(crate) mod progress;

use std::borrow::Cow;
use std::io::Write;

use anstyle::{AnsiColor, Style};

/// The user's colour choice, applied once for stdout and stderr alike; anstream then honours
/// NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether each stream is a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Apply the colour choice for the whole process. Called once, from `run`.
pub(crate) fn init_color(choice: ColorChoice) {
    let c = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    c.write_global();
}

/// Styles used across the commands; anstream strips them when colour is off.
pub(crate) mod style {
    use super::*;
    pub(crate) const GOOD: Style = AnsiColor::Green.on_default().bold();
    pub(crate) const BAD: Style = AnsiColor::Red.on_default().bold();
    pub(crate) const WARN: Style = AnsiColor::Yellow.on_default().bold();
    pub(crate) const DIM: Style = Style::new().dimmed();
    pub(crate) const BOLD: Style = Style::new().bold();
}

/// Flush early past this many buffered bytes, so one batch never holds much memory.
const FLUSH_AT: usize = 1 << 20;

/// The one stdout writer. Text written through `Write` is styled: its styles are stripped
/// when stdout is not a colour terminal. Bytes jot passes through on purpose go through
/// [`Out::raw`], which bypasses that strip pass: it drops C0 control bytes and whatever
/// follows an ESC, so binary plaintext on a pipe lost most bytes below 0x31 through it.
///
/// Buffered: lines are collected and written with one call per batch (one `write` per
/// bulk token cost more than a whole HS256 verification). Only `flush` (and a full
/// buffer) touches stdout, so callers that flush before a note on stderr keep the two
/// streams in order.
pub(crate) struct Out {
    /// Styled text not yet stripped.
    text: Vec<u8>,
    /// Bytes ready for stdout, in order.
    ready: Vec<u8>,
    strip: bool,
}

impl Out {
    /// A writer for stdout, with stdout's colour choice (set by [`init_color`]).
    pub(crate) fn stdout() -> Out {
        Out {
            text: Vec::with_capacity(64 * 1024),
            ready: Vec::new(),
            strip: anstream::AutoStream::choice(&std::io::stdout()) == anstream::ColorChoice::Never,
        }
    }

    /// Whether styles are stripped (stdout is not a colour terminal): renderers may then
    /// write plain text, and a batch of plain ASCII skips the strip pass.
    pub(crate) fn plain(&self) -> bool {
        self.strip
    }

    /// Write `data` exactly as it is, after the text written before it.
    pub(crate) fn raw(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.settle();
        self.ready.extend_from_slice(data);
        if self.ready.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    /// Move the pending text to the ready bytes, stripped of styles when colour is off.
    fn settle(&mut self) {
        if self.text.is_empty() {
            return;
        }
        if self.strip && !is_plain(&self.text) {
            for part in anstream::adapter::strip_bytes(&self.text) {
                self.ready.extend_from_slice(part);
            }
            self.text.clear();
        } else if self.ready.is_empty() {
            // The common case: no copy, the buffers swap (both keep their capacity).
            std::mem::swap(&mut self.text, &mut self.ready);
        } else {
            self.ready.extend_from_slice(&self.text);
            self.text.clear();
        }
    }
}

/// Bytes the strip pass passes through unchanged: printable ASCII and newlines.
fn is_plain(buf: &[u8]) -> bool {
    // A fold rather than `all`: no early exit, so it vectorises.
    !buf.iter()
        .fold(false, |odd, b| odd | !(matches!(b, 0x20..=0x7e | b'\n')))
}

impl Write for Out {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.text.extend_from_slice(data);
        if self.text.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.settle();
        if self.ready.is_empty() {
            return Ok(());
        }
        let mut so = std::io::stdout().lock();
        so.write_all(&self.ready)?;
        so.flush()?;
        self.ready.clear();
        Ok(())
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Escape control (C0, DEL, C1) and bidi characters as `\u{..}` so that untrusted text
/// prints as what it is. Newlines and tabs are escaped too: one claim, one line.
pub(crate) fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_bidi(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() || is_bidi(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_escapes_and_bidi_overrides() {
        assert_eq!(sanitize("ok"), "ok");
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(sanitize("l1\nl2"), "l1\\u{a}l2");
        assert_eq!(sanitize("\u{9b}"), "\\u{9b}");
    }

    /// The strip pass is skipped only for what it would leave as it is.
    #[test]
    fn only_printable_ascii_and_newlines_skip_the_strip_pass() {
        assert!(is_plain(b"line 1: valid\nline 2: invalid: expired\n"));
        for odd in [
            &b"\x1b[1mvalid"[..],
            b"tab\there",
            "é".as_bytes(),
            b"\x7f",
            b"\r\n",
        ] {
            assert!(!is_plain(odd), "{odd:?}");
        }
        let plain = b"line 7: valid\n";
        let stripped: Vec<u8> = anstream::adapter::strip_bytes(plain)
            .flatten()
            .copied()
            .collect();
        assert_eq!(stripped, plain);
    }

    /// Raw bytes keep every byte value, between stripped text, in order.
    #[test]
    fn raw_bytes_bypass_the_strip_pass_and_keep_their_place() {
        let mut out = Out {
            text: Vec::new(),
            ready: Vec::new(),
            strip: true,
        };
        let all: Vec<u8> = (0..=255u8).collect();
        write!(out, "{}a{:#}", style::BAD, style::BAD).unwrap();
        out.raw(&all).unwrap();
        write!(out, "\x1b[1mz").unwrap();
        out.settle();
        let mut want = b"a".to_vec();
        want.extend_from_slice(&all);
        want.push(b'z');
        assert_eq!(out.ready, want);
        out.ready.clear();
    }
}
