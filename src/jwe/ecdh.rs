//! ECDH-ES key agreement (RFC 7518 §4.6) over P-256/P-384/P-521 and X25519 (RFC 8037),
//! with the Concat KDF of NIST SP 800-56A (RFC 7518 §4.6.2). The sender's ephemeral key
//! (`epk`) is attacker-controlled on decryption: it must be on the recipient's curve, not
//! the identity, and an X25519 agreement yielding all zeros is refused.

use serde_json::{json, Map, Value};
use zeroize::Zeroizing;

use crate::alg::{Curve, Hash};
use crate::b64;

/// One side of an agreement: a NIST curve point (`04 || x || y`) or an X25519 public key,
/// with the private scalar when this side holds it.
#[derive(Clone, Copy, Debug)]
pub(super) enum Party<'a> {
    Nist {
        curve: Curve,
        point: &'a [u8],
        d: Option<&'a [u8]>,
    },
    X25519 {
        x: &'a [u8; 32],
        d: Option<&'a [u8]>,
    },
}

macro_rules! nist {
    ($c:ident, $point:expr, $d:expr) => {{
        let public = $c::PublicKey::from_sec1_bytes($point)
            .map_err(|_| "the epk is not a point on the key's curve".to_owned())?;
        let secret =
            $c::SecretKey::from_slice($d).map_err(|_| "the private key is malformed".to_owned())?;
        let shared = secret.diffie_hellman(&public);
        Zeroizing::new(shared.raw_secret_bytes().to_vec())
    }};
}

macro_rules! nist_ephemeral {
    ($c:ident, $point:expr) => {{
        use $c::elliptic_curve::sec1::ToSec1Point;
        let public = $c::PublicKey::from_sec1_bytes($point)
            .map_err(|_| "the recipient's key is not a point on its curve".to_owned())?;
        let secret = <$c::SecretKey as $c::elliptic_curve::Generate>::try_generate_from_rng(
            &mut getrandom::SysRng,
        )
        .map_err(|e| format!("no randomness: {e}"))?;
        let z = Zeroizing::new(secret.diffie_hellman(&public).raw_secret_bytes().to_vec());
        let epk = secret.public_key().to_sec1_point(false).as_bytes().to_vec();
        (epk, z)
    }};
}

/// The sender's side: a fresh ephemeral key for `recipient`, as the `epk` JWK, and Z.
pub(super) fn ephemeral(recipient: Party<'_>) -> Result<(Value, Zeroizing<Vec<u8>>), String> {
    match recipient {
        Party::Nist { curve, point, .. } => {
            let (epk, z) = match curve {
                Curve::P256 => nist_ephemeral!(p256, point),
                Curve::P384 => nist_ephemeral!(p384, point),
                Curve::P521 => nist_ephemeral!(p521, point),
                other => return Err(format!("ECDH-ES is not defined on {}", other.name())),
            };
            let n = curve.field_len();
            Ok((
                json!({"kty": "EC", "crv": curve.name(), "x": b64::encode(&epk[1..1 + n]),
                       "y": b64::encode(&epk[1 + n..])}),
                z,
            ))
        }
        Party::X25519 { x, .. } => {
            let mut d = Zeroizing::new([0u8; 32]);
            getrandom::fill(d.as_mut()).map_err(|e| format!("no randomness: {e}"))?;
            let public = crate::keys::x25519_public(&d);
            let z = x25519(x, &d)?;
            Ok((
                json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(&public)}),
                z,
            ))
        }
    }
}

/// The recipient's side: Z from its private key and the header's `epk`.
pub(super) fn agree(
    recipient: Party<'_>,
    epk: &Map<String, Value>,
) -> Result<Zeroizing<Vec<u8>>, String> {
    let member = |m: &str| -> Result<Vec<u8>, String> {
        let s = epk
            .get(m)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("the epk has no \"{m}\""))?;
        b64::decode(s).map_err(|e| format!("the epk's \"{m}\" is not base64url: {e}"))
    };
    let kty = epk.get("kty").and_then(Value::as_str).unwrap_or("");
    let crv = epk.get("crv").and_then(Value::as_str).unwrap_or("");
    match recipient {
        Party::Nist { curve, d, .. } => {
            if kty != "EC" || crv != curve.name() {
                return Err(format!(
                    "the epk is a {kty} {crv} key, but the recipient's key is EC {}",
                    curve.name()
                ));
            }
            let d = d.ok_or("decryption needs the private key")?;
            let (x, y) = (member("x")?, member("y")?);
            let n = curve.field_len();
            if x.len() != n || y.len() != n {
                return Err(format!("the epk's coordinates must be {n} bytes each"));
            }
            let mut point = vec![4u8];
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            Ok(match curve {
                Curve::P256 => nist!(p256, &point, d),
                Curve::P384 => nist!(p384, &point, d),
                Curve::P521 => nist!(p521, &point, d),
                other => return Err(format!("ECDH-ES is not defined on {}", other.name())),
            })
        }
        Party::X25519 { d, .. } => {
            if kty != "OKP" || crv != "X25519" {
                return Err(format!(
                    "the epk is a {kty} {crv} key, but the recipient's key is OKP X25519"
                ));
            }
            let d = d.ok_or("decryption needs the private key")?;
            let x: [u8; 32] = member("x")?
                .try_into()
                .map_err(|_| "the epk's x must be 32 bytes".to_owned())?;
            let d: Zeroizing<[u8; 32]> = Zeroizing::new(
                d.try_into()
                    .map_err(|_| "the X25519 private key must be 32 bytes".to_owned())?,
            );
            x25519(&x, &d)
        }
    }
}

/// X25519 (RFC 7748), refusing the all-zero output of a small-order point (RFC 7748 §6.1).
pub(super) fn x25519(public: &[u8; 32], d: &[u8; 32]) -> Result<Zeroizing<Vec<u8>>, String> {
    let z = Zeroizing::new(
        curve25519_dalek::MontgomeryPoint(*public)
            .mul_clamped(*d)
            .to_bytes(),
    );
    let zero = z.iter().fold(0u8, |acc, b| acc | b) == 0;
    if zero {
        return Err("the X25519 shared secret is all zeros (a small-order epk)".into());
    }
    Ok(Zeroizing::new(z.to_vec()))
}

/// Concat KDF (NIST SP 800-56A §5.8.1, RFC 7518 §4.6.2) with SHA-256: `len` bytes from Z.
/// `alg_id` is the `enc` name for direct agreement, else the `alg` name.
pub(crate) fn concat_kdf(
    z: &[u8],
    alg_id: &str,
    apu: &[u8],
    apv: &[u8],
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let mut other = Vec::new();
    for part in [alg_id.as_bytes(), apu, apv] {
        other.extend_from_slice(&(part.len() as u32).to_be_bytes());
        other.extend_from_slice(part);
    }
    other.extend_from_slice(&((len * 8) as u32).to_be_bytes());
    let mut out = Zeroizing::new(Vec::with_capacity(len + 32));
    let mut counter = 1u32;
    while out.len() < len {
        let mut input = Zeroizing::new(counter.to_be_bytes().to_vec());
        input.extend_from_slice(z);
        input.extend_from_slice(&other);
        out.extend_from_slice(&Hash::Sha256.digest(&input));
        counter += 1;
    }
    out.truncate(len);
    out
}
