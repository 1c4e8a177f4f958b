//! x5c chains in a token's header, made with the openssl CLI at test time: `decode` shows
//! each certificate's subject, issuer and validity (and `--json` an `x5c_chain`), `audit`
//! reports JOT031 for an expired certificate, a self-signed leaf and an `x5t#S256` that is
//! not the leaf's, and a chain of over 10 certificates is not read. `verify` never uses x5c.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{have_openssl, openssl, tmp};
use crate::token_common::{b64, forge_hs256, good_claims, run, T0};

/// A CA and a leaf it signs (valid 2023-2025 around T0, 2023-11-14), as base64 DER.
fn chain(dir: &Path) -> (String, String, Vec<u8>) {
    openssl(dir, "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj /CN=Test-CA -days 730");
    openssl(dir, "req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr -subj /CN=leaf");
    openssl(
        dir,
        "x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 30",
    );
    let der = |name: &str| openssl(dir, &format!("x509 -in {name} -outform DER"));
    use base64ct::Encoding;
    let (leaf, ca) = (der("leaf.pem"), der("ca.pem"));
    let sha = <sha2::Sha256 as sha2::Digest>::digest(&leaf).to_vec();
    (
        base64ct::Base64::encode_string(&leaf),
        base64ct::Base64::encode_string(&ca),
        sha,
    )
}

fn token(header: Value) -> String {
    forge_hs256(&header.to_string(), &good_claims(), b"k")
}

fn audit(t: &str, now: i64) -> Vec<String> {
    let r = run(&[
        "audit",
        t,
        "--format",
        "json",
        "--now",
        &now.to_string(),
        "--no-builtin",
    ]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{r:?}"));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "JOT031")
        .map(|f| f["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn decode_shows_the_chain_and_audit_reports_its_problems() {
    if !have_openssl() {
        return;
    }
    let dir = tmp();
    let (leaf, ca, sha) = chain(dir.path());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let good = token(json!({"alg": "HS256", "x5c": [leaf, ca], "x5t#S256": b64(&sha)}));
    let out = run(&["decode", &good]).ok();
    assert!(out.contains("subject CN=leaf; issuer CN=Test-CA"), "{out}");
    assert!(
        out.contains("subject CN=Test-CA; issuer CN=Test-CA"),
        "{out}"
    );
    let j: Value = serde_json::from_str(&run(&["decode", &good, "--json"]).ok()).unwrap();
    assert_eq!(j["x5c_chain"][0]["subject"], "CN=leaf");
    // A current chain with a matching x5t#S256: nothing to report.
    assert!(audit(&good, now).is_empty(), "{:?}", audit(&good, now));
    // Far in the future both certificates have expired.
    let late = audit(&good, now + 3 * 365 * 86400);
    assert_eq!(
        late.iter().filter(|m| m.contains("expired")).count(),
        2,
        "{late:?}"
    );
    // Before the leaf was made it is not yet valid.
    assert!(audit(&good, T0 - 86400 * 365 * 5)
        .iter()
        .any(|m| m.contains("not valid before")));
    // A self-signed leaf, and an x5t#S256 of another certificate.
    let selfsigned = token(json!({"alg": "HS256", "x5c": [ca]}));
    assert!(audit(&selfsigned, now)
        .iter()
        .any(|m| m.contains("self-signed")));
    let wrong = token(json!({"alg": "HS256", "x5c": [leaf], "x5t#S256": b64(&[0u8; 32])}));
    assert!(audit(&wrong, now)
        .iter()
        .any(|m| m.contains("x5t#S256 does not match")));
    // Eleven certificates: not read (decode says so; audit has only JOT014 for it).
    let long = token(json!({"alg": "HS256", "x5c": vec![leaf.clone(); 11]}));
    assert!(run(&["decode", &long])
        .ok()
        .contains("x5c holds 11 certificates"));
    assert!(audit(&long, now).is_empty());
}
