//! The fast path against `verify`: over generated tokens (valid, expired, wrong audience,
//! odd headers, escaped or duplicated members, flipped characters) and policies, whenever
//! the fast path says valid, `verify` says valid with no warnings — and for plain valid
//! tokens the fast path does say so (it is not a path that always falls back).

use proptest::prelude::*;

use super::*;
use crate::b64::encode;
use crate::keys::Secret;
use crate::token::verify::verify;

const NOW: i64 = 1_700_000_000;

/// 64 bytes: long enough for HS512 (RFC 7518 §3.2), so every HS* token may take the fast
/// path; shorter secrets are verify's (see `short_secrets_never_take_the_fast_path`).
const SECRET: &[u8] = b"secret-0123456789-secret-0123456789-secret-0123456789-0123456789";

fn key(secret: &[u8], kid: Option<&str>, alg: Option<&str>) -> Jwk {
    let mut j = Jwk::new(Key::Oct(Secret::new(secret.to_vec())));
    j.kid = kid.map(str::to_owned);
    j.alg = alg.map(str::to_owned);
    j
}

fn token(header: &str, claims: &str, secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        encode(header.as_bytes()),
        encode(claims.as_bytes())
    );
    let alg = serde_json::from_str::<serde_json::Value>(header)
        .ok()
        .and_then(|h| h["alg"].as_str().and_then(Alg::from_name))
        .filter(|a| a.family() == Family::Hmac)
        .unwrap_or(Alg::HS256);
    let tag = alg.hash().hmac(secret, input.as_bytes());
    format!("{input}.{}", encode(&tag))
}

fn policy(aud: bool, iss: bool, max_age: bool, require: bool, kid: bool) -> Policy {
    Policy {
        aud: if aud {
            vec!["api".into(), "web".into()]
        } else {
            vec![]
        },
        iss: iss.then(|| "https://i.example".into()),
        max_age: max_age.then_some(600),
        require: if require { vec!["jti".into()] } else { vec![] },
        require_exp: true,
        leeway: 30,
        kid: kid.then(|| "k1".into()),
        ..Policy::default()
    }
}

/// Fast says valid ⇒ verify says valid without warnings.
fn sound(t: &str, keys: &[Jwk], p: &Policy) -> Result<bool, TestCaseError> {
    let fast = Fast::new(keys, p, NOW).is_valid(t, &mut Scratch::default());
    if fast {
        let v = verify(t, keys, p, NOW);
        prop_assert!(
            v.valid && v.warnings.is_empty(),
            "fast path accepted {t}: {v:?}"
        );
    }
    Ok(fast)
}

