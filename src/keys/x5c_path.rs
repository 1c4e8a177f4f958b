//! Path validation of an `x5c` chain to the caller's trust anchors (the RFC 5280 §6 subset
//! a JWS needs): each certificate signed by the next (the last by an anchor, or the last
//! is one), validity at the injected time, basicConstraints CA and keyCertSign on issuers,
//! pathLenConstraint, digitalSignature on the leaf, and `x5t#S256`. Certificate signatures
//! are checked with jot's own JWS verifiers. Only a validated chain yields the leaf's key.

use der::{Decode, Encode};
use serde_json::Value;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::Certificate;

use super::{der_read, Jwk};
use crate::alg::Alg;
use crate::{Error, Result};

/// A certificate the caller trusts to issue chains (`verify --trust-anchor`).
#[derive(Clone, Debug)]
pub struct Anchor {
    cert: Certificate,
    der: Vec<u8>,
    subject: String,
}

/// Every certificate of a PEM file: the anchors it holds (at least one).
pub(crate) fn read_anchors(pem: &[u8]) -> Result<Vec<Anchor>> {
    let certs = Certificate::load_pem_chain(pem)
        .map_err(|e| Error::input(format!("trust anchor is not a PEM certificate: {e}")))?;
    if certs.is_empty() {
        return Err(Error::input("trust anchor file holds no certificate"));
    }
    certs
        .into_iter()
        .map(|cert| {
            let der = cert
                .to_der()
                .map_err(|e| Error::input(format!("trust anchor: {e}")))?;
            let subject = cert.tbs_certificate().subject().to_string();
            Ok(Anchor { cert, der, subject })
        })
        .collect()
}

/// The anchors of every `--trust-anchor` file (`-` is stdin).
pub(crate) fn anchor_files(paths: &[String]) -> Result<Vec<Anchor>> {
    let mut out = Vec::new();
    for path in paths {
        let pem = crate::files::read_input(path, crate::files::MAX_INPUT)?;
        out.extend(read_anchors(&pem).map_err(|e| e.context(path))?);
    }
    Ok(out)
}

/// The leaf's key and the subject of the anchor its chain validated to.
#[derive(Debug)]
pub(crate) struct Trusted {
    pub key: Jwk,
    pub anchor: String,
}

/// The certificate signature algorithms jot verifies, as the JWS algorithm that computes
/// the same signature (ECDSA after DER → r||s).
fn jws_alg(oid: &str) -> Option<Alg> {
    let name = match oid {
        "1.2.840.113549.1.1.11" => "RS256",
        "1.2.840.113549.1.1.12" => "RS384",
        "1.2.840.113549.1.1.13" => "RS512",
        "1.2.840.10045.4.3.2" => "ES256",
        "1.2.840.10045.4.3.3" => "ES384",
        "1.2.840.10045.4.3.4" => "ES512",
        "1.3.101.112" => "EdDSA",
        _ => return None,
    };
    Alg::from_name(name)
}

/// A DER `ECDSA-Sig-Value` as the fixed-width r||s JWS uses.
fn ecdsa_raw(der: &[u8], width: usize) -> Option<Vec<u8>> {
    use der::Reader;
    let mut reader = der::SliceReader::new(der).ok()?;
    let (r, s) = reader
        .sequence(|seq| {
            let r = der::asn1::UintRef::decode(seq)?;
            let s = der::asn1::UintRef::decode(seq)?;
            Ok::<_, der::Error>((r, s))
        })
        .ok()?;
    reader.finish().ok()?;
    let mut out = vec![0u8; 2 * width];
    for (i, n) in [r.as_bytes(), s.as_bytes()].into_iter().enumerate() {
        if n.len() > width {
            return None;
        }
        out[(i + 1) * width - n.len()..(i + 1) * width].copy_from_slice(n);
    }
    Some(out)
}

/// Whether `issuer`'s key made `cert`'s signature; `Err` says why not.
fn signed_by(cert: &Certificate, issuer: &Certificate) -> std::result::Result<(), String> {
    let oid = cert.signature_algorithm().oid.to_string();
    let alg = jws_alg(&oid).ok_or(format!("uses unsupported signature algorithm {oid}"))?;
    let tbs = cert.tbs_certificate().to_der().map_err(|e| e.to_string())?;
    let bits = cert.signature().raw_bytes();
    let sig = match alg.name() {
        "ES256" => ecdsa_raw(bits, 32),
        "ES384" => ecdsa_raw(bits, 48),
        "ES512" => ecdsa_raw(bits, 66),
        _ => Some(bits.to_vec()),
    }
    .ok_or("has a malformed ECDSA signature")?;
    let spki = issuer
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|e| e.to_string())?;
    let key = Jwk::new(der_read::from_spki(&spki).map_err(|e| e.to_string())?);
    match key.verify(alg, &tbs, &sig) {
        Ok(true) => Ok(()),
        Ok(false) => Err("has a signature that does not verify with its issuer's key".into()),
        Err(e) => Err(format!("cannot be checked with its issuer's key: {e}")),
    }
}

