//! Making an SD-JWT payload (RFC 9901 §4.2): the claims named by paths (`given_name`,
//! `address.street_address`, `nationalities[0]`, `a[0].b`) become disclosures with a
//! fresh 128-bit salt each; object members leave a digest in their object's `_sd`, array
//! elements a `{"...": digest}`; decoy digests are added on request; every `_sd` is sorted
//! (§4.2.4.1: the order must not tell the original one); `_sd_alg` and `cnf` are set.

use serde_json::{Map, Value};

use super::{hash_name, Disclosure, RESERVED_NAMES};
use crate::alg::Hash;
use crate::{b64, Error, Result};

/// Bytes of salt per disclosure: 128 bits, RFC 9901 §4.2.1's minimum recommendation.
pub(crate) const SALT_BYTES: usize = 16;

/// Names `--sd-all` leaves in the clear: the RFC 7519 §4.1 registered claims, and `cnf`,
/// `vct` and `status`, which a verifier needs before any disclosure (SD-JWT VC §3.2.2.2).
pub(crate) const ALWAYS_CLEAR: &[&str] = &[
    "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf", "vct", "status",
];

/// What to make disclosable, and how.
#[derive(Clone, Debug)]
pub(crate) struct IssueOptions {
    /// Paths of claims to make selectively disclosable.
    pub paths: Vec<String>,
    /// Every top-level claim but [`ALWAYS_CLEAR`].
    pub all: bool,
    /// Decoy digests to add to the top-level `_sd`.
    pub decoys: usize,
    pub hash: Hash,
    /// The holder's public JWK, for `cnf.jwk` (RFC 7800).
    pub holder: Option<Value>,
}

/// Randomness, injected: the OS CSPRNG in the CLI, a fixed stream in tests.
pub(crate) type Rng<'a> = &'a mut dyn FnMut(&mut [u8]) -> Result<()>;

#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn path_err(path: &str, why: &str) -> Error {
    Error::usage(format!("--sd {path:?}: {why}")).with_hint(
        "a path is NAME, NAME.NAME or NAME[INDEX], e.g. address.street_address or nationalities[0]",
    )
}

fn parse_path(path: &str) -> Result<Vec<Seg>> {
    let mut segs = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if name.is_empty() && segs.is_empty() {
            return Err(path_err(path, "empty claim name"));
        }
        if !name.is_empty() {
            segs.push(Seg::Key(name.to_owned()));
        } else if rest.is_empty() {
            return Err(path_err(path, "empty claim name"));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let (n, after) = r
                .split_once(']')
                .ok_or_else(|| path_err(path, "'[' without ']'"))?;
            let i = n
                .parse()
                .map_err(|_| path_err(path, "an index is a number"))?;
            segs.push(Seg::Index(i));
            rest = after;
        }
        if !rest.is_empty() {
            return Err(path_err(path, "text after ']'"));
        }
    }
    Ok(segs)
}

/// Whether `path` names something in `claims` (a claim shown in the clear needs no
/// disclosure to be presented).
pub(crate) fn has_path(claims: &Map<String, Value>, path: &str) -> bool {
    let Ok(segs) = parse_path(path) else {
        return false;
    };
    let mut at = &Value::Null;
    for (i, s) in segs.iter().enumerate() {
        let next = match (s, i) {
            (Seg::Key(k), 0) => claims.get(k),
            (Seg::Key(k), _) => at.get(k),
            (Seg::Index(n), _) => at.get(*n),
        };
        match next {
            Some(v) => at = v,
            None => return false,
        }
    }
    true
}

fn salt(rng: Rng<'_>) -> Result<String> {
    let mut raw = [0u8; SALT_BYTES];
    rng(&mut raw)?;
    Ok(b64::encode(&raw))
}

/// Sort every `_sd` array under `v`, so the digests' order says nothing.
fn sort_sd(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, item) in m.iter_mut() {
                if k == "_sd" {
                    if let Value::Array(a) = item {
                        a.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
                    }
                } else {
                    sort_sd(item);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(sort_sd),
        _ => {}
    }
}

/// The container a path's last segment lives in.
fn parent_of<'v>(root: &'v mut Value, segs: &[Seg], path: &str) -> Result<&'v mut Value> {
    let mut at = root;
    for s in segs {
        at = match (s, at) {
            (Seg::Key(k), Value::Object(m)) => m
                .get_mut(k)
                .ok_or_else(|| path_err(path, &format!("no claim {k:?} here")))?,
            (Seg::Index(i), Value::Array(a)) => a
                .get_mut(*i)
                .ok_or_else(|| path_err(path, &format!("no element [{i}]")))?,
            (Seg::Key(k), _) => return Err(path_err(path, &format!("{k:?} is not in an object"))),
            (Seg::Index(i), _) => return Err(path_err(path, &format!("[{i}] is not in an array"))),
        };
    }
    Ok(at)
}

