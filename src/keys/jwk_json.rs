//! Reading JWK JSON (RFC 7517/7518/8037) into the key model, with strict validation:
//! members must be base64url without padding, points on the curve, `d` consistent with the
//! public part, and unknown `kty`/`crv` named in the error. Writing is `jwk_write`.

use serde_json::{Map, Value};

use super::{EcKey, Jwk, Key, OkpKey, RsaKey, Secret};
use crate::alg::Curve;
use crate::{b64, Error, Result};

/// Members that hold private material in any kty; a public document must have none.
pub const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

fn str_member<'a>(o: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>> {
    match o.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Error::input(format!(
            "JWK member {name:?} must be a string"
        ))),
    }
}

fn b64_member(o: &Map<String, Value>, name: &str) -> Result<Option<Vec<u8>>> {
    match str_member(o, name)? {
        None => Ok(None),
        Some(s) => b64::decode(s)
            .map(Some)
            .map_err(|e| Error::input(format!("JWK member {name:?}: {e}"))),
    }
}

fn required(o: &Map<String, Value>, name: &str, kty: &str) -> Result<Vec<u8>> {
    b64_member(o, name)?
        .ok_or_else(|| Error::input(format!("{kty} JWK is missing member {name:?}")))
}

/// Parse one JWK object.
pub(super) fn from_json(v: &Value, allow_weak: bool) -> Result<Jwk> {
    let o = v
        .as_object()
        .ok_or_else(|| Error::input("a JWK must be a JSON object"))?;
    let kty = str_member(o, "kty")?.ok_or_else(|| Error::input("JWK has no \"kty\" member"))?;
    let key = match kty {
        "RSA" => Key::Rsa(rsa_from(o, allow_weak)?),
        "EC" => Key::Ec(ec_from(o)?),
        "OKP" if str_member(o, "crv")? == Some("X25519") => Key::X25519(super::x25519::from_jwk(
            required(o, "x", "OKP")?,
            b64_member(o, "d")?,
        )?),
        "OKP" if str_member(o, "crv")? == Some("Ed448") => Key::Ed448(super::Ed448Key::new(
            &required(o, "x", "OKP")?,
            b64_member(o, "d")?.map(Secret::new),
        )?),
        "OKP" => Key::Okp(okp_from(o)?),
        "AKP" => Key::Akp(super::akp::from_jwk(o)?),
        "oct" => Key::hmac(Secret::new(required(o, "k", "oct")?))
            .map_err(|e| e.context("oct JWK \"k\""))?,
        other => {
            return Err(Error::input(format!(
                "unknown kty {other:?}: expected RSA, EC, OKP, AKP or oct"
            )))
        }
    };
    let key_ops = match o.get("key_ops") {
        None => None,
        Some(Value::Array(a)) => Some(
            a.iter()
                .map(|x| x.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Error::input("JWK key_ops must be an array of strings"))?,
        ),
        Some(_) => return Err(Error::input("JWK key_ops must be an array of strings")),
    };
    let x5c = match o.get("x5c") {
        None => None,
        Some(Value::Array(a)) => Some(
            a.iter()
                .map(|x| x.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Error::input("JWK x5c must be an array of strings"))?,
        ),
        Some(_) => return Err(Error::input("JWK x5c must be an array of strings")),
    };
    Ok(Jwk {
        key,
        kid: str_member(o, "kid")?.map(str::to_owned),
        alg: str_member(o, "alg")?.map(str::to_owned),
        use_: str_member(o, "use")?.map(str::to_owned),
        key_ops,
        x5c,
        x5t_s256: str_member(o, "x5t#S256")?.map(str::to_owned),
    })
}

fn no_leading_zero(name: &str, v: &[u8]) -> Result<()> {
    // RFC 7518 §6.3.1: the octets must be the minimal big-endian encoding.
    if v.first() == Some(&0) {
        return Err(Error::input(format!(
            "RSA JWK member {name:?} has leading zero octets (RFC 7518 §6.3.1 forbids them)"
        )));
    }
    if v.is_empty() {
        return Err(Error::input(format!("RSA JWK member {name:?} is empty")));
    }
    Ok(())
}

fn rsa_from(o: &Map<String, Value>, allow_weak: bool) -> Result<RsaKey> {
    let n = required(o, "n", "RSA")?;
    let e = required(o, "e", "RSA")?;
    no_leading_zero("n", &n)?;
    no_leading_zero("e", &e)?;
    if o.contains_key("oth") {
        return Err(Error::input(
            "multi-prime RSA keys (\"oth\") are not supported",
        ));
    }
    let key = match b64_member(o, "d")? {
        None => RsaKey::Public(super::der_read::rsa_public_from_parts(&n, &e)?),
        Some(d) => {
            let d = Secret::new(d);
            let parts: Vec<Option<Vec<u8>>> = ["p", "q", "dp", "dq", "qi"]
                .iter()
                .map(|m| b64_member(o, m))
                .collect::<Result<_>>()?;
            let parts: Vec<Secret> = parts.into_iter().flatten().map(Secret::new).collect();
            if !parts.is_empty() && parts.len() != 5 {
                return Err(Error::input(
                    "RSA private JWK must have all of p, q, dp, dq, qi or none of them",
                ));
            }
            RsaKey::Private(Box::new(super::der_read::rsa_private_from_parts(
                &n, &e, &d, &parts,
            )?))
        }
    };
    super::read::check_rsa(&key, allow_weak)?;
    Ok(key)
}

fn ec_from(o: &Map<String, Value>) -> Result<EcKey> {
    let crv = str_member(o, "crv")?.ok_or_else(|| Error::input("EC JWK has no \"crv\""))?;
    let curve = match Curve::from_name(crv) {
        Some(c) if !c.is_edwards() => c,
        _ => {
            return Err(Error::input(format!(
                "unknown EC crv {crv:?}: expected P-256, P-384, P-521 or secp256k1"
            )))
        }
    };
    let x = required(o, "x", "EC")?;
    let y = required(o, "y", "EC")?;
    let n = curve.field_len();
    if x.len() != n || y.len() != n {
        return Err(Error::input(format!(
            "EC {crv} coordinates must be {n} bytes each (x is {}, y is {})",
            x.len(),
            y.len()
        )));
    }
    let mut point = Vec::with_capacity(1 + 2 * n);
    point.push(4);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    let d = b64_member(o, "d")?.map(Secret::new);
    if let Some(d) = &d {
        if d.expose().len() != n {
            return Err(Error::input(format!("EC {crv} \"d\" must be {n} bytes")));
        }
    }
    super::crypto::ec_validate(EcKey { curve, point, d })
}

fn okp_from(o: &Map<String, Value>) -> Result<OkpKey> {
    let crv = str_member(o, "crv")?.ok_or_else(|| Error::input("OKP JWK has no \"crv\""))?;
    if crv != "Ed25519" {
        let why = match crv {
            "X448" => " (it is for key agreement, not signatures)",
            _ => "",
        };
        return Err(Error::input(format!(
            "unsupported OKP crv {crv:?}{why}: expected Ed25519, Ed448 or X25519"
        )));
    }
    let x: [u8; 32] = required(o, "x", "OKP")?
        .try_into()
        .map_err(|_| Error::input("Ed25519 \"x\" must be 32 bytes"))?;
    let d = b64_member(o, "d")?.map(Secret::new);
    super::crypto::okp_validate(OkpKey { x, d })
}
