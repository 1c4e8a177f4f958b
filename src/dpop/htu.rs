//! The `htu` of a DPoP proof (RFC 9449 §4.2): parsing an http(s) URI and normalising it as
//! RFC 3986 §6.2.2 and §6.2.3 describe (scheme and host case, percent-encoding case and
//! unreserved characters, dot segments, the default port, an empty path), with the query
//! and fragment dropped, so that two spellings of one target URI compare equal (§4.3).

/// Characters left as they are in a URI (RFC 3986 §2.2 reserved, §2.3 unreserved).
fn allowed(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)
}

/// RFC 3986 §2.3: what percent-encoding must not hide (decoded when normalising).
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~".contains(&b)
}

/// Percent-encodings with upper-case hex, unreserved octets decoded (RFC 3986 §6.2.2.1-2).
fn percent_normalise(s: &str, what: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let (h, l) = match (b.get(i + 1), b.get(i + 2)) {
                    (Some(h), Some(l)) => (crate::hex::digit(*h), crate::hex::digit(*l)),
                    _ => (None, None),
                };
                let (Some(h), Some(l)) = (h, l) else {
                    return Err(format!("{what}: '%' is not followed by two hex digits"));
                };
                let v = h * 16 + l;
                if unreserved(v) {
                    out.push(v as char);
                } else {
                    out.push_str(&format!("%{v:02X}"));
                }
                i += 3;
            }
            c if allowed(c) => {
                out.push(c as char);
                i += 1;
            }
            c => {
                return Err(format!(
                    "{what}: character {:?} is not allowed in a URI (percent-encode it)",
                    c as char
                ))
            }
        }
    }
    Ok(out)
}

/// RFC 3986 §5.2.4: remove `.` and `..` segments.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match *seg {
            "." | ".." => {
                if *seg == ".." {
                    out.pop();
                }
                if last {
                    // "/a/." and "/a/.." keep their trailing slash.
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// A parsed http(s) URI: its parts as written, the query and fragment dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Htu<'a> {
    pub scheme: &'a str,
    pub authority: &'a str,
    pub path: &'a str,
}

/// Split `uri` into scheme, authority and path; the query and fragment are cut off.
pub(crate) fn parse(uri: &str) -> Result<Htu<'_>, String> {
    let (scheme, rest) = uri
        .split_once(':')
        .ok_or("no scheme: expected an absolute http(s) URI")?;
    let first = scheme.bytes().next();
    if !first.is_some_and(|c| c.is_ascii_alphabetic())
        || !scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
    {
        return Err(format!("{scheme:?} is not a URI scheme"));
    }
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!(
            "scheme {scheme:?}: a DPoP htu is an http or https URI"
        ));
    }
    let rest = rest
        .strip_prefix("//")
        .ok_or("no authority: expected scheme://host/path")?;
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    Ok(Htu {
        scheme,
        authority,
        path,
    })
}

/// `uri` without its query and fragment (what a proof's `htu` holds), checked to parse.
pub(crate) fn strip(uri: &str) -> Result<&str, String> {
    let h = parse(uri)?;
    normalise(uri)?;
    let end = h.scheme.len() + 3 + h.authority.len() + h.path.len();
    Ok(&uri[..end])
}

fn normalise_authority(authority: &str, scheme: &str) -> Result<String, String> {
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(percent_normalise(u, "userinfo")?), h),
        None => (None, authority),
    };
    // The port is after the last ':' not inside an IP literal's brackets.
    let (host, port) = match hostport.rfind(':') {
        Some(i) if !hostport[i..].contains(']') => (&hostport[..i], &hostport[i + 1..]),
        _ => (hostport, ""),
    };
    if host.is_empty() {
        return Err("no host".into());
    }
    if host.starts_with('[') != host.ends_with(']') {
        return Err(format!("host {host:?}: unbalanced brackets"));
    }
    if !host.starts_with('[') && host.contains(['[', ']', '/', '?', '#']) {
        return Err(format!("host {host:?} is not a host name"));
    }
    // Host names are case-insensitive; percent-encodings keep upper-case hex.
    let host = percent_normalise(host, "host")?;
    let mut host_lc = String::with_capacity(host.len());
    let mut rest = host.as_str();
    while let Some(i) = rest.find('%') {
        host_lc.push_str(&rest[..i].to_ascii_lowercase());
        host_lc.push_str(&rest[i..i + 3]);
        rest = &rest[i + 3..];
    }
    host_lc.push_str(&rest.to_ascii_lowercase());
    let port = match port {
        "" => None,
        p if p.bytes().all(|c| c.is_ascii_digit()) => match p.trim_start_matches('0') {
            "" => Some(0),
            t => Some(
                t.parse::<u16>()
                    .map_err(|_| format!("port {p:?} is out of range"))?,
            ),
        },
        p => return Err(format!("port {p:?} is not a number")),
    };
    let default = if scheme == "https" { 443 } else { 80 };
    let mut out = String::new();
    if let Some(u) = userinfo {
        out.push_str(&u);
        out.push('@');
    }
    out.push_str(&host_lc);
    if let Some(p) = port.filter(|p| *p != default) {
        out.push_str(&format!(":{p}"));
    }
    Ok(out)
}