fn conceal(
    root: &mut Value,
    segs: &[Seg],
    path: &str,
    o: &IssueOptions,
    rng: Rng<'_>,
) -> Result<Disclosure> {
    let (last, up) = segs
        .split_last()
        .ok_or_else(|| path_err(path, "empty path"))?;
    let parent = parent_of(root, up, path)?;
    let salt = salt(rng)?;
    match (last, parent) {
        (Seg::Key(k), Value::Object(m)) => {
            if RESERVED_NAMES.contains(&k.as_str()) || k == "_sd_alg" {
                return Err(path_err(
                    path,
                    "RFC 9901 forbids making this name disclosable",
                ));
            }
            let mut value = m
                .remove(k)
                .ok_or_else(|| path_err(path, &format!("no claim {k:?}")))?;
            sort_sd(&mut value);
            let d = Disclosure::new(salt, Some(k.clone()), value);
            let sd = m.entry("_sd").or_insert_with(|| Value::Array(vec![]));
            match sd {
                Value::Array(a) => a.push(d.digest(o.hash).into()),
                _ => return Err(path_err(path, "the object's _sd is not an array")),
            }
            Ok(d)
        }
        (Seg::Index(i), Value::Array(a)) => {
            let slot = a
                .get_mut(*i)
                .ok_or_else(|| path_err(path, &format!("no element [{i}]")))?;
            let mut value = std::mem::take(slot);
            sort_sd(&mut value);
            let d = Disclosure::new(salt, None, value);
            *slot = serde_json::json!({ "...": d.digest(o.hash) });
            Ok(d)
        }
        (Seg::Key(k), _) => Err(path_err(path, &format!("{k:?} is not in an object"))),
        (Seg::Index(i), _) => Err(path_err(path, &format!("[{i}] is not in an array"))),
    }
}

/// Turn `claims` into an SD-JWT payload; returns the disclosures, in the order made.
pub(crate) fn issue(
    claims: &mut Map<String, Value>,
    o: &IssueOptions,
    rng: Rng<'_>,
) -> Result<Vec<Disclosure>> {
    for reserved in ["_sd", "_sd_alg", "..."] {
        if claims.contains_key(reserved) {
            return Err(Error::input(format!(
                "the claims already hold {reserved:?}, which SD-JWT issuance sets"
            )));
        }
    }
    if let Some(jwk) = &o.holder {
        claims.insert("cnf".into(), serde_json::json!({ "jwk": jwk }));
    }
    let mut paths: Vec<(String, Vec<Seg>)> = Vec::new();
    for p in &o.paths {
        let segs = parse_path(p)?;
        if paths.iter().any(|(_, s)| *s == segs) {
            return Err(path_err(p, "named twice"));
        }
        paths.push((p.clone(), segs));
    }
    if o.all {
        for k in claims.keys() {
            let segs = vec![Seg::Key(k.clone())];
            if !ALWAYS_CLEAR.contains(&k.as_str()) && !paths.iter().any(|(_, s)| *s == segs) {
                paths.push((k.clone(), segs));
            }
        }
    }
    // Deepest first: a child is concealed inside its parent's value before the parent is.
    paths.sort_by_key(|(_, s)| std::cmp::Reverse(s.len()));
    let mut root = Value::Object(std::mem::take(claims));
    let mut out = Vec::with_capacity(paths.len());
    for (p, segs) in &paths {
        out.push(conceal(&mut root, segs, p, o, rng)?);
    }
    let Value::Object(mut m) = root else {
        unreachable!("the root stays an object")
    };
    if o.decoys > 0 {
        let sd = m.entry("_sd").or_insert_with(|| Value::Array(vec![]));
        for _ in 0..o.decoys {
            let decoy = super::digest(o.hash, &salt(rng)?);
            if let Value::Array(a) = sd {
                a.push(decoy.into());
            }
        }
    }
    m.insert("_sd_alg".into(), hash_name(o.hash).into());
    let mut root = Value::Object(m);
    sort_sd(&mut root);
    let Value::Object(m) = root else {
        unreachable!("the root stays an object")
    };
    *claims = m;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_nested_names_and_indexes() {
        assert_eq!(
            parse_path("a[0].b").unwrap(),
            vec![Seg::Key("a".into()), Seg::Index(0), Seg::Key("b".into())]
        );
        assert_eq!(parse_path("x[1][2]").unwrap().len(), 3);
        for bad in ["", ".a", "a[", "a[x]", "a[0]b", "a..b"] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }
}
