//! Where each token of a HAR capture sits, for `jot audit --extract`: the entry's index in
//! `log.entries`, its request method and URL (credentials and the token itself masked) and
//! the place inside it (a header, a cookie, a body, a URL query parameter), so a reviewer
//! can find the request that carried it.

use std::collections::HashMap;

use serde_json::Value;

use super::extract::extract;
use super::findings::abbreviate;

/// Where a token was first seen in a HAR file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Place {
    /// The 0-based index in `log.entries`.
    pub entry: usize,
    pub method: String,
    /// The request URL, credentials redacted (`net::redact_url`), the token abbreviated.
    pub url: String,
    /// "request header Authorization", "cookie session", "URL query id_token",
    /// "request body", …
    #[serde(rename = "where")]
    pub at: String,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "log.entries[{}] {} {}: {}",
            self.entry, self.method, self.url, self.at
        )
    }
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut v = v;
    for key in path {
        v = &v[*key];
    }
    v.as_str().unwrap_or_default()
}

/// (name, value) pairs of a HAR `headers`, `cookies` or `queryString` array.
fn pairs(v: &Value) -> impl Iterator<Item = (&str, &str)> {
    v.as_array().into_iter().flatten().map(|p| {
        let s = |k: &str| p[k].as_str().unwrap_or_default();
        (s("name"), s("value"))
    })
}

/// The labelled strings of one entry, in the order a token is attributed to the first.
fn places_in(entry: &Value) -> Vec<(String, &str)> {
    let (req, resp) = (&entry["request"], &entry["response"]);
    let mut out = Vec::new();
    let url = str_at(req, &["url"]);
    let query = url.split('#').next().unwrap_or(url).split_once('?');
    for pair in query.map(|(_, q)| q).unwrap_or_default().split('&') {
        let (name, value) = pair.split_once('=').unwrap_or(("", pair));
        out.push((format!("URL query {name}"), value));
    }
    out.push(("URL".to_owned(), url));
    for (name, value) in pairs(&req["headers"]) {
        if name.eq_ignore_ascii_case("cookie") {
            for c in value.split(';') {
                let (n, v) = c.trim().split_once('=').unwrap_or(("", c));
                out.push((format!("cookie {n}"), v));
            }
        } else {
            out.push((format!("request header {name}"), value));
        }
    }
    for (name, value) in pairs(&req["cookies"]) {
        out.push((format!("cookie {name}"), value));
    }
    out.push((
        "request body".to_owned(),
        str_at(req, &["postData", "text"]),
    ));
    for (name, value) in pairs(&resp["headers"]) {
        out.push((format!("response header {name}"), value));
    }
    for (name, value) in pairs(&resp["cookies"]) {
        out.push((format!("response cookie {name}"), value));
    }
    out.push((
        "response body".to_owned(),
        str_at(resp, &["content", "text"]),
    ));
    out
}

/// Each token of a HAR file and where it was first seen; empty when `text` is not a HAR
/// (`log.entries`).
pub(crate) fn places(text: &str) -> HashMap<String, Place> {
    let mut found = HashMap::new();
    if !text.trim_start().starts_with('{') {
        return found;
    }
    let Ok(har) = serde_json::from_str::<Value>(text) else {
        return found;
    };
    let entries = har["log"]["entries"].as_array().into_iter().flatten();
    for (i, entry) in entries.enumerate() {
        let url = str_at(&entry["request"], &["url"]);
        for (at, value) in places_in(entry) {
            for e in extract(value) {
                if found.contains_key(&e.token) {
                    continue;
                }
                let shown = crate::net::redact_url(url).replace(&e.token, &abbreviate(&e.token));
                let place = Place {
                    entry: i,
                    method: str_at(&entry["request"], &["method"]).to_owned(),
                    url: shown,
                    at: at.clone(),
                };
                found.insert(e.token, place);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const T: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";
    const U: &str = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiIn0.c2lnbmF0dXJl";
    const V: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjIn0.c2lnbmF0dXJl";
    const W: &str = "eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJkIn0.c2lnbmF0dXJl";

    #[test]
    fn each_token_is_placed_by_entry_url_and_where() {
        let har = json!({"log": {"entries": [
            {"request": {"method": "GET", "url": "https://u:pw@api.example/a",
                "headers": [{"name": "Authorization", "value": format!("Bearer {T}")}]},
             "response": {"headers": [], "content": {"text": "{}"}}},
            {"request": {"method": "POST", "url": format!("https://api.example/b?x={U}"),
                "headers": [{"name": "Cookie", "value": format!("a=b; session={V}")}],
                "postData": {"text": format!("{{\"assertion\":\"{W}\"}}")}},
             "response": {"content": {"text": format!("{{\"again\":\"{T}\"}}")}}}
        ]}});
        let p = places(&har.to_string());
        let show = |t: &str| p[t].to_string();
        assert_eq!(
            show(T),
            "log.entries[0] GET https://***@api.example/a: request header Authorization"
        );
        assert_eq!(
            show(U),
            format!(
                "log.entries[1] POST https://api.example/b?x={}: URL query x",
                abbreviate(U)
            )
        );
        assert!(show(V).ends_with(": cookie session"), "{}", show(V));
        assert!(show(W).ends_with(": request body"), "{}", show(W));
        assert!(
            !show(U).contains(U),
            "the whole token is not repeated in the URL"
        );
    }

    #[test]
    fn text_that_is_not_a_har_has_no_places() {
        assert!(places(&format!("GET /?t={T}")).is_empty());
        assert!(places("{\"not\": \"a har\"}").is_empty());
        assert!(places("{broken").is_empty());
    }
}
