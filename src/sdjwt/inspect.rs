//! What `jot decode` and the ui show of an SD-JWT, as one JSON structure: the issuer JWT,
//! each disclosure (salt, name, value, digest, where it lands), the claims rebuilt from the
//! disclosures present, the digests no disclosure answers, and the KB-JWT. Nothing is
//! verified here; a payload the disclosures do not fit is shown with the reason.

use serde_json::{json, Map, Value};

use super::rebuild::rebuild;
use super::{hash_name, parse};
use crate::token::{parse as parse_jws, Jws, Parsed};
use crate::{b64, Error, Result};

fn jws_json(j: &Jws) -> Value {
    json!({
        "header": j.header,
        "payload": j.payload.clone().unwrap_or_else(|| Value::String(b64::encode(&j.payload_raw))),
        "signature": b64::encode(&j.signature),
    })
}

fn jws_of(text: &str, what: &str) -> Result<Jws> {
    match parse_jws(text) {
        Ok(Parsed::Jws(j)) => Ok(j),
        Ok(Parsed::Jwe { .. }) => Err(Error::input(format!("the {what} is a JWE, not a JWS"))),
        Err(e) => Err(e.context(format!("the {what}"))),
    }
}

/// The decoded SD-JWT `text`; malformed text (not an SD-JWT at all) is an error.
pub fn inspect(text: &str) -> Result<Value> {
    let sd = parse(text)?;
    let jwt = jws_of(&sd.jwt, "issuer JWT")?;
    let kb = sd
        .kb_jwt
        .as_deref()
        .map(|k| jws_of(k, "KB-JWT"))
        .transpose()?;
    let empty = Map::new();
    let payload = jwt.claims().unwrap_or(&empty);
    let rebuilt = rebuild(payload, &sd.disclosures);
    let hash = match &rebuilt {
        Ok(r) => r.hash,
        Err(_) => super::rebuild::sd_alg(payload).unwrap_or(super::DEFAULT_HASH),
    };
    let disclosures: Vec<Value> = sd
        .disclosures
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut o = json!({ "digest": d.digest(hash), "salt": d.salt });
            if let Some(n) = &d.name {
                o["name"] = n.clone().into();
            }
            o["value"] = d.value.clone();
            if let Ok(r) = &rebuilt {
                o["path"] = r.placed[i].path.clone().into();
            }
            o
        })
        .collect();
    let mut out = json!({
        "sd_jwt": true,
        "issuer_jwt": jws_json(&jwt),
        "sd_alg": hash_name(hash),
        "disclosures": disclosures,
    });
    match rebuilt {
        Ok(r) => {
            out["claims"] = Value::Object(r.claims);
            out["undisclosed_digests"] = r
                .undisclosed
                .into_iter()
                .map(|(at, d)| json!({ "in": if at.is_empty() { "(top level)".into() } else { at }, "digest": d }))
                .collect();
        }
        Err(why) => out["rebuild_error"] = why.into(),
    }
    out["kb_jwt"] = kb.as_ref().map_or(Value::Null, jws_json);
    Ok(out)
}
