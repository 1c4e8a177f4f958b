//! The JWK texts a key-confused server may hold as its HMAC secret. A server that HMACs
//! with "the public key" as a JWK string holds one particular text of it, and only that
//! exact text verifies: the member order (RFC 7638's lexicographic order, as thumbprint
//! code and `json.dumps(sort_keys=True)` write it; or `kty` first, `n, e` / `crv, x, y`
//! after, as RFC 7517's examples and most libraries write it; or the key file's own order),
//! which members (the required ones only, or with `kid`/`use`/`alg` and the rest), compact
//! or pretty (2-space indent, as `JSON.stringify(k, null, 2)` and `json.dumps(indent=2)`
//! write it), with or without a trailing newline.

use serde_json::{Map, Value};

use crate::keys::{self, Jwk};

type Object = Map<String, Value>;

/// The key's members in the key file, when it was given as a JWK or a JWKS: the object
/// whose required members are `required`'s (so each key of a set finds its own).
fn own_object<'a>(given: &'a [Object], required: &Object) -> Option<&'a Object> {
    given
        .iter()
        .find(|o| required.iter().all(|(k, v)| o.get(k) == Some(v)))
}

/// The JSON objects of a key file: one JWK, or the members of a JWKS (else none).
pub(super) fn given_objects(raw: &[u8]) -> Vec<Object> {
    match serde_json::from_slice::<Value>(raw) {
        Ok(Value::Object(mut o)) => match o.remove("keys") {
            Some(Value::Array(keys)) => keys
                .into_iter()
                .filter_map(|k| match k {
                    Value::Object(k) => Some(k),
                    _ => None,
                })
                .collect(),
            Some(_) => Vec::new(),
            None => vec![o],
        },
        _ => Vec::new(),
    }
}

/// Every likely text of `public` (already public), each with a name saying which it is.
/// `given` holds the key file's JSON objects when it was a JWK or JWKS. Duplicates are
/// left for the caller, which removes them over every serialisation at once.
pub(super) fn jwk_texts(public: &Jwk, given: &[Object], who: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(required) = serde_json::from_str::<Object>(&keys::thumbprint_canonical(public)) else {
        return Vec::new();
    };
    let Value::Object(full) = public.to_json(false) else {
        return Vec::new();
    };
    let only_required = |o: &Object| -> Object {
        o.iter()
            .filter(|(k, _)| required.contains_key(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let sorted = |o: &Object| -> Object {
        let mut pairs: Vec<(&String, &Value)> = o.iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        pairs
            .into_iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let mut objects: Vec<(&str, Object)> = vec![
        ("RFC 7638 order, required members", required.clone()),
        ("RFC 7638 order, all members", sorted(&full)),
        ("kty first, required members", only_required(&full)),
        ("kty first, all members", full.clone()),
    ];
    if let Some(own) = own_object(given, &required) {
        // The file's own order, less any private member a careless file carried.
        let mut own = own.clone();
        own.retain(|k, _| !keys::PRIVATE_MEMBERS.contains(&k.as_str()) || required.contains_key(k));
        objects.push(("file's order, required members", only_required(&own)));
        objects.push(("file's order, all members", own));
    }
    let mut out = Vec::new();
    for (what, o) in objects {
        let value = Value::Object(o);
        let texts = [
            ("compact", serde_json::to_string(&value)),
            ("pretty", serde_json::to_string_pretty(&value)),
        ];
        for (form, text) in texts {
            let Ok(text) = text else { continue };
            out.push((
                format!("JWK{who} ({what}, {form})"),
                text.clone().into_bytes(),
            ));
            out.push((
                format!("JWK{who} ({what}, {form}, trailing newline)"),
                format!("{text}\n").into_bytes(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{KeyInput, ReadOptions};

    fn public_rsa() -> Jwk {
        let k = keys::generate(crate::alg::Alg::RS256, None, Some("srv".into())).unwrap();
        let mut p = k.to_public().unwrap();
        p.use_ = Some("sig".into());
        p
    }

    fn texts(public: &Jwk, given: &[Object]) -> Vec<String> {
        jwk_texts(public, given, "")
            .into_iter()
            .map(|(_, t)| String::from_utf8(t).unwrap())
            .collect()
    }

    #[test]
    fn rfc_7638_order_and_kty_first_order_are_both_held() {
        let p = public_rsa();
        let all = texts(&p, &[]);
        let v = p.to_json(false);
        let (n, e) = (v["n"].as_str().unwrap(), v["e"].as_str().unwrap());
        let rfc = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
        let kty_first = format!(r#"{{"kty":"RSA","n":"{n}","e":"{e}"}}"#);
        for t in [&rfc, &kty_first] {
            assert!(all.contains(t), "{t}");
            assert!(all.contains(&format!("{t}\n")), "{t} with a newline");
        }
        let sorted_full =
            format!(r#"{{"alg":"RS256","e":"{e}","kid":"srv","kty":"RSA","n":"{n}","use":"sig"}}"#);
        assert!(all.contains(&sorted_full), "{all:#?}");
        let pretty = format!("{{\n  \"e\": \"{e}\",\n  \"kty\": \"RSA\",\n  \"n\": \"{n}\"\n}}");
        assert!(all.contains(&pretty), "2-space pretty form");
    }

    #[test]
    fn the_key_file_s_own_member_order_is_held_with_and_without_metadata() {
        let p = public_rsa();
        let v = p.to_json(false);
        let (n, e) = (v["n"].as_str().unwrap(), v["e"].as_str().unwrap());
        // A JWKS whose key lists its members in an order no writer of jot's uses.
        let file = format!(
            r#"{{"keys":[{{"use":"sig","n":"{n}","kid":"srv","e":"{e}","kty":"RSA","alg":"RS256"}}]}}"#
        );
        let KeyInput::Set(read) = keys::read(file.as_bytes(), &ReadOptions::default()).unwrap()
        else {
            panic!("a set")
        };
        let given = given_objects(file.as_bytes());
        let all = texts(&read[0], &given);
        let own =
            format!(r#"{{"use":"sig","n":"{n}","kid":"srv","e":"{e}","kty":"RSA","alg":"RS256"}}"#);
        let own_required = format!(r#"{{"n":"{n}","e":"{e}","kty":"RSA"}}"#);
        assert!(all.contains(&own), "{all:#?}");
        assert!(all.contains(&own_required), "{all:#?}");
        // Another key's object is not taken for this key's.
        let other = public_rsa();
        assert!(!texts(&other, &given).contains(&own));
    }
}
