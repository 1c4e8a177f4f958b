//! Redirects: only http(s) targets, under the same scheme rules as the first URL.

use super::*;

#[test]
fn redirect_to_a_file_url_is_refused_not_followed_as_a_path() {
    let srv = TestServer::start(Box::new(|path| match path {
        "/etc/passwd" => tiny_http::Response::from_string("{\"keys\":[]}"),
        "/file" => tiny_http::Response::from_string("")
            .with_status_code(302)
            .with_header(header("Location", "file:///etc/passwd")),
        _ => tiny_http::Response::from_string("")
            .with_status_code(301)
            .with_header(header("Location", "FILE:/etc/passwd")),
    }));
    for path in ["/file", "/upper"] {
        let err = fetch(&srv.url(path), &opts(0)).expect_err("a file: redirect");
        assert!(err.to_string().contains("refused"), "{err}");
    }
    assert_eq!(srv.hits(), 2, "the file: target was never requested");
}

#[test]
fn redirect_targets_pass_the_same_scheme_rules_as_the_first_url() {
    let r = |base: &str, loc: &str| resolve_redirect(base, loc);
    assert_eq!(r("http://h:1/a/b?q", "/c").unwrap(), "http://h:1/c");
    assert_eq!(r("http://h:1/a/b?q", "c?x").unwrap(), "http://h:1/a/c?x");
    assert_eq!(r("http://h:1", "c").unwrap(), "http://h:1/c");
    assert_eq!(r("https://h/a", "//g/x").unwrap(), "https://g/x");
    assert_eq!(r("http://h/a", "HTTPS://g/x").unwrap(), "HTTPS://g/x");
    for bad in [
        "file:///etc/passwd",
        "ftp://h/x",
        "gopher://h",
        "javascript:alert(1)",
    ] {
        assert!(r("http://h/a", bad).is_err(), "{bad}");
    }
    assert!(r("https://h/a", "http://h/b").is_err(), "no downgrade");
    assert!(is_http_url("HTTPS://x") && is_http_url("Http://x") && !is_http_url("file:/x"));
}