/// What one certificate at `pos` (0 = leaf) of a path must satisfy besides its signature.
fn check_cert(cert: &Certificate, pos: usize, now: i64) -> std::result::Result<(), String> {
    let tbs = cert.tbs_certificate();
    let at = |t: x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    let (nb, na) = (at(tbs.validity().not_before), at(tbs.validity().not_after));
    if na < now {
        return Err(format!("is expired at {}", crate::clock::format_utc(na)));
    }
    if nb > now {
        return Err(format!(
            "is not valid before {}",
            crate::clock::format_utc(nb)
        ));
    }
    let ku = tbs
        .get_extension::<KeyUsage>()
        .map_err(|e| format!("has a malformed keyUsage: {e}"))?;
    if pos == 0 {
        if ku.is_some_and(|(_, k)| !k.digital_signature()) {
            return Err("(the leaf) has a keyUsage without digitalSignature".into());
        }
        return Ok(());
    }
    let bc = tbs
        .get_extension::<BasicConstraints>()
        .map_err(|e| format!("has malformed basicConstraints: {e}"))?;
    let Some((_, bc)) = bc.filter(|(_, b)| b.ca) else {
        return Err("issues certificates without basicConstraints CA=true".into());
    };
    if ku.is_some_and(|(_, k)| !k.key_cert_sign()) {
        return Err("issues certificates with a keyUsage without keyCertSign".into());
    }
    // Intermediate CAs below this one: every issuer except the leaf's own.
    if let Some(max) = bc.path_len_constraint.filter(|m| pos - 1 > usize::from(*m)) {
        return Err(format!(
            "allows {max} intermediate CA(s) below it (pathLenConstraint), the chain has {}",
            pos - 1
        ));
    }
    Ok(())
}

/// Validate the header's `x5c` (with its `x5t#S256`, when present) to one of `anchors` at
/// `now`. `Err` is the reason, ready for a verdict.
pub(crate) fn validate(
    x5c: &Value,
    x5t: Option<&Value>,
    anchors: &[Anchor],
    now: i64,
) -> std::result::Result<Trusted, String> {
    let fail = |why: String| format!("x5c chain: {why}");
    let chain = super::x5c::parse_chain(x5c).map_err(|e| fail(e.to_string()))?;
    if super::x5c::x5t_matches(x5t, &chain[0].1) == Some(false) {
        return Err(fail("x5t#S256 does not match the leaf certificate".into()));
    }
    let mut path: Vec<(Certificate, String)> = chain
        .into_iter()
        .enumerate()
        .map(|(i, (cert, info))| (cert, format!("certificate {i} ({})", info.subject)))
        .collect();
    let last = &path[path.len() - 1].0;
    let last_der = last.to_der().map_err(|e| fail(e.to_string()))?;
    let anchor = match anchors.iter().find(|a| a.der == last_der) {
        Some(a) => a,
        None => {
            let issuer = last.tbs_certificate().issuer();
            let named: Vec<&Anchor> = anchors
                .iter()
                .filter(|a| a.cert.tbs_certificate().subject() == issuer)
                .collect();
            let a = named
                .into_iter()
                .find(|a| signed_by(last, &a.cert).is_ok())
                .ok_or_else(|| {
                    fail(format!(
                        "{} is not issued by any trust anchor",
                        path[path.len() - 1].1
                    ))
                })?;
            path.push((a.cert.clone(), format!("the trust anchor ({})", a.subject)));
            a
        }
    };
    for (pos, (cert, label)) in path.iter().enumerate() {
        check_cert(cert, pos, now).map_err(|why| fail(format!("{label} {why}")))?;
        if let Some((issuer, _)) = path.get(pos + 1) {
            if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
                return Err(fail(format!(
                    "{label} is not issued by the next certificate"
                )));
            }
            signed_by(cert, issuer).map_err(|why| fail(format!("{label} {why}")))?;
        }
    }
    let spki = path[0]
        .0
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|e| fail(e.to_string()))?;
    let key = der_read::from_spki(&spki).map_err(|e| fail(format!("leaf key: {e}")))?;
    Ok(Trusted {
        key: Jwk::new(key),
        anchor: anchor.subject.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_ecdsa_signatures_become_fixed_width_r_s() {
        // SEQUENCE { INTEGER 0x00ff (leading zero for the sign), INTEGER 1 }
        let der = [0x30, 0x07, 0x02, 0x02, 0x00, 0xff, 0x02, 0x01, 0x01];
        let raw = ecdsa_raw(&der, 4).unwrap();
        assert_eq!(raw, [0, 0, 0, 0xff, 0, 0, 0, 1]);
        assert!(ecdsa_raw(&der[..8], 4).is_none());
        assert!(ecdsa_raw(&der, 0).is_none());
    }

    #[test]
    fn unknown_signature_algorithms_are_not_mapped() {
        assert!(jws_alg("1.2.840.113549.1.1.5").is_none()); // sha1WithRSAEncryption
        assert_eq!(jws_alg("1.3.101.112").map(Alg::name), Some("EdDSA"));
    }
}
