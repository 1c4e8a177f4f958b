//! SD-JWT in `jot audit` (JOT025–JOT029), in `jot ui`'s decode and verify API, and in bulk
//! `jot verify -`.

use super::sdjwt::{keys, vector, RFC_NOW};
use crate::common::{jot, jot_ok, json, tmp};

#[test]
fn audit_flags_short_and_repeated_salts_disclosable_iss_undeclared_hash_and_no_kb() {
    use jot::alg::Hash;
    use jot::sdjwt::Disclosure;
    let d = tmp();
    let (iss, _, holder) = keys(d.path());
    let a = Disclosure::new(
        "c2hvcnQ".into(),
        Some("iss".into()),
        "https://i.example".into(),
    );
    let b = Disclosure::new("c2hvcnQ".into(), Some("name".into()), "Ama".into());
    // sha-384 digests and no _sd_alg; a cnf and no KB-JWT.
    let claims = serde_json::json!({
        "_sd": [a.digest(Hash::Sha384), b.digest(Hash::Sha384)],
        "cnf": {"jwk": json(&jot_ok(["convert", holder.to_str().unwrap(), "--to", "jwk", "--public"]))},
    });
    let jwt = jot_ok([
        "sign",
        "--key",
        iss.to_str().unwrap(),
        "--claims",
        &claims.to_string(),
    ]);
    let t = format!("{}~{}~{}~", jwt.trim(), a.encoded, b.encoded);
    let out = jot()
        .args(["audit", &t, "--format", "json"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    for rule in ["JOT025", "JOT026", "JOT027", "JOT028", "JOT029"] {
        assert!(report.contains(rule), "{rule} missing: {report}");
    }
    // jot's own issuance trips none of them.
    let good = jot_ok([
        "sign",
        "--key",
        iss.to_str().unwrap(),
        "--claim",
        "name=Ama",
        "--sd",
        "name",
        "--sd-alg",
        "sha-384",
    ]);
    let out = jot()
        .args(["audit", good.trim(), "--format", "json"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    for rule in ["JOT025", "JOT026", "JOT027", "JOT028", "JOT029"] {
        assert!(
            !report.contains(rule),
            "{rule} on jot's own SD-JWT: {report}"
        );
    }
}

#[test]
fn ui_decode_shows_disclosures_and_rebuilt_claims() {
    crate::ui::with_ui(|ui| {
        let a = ui.api(
            "decode",
            &serde_json::json!({"token": vector("rfc9901-A.3-presented-kb.txt"), "now": RFC_NOW}),
        );
        assert_eq!(a.status, 200, "{}", a.body);
        let d = a.json();
        assert_eq!(d["kind"], "sd-jwt");
        assert_eq!(d["header"]["typ"], "dc+sd-jwt");
        assert_eq!(d["sd"]["disclosures"].as_array().unwrap().len(), 3);
        assert_eq!(d["sd"]["disclosures"][2]["path"], "nationalities");
        assert_eq!(
            d["sd"]["claims"]["nationalities"],
            serde_json::json!(["DE"])
        );
        assert_eq!(d["sd"]["kb_jwt"]["payload"]["nonce"], "1234567890");
        assert_eq!(d["times"][0]["claim"], "iat");
        let key = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/sdjwt/vectors/rfc9901-A.5-issuer.jwk"),
        )
        .unwrap();
        let token = vector("rfc9901-A.3-presented-kb.txt");
        let v = ui.api(
            "verify",
            &serde_json::json!({"token": token, "key": key, "now": RFC_NOW}),
        );
        assert_eq!(v.status, 200, "{}", v.body);
        let v = v.json();
        assert_eq!(v["verdict"], "valid", "{v}");
        assert_eq!(v["claims"]["nationalities"], serde_json::json!(["DE"]));
        let late = ui.api(
            "verify",
            &serde_json::json!({"token": token, "key": key, "now": "1748457900"}),
        );
        assert!(late.json()["verdict"].as_str().unwrap().contains("KB-JWT"));
        let bad = ui.api("decode", &serde_json::json!({"token": "a.b.c~~"}));
        assert_eq!(bad.status, 400);
    });
}

#[test]
fn bulk_verify_checks_sd_jwt_disclosures_too() {
    // The bulk fast path must never take an SD-JWT for a plain valid JWS.
    let d = tmp();
    let secret = d.path().join("hs.key");
    std::fs::write(&secret, [7u8; 32]).unwrap();
    let sd = jot_ok([
        "sign",
        "--secret-file",
        secret.to_str().unwrap(),
        "--claim",
        "a=1",
        "--sd",
        "a",
    ]);
    let sd = sd.trim();
    let stray = format!("{sd}WyJzIiwibiIsMV0~");
    let input = format!("{sd}\n{stray}\n");
    let out = jot()
        .args(["verify", "-", "--secret-file", secret.to_str().unwrap()])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("line 1: valid\nline 2: invalid: disclosure 2"),
        "{text}"
    );
}