/// The normal form of `uri` (RFC 3986 §6.2.2, §6.2.3) without query and fragment:
/// `HTTPS://Server.Example:443/a/./%7euser` becomes `https://server.example/a/~user`.
pub fn normalise(uri: &str) -> Result<String, String> {
    let h = parse(uri)?;
    let scheme = h.scheme.to_ascii_lowercase();
    let authority = normalise_authority(h.authority, &scheme)?;
    let path = percent_normalise(h.path, "path")?;
    let path = if path.is_empty() {
        "/".to_owned()
    } else {
        remove_dot_segments(&path)
    };
    Ok(format!("{scheme}://{authority}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_uri_normalise_alike() {
        let want = "https://server.example.com/token";
        for s in [
            "https://server.example.com/token",
            "HTTPS://Server.Example.COM/token",
            "https://server.example.com:443/token",
            "https://server.example.com:0443/token",
            "https://server.example.com/%74oken",
            "https://server.example.com/./a/../token",
            "https://server.example.com/token?x=1#frag",
            "https://server.example.com/token#frag",
        ] {
            assert_eq!(normalise(s).unwrap(), want, "{s}");
        }
        assert_eq!(normalise("http://a.example").unwrap(), "http://a.example/");
        assert_eq!(
            normalise("http://a.example:80").unwrap(),
            "http://a.example/"
        );
        assert_eq!(
            normalise("http://a.example:8080/x%2fy").unwrap(),
            "http://a.example:8080/x%2Fy"
        );
        assert_eq!(
            normalise("https://[::1]:8443/a").unwrap(),
            "https://[::1]:8443/a"
        );
        assert_eq!(
            normalise("https://a.example/a/b/..").unwrap(),
            "https://a.example/a/"
        );
    }

    #[test]
    fn what_differs_stays_different() {
        let n = |s| normalise(s).unwrap();
        assert_ne!(n("https://a.example/Token"), n("https://a.example/token"));
        assert_ne!(n("http://a.example/t"), n("https://a.example/t"));
        assert_ne!(n("https://a.example:8443/t"), n("https://a.example/t"));
        assert_ne!(n("https://a.example/t%2F"), n("https://a.example/t/"));
        assert_ne!(n("https://b.example/t"), n("https://a.example/t"));
    }

    #[test]
    fn non_uris_are_refused_with_a_reason() {
        for bad in [
            "",
            "server.example/token",
            "ftp://a.example/x",
            "https:/a.example/x",
            "https:///x",
            "https://a.example:99999/",
            "https://a.example:8x/",
            "https://a.example/%zz",
            "https://a.example/a b",
            "https://a.example/é",
            "https://[::1/x",
        ] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn strip_keeps_the_spelling_and_drops_query_and_fragment() {
        assert_eq!(
            strip("https://RS.example/r?a=1#f").unwrap(),
            "https://RS.example/r"
        );
        assert_eq!(strip("https://rs.example").unwrap(), "https://rs.example");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = normalise(&s);
            let _ = strip(&s);
        }

        #[test]
        fn normal_forms_are_fixed_points(
            scheme in "[hH][tT][tT][pP][sS]?",
            host in "[a-zA-Z0-9.-]{1,12}",
            port in proptest::option::of(0u16..),
            path in "(/([a-zA-Z0-9._~!$&'()*+,;=:@-]|%[0-9a-fA-F]{2}){0,6}){0,4}",
            tail in "(\\?[a-z=&]{0,8})?(#[a-z]{0,5})?",
        ) {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let uri = format!("{scheme}://{host}{port}{path}{tail}");
            let n = normalise(&uri).unwrap();
            proptest::prop_assert_eq!(normalise(&n).unwrap(), n.clone());
            // Case of scheme and host, and the query and fragment, never matter.
            let upper = format!("{}://{}{port}{path}", scheme.to_uppercase(), host.to_uppercase());
            proptest::prop_assert_eq!(normalise(&upper).unwrap(), n.clone());
            // Percent-encoding an unreserved character does not change the URI.
            let enc = format!("{scheme}://{host}{port}/%41{path}");
            let plain = format!("{scheme}://{host}{port}/A{path}");
            proptest::prop_assert_eq!(normalise(&enc).unwrap(), normalise(&plain).unwrap());
        }

        #[test]
        fn the_default_port_is_the_same_as_none(host in "[a-z0-9]{1,10}", path in "(/[a-z]{0,4}){0,3}") {
            let a = normalise(&format!("https://{host}:443{path}")).unwrap();
            let b = normalise(&format!("https://{host}{path}")).unwrap();
            proptest::prop_assert_eq!(a, b);
        }
    }
}
