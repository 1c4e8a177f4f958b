//! Tokens as people paste them: `Bearer eyJ…` or `DPoP eyJ…` (any case), a whole
//! `Authorization:` or `DPoP:` header line, a `Cookie:`/`Set-Cookie:` line or a bare
//! `session=eyJ…` cookie, quotes from JSON or a shell, whitespace, and a token wrapped over
//! several lines (copied from a terminal or an email). [`paste`] strips those wrappers and
//! says which it stripped, so every command that reads a token (decode, verify, decrypt,
//! audit, crack, forge, probe, disclose, dpop, ui) accepts them alike and tells the user
//! once what it did. [`one_wrapped`] decides whether the lines of an input are one wrapped
//! token or one token per line.

use std::borrow::Cow;

/// A cleaned token and what was stripped from around it (empty when nothing but
/// whitespace was; whitespace is not worth a note).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pasted<'a> {
    pub token: Cow<'a, str>,
    pub stripped: Vec<&'static str>,
}

impl Pasted<'_> {
    /// "an Authorization header name, a Bearer prefix and quotes", for a note on stderr.
    pub(crate) fn describe(&self) -> Option<String> {
        match self.stripped.as_slice() {
            [] => None,
            [one] => Some((*one).to_owned()),
            [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
        }
    }
}

/// What joining a wrapped token removed (the one note that is not a wrapper).
const LINE_BREAKS: &str = "line breaks";

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Header names and auth schemes that may precede a token, and the note for each.
const HEADER_NAMES: &[(&str, &str)] = &[
    ("authorization:", "an Authorization header name"),
    ("dpop:", "a DPoP header name"),
    ("cookie:", "a Cookie header name"),
    ("set-cookie:", "a Set-Cookie header name"),
];
const SCHEMES: &[(&str, &str)] = &[("bearer", "a Bearer prefix"), ("dpop", "a DPoP prefix")];

/// One pass of stripping quotes, a header name and an auth scheme; `s` unchanged when
/// there was none.
fn strip_once<'a>(mut s: &'a str, note: &mut impl FnMut(&'static str)) -> &'a str {
    for q in ['"', '\'', '`'] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            s = s[1..s.len() - 1].trim();
            note("quotes");
        }
    }
    for (name, what) in HEADER_NAMES {
        if let Some(rest) = strip_prefix_ci(s, name) {
            s = rest.trim_start();
            note(what);
        }
    }
    for (scheme, what) in SCHEMES {
        if let Some(rest) = strip_prefix_ci(s, scheme) {
            if rest.starts_with(|c: char| c.is_whitespace()) {
                s = rest.trim_start();
                note(what);
            }
        }
    }
    s
}

/// Strip what surrounds a pasted token, and join a token wrapped over lines. Pure: the
/// caller decides whether to print [`Pasted::describe`].
pub(crate) fn paste(input: &str) -> Pasted<'_> {
    let mut s = input.trim();
    let mut stripped = Vec::new();
    let mut note = |what: &'static str| {
        if !stripped.contains(&what) {
            stripped.push(what);
        }
    };
    loop {
        let before = s;
        s = strip_once(s, &mut note);
        if let Some((value, others)) = cookie_value(s) {
            s = value;
            note("a cookie name");
            if others {
                note("the rest of the cookie line");
            }
        }
        if s == before {
            break;
        }
    }
    let mut token = Cow::Borrowed(s);
    // Only line breaks (and the indentation around them) are a wrap: a space inside a
    // line is part of what was given, and a token with one is refused (RFC 7515 §7.1).
    if s.contains('\n') {
        let joined: String = s.lines().map(str::trim).collect();
        if complete(&joined) {
            note(LINE_BREAKS);
            token = Cow::Owned(joined);
        }
    }
    Pasted { token, stripped }
}

/// The token in a cookie line (`a=b; session=eyJ…; Path=/`): the first value shaped like
/// a compact token, and whether anything else was on the line. `None` when no value is.
fn cookie_value(s: &str) -> Option<(&str, bool)> {
    if !s.contains('=') || s.starts_with('{') {
        return None;
    }
    let mut parts = 0;
    let mut found = None;
    for part in s.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        parts += 1;
        let Some((name, value)) = part.split_once('=') else {
            continue;
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        let name_ok = !name.is_empty() && !name.contains(char::is_whitespace);
        if found.is_none() && name_ok && shaped(value) {
            found = Some(value);
        }
    }
    found.map(|v| (v, parts > 1))
}

/// Shaped like a compact token (or an SD-JWT): 3 or 5 dot-separated base64url segments,
/// the header not empty. Not a parse: a malformed token still reaches the parser, whose
/// error says what is wrong with it.
fn shaped(s: &str) -> bool {
    let compact = s.split('~').next().unwrap_or(s);
    let segments = compact.split('.').count();
    (segments == 3 || segments == 5)
        && !compact.starts_with('.')
        && compact
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && s.bytes().all(|b| b != b' ' && b != b'=')
}

/// A whole token: it parses, and every segment is base64url. What a wrapped token's lines
/// must join into, and what its first line alone must not be.
fn complete(s: &str) -> bool {
    let compact = s.split('~').next().unwrap_or(s);
    // Two JWS joined have five segments: a JWE's header must also say `enc`.
    let parsed = match crate::token::parse(compact) {
        Ok(crate::token::Parsed::Jws(_)) => true,
        Ok(crate::token::Parsed::Jwe { header }) => header.contains_key("enc"),
        Err(_) => false,
    };
    shaped(s) && parsed && compact.split('.').all(|p| crate::b64::decode(p).is_ok())
}

