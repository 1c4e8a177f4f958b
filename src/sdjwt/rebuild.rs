//! Rebuilding the claims from an issuer payload and the disclosures sent (RFC 9901 §7.1
//! step 3): each digest is looked up once, every disclosure must be used exactly once, and
//! the refusals of §7.1 (a digest twice, a disclosure twice, an overwritten claim, a
//! property disclosure in an array or the reverse) are errors naming the disclosure.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{hash_from_name, Disclosure, DEFAULT_HASH};
use crate::alg::Hash;

/// What the disclosures made of the payload.
#[derive(Clone, Debug)]
pub(crate) struct Rebuilt {
    /// The claims: payload members, plus the disclosed ones, without `_sd`, `...`, `_sd_alg`.
    pub claims: Map<String, Value>,
    /// The hash the digests use.
    pub hash: Hash,
    /// For each disclosure (by index): where it landed, as a path (`address.street_address`,
    /// `nationalities[1]`), and the disclosure it sits inside, if any.
    pub placed: Vec<Placed>,
    /// Digests that no disclosure answered (undisclosed claims or decoys), with the path
    /// of the object or array that holds them.
    pub undisclosed: Vec<(String, String)>,
}

/// Where one disclosure landed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Placed {
    pub path: String,
    pub parent: Option<usize>,
}

struct Walk<'a> {
    by_digest: HashMap<String, usize>,
    disclosures: &'a [Disclosure],
    seen: HashSet<String>,
    placed: Vec<Option<Placed>>,
    undisclosed: Vec<(String, String)>,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The `_sd_alg` of a payload: the hash it names, or SHA-256 when absent. An unknown name is an
/// error (RFC 9901 §7.1 step 3.1).
pub(crate) fn sd_alg(payload: &Map<String, Value>) -> Result<Hash, String> {
    match payload.get("_sd_alg") {
        None => Ok(DEFAULT_HASH),
        Some(Value::String(s)) => hash_from_name(s).ok_or_else(|| {
            format!("_sd_alg {s:?} is not one jot accepts (sha-256, sha-384, sha-512)")
        }),
        Some(v) => Err(format!("_sd_alg is {v}, not a string")),
    }
}

/// Rebuild the claims of `payload` from `disclosures`.
pub(crate) fn rebuild(
    payload: &Map<String, Value>,
    disclosures: &[Disclosure],
) -> Result<Rebuilt, String> {
    let hash = sd_alg(payload)?;
    let mut by_digest = HashMap::new();
    for (i, d) in disclosures.iter().enumerate() {
        if by_digest.insert(d.digest(hash), i).is_some() {
            return Err(format!(
                "disclosure {} is sent twice (RFC 9901 §7.1)",
                i + 1
            ));
        }
    }
    let mut w = Walk {
        by_digest,
        disclosures,
        seen: HashSet::new(),
        placed: vec![None; disclosures.len()],
        undisclosed: vec![],
    };
    let mut claims = w.object(payload, "", None)?;
    claims.remove("_sd_alg");
    let mut placed = Vec::with_capacity(disclosures.len());
    for (i, p) in w.placed.into_iter().enumerate() {
        match p {
            Some(p) => placed.push(p),
            None => {
                return Err(format!(
                    "disclosure {} ({}) answers no digest in the issuer-signed payload",
                    i + 1,
                    describe(&disclosures[i])
                ))
            }
        }
    }
    Ok(Rebuilt {
        claims,
        hash,
        placed,
        undisclosed: w.undisclosed,
    })
}

/// A disclosure for messages: its claim name, or "an array element".
pub(crate) fn describe(d: &Disclosure) -> String {
    match &d.name {
        Some(n) => format!("claim {n:?}"),
        None => "an array element".into(),
    }
}

impl Walk<'_> {
    /// Look `digest` up: the disclosure it names, if sent. A digest seen before is an error.
    fn lookup(&mut self, digest: &Value, at: &str) -> Result<Option<usize>, String> {
        let Value::String(d) = digest else {
            return Err(format!(
                "a digest at {} is {digest}, not a string",
                at_name(at)
            ));
        };
        if !self.seen.insert(d.clone()) {
            return Err(format!(
                "digest {d} appears more than once in the payload (RFC 9901 §7.1)"
            ));
        }
        let found = self.by_digest.get(d).copied();
        if found.is_none() {
            self.undisclosed.push((at.to_owned(), d.clone()));
        }
        Ok(found)
    }

    fn object(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        parent: Option<usize>,
    ) -> Result<Map<String, Value>, String> {
        let mut out = Map::new();
        for (k, v) in obj {
            if k == "_sd" {
                continue;
            }
            out.insert(k.clone(), self.value(v, &join(path, k), parent)?);
        }
        let digests = match obj.get("_sd") {
            None => return Ok(out),
            Some(Value::Array(a)) => a,
            Some(v) => return Err(format!("_sd at {} is {v}, not an array", at_name(path))),
        };
        for digest in digests {
            let Some(i) = self.lookup(digest, path)? else {
                continue;
            };
            let d = &self.disclosures[i];
            let Some(name) = d.name.clone() else {
                return Err(format!(
                    "disclosure {} is an array element, but its digest is in an object's _sd",
                    i + 1
                ));
            };
            if out.contains_key(&name) {
                return Err(format!(
                    "disclosure {} would overwrite the claim {name:?} (RFC 9901 §7.1)",
                    i + 1
                ));
            }
            let here = join(path, &name);
            let value = self.value(&d.value, &here, Some(i))?;
            self.placed[i] = Some(Placed { path: here, parent });
            out.insert(name, value);
        }
        Ok(out)
    }

    fn array(&mut self, arr: &[Value], path: &str, parent: Option<usize>) -> Result<Value, String> {
        let mut out = Vec::with_capacity(arr.len());
        for item in arr {
            let here = format!("{path}[{}]", out.len());
            let digest = match item {
                Value::Object(m) if m.len() == 1 && m.contains_key("...") => &m["..."],
                other => {
                    out.push(self.value(other, &here, parent)?);
                    continue;
                }
            };
            let Some(i) = self.lookup(digest, path)? else {
                continue;
            };
            let d = &self.disclosures[i];
            if d.name.is_some() {
                return Err(format!(
                    "disclosure {} names a claim, but its digest is an array element",
                    i + 1
                ));
            }
            let value = self.value(&d.value, &here, Some(i))?;
            self.placed[i] = Some(Placed { path: here, parent });
            out.push(value);
        }
        Ok(Value::Array(out))
    }

    fn value(&mut self, v: &Value, path: &str, parent: Option<usize>) -> Result<Value, String> {
        match v {
            Value::Object(m) => Ok(Value::Object(self.object(m, path, parent)?)),
            Value::Array(a) => self.array(a, path, parent),
            other => Ok(other.clone()),
        }
    }
}

fn at_name(path: &str) -> &str {
    if path.is_empty() {
        "the top level"
    } else {
        path
    }
}
