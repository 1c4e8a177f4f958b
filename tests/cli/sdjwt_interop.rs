//! SD-JWT interop with an independent implementation, npm `@sd-jwt/core` with
//! `@sd-jwt/crypto-nodejs` (tests/interop/node/sd_jwt.mjs): theirs issued → jot verifies
//! and presents (and theirs accepts jot's presentation); jot issued and presented with a
//! KB-JWT → theirs verifies and rebuilds the same claims. Each direction counts its cases.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::common::{interop_script, jot, jot_ok, json, tmp, write};

const NOW: i64 = 1_900_000_000;

fn node_batch(dir: &Path, jobs: &Value) -> Vec<Value> {
    let jobs_path = write(dir, "jobs.json", jobs.to_string());
    let out = Command::new("node")
        .arg(interop_script("node/sd_jwt.mjs"))
        .arg(&jobs_path)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "node: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&String::from_utf8_lossy(&out.stdout));
    v.as_array().expect("an array of results").clone()
}

fn have_node_sd_jwt() -> bool {
    crate::common::node_packages_ready(&["@sd-jwt/core", "@sd-jwt/crypto-nodejs"])
}

/// An ES256 key pair as JWK files: (private path, public JWK).
fn keypair(dir: &Path, name: &str) -> (std::path::PathBuf, Value) {
    let private = dir.join(format!("{name}.jwk"));
    let public = dir.join(format!("{name}.pub.jwk"));
    jot_ok(
        ["keygen", "ES256", "--format", "jwk", "--out"]
            .map(String::from)
            .into_iter()
            .chain([private.display().to_string()]),
    );
    jot_ok([
        "convert".to_owned(),
        private.display().to_string(),
        "--to".into(),
        "jwk".into(),
        "--public".into(),
        "--out".into(),
        public.display().to_string(),
    ]);
    (private, json(&std::fs::read_to_string(&public).unwrap()))
}

fn private_jwk(p: &Path) -> Value {
    json(&std::fs::read_to_string(p).unwrap())
}

fn verify_in_jot(token: &str, issuer_pub: &Path, extra: &[&str]) -> Value {
    let out = jot()
        .args(["verify", token, "--key"])
        .arg(issuer_pub)
        .args(["--now", &NOW.to_string(), "--json"])
        .args(extra)
        .output()
        .unwrap();
    let v = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(
        out.status.code(),
        Some(if v["valid"] == true { 0 } else { 1 })
    );
    v
}

#[test]
fn sd_jwt_core_issued_is_verified_and_presented_by_jot() {
    if !have_node_sd_jwt() {
        return;
    }
    let d = tmp();
    let (issuer, issuer_pub) = keypair(d.path(), "issuer");
    let (holder, holder_pub) = keypair(d.path(), "holder");
    let issuer_pub_path = d.path().join("issuer.pub.jwk");
    let claims = json!({"iss": "https://issuer.example", "iat": NOW - 10, "exp": NOW + 600,
        "given_name": "Ama", "family_name": "Mensah",
        "address": {"street_address": "1 Rue", "locality": "Lomé", "country": "TG"},
        "nationalities": ["TG", "GH"]});
    let frames = [
        json!({"_sd": ["given_name", "family_name"]}),
        json!({"_sd": ["address"], "address": {"_sd": ["street_address", "locality"]}}),
        json!({"nationalities": {"_sd": [0, 1]}, "_sd": ["given_name"]}),
        json!({"_sd": ["given_name", "family_name", "address", "nationalities"], "_sd_decoy": 3}),
    ];
    let jobs: Vec<Value> = frames
        .iter()
        .map(|f| {
            json!({"op": "issue", "issuer": private_jwk(&issuer), "holder": holder_pub,
                        "claims": claims, "frame": f})
        })
        .collect();
    let issued = node_batch(d.path(), &Value::Array(jobs));
    let mut cases = 0;
    let mut back = vec![];
    for (i, r) in issued.iter().enumerate() {
        assert_eq!(r["ok"], true, "issue {i}: {r}");
        let token = r["token"].as_str().unwrap();
        // Issued: every disclosure present, the claims as given (plus cnf).
        let v = verify_in_jot(token, &issuer_pub_path, &[]);
        assert_eq!(v["valid"], true, "frame {i}: {v}");
        for k in ["given_name", "family_name", "address", "nationalities"] {
            assert_eq!(v["claims"][k], claims[k], "frame {i} {k}");
        }
        assert_eq!(v["claims"]["cnf"]["jwk"], holder_pub);
        // jot presents with only given_name and a KB-JWT; jot verifies it.
        let shown = jot_ok([
            "disclose".to_owned(),
            token.to_owned(),
            "--claim".into(),
            "given_name".into(),
            "--holder-key".into(),
            holder.display().to_string(),
            "--aud".into(),
            "https://verifier.example".into(),
            "--nonce".into(),
            format!("n-{i}"),
            "--now".into(),
            NOW.to_string(),
        ]);
        let shown = shown.trim();
        let nonce = format!("n-{i}");
        let v = verify_in_jot(
            shown,
            &issuer_pub_path,
            &["--kb-aud", "https://verifier.example", "--kb-nonce", &nonce],
        );
        assert_eq!(v["valid"], true, "presented {i}: {v}");
        assert_eq!(v["key_binding"], true);
        assert_eq!(v["claims"]["given_name"], "Ama");
        let hidden = frames[i]["_sd"]
            .as_array()
            .is_some_and(|a| a.contains(&json!("family_name")));
        assert_eq!(
            v["claims"].get("family_name").is_none(),
            hidden,
            "frame {i}"
        );
        back.push(json!({"op": "verify", "token": shown, "issuer": issuer_pub, "nonce": nonce, "now": NOW}));
        cases += 1;
    }
    // Theirs accepts jot's presentations of their credentials.
    for (i, r) in node_batch(d.path(), &Value::Array(back)).iter().enumerate() {
        assert_eq!(r["ok"], true, "theirs on jot's presentation {i}: {r}");
        assert_eq!(r["claims"]["given_name"], "Ama");
        assert_eq!(r["kb"]["nonce"], format!("n-{i}"));
    }
    assert_eq!(
        cases, 4,
        "@sd-jwt/core → jot: 4 credentials, each verified and presented"
    );
}