/// Whether the token lines of an input (blank lines and comments already dropped) are one
/// token wrapped over them rather than one token per line: there are several, the first
/// alone is not a whole token, and all of them joined are. A wrap that falls inside the
/// signature leaves a first line that looks whole; that input is read one token per line.
pub(crate) fn one_wrapped(lines: &[&str]) -> bool {
    lines.len() > 1 && !complete(&paste(lines[0]).token) && {
        let p = paste_lines(lines);
        p.stripped.contains(&LINE_BREAKS)
    }
}

fn paste_lines(lines: &[&str]) -> Pasted<'static> {
    let joined = lines.join("\n");
    let p = paste(&joined);
    Pasted {
        token: Cow::Owned(p.token.into_owned()),
        stripped: p.stripped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T: &str = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";

    #[test]
    fn bearer_prefix_authorization_line_quotes_and_whitespace_are_stripped() {
        for (input, what) in [
            (T.to_string(), None),
            (format!("  {T}\n"), None),
            (format!("Bearer {T}"), Some("a Bearer prefix")),
            (format!("bEaReR\t{T}"), Some("a Bearer prefix")),
            (
                format!("Authorization: Bearer {T}\r\n"),
                Some("an Authorization header name and a Bearer prefix"),
            ),
            (
                format!("\"authorization: bearer {T}\""),
                Some("quotes, an Authorization header name and a Bearer prefix"),
            ),
            (format!("'{T}'"), Some("quotes")),
            (
                format!("\"Bearer {T}\""),
                Some("quotes and a Bearer prefix"),
            ),
            (
                format!("Authorization: \"Bearer {T}\""),
                Some("an Authorization header name, quotes and a Bearer prefix"),
            ),
        ] {
            let p = paste(&input);
            assert_eq!(p.token, T, "{input:?}");
            assert_eq!(p.describe().as_deref(), what, "{input:?}");
        }
        // Not a prefix: a token that happens to start with the letters.
        assert_eq!(paste("BearerX").token, "BearerX");
    }

    /// A token that parses: header {"alg":"HS256"}, claims {}, a 3-byte signature.
    const WHOLE: &str = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";

    #[test]
    fn cookie_lines_and_dpop_headers_give_their_token() {
        for (input, what) in [
            (format!("session={WHOLE}"), "a cookie name"),
            (
                format!("Cookie: a=b; session={WHOLE}; theme=dark"),
                "a Cookie header name, a cookie name and the rest of the cookie line",
            ),
            (
                format!("Set-Cookie: id=\"{WHOLE}\"; Path=/; HttpOnly"),
                "a Set-Cookie header name, a cookie name and the rest of the cookie line",
            ),
            (format!("DPoP: {WHOLE}"), "a DPoP header name"),
            (
                format!("Authorization: DPoP {WHOLE}"),
                "an Authorization header name and a DPoP prefix",
            ),
        ] {
            let p = paste(&input);
            assert_eq!(p.token, WHOLE, "{input:?}");
            assert_eq!(p.describe().as_deref(), Some(what), "{input:?}");
        }
        // No value shaped like a token: the line is left for the parser to refuse.
        assert_eq!(paste("a=b; c=d").token, "a=b; c=d");
    }

    #[test]
    fn a_token_wrapped_over_lines_is_joined_and_said_once() {
        let wrapped = format!(
            "Bearer {}\n{}\n  {}\n",
            &WHOLE[..10],
            &WHOLE[10..20],
            &WHOLE[20..]
        );
        let p = paste(&wrapped);
        assert_eq!(p.token, WHOLE);
        assert_eq!(
            p.describe().as_deref(),
            Some("a Bearer prefix and line breaks")
        );
        // Two tokens are not joined into one, nor a token with a space inside a line.
        let two = format!("{WHOLE}\n{WHOLE}");
        assert_eq!(paste(&two).token, two.as_str());
        let spaced = format!("{}  {}", &WHOLE[..25], &WHOLE[25..]);
        assert_eq!(paste(&spaced).token, spaced.as_str());
    }

    #[test]
    fn lines_are_one_wrapped_token_only_when_the_first_is_not_whole() {
        let (a, b) = WHOLE.split_at(12);
        assert!(one_wrapped(&[a, b]));
        assert!(one_wrapped(&[&format!("Bearer {a}"), b]));
        // One token per line, or a bulk input with a bad line: not joined.
        assert!(!one_wrapped(&[WHOLE, WHOLE]));
        assert!(!one_wrapped(&[WHOLE, "garbage"]));
        assert!(!one_wrapped(&["garbage", WHOLE]));
        assert!(!one_wrapped(&[WHOLE]));
    }

    proptest! {
        #[test]
        fn never_panics_and_only_shrinks(s in ".{0,80}") {
            let p = paste(&s);
            // Joined lines are the input's characters less its whitespace.
            let squeezed: String = s.split_whitespace().collect();
            prop_assert!(s.contains(p.token.as_ref()) || squeezed.contains(p.token.as_ref()));
        }
    }
}
