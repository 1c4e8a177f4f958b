//! RFC 7638 JWK thumbprints: the hash of the required members only, in lexicographic order,
//! with no whitespace.

use super::{Jwk, Key};
use crate::alg::Hash;
use crate::b64;

/// The hash of a thumbprint (`--hash`): the crate's one hash type, under the name the
/// key API has always used.
pub(crate) use crate::alg::Hash as ThumbprintHash;

/// The canonical JSON of RFC 7638 §3.2 for `jwk`.
pub(crate) fn canonical(jwk: &Jwk) -> String {
    let q = |s: &[u8]| format!("\"{}\"", b64::encode(s));
    match &jwk.key {
        Key::Rsa(_) => {
            // n and e in their minimal big-endian form, exactly as the JWK writes them.
            let json = jwk.to_json(false);
            format!(r#"{{"e":{},"kty":"RSA","n":{}}}"#, json["e"], json["n"])
        }
        Key::Ec(k) => format!(
            r#"{{"crv":"{}","kty":"EC","x":{},"y":{}}}"#,
            k.curve.name(),
            q(k.x()),
            q(k.y())
        ),
        Key::Okp(k) => format!(r#"{{"crv":"Ed25519","kty":"OKP","x":{}}}"#, q(&k.x)),
        Key::X25519(k) => format!(r#"{{"crv":"X25519","kty":"OKP","x":{}}}"#, q(&k.x)),
        Key::Ed448(k) => format!(r#"{{"crv":"Ed448","kty":"OKP","x":{}}}"#, q(&k.x[..])),
        Key::Akp(k) => super::akp::thumbprint_json(k),
        Key::Oct(s) => format!(r#"{{"k":{},"kty":"oct"}}"#, q(s.expose())),
    }
}

/// The base64url thumbprint.
pub(super) fn thumbprint(jwk: &Jwk, hash: Hash) -> String {
    b64::encode(&hash.digest(canonical(jwk).as_bytes()))
}
