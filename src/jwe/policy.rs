//! What a decryption accepts, and what a key implies. Algorithms are pinned as `verify`
//! pins them: from the caller's flags or the key, never from the token alone.

use crate::alg::{Curve, Enc, KeyAlg, KeyAlgFamily};
use crate::keys::{Jwk, Key};

use super::{JweKey, DEFAULT_MAX_P2C, DEFAULT_MAX_PLAINTEXT};

/// The decryption policy.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Allowed key-management algorithms; empty means "what each key implies".
    pub algs: Vec<KeyAlg>,
    /// Allowed content encryptions; empty means "what each key implies".
    pub encs: Vec<Enc>,
    /// Bound on the plaintext after decryption and inflation.
    pub max_plaintext: usize,
    /// Bound on PBES2's iteration count.
    pub max_p2c: u32,
    /// Accept RSA1_5 (padding-oracle prone; random CEK on any failure).
    pub allow_rsa1_5: bool,
    /// Choose the key by this kid instead of the token's.
    pub kid: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            algs: Vec::new(),
            encs: Vec::new(),
            max_plaintext: DEFAULT_MAX_PLAINTEXT,
            max_p2c: DEFAULT_MAX_P2C,
            allow_rsa1_5: false,
            kid: None,
        }
    }
}

/// Whether `alg` (with `enc`) can use this key at all: the key type, size and curve must
/// fit. `Err` says why not.
pub(super) fn fits(key: &JweKey, alg: KeyAlg, enc: Enc) -> Result<(), String> {
    let jwk = match (key, alg.family()) {
        (JweKey::Passphrase(_), KeyAlgFamily::Pbes2(..)) => return Ok(()),
        (JweKey::Passphrase(_), _) => return Err(format!("{alg} needs a key, not a passphrase")),
        (JweKey::Jwk(_), KeyAlgFamily::Pbes2(..)) => {
            return Err(format!(
                "{alg} needs a passphrase (--passphrase-file), not a key"
            ))
        }
        (JweKey::Jwk(j), _) => j,
    };
    if let Key::Oct(s) = &jwk.key {
        if s.expose().is_empty() {
            return Err("the key is empty".into());
        }
    }
    let oct_len = |want: usize| match &jwk.key {
        Key::Oct(s) if s.expose().len() == want => Ok(()),
        Key::Oct(s) => Err(format!(
            "{alg} needs a {want}-byte key, and this one is {} bytes",
            s.expose().len()
        )),
        _ => Err(format!("{alg} needs an oct key, not {}", jwk.describe())),
    };
    match alg.family() {
        KeyAlgFamily::Rsa(_) => match jwk.key {
            Key::Rsa(_) => Ok(()),
            _ => Err(format!("{alg} needs an RSA key, not {}", jwk.describe())),
        },
        KeyAlgFamily::AesKw(n) | KeyAlgFamily::AesGcmKw(n) => oct_len(n),
        KeyAlgFamily::Dir => oct_len(enc.cek_len()).map_err(|e| format!("{e} ({enc})")),
        KeyAlgFamily::EcdhEs(_) => match &jwk.key {
            Key::Ec(k) if matches!(k.curve, Curve::P256 | Curve::P384 | Curve::P521) => Ok(()),
            k if super::keymgmt::is_x25519(k) => Ok(()),
            _ => Err(format!(
                "{alg} needs an EC P-256/P-384/P-521 or X25519 key, not {}",
                jwk.describe()
            )),
        },
        KeyAlgFamily::Pbes2(..) => Err(format!("{alg} needs a passphrase")),
    }
}

/// Whether the JWK's `use`/`key_ops` allow `op`: "decrypt" or "encrypt".
pub(super) fn allows(jwk: &Jwk, op: &str) -> Result<(), String> {
    if let Some(u) = jwk.use_.as_deref() {
        if u != "enc" {
            return Err(format!("the key's use is {u:?}, which forbids {op}ion"));
        }
    }
    if let Some(ops) = &jwk.key_ops {
        let ok: &[&str] = if op == "decrypt" {
            &["decrypt", "unwrapKey", "deriveKey", "deriveBits"]
        } else {
            &["encrypt", "wrapKey", "deriveKey", "deriveBits"]
        };
        if !ops.iter().any(|o| ok.contains(&o.as_str())) {
            return Err(format!("the key's key_ops {ops:?} forbid {op}ion"));
        }
    }
    Ok(())
}

/// The key-management algorithms a key implies: its own JWE `alg` when set, else every
/// algorithm its type fits (RSA1_5 only when allowed).
pub(crate) fn allowed_algs(key: &JweKey, enc: Option<Enc>, allow_rsa1_5: bool) -> Vec<KeyAlg> {
    if let JweKey::Jwk(j) = key {
        if let Some(a) = j.alg.as_deref() {
            // A `dir` key may name its content encryption as its alg (RFC 7520 §5.6).
            if let Some(e) = Enc::from_name(a) {
                return if enc.is_none_or(|x| x == e) {
                    vec![KeyAlg::Dir]
                } else {
                    Vec::new()
                };
            }
            return KeyAlg::from_name(a)
                .filter(|a| *a != KeyAlg::Rsa1_5 || allow_rsa1_5)
                .into_iter()
                .collect();
        }
    }
    KeyAlg::all()
        .filter(|a| *a != KeyAlg::Rsa1_5 || allow_rsa1_5)
        .filter(|a| {
            // dir fits when some allowed enc has the key's length.
            let encs: Vec<Enc> = enc.map_or_else(|| Enc::all().collect(), |e| vec![e]);
            encs.into_iter().any(|e| fits(key, *a, e).is_ok())
        })
        .collect()
}

/// The algorithm `encrypt` uses for a key when none is asked for: the key's own, else
/// RSA-OAEP-256, ECDH-ES+A256KW, `dir` for an oct key of `enc`'s length, else AES-KW of
/// the key's size; PBES2-HS512+A256KW for a passphrase.
pub(crate) fn default_alg(key: &JweKey, enc: Enc) -> Result<KeyAlg, String> {
    let jwk = match key {
        JweKey::Passphrase(_) => return Ok(KeyAlg::Pbes2Hs512A256Kw),
        JweKey::Jwk(j) => j,
    };
    if let Some(a) = jwk.alg.as_deref() {
        if Enc::from_name(a).is_some() {
            return Ok(KeyAlg::Dir);
        }
        return KeyAlg::from_name(a).ok_or_else(|| {
            format!("the key is restricted to alg {a:?}, which is no JWE key-management algorithm")
        });
    }
    match &jwk.key {
        Key::Rsa(_) => Ok(KeyAlg::RsaOaep256),
        Key::Oct(s) => match s.expose().len() {
            0 => Err("the key is empty".into()),
            n if n == enc.cek_len() => Ok(KeyAlg::Dir),
            16 => Ok(KeyAlg::A128Kw),
            24 => Ok(KeyAlg::A192Kw),
            32 => Ok(KeyAlg::A256Kw),
            n => Err(format!(
                "an oct key of {n} bytes fits no AES key wrap (16, 24, 32) nor dir with {enc} \
                 ({} bytes)",
                enc.cek_len()
            )),
        },
        _ if fits(key, KeyAlg::EcdhEsA256Kw, enc).is_ok() => Ok(KeyAlg::EcdhEsA256Kw),
        _ => Err(format!(
            "no JWE algorithm fits this key ({})",
            jwk.describe()
        )),
    }
}
