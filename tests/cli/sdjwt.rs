//! SD-JWT through the real binary: RFC 9901's examples verified with its issuer key,
//! issue → decode → disclose → verify, the key-binding options, and bad input getting
//! one error line with the right exit code.

use std::path::{Path, PathBuf};

use crate::common::{assert_input_error, jot, jot_ok, json, tmp, write};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/sdjwt/vectors");
/// Inside the RFC examples' validity, 29 s after the A.3 KB-JWT's iat.
pub(crate) const RFC_NOW: &str = "1748454300";

pub(crate) fn vector(name: &str) -> String {
    std::fs::read_to_string(Path::new(VECTORS).join(name))
        .unwrap()
        .trim()
        .to_owned()
}

fn rfc_key() -> PathBuf {
    Path::new(VECTORS).join("rfc9901-A.5-issuer.jwk")
}

pub(crate) fn keys(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (i, p, h) = (
        dir.join("iss.pem"),
        dir.join("iss.pub.pem"),
        dir.join("holder.pem"),
    );
    jot_ok(
        ["keygen", "ES256", "--out"]
            .iter()
            .map(|s| s.to_string())
            .chain([i.display().to_string()]),
    );
    jot_ok(
        ["keygen", "EdDSA", "--out"]
            .iter()
            .map(|s| s.to_string())
            .chain([h.display().to_string()]),
    );
    jot_ok([
        "convert".to_string(),
        i.display().to_string(),
        "--to".into(),
        "pem".into(),
        "--public".into(),
        "--out".into(),
        p.display().to_string(),
    ]);
    (i, p, h)
}