#[test]
fn short_secrets_never_take_the_fast_path() {
    // 32 bytes: HS256 may take it; HS384 and HS512 are verify's, which refuses the secret
    // or, under insecure_short_key, warns — never a silent "valid".
    let secret = &SECRET[..32];
    let keys = [key(secret, None, None)];
    let mut p = policy(false, false, false, false, false);
    let c = format!(r#"{{"iat":{NOW},"exp":{}}}"#, NOW + 60);
    for (alg, fast) in [(Alg::HS256, true), (Alg::HS384, false), (Alg::HS512, false)] {
        let t = token(&format!(r#"{{"alg":"{alg}"}}"#), &c, secret);
        assert_eq!(sound(&t, &keys, &p).unwrap(), fast, "{alg}");
        assert_eq!(verify(&t, &keys, &p, NOW).valid, fast, "{alg}");
    }
    p.insecure_short_key = true;
    let t = token(r#"{"alg":"HS512"}"#, &c, secret);
    assert!(!sound(&t, &keys, &p).unwrap());
    let v = verify(&t, &keys, &p, NOW);
    assert!(v.valid && v.warnings.len() == 1, "{v:?}");
}

#[test]
fn plain_valid_tokens_take_the_fast_path() {
    let keys = [key(SECRET, Some("k1"), None)];
    let p = policy(true, true, true, false, false);
    for alg in [Alg::HS256, Alg::HS384, Alg::HS512] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"k1"}}"#);
        let c = format!(
            r#"{{"iss":"https://i.example","aud":["x","web"],"iat":{NOW},"exp":{}}}"#,
            NOW + 60
        );
        let t = token(&header, &c, SECRET);
        assert!(sound(&t, &keys, &p).unwrap(), "{alg}");
    }
    // The denylist is verify's alone: the fast path stands aside.
    let mut deny = p.clone();
    deny.denylist.insert("x".into());
    let t = token(
        r#"{"alg":"HS256"}"#,
        &format!(
            r#"{{"iss":"https://i.example","aud":"api","iat":{NOW},"exp":{}}}"#,
            NOW + 60
        ),
        SECRET,
    );
    assert!(sound(&t, &keys, &p).unwrap());
    assert!(!sound(&t, &keys, &deny).unwrap());
}

fn header() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(r#"{"alg":"HS256"}"#.to_string()),
        Just(r#"{"alg":"HS384","typ":"JWT"}"#.to_string()),
        Just(r#"{"alg":"HS512","kid":"k1"}"#.to_string()),
        Just(r#"{"alg":"HS256","kid":"k2"}"#.to_string()),
        Just(r#"{"alg":"HS256","kid":7}"#.to_string()),
        Just(r#"{"alg":"HS256","kid":"k\u0031"}"#.to_string()),
        Just(r#"{"alg":"HS256","jku":"https://e.example"}"#.to_string()),
        Just(r#"{"alg":"HS256","crit":["b64"],"b64":false}"#.to_string()),
        Just(r#"{"alg":"none"}"#.to_string()),
        Just(r#"{"alg":"RS256"}"#.to_string()),
        Just(r#"{"alg":"HS256","alg":"HS256"}"#.to_string()),
        Just(r#"{"alg":"HS256","zip":"DEF"}"#.to_string()),
    ]
}

fn claim() -> impl Strategy<Value = String> {
    let t = prop_oneof![
        Just(NOW),
        Just(NOW - 31),
        Just(NOW - 29),
        Just(NOW + 29),
        Just(NOW + 31),
        Just(NOW - 601),
        Just(NOW - 629),
        Just(NOW - 640),
    ];
    prop_oneof![
        t.clone().prop_map(|v| format!(r#""exp":{v}"#)),
        t.clone().prop_map(|v| format!(r#""nbf":{v}"#)),
        t.prop_map(|v| format!(r#""iat":{v}"#)),
        Just(r#""exp":1.7e9"#.into()),
        Just(r#""exp":"1700000100""#.into()),
        Just(format!(r#""exp":{}.5"#, NOW + 100)),
        Just(r#""iss":"https://i.example""#.into()),
        Just(r#""iss":"https://j.example""#.into()),
        Just(r#""iss":"https:\/\/i.example""#.into()),
        Just(r#""iss":1"#.into()),
        Just(r#""aud":"api""#.into()),
        Just(r#""aud":"nope""#.into()),
        Just(r#""aud":["x","web"]"#.into()),
        Just(r#""aud":[1,"api"]"#.into()),
        Just(r#""aud":[]"#.into()),
        Just(r#""jti":"j1""#.into()),
        Just(r#""x":{"y":[1,{"z":null}]}"#.into()),
        Just(r#""x":{"y":1,"y":2}"#.into()),
        Just(r#""s":"\u202e""#.into()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn the_fast_path_never_accepts_what_verify_refuses(
        h in header(),
        members in proptest::collection::vec(claim(), 0..7),
        right_key in any::<bool>(),
        flip in proptest::option::of((any::<prop::sample::Index>(), any::<u8>())),
        flags in any::<[bool; 6]>(),
    ) {
        let secret: &[u8] = if right_key { SECRET } else { b"other" };
        let mut t = token(&h, &format!("{{{}}}", members.join(",")), secret);
        if let Some((i, c)) = flip {
            let i = i.index(t.len());
            t.replace_range(i..i + 1, &((c % 94 + 33) as char).to_string());
        }
        let keys = [
            key(SECRET, flags[5].then_some("k1"), None),
            key(b"second", Some("k2"), flags[4].then_some("HS512")),
        ];
        let p = policy(flags[0], flags[1], flags[2], flags[3], flags[4] && flags[5]);
        sound(&t, &keys, &p)?;
    }
}