#[test]
fn jot_issued_and_presented_is_verified_by_sd_jwt_core() {
    if !have_node_sd_jwt() {
        return;
    }
    let d = tmp();
    let (issuer, issuer_pub) = keypair(d.path(), "issuer");
    let (holder, _) = keypair(d.path(), "holder");
    let claims = write(
        d.path(),
        "c.json",
        json!({"iss": "https://issuer.example",
        "given_name": "Ama", "family_name": "Mensah",
        "address": {"street_address": "1 Rue", "locality": "Lomé", "country": "TG"},
        "nationalities": ["TG", "GH"]})
        .to_string(),
    );
    let cases: &[(&[&str], &[&str], Value)] = &[
        (
            &["--sd", "given_name", "--sd", "family_name"],
            &["--claim", "given_name"],
            json!({"given_name": "Ama", "address": {"street_address": "1 Rue", "locality": "Lomé", "country": "TG"}}),
        ),
        (
            &[
                "--sd",
                "address.street_address",
                "--sd",
                "address",
                "--decoys",
                "4",
            ],
            &["--claim", "address.locality"],
            json!({"address": {"locality": "Lomé", "country": "TG"}, "given_name": "Ama"}),
        ),
        (
            &[
                "--sd",
                "nationalities[0]",
                "--sd",
                "nationalities[1]",
                "--sd-alg",
                "sha-384",
            ],
            &["--claim", "nationalities[1]"],
            json!({"nationalities": ["GH"]}),
        ),
        (
            &["--sd-all", "--sd-alg", "sha-512"],
            &["--all"],
            json!({"given_name": "Ama", "nationalities": ["TG", "GH"]}),
        ),
        (
            &["--sd-all"],
            &["--none"],
            json!({"iss": "https://issuer.example"}),
        ),
    ];
    let mut jobs = vec![];
    for (i, (sign, disclose, _)) in cases.iter().enumerate() {
        let mut args: Vec<String> = ["sign", "--key"].map(String::from).to_vec();
        args.push(issuer.display().to_string());
        args.extend([
            "--claims".into(),
            format!("@{}", claims.display()),
            "--holder-key".into(),
            holder.display().to_string(),
            "--typ".into(),
            "dc+sd-jwt".into(),
            "--now".into(),
            NOW.to_string(),
        ]);
        args.extend(sign.iter().map(|s| s.to_string()));
        let issued = jot_ok(&args);
        let mut args: Vec<String> = vec!["disclose".into(), issued.trim().into()];
        args.extend(disclose.iter().map(|s| s.to_string()));
        args.extend([
            "--holder-key".into(),
            holder.display().to_string(),
            "--aud".into(),
            "https://verifier.example".into(),
            "--nonce".into(),
            format!("n-{i}"),
            "--now".into(),
            NOW.to_string(),
        ]);
        let shown = jot_ok(&args);
        jobs.push(json!({"op": "verify", "token": shown.trim(), "issuer": issuer_pub, "nonce": format!("n-{i}"), "now": NOW}));
    }
    let results = node_batch(d.path(), &Value::Array(jobs.clone()));
    let mut passed = 0;
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r["ok"], true, "case {i}: {r}");
        for (k, want) in cases[i].2.as_object().unwrap() {
            assert_eq!(&r["claims"][k], want, "case {i} claim {k}: {r}");
        }
        assert_eq!(r["kb"]["aud"], "https://verifier.example");
        assert_eq!(r["kb"]["nonce"], format!("n-{i}"));
        passed += 1;
    }
    assert_eq!(
        passed, 5,
        "jot → @sd-jwt/core: 5 presentations with KB-JWT verified"
    );
    // Theirs refuses one of jot's presentations with a disclosure dropped after binding.
    let first = jobs[0]["token"].as_str().unwrap();
    let parts: Vec<&str> = first.split('~').collect();
    let dropped = format!("{}~{}", parts[0], parts[parts.len() - 1]);
    let job = json!([{"op": "verify", "token": dropped, "issuer": issuer_pub, "nonce": "n-0", "now": NOW}]);
    let r = &node_batch(d.path(), &job)[0];
    assert_eq!(
        r["ok"], false,
        "a dropped disclosure must break sd_hash: {r}"
    );
}