#[test]
fn rfc9901_examples_verify_with_the_a5_issuer_key() {
    let out = jot()
        .args(["verify", &vector("rfc9901-5.1-issued.txt"), "--key"])
        .arg(rfc_key())
        .args(["--now", RFC_NOW, "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(v["claims"]["address"]["locality"], "Anytown");
    assert_eq!(
        v["claims"]["nationalities"],
        serde_json::json!(["US", "DE"])
    );
    assert_eq!(v["disclosed"].as_array().unwrap().len(), 10);
    assert!(v["warnings"][0].as_str().unwrap().contains("no KB-JWT"));
    let out = jot()
        .args(["verify", &vector("rfc9901-A.3-presented-kb.txt"), "--key"])
        .arg(rfc_key())
        .args([
            "--now",
            RFC_NOW,
            "--kb-aud",
            "https://verifier.example.org",
            "--kb-nonce",
            "1234567890",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("disclosed: age_equal_or_over, age_equal_or_over.18, nationalities (bound"),
        "{err}"
    );
}

#[test]
fn a_present_kb_jwt_is_checked_without_options() {
    // An hour later the A.3 KB-JWT is stale, even though nobody passed --kb-*.
    let out = jot()
        .args(["verify", &vector("rfc9901-A.3-presented-kb.txt"), "--key"])
        .arg(rfc_key())
        .args(["--now", "1748457900"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("KB-JWT: older than --kb-max-age"));
}

#[test]
fn claim_checks_run_on_the_rebuilt_claims() {
    let d = tmp();
    let (iss, public, _) = keys(d.path());
    let sd = jot_ok([
        "sign",
        "--key",
        iss.to_str().unwrap(),
        "--claim",
        "role=admin",
        "--sub",
        "alice",
        "--sd",
        "role",
        "--sd",
        "sub",
    ]);
    // Disclosed: --require role and --sub alice hold.
    jot_ok([
        "verify",
        sd.trim(),
        "--key",
        public.to_str().unwrap(),
        "--require",
        "role",
        "--require",
        "exp",
        "--sub",
        "alice",
    ]);
    // Not disclosed: they fail.
    let none = jot_ok(["disclose", sd.trim(), "--none"]);
    let out = jot()
        .args([
            "verify",
            none.trim(),
            "--key",
            public.to_str().unwrap(),
            "--require",
            "role",
            "--sub",
            "alice",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("required claim \"role\" is missing") && text.contains("no sub claim"),
        "{text}"
    );
}

#[test]
fn issue_decode_disclose_verify_with_key_binding() {
    let d = tmp();
    let (iss, public, holder) = keys(d.path());
    let claims = write(
        d.path(),
        "c.json",
        r#"{"given_name":"Ama","address":{"street_address":"1 Rue","country":"TG"},"nationalities":["TG","GH"]}"#,
    );
    let sd = jot_ok([
        "sign",
        "--key",
        iss.to_str().unwrap(),
        "--claims",
        &format!("@{}", claims.display()),
        "--sd",
        "given_name",
        "--sd",
        "address.street_address",
        "--sd",
        "nationalities[0]",
        "--decoys",
        "2",
        "--holder-key",
        holder.to_str().unwrap(),
        "--typ",
        "dc+sd-jwt",
    ]);
    let sd = sd.trim();
    assert_eq!(
        sd.matches('~').count(),
        4,
        "three disclosures and the trailing ~"
    );
    let dec = json(&jot_ok(["decode", sd, "--json"]));
    assert_eq!(dec["issuer_jwt"]["header"]["typ"], "dc+sd-jwt");
    assert_eq!(dec["disclosures"].as_array().unwrap().len(), 3);
    assert_eq!(
        dec["undisclosed_digests"].as_array().unwrap().len(),
        2,
        "the decoys"
    );
    assert_eq!(dec["claims"]["address"]["street_address"], "1 Rue");
    assert_eq!(dec["issuer_jwt"]["payload"]["cnf"]["jwk"]["kty"], "OKP");
    let text = jot_ok(["decode", sd]);
    assert!(
        text.contains("address.street_address = \"1 Rue\""),
        "{text}"
    );
    let shown = jot_ok([
        "disclose",
        sd,
        "--claim",
        "address.street_address",
        "--holder-key",
        holder.to_str().unwrap(),
        "--aud",
        "https://v.example",
        "--nonce",
        "n1",
    ]);
    let out = jot()
        .args([
            "verify",
            shown.trim(),
            "--key",
            public.to_str().unwrap(),
            "--kb-aud",
            "https://v.example",
            "--kb-nonce",
            "n1",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(
        v["disclosed"],
        serde_json::json!(["address.street_address"])
    );
    assert_eq!(v["key_binding"], true);
    assert!(v["claims"].get("given_name").is_none());
    // The wrong nonce, and a presentation without a KB-JWT under --require-kb, fail.
    for extra in [&["--kb-nonce", "n2"][..], &["--require-kb"][..]] {
        let t = if extra[0] == "--require-kb" {
            sd
        } else {
            shown.trim()
        };
        let out = jot()
            .args(["verify", t, "--key", public.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
    }
}

#[test]
fn malformed_sd_jwts_get_one_error_line() {
    let jwt = vector("rfc9901-5.1-issued.txt");
    let jwt = jwt.split('~').next().unwrap();
    let b64 = |s: &str| {
        use base64ct::{Base64UrlUnpadded, Encoding};
        Base64UrlUnpadded::encode_string(s.as_bytes())
    };
    for (bad, why) in [
        (format!("{jwt}~%%%~"), "not base64url"),
        (format!("{jwt}~{}~", b64(r#"["s","n"#)), "not JSON"),
        (format!("{jwt}~{}~", b64(r#"["s"]"#)), "not 2 or 3"),
        (
            format!("{jwt}~{}~", b64(r#"[1,"n",2]"#)),
            "salt is not a string",
        ),
        (
            format!("{jwt}~{}~", b64(r#"["s",1,2]"#)),
            "name is not a string",
        ),
        (format!("{jwt}~~"), "empty"),
        ("abc~".to_owned(), "not an SD-JWT"),
    ] {
        let out = jot().args(["decode", &bad]).output().unwrap();
        let err = assert_input_error(&out);
        assert_eq!(
            err.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{err}"
        );
        assert!(err.contains(why), "{bad}: {err}");
        let out = jot()
            .args(["verify", &bad, "--key"])
            .arg(rfc_key())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "verify {bad}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("invalid: malformed SD-JWT"));
    }
}

#[test]
fn a_kb_jwt_without_sd_hash_is_refused() {
    let d = tmp();
    let (iss, public, holder) = keys(d.path());
    let sd = jot_ok([
        "sign",
        "--key",
        iss.to_str().unwrap(),
        "--holder-key",
        holder.to_str().unwrap(),
        "--claim",
        "a=1",
        "--sd",
        "a",
    ]);
    // A KB-JWT made by hand with everything but sd_hash.
    let kb = jot_ok([
        "sign",
        "--key",
        holder.to_str().unwrap(),
        "--header",
        "typ=kb+jwt",
        "--aud",
        "v",
        "--claim",
        "nonce=n",
        "--no-exp",
    ]);
    let t = format!("{}{}", sd.trim(), kb.trim());
    let out = jot()
        .args(["verify", &t, "--key", public.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("KB-JWT: no sd_hash claim"), "{text}");
}

#[test]
fn sign_refuses_reserved_and_missing_paths() {
    let d = tmp();
    let (iss, _, _) = keys(d.path());
    for (path, why) in [
        ("_sd", "forbids"),
        ("nope", "no claim"),
        ("a[", "without ']'"),
    ] {
        let out = jot()
            .args([
                "sign",
                "--key",
                iss.to_str().unwrap(),
                "--claim",
                "a=1",
                "--sd",
                path,
            ])
            .output()
            .unwrap();
        let err = assert_input_error(&out);
        assert!(err.contains(why), "{path}: {err}");
    }
}
