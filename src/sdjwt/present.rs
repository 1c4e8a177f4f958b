//! Presenting an SD-JWT (RFC 9901 §4.3, §7.2): keep the disclosures the holder chooses,
//! with the disclosures their values sit inside, and optionally bind the presentation to
//! the holder key with a KB-JWT (`typ: kb+jwt`, `iat`, `aud`, `nonce`, `sd_hash`).

use serde_json::{Map, Value};

use super::rebuild::Rebuilt;
use super::{digest, SdJwt};
use crate::alg::Alg;
use crate::keys::Jwk;
use crate::{Error, Result};

/// Which disclosures to keep.
#[derive(Clone, Debug)]
pub(crate) enum Selection {
    /// Every disclosure.
    All,
    /// None: the issuer JWT alone.
    None,
    /// These claim paths (as `decode` shows them), with what is inside and around them.
    Claims(Vec<String>),
}

/// The holder's binding: the key and what the verifier asked for.
pub(crate) struct Binding<'a> {
    pub key: &'a Jwk,
    pub alg: Alg,
    pub aud: &'a str,
    pub nonce: &'a str,
    pub now: i64,
}

/// Whether disclosure path `p` is `want` or lies inside it.
fn within(p: &str, want: &str) -> bool {
    p == want
        || p.strip_prefix(want)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The indexes of the disclosures `sel` keeps, in their original order.
pub(crate) fn select(r: &Rebuilt, sd: &SdJwt, sel: &Selection) -> Result<Vec<usize>> {
    let n = sd.disclosures.len();
    let mut keep = vec![false; n];
    match sel {
        Selection::All => keep.iter_mut().for_each(|k| *k = true),
        Selection::None => {}
        Selection::Claims(paths) => {
            for want in paths {
                let hits: Vec<usize> = (0..n)
                    .filter(|&i| within(&r.placed[i].path, want) || within(want, &r.placed[i].path))
                    .collect();
                if hits.is_empty() && super::issue::has_path(&r.claims, want) {
                    // In the clear: always shown, nothing to add.
                    continue;
                }
                if hits.is_empty() {
                    let names: Vec<String> = r.placed.iter().map(|p| p.path.clone()).collect();
                    return Err(Error::usage(format!("no disclosure for claim {want:?}"))
                        .with_hint(format!("disclosable here: {}", names.join(", "))));
                }
                // A claim that is itself disclosed, or lies inside a disclosed value, needs
                // that disclosure; the disclosures inside it come with it.
                for i in hits {
                    keep[i] = true;
                }
            }
        }
    }
    // Parents: a disclosure whose digest sits inside another's value needs that one sent.
    for i in 0..n {
        let mut at = r.placed[i].parent;
        while let (true, Some(p)) = (keep[i], at) {
            keep[p] = true;
            at = r.placed[p].parent;
        }
    }
    Ok((0..n).filter(|&i| keep[i]).collect())
}

/// The presentation of `sd` keeping `keep`, bound to the holder when `binding` is given.
pub(crate) fn present(
    sd: &SdJwt,
    r: &Rebuilt,
    keep: &[usize],
    binding: Option<&Binding<'_>>,
) -> Result<String> {
    let chosen = SdJwt {
        jwt: sd.jwt.clone(),
        disclosures: keep.iter().map(|&i| sd.disclosures[i].clone()).collect(),
        kb_jwt: None,
    };
    let text = chosen.without_kb();
    let Some(b) = binding else { return Ok(text) };
    let mut header = Map::new();
    header.insert("alg".into(), b.alg.name().into());
    header.insert("typ".into(), "kb+jwt".into());
    let mut claims = Map::new();
    claims.insert("iat".into(), b.now.into());
    claims.insert("aud".into(), b.aud.into());
    claims.insert("nonce".into(), b.nonce.into());
    claims.insert("sd_hash".into(), Value::String(digest(r.hash, &text)));
    let kb = crate::token::sign::sign(b.key, b.alg, &header, &claims)?;
    Ok(text + &kb)
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn a_path_lies_within_itself_and_its_ancestors_only() {
        assert!(within("address.street", "address"));
        assert!(within("a[0]", "a"));
        assert!(within("a", "a"));
        assert!(!within("address2", "address"));
        assert!(!within("address", "address.street"));
    }
}
