//! Tokens as people paste them: `Bearer eyJ…` (any case), a whole `Authorization: Bearer …`
//! header line, quotes from JSON or a shell, whitespace. [`paste`] strips those wrappers
//! and says which it stripped, so every command that reads a token (decode, verify, audit,
//! crack, ui) can accept them and tell the user what it did.

/// A cleaned token and what was stripped from around it (empty when nothing but
/// whitespace was; whitespace is not worth a note).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pasted<'a> {
    pub token: &'a str,
    pub stripped: Vec<&'static str>,
}

impl Pasted<'_> {
    /// "an Authorization header name, a Bearer prefix and quotes", for a note on stderr.
    pub fn describe(&self) -> Option<String> {
        match self.stripped.as_slice() {
            [] => None,
            [one] => Some((*one).to_owned()),
            [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
        }
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Strip what surrounds a pasted token. Pure: the caller decides whether to print
/// [`Pasted::describe`].
pub fn paste(input: &str) -> Pasted<'_> {
    let mut s = input.trim();
    let mut stripped = Vec::new();
    let note = |what: &'static str, stripped: &mut Vec<&'static str>| {
        if !stripped.contains(&what) {
            stripped.push(what);
        }
    };
    loop {
        let before = s;
        for q in ['"', '\'', '`'] {
            if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
                s = s[1..s.len() - 1].trim();
                note("quotes", &mut stripped);
            }
        }
        if let Some(rest) = strip_prefix_ci(s, "authorization:") {
            s = rest.trim_start();
            note("an Authorization header name", &mut stripped);
        }
        if let Some(rest) = strip_prefix_ci(s, "bearer") {
            if rest.starts_with(|c: char| c.is_whitespace()) {
                s = rest.trim_start();
                note("a Bearer prefix", &mut stripped);
            }
        }
        if s == before {
            break;
        }
    }
    Pasted { token: s, stripped }
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

    proptest! {
        #[test]
        fn never_panics_and_only_shrinks(s in ".{0,80}") {
            let p = paste(&s);
            prop_assert!(s.contains(p.token));
        }
    }
}
