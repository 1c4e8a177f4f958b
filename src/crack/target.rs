//! What is being cracked: an HMAC-signed token (read by `token::parse`, its algorithm looked
//! up in `alg`'s table) as its signing input and signature, and the reference check (the
//! `hmac` crate) every fast kernel must agree with.

use crate::alg::{Alg, Family};
use crate::token::{self, Jws, Parsed};
use crate::{Error, Result};

/// The HMAC hash of an HS* token: the crate's one hash type.
pub use crate::alg::Hash as HashAlg;

/// A token to crack: the algorithm, the signed bytes (`header.payload`) and the signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The HMAC hash named by the header's `alg`.
    pub hash: HashAlg,
    /// The ASCII bytes `header.payload` that the signature covers.
    pub signing_input: Vec<u8>,
    /// The decoded signature (the HMAC tag).
    pub signature: Vec<u8>,
}

impl Target {
    /// Parse a compact JWS (through `token::parse`, the crate's one JWT parser) whose
    /// header names an HMAC algorithm of the algorithm table.
    pub fn from_token(token: &str) -> Result<Target> {
        match token::parse(token)? {
            Parsed::Jwe { .. } => Err(Error::input(
                "this is a JWE (five segments): an encrypted token has no HMAC signature to crack",
            )),
            Parsed::Jws(jws) => Target::from_jws(&jws),
        }
    }

    /// The crack target of a parsed JWS: its `alg` must be in the table's HMAC family.
    pub(crate) fn from_jws(jws: &Jws) -> Result<Target> {
        let name = jws
            .alg()
            .ok_or_else(|| Error::input("the JWT header's \"alg\" is not a string"))?;
        let alg = match Alg::from_name(name) {
            Some(alg) if alg.family() == Family::Hmac => alg,
            // The table cannot represent `none`; token owns that one check.
            None if crate::token::is_alg_none(name) => {
                return Err(Error::input(
                    "alg \"none\": the token is unsigned, so there is no secret to crack",
                ))
            }
            _ => {
                let hmac: Vec<&str> = Alg::all()
                    .filter(|a| a.family() == Family::Hmac)
                    .map(Alg::name)
                    .collect();
                return Err(Error::input(format!(
                    "alg {name:?} is not an HMAC algorithm: only {} secrets can be cracked",
                    hmac.join(", ")
                )));
            }
        };
        let hash = alg.hash();
        if jws.signature.len() != hash.output_len() {
            return Err(Error::input(format!(
                "the {alg} signature is {} bytes, expected {}",
                jws.signature.len(),
                hash.output_len()
            )));
        }
        Ok(Target {
            hash,
            signing_input: jws.signing_input.as_bytes().to_vec(),
            signature: jws.signature.clone(),
        })
    }
}

/// The HMAC tag of `msg` under `key` (the reference implementation, the `hmac` crate).
pub(crate) fn reference_tag(hash: HashAlg, key: &[u8], msg: &[u8]) -> Vec<u8> {
    hash.hmac(key, msg)
}

/// Whether `key` signs `target` (via the `hmac` crate: the reference the kernels match).
pub fn check(target: &Target, key: &[u8]) -> bool {
    reference_tag(target.hash, key, &target.signing_input) == target.signature
}

/// A target whose secret is `secret`: the HS256 tag of a fixed message. `jot audit` runs the
/// cracker on it to tell whether a key file's HMAC secret is one of the weak ones.
pub fn target_for_secret(secret: &[u8]) -> Target {
    let msg = b"jot audit: is this HMAC secret weak?".to_vec();
    let signature = reference_tag(HashAlg::Sha256, secret, &msg);
    Target {
        hash: HashAlg::Sha256,
        signing_input: msg,
        signature,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use base64ct::{Base64UrlUnpadded, Encoding};

    /// Build an HS* token with `secret` (test helper shared by the crack tests).
    pub(crate) fn sign(hash: HashAlg, secret: &[u8], payload_json: &str) -> String {
        let header = format!(r#"{{"alg":"{}","typ":"JWT"}}"#, hash.hmac_alg().name());
        let input = format!(
            "{}.{}",
            Base64UrlUnpadded::encode_string(header.as_bytes()),
            Base64UrlUnpadded::encode_string(payload_json.as_bytes())
        );
        let tag = reference_tag(hash, secret, input.as_bytes());
        format!("{input}.{}", Base64UrlUnpadded::encode_string(&tag))
    }

    #[test]
    fn from_token_reads_each_hmac_alg_and_check_accepts_the_secret() {
        for hash in [HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512] {
            let token = sign(hash, b"secret", r#"{"sub":"1"}"#);
            let t = Target::from_token(&format!(" {token}\n")).unwrap();
            assert_eq!(t.hash, hash);
            assert_eq!(t.signature.len(), hash.output_len());
            assert!(token.starts_with(std::str::from_utf8(&t.signing_input).unwrap()));
            assert!(check(&t, b"secret"));
            assert!(!check(&t, b"secreT"));
        }
    }

    #[test]
    fn from_token_rejects_non_hmac_and_malformed_tokens() {
        let rs = format!(
            "{}.{}.AAAA",
            Base64UrlUnpadded::encode_string(br#"{"alg":"RS256"}"#),
            Base64UrlUnpadded::encode_string(b"{}")
        );
        let err = Target::from_token(&rs).unwrap_err().to_string();
        assert!(err.contains("RS256") && err.contains("HS384"), "{err}");
        let none = format!(
            "{}.e30.",
            Base64UrlUnpadded::encode_string(br#"{"alg":"none"}"#)
        );
        assert!(Target::from_token(&none)
            .unwrap_err()
            .to_string()
            .contains("unsigned"));
        let jwe = format!(
            "{}.AA.AA.AA.AA",
            Base64UrlUnpadded::encode_string(br#"{"alg":"dir","enc":"A128GCM"}"#)
        );
        assert!(Target::from_token(&jwe)
            .unwrap_err()
            .to_string()
            .contains("JWE"));
        assert!(Target::from_token("not a token").is_err());
        assert!(Target::from_token("!!.e30.AAAA").is_err());
        let short = format!(
            "{}.e30.AAAA",
            Base64UrlUnpadded::encode_string(br#"{"alg":"HS256"}"#)
        );
        assert!(Target::from_token(&short)
            .unwrap_err()
            .to_string()
            .contains("32"));
    }

    proptest::proptest! {
        #[test]
        fn from_token_never_panics(s in "\\PC{0,80}") {
            let _ = Target::from_token(&s);
        }

        #[test]
        fn from_token_never_panics_on_dotted_base64(a in "[A-Za-z0-9_-]{0,40}", b in "[A-Za-z0-9_-]{0,40}", c in "[A-Za-z0-9_=-]{0,90}") {
            let _ = Target::from_token(&format!("{a}.{b}.{c}"));
        }
    }
}
