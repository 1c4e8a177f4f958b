//! The one URL redaction: credentials a URL carries (`user:pass@`, and query or fragment
//! parameters such as `api_key`, `token`, `secret`, `password`, `code`) become `***`
//! wherever jot shows a URL: messages, probe and audit reports, cache notes. People paste
//! such URLs into tickets; a report must not leak what the URL authenticates with.

use std::borrow::Cow;

/// What replaces a credential.
const MASK: &str = "***";

/// Parameter names that carry a credential (compared without case, `-` read as `_`).
const SECRET_NAMES: &[&str] = &[
    "key",
    "apikey",
    "api_key",
    "token",
    "access_token",
    "id_token",
    "refresh_token",
    "secret",
    "client_secret",
    "password",
    "passwd",
    "pwd",
    "pass",
    "code",
    "auth",
    "authorization",
    "sig",
    "signature",
    "session",
    "sessionid",
    "jsessionid",
    "jwt",
    "assertion",
    "credential",
    "credentials",
];

/// Parts of names that mark a credential too (`x_auth_token`, `my_api_key`, `db_password`).
const SECRET_PARTS: &[&str] = &[
    "token",
    "secret",
    "passw",
    "apikey",
    "api_key",
    "credential",
];

fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('-', "_");
    SECRET_NAMES.contains(&n.as_str())
        || SECRET_PARTS.iter().any(|p| n.contains(p))
        || n.ends_with("_key")
        || n.ends_with("_sig")
}

/// `url` with its credentials replaced by `***`; borrowed when it carries none.
pub(crate) fn redact_url(url: &str) -> Cow<'_, str> {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let authority_end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    let mut out = String::new();
    let mut changed = false;
    match url[after_scheme..authority_end].rfind('@') {
        Some(at) => {
            out.push_str(&url[..after_scheme]);
            out.push_str(MASK);
            out.push_str(&url[after_scheme + at..authority_end]);
            changed = true;
        }
        None => out.push_str(&url[..authority_end]),
    }
    let rest = &url[authority_end..];
    // The query and the fragment (OAuth's implicit flow puts access_token there).
    let mut i = 0;
    while i < rest.len() {
        let Some(start) = rest[i..].find(['?', '#', '&', ';']).map(|p| i + p) else {
            out.push_str(&rest[i..]);
            break;
        };
        out.push_str(&rest[i..=start]);
        let end = rest[start + 1..]
            .find(['&', ';', '#'])
            .map_or(rest.len(), |p| start + 1 + p);
        let pair = &rest[start + 1..end];
        match pair.split_once('=') {
            Some((name, value)) if !value.is_empty() && is_secret_name(name) => {
                out.push_str(name);
                out.push('=');
                out.push_str(MASK);
                changed = true;
            }
            _ => out.push_str(pair),
        }
        i = end;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(url)
    }
}

/// `text` with every URL in it (`scheme://…`, up to white space or a quote) redacted: for
/// messages, which may quote a URL inside another library's words.
pub(crate) fn redact_text(text: &str) -> Cow<'_, str> {
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(p) = text[i..].find("://") {
        let sep = i + p;
        let start = text[i..sep]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))
            .map_or(i, |q| i + q + 1);
        let end = text[sep..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .map_or(text.len(), |q| sep + q);
        // Punctuation after a URL belongs to the sentence (`GET URL: HTTP 404`).
        let end = start
            + text[start..end]
                .trim_end_matches([':', ',', '.', ';', ')', ']'])
                .len();
        out.push_str(&text[i..start]);
        out.push_str(&redact_url(&text[start..end]));
        i = end;
    }
    out.push_str(&text[i..]);
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_and_credential_parameters_become_stars() {
        for (url, want) in [
            (
                "https://alice:s3cret@id.example/jwks",
                "https://***@id.example/jwks",
            ),
            ("http://tok@h:8080", "http://***@h:8080"),
            (
                "https://h/jwks?api_key=K1&page=2&token=T2",
                "https://h/jwks?api_key=***&page=2&token=***",
            ),
            (
                "https://h/cb?code=C3;state=s#access_token=A4&x=1",
                "https://h/cb?code=***;state=s#access_token=***&x=1",
            ),
            (
                "https://h/?Client-Secret=a&PASSWORD=b&x_auth_token=c&aws_key=d&secret=e",
                "https://h/?Client-Secret=***&PASSWORD=***&x_auth_token=***&aws_key=***&secret=***",
            ),
            ("https://u:p@h/p?key=k#frag", "https://***@h/p?key=***#frag"),
        ] {
            assert_eq!(redact_url(url), want, "{url}");
        }
    }

    #[test]
    fn urls_without_credentials_are_left_as_they_are() {
        for url in [
            "https://id.example/.well-known/jwks.json",
            "https://h/p?page=2&monkey=1&kid=a",
            "https://h/p?token=",
            "https://h/a@b",
            "not a url",
            "",
        ] {
            assert!(matches!(redact_url(url), Cow::Borrowed(_)), "{url}");
        }
    }

    #[test]
    fn urls_inside_messages_are_redacted() {
        assert_eq!(
            redact_text("GET https://u:p@h/x?token=t: refused (see http://h/?a=1)"),
            "GET https://***@h/x?token=***: refused (see http://h/?a=1)"
        );
        assert_eq!(
            redact_text("error: ftp://h/?password=p: No such file"),
            "error: ftp://h/?password=***: No such file"
        );
        assert_eq!(redact_text("no url here"), "no url here");
    }
}
