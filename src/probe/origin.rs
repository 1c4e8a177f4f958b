//! Where the original token came from: when the reviewer pastes whole request header lines
//! (`Cookie: theme=dark; session=eyJ…`, `Authorization: Bearer eyJ…`), the token is found in
//! them and every line that carries it becomes a place the forged tokens go, the rest of
//! each line (other cookies, the scheme) replayed as given.

use super::http::Placement;

/// The token found in header lines, and the lines as templates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub token: String,
    pub placement: Placement,
}

/// The first JWT-shaped run in `s`: `eyJ` then base64url characters and dots, two or
/// more dots (a JWS, or a JWE's five parts).
fn jwt_in(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("eyJ").map(|i| i + from) {
        let end = b[i..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || b"-_.".contains(c)))
            .map_or(b.len(), |n| i + n);
        let t = s[i..end].trim_end_matches('.');
        // A compact JWS may end in '.', when its signature is empty.
        let t = if s[i..end].len() > t.len() && t.matches('.').count() == 1 {
            &s[i..=i + t.len()]
        } else {
            t
        };
        if t.matches('.').count() >= 2 {
            return Some(t);
        }
        from = end.max(i + 3);
    }
    None
}

/// `Name: value` when `line` is a request header line.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"-_".contains(&c));
    ok.then(|| (name, value.trim()))
}

/// The token and its places when `text` is one or more header lines carrying a JWT;
/// `None` for anything else (a bare token, `Bearer …`), which the usual reading handles.
pub(crate) fn locate(text: &str) -> Option<Found> {
    let lines: Vec<(&str, &str)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter_map(header_line)
        .collect();
    let token = lines.iter().find_map(|(_, v)| jwt_in(v))?.to_owned();
    let places: Vec<(String, String)> = lines
        .iter()
        .filter(|(_, v)| v.contains(&token))
        .map(|(n, v)| (n.to_string(), v.replace(&token, "{token}")))
        .collect();
    Some(Found {
        token,
        placement: Placement::Lines(places),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    #[test]
    fn a_cookie_line_keeps_the_other_cookies() {
        let f = locate(&format!("Cookie: theme=dark; session={T}; lang=en")).unwrap();
        assert_eq!(f.token, T);
        assert_eq!(
            f.placement.render_all("X"),
            [("Cookie".into(), "theme=dark; session=X; lang=en".into())]
        );
    }

    #[test]
    fn every_line_carrying_the_token_is_a_place() {
        let text = format!("Authorization: Bearer {T}\r\nX-Trace: 1\nCookie: s={T}\n");
        let f = locate(&text).unwrap();
        assert_eq!(
            f.placement.render_all("X"),
            [
                ("Authorization".to_string(), "Bearer X".to_string()),
                ("Cookie".to_string(), "s=X".to_string())
            ]
        );
    }

    #[test]
    fn an_unsigned_token_keeps_its_final_dot() {
        let f = locate("Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.").unwrap();
        assert_eq!(f.token, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.");
    }

    #[test]
    fn bare_tokens_and_bearer_values_are_left_to_the_usual_reading() {
        assert_eq!(locate(T), None);
        assert_eq!(locate(&format!("Bearer {T}")), None);
        assert_eq!(locate("Cookie: theme=dark"), None);
    }
}
