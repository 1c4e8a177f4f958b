//! Writing a JWK: its members in RFC order (kty, key members, private members, metadata),
//! as a `serde_json::Value` for public output, or straight to JSON text for private output,
//! so private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) only ever sit in zeroizing
//! buffers and never in a plain `Value` that is dropped unwiped.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::{Jwk, Key, RsaKey};
use crate::{b64, Error, Result};

/// One member's value.
enum Member {
    Text(String),
    Secret(Zeroizing<String>),
    List(Vec<String>),
}

impl Serialize for Member {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Member::Text(t) => s.serialize_str(t),
            Member::Secret(t) => s.serialize_str(t),
            Member::List(l) => {
                let mut seq = s.serialize_seq(Some(l.len()))?;
                for x in l {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
        }
    }
}

/// A JWK's members, in order.
struct Members(Vec<(&'static str, Member)>);

impl Serialize for Members {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Minimal big-endian (RFC 7518 §6.3): leading zero octets dropped, one kept for zero.
fn minimal(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(v.len().saturating_sub(1));
    &v[start..]
}

fn members(jwk: &Jwk, private: bool) -> Members {
    let mut o: Vec<(&'static str, Member)> = vec![("kty", Member::Text(jwk.kty().into()))];
    let public = |v: &[u8]| Member::Text(b64::encode(v));
    let secret = |v: &[u8]| Member::Secret(Zeroizing::new(b64::encode(v)));
    match &jwk.key {
        Key::Rsa(k) => rsa_members(k, private, &mut o),
        Key::Ec(k) => {
            o.push(("crv", Member::Text(k.curve.name().into())));
            o.push(("x", public(k.x())));
            o.push(("y", public(k.y())));
            if let (true, Some(d)) = (private, &k.d) {
                o.push(("d", secret(d.expose())));
            }
        }
        Key::Okp(k) => {
            o.push(("crv", Member::Text("Ed25519".into())));
            o.push(("x", public(&k.x)));
            if let (true, Some(d)) = (private, &k.d) {
                o.push(("d", secret(d.expose())));
            }
        }
        Key::X25519(k) => {
            o.push(("crv", Member::Text("X25519".into())));
            o.push(("x", public(&k.x)));
            if let (true, Some(d)) = (private, &k.d) {
                o.push(("d", secret(d.expose())));
            }
        }
        Key::Ed448(k) => {
            o.push(("crv", Member::Text("Ed448".into())));
            o.push(("x", public(&k.x[..])));
            if let (true, Some(d)) = (private, &k.d) {
                o.push(("d", secret(d.expose())));
            }
        }
        Key::Akp(k) => {
            // RFC 9964 §5: `alg` is part of an AKP key (after kty), written once.
            o.push(("alg", Member::Text(k.set.alg().name().into())));
            o.push(("pub", public(&k.public)));
            if let (true, Some(seed)) = (private, &k.seed) {
                o.push(("priv", secret(seed.expose())));
            }
        }
        Key::Oct(s) => {
            if private {
                o.push(("k", secret(s.expose())));
            }
        }
    }
    let akp = matches!(jwk.key, Key::Akp(_));
    for (name, v) in [("kid", &jwk.kid), ("alg", &jwk.alg), ("use", &jwk.use_)] {
        if akp && name == "alg" {
            continue;
        }
        if let Some(v) = v {
            o.push((name, Member::Text(v.clone())));
        }
    }
    if let Some(ops) = &jwk.key_ops {
        o.push(("key_ops", Member::List(ops.clone())));
    }
    if let Some(c) = &jwk.x5c {
        o.push(("x5c", Member::List(c.clone())));
    }
    if let Some(t) = &jwk.x5t_s256 {
        o.push(("x5t#S256", Member::Text(t.clone())));
    }
    Members(o)
}

/// The RSA members: n and e, then (when asked and present) every CRT member, read back
/// from the PKCS#1 encoding, which carries them all.
fn rsa_members(k: &RsaKey, private: bool, o: &mut Vec<(&'static str, Member)>) {
    use der::asn1::UintRef;
    use der::Decode;
    use pkcs1::EncodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;
    let pubk = k.public();
    o.push(("n", Member::Text(b64::encode(minimal(&pubk.n_bytes())))));
    o.push(("e", Member::Text(b64::encode(minimal(&pubk.e_bytes())))));
    let RsaKey::Private(sk) = k else { return };
    if !private {
        return;
    }
    let Ok(doc) = sk.to_pkcs1_der() else { return };
    let Ok(p) = pkcs1::RsaPrivateKey::<UintRef<'_>>::from_der(doc.as_bytes()) else {
        return;
    };
    for (name, v) in [
        ("d", p.private_exponent),
        ("p", p.prime1),
        ("q", p.prime2),
        ("dp", p.exponent1),
        ("dq", p.exponent2),
        ("qi", p.coefficient),
    ] {
        o.push((
            name,
            Member::Secret(Zeroizing::new(b64::encode(minimal(v.as_bytes())))),
        ));
    }
}

/// The JWK as a JSON value (private members copied out only when `private`: for tests
/// and inspection; commands write private keys with [`to_text`]).
pub(super) fn to_json(jwk: &Jwk, private: bool) -> Value {
    let mut m = Map::new();
    for (k, v) in members(jwk, private).0 {
        let v = match v {
            Member::Text(t) => Value::String(t),
            Member::Secret(t) => Value::String(t.as_str().to_owned()),
            Member::List(l) => l.into_iter().map(Value::String).collect(),
        };
        m.insert(k.into(), v);
    }
    Value::Object(m)
}

/// Pretty JSON text of one JWK, or of a JWKS `{"keys": […]}` when `set`, with a trailing
/// newline; private members when `private`. Written into one zeroizing buffer sized up
/// front, so no reallocation leaves a copy of a private member behind.
pub(super) fn to_text(keys: &[Jwk], set: bool, private: bool) -> Result<Zeroizing<String>> {
    struct Set(Vec<Members>);
    impl Serialize for Set {
        fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(1))?;
            m.serialize_entry("keys", &self.0)?;
            m.end()
        }
    }
    let all: Vec<Members> = keys.iter().map(|k| members(k, private)).collect();
    let mut buf = Zeroizing::new(Vec::with_capacity(16 * 1024 * keys.len().max(1)));
    let res = if set {
        serde_json::to_writer_pretty(&mut *buf, &Set(all))
    } else {
        match all.first() {
            Some(one) => serde_json::to_writer_pretty(&mut *buf, one),
            None => return Err(Error::input("no key to write")),
        }
    };
    res.map_err(|e| Error::input(format!("cannot serialise JSON: {e}")))?;
    buf.push(b'\n');
    let text = String::from_utf8(std::mem::take(&mut *buf))
        .map_err(|_| Error::input("cannot serialise JSON: not UTF-8"))?;
    Ok(Zeroizing::new(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Alg;

    #[test]
    fn private_jwk_text_matches_the_value_form_without_passing_through_it() {
        for alg in [Alg::HS256, Alg::RS256, Alg::ES256, Alg::EdDSA] {
            let k = crate::keys::generate(alg, None, Some("k1".into())).unwrap();
            for private in [true, false] {
                let text = to_text(std::slice::from_ref(&k), false, private).unwrap();
                let want = serde_json::to_string_pretty(&to_json(&k, private)).unwrap() + "\n";
                assert_eq!(*text, want, "{alg} private={private}");
                let has_private = crate::keys::PRIVATE_MEMBERS
                    .iter()
                    .any(|m| text.contains(&format!("\"{m}\":")));
                assert_eq!(has_private, private, "{alg}");
            }
            let set = to_text(std::slice::from_ref(&k), true, false).unwrap();
            let v: Value = serde_json::from_str(&set).unwrap();
            assert_eq!(v["keys"][0], to_json(&k, false));
        }
    }
}
