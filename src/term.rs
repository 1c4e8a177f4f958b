//! The one place that decides colour and the one place that makes untrusted text safe for a
//! terminal. Claims and headers come from attackers: control and bidi characters are escaped
//! before they are printed, so a token cannot rewrite the screen or reorder what it shows.

use std::borrow::Cow;

use anstyle::{AnsiColor, Style};

/// The user's colour choice, applied once for stdout and stderr alike; anstream then honours
/// NO_COLOR, CLICOLOR_FORCE, TERM=dumb and whether each stream is a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Apply the colour choice for the whole process. Called once, from `run`.
pub fn init_color(choice: ColorChoice) {
    let c = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    c.write_global();
}

/// Styles used across the commands; anstream strips them when colour is off.
pub mod style {
    use super::*;
    pub const KEY: Style = AnsiColor::Cyan.on_default();
    pub const GOOD: Style = AnsiColor::Green.on_default().bold();
    pub const BAD: Style = AnsiColor::Red.on_default().bold();
    pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
    pub const DIM: Style = Style::new().dimmed();
    pub const BOLD: Style = Style::new().bold();
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Escape control (C0, DEL, C1) and bidi characters as `\u{..}` so that untrusted text
/// prints as what it is. Newlines and tabs are escaped too: one claim, one line.
pub fn sanitize(s: &str) -> Cow<'_, str> {
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
}
