//! Forgeries: unsigned tokens, key confusion, keys named by the token, kid tricks, psychic
//! ECDSA signatures, stripped and tampered signatures, and keys whose own metadata forbid
//! the use.

use std::net::TcpListener;

use jot::alg::Alg;
use serde_json::Value;

use super::{attacker, forge_with};
use crate::token_common::{b64, forge, forge_hs256, good_claims, keys, run, sign, unb64, verify};

const BAD_SIG: &str = "signature does not verify";

#[test]
fn alg_none_is_never_accepted_in_any_spelling() {
    let k = keys();
    let secret = k.secret_file("HS256");
    let raw = std::fs::read(&secret).expect("secret");
    for alg in ["none", "None", "NONE", "nOnE", " none", "none "] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let unsigned = forge(&header, &good_claims(), b"");
        // "Signed" as if alg were HS256: a verifier that skips none-checks would accept it.
        let signed = forge_hs256(&header, &good_claims(), &raw);
        for token in [&unsigned, &signed] {
            for key in [
                vec!["--secret-file", secret.as_str()],
                vec!["--key", &k.private("HS256")],
            ] {
                let mut args = vec!["verify", token.as_str(), "--now", "1700000010"];
                args.extend(key);
                let r = run(&args).code(1);
                assert!(r.stdout.contains("never accepted"), "{alg:?}: {r:#?}");
            }
        }
        let r = verify(&unsigned, &k.public("ES256"), &[]).code(1);
        assert!(r.stdout.contains("never accepted"), "{alg:?}: {r:#?}");
    }
    for alg in ["none", "NONE"] {
        let r = verify(
            &sign(&k.private("ES256"), &[]),
            &k.public("ES256"),
            &["--alg", alg],
        );
        assert!(
            r.code(2).stderr.contains("never"),
            "--alg {alg} is a usage error"
        );
    }
}

/// The classic: an RS256 verifier handed an HS256 token whose HMAC key is the RSA public key.
#[test]
fn rs256_to_hs256_confusion_with_the_pem_public_key_fails() {
    let k = keys();
    let pem = k.public("RS256");
    let pem_bytes = std::fs::read(&pem).expect("pem");
    let token = forge_hs256(r#"{"alg":"HS256","typ":"JWT"}"#, &good_claims(), &pem_bytes);
    let r = verify(&token, &pem, &[]).code(1);
    assert!(r.stdout.contains("HS256 is not allowed"), "{r:#?}");
    let r = verify(&token, &pem, &["--alg", "HS256"]).code(1);
    assert!(
        r.stdout.contains("no supplied key can verify HS256"),
        "{r:#?}"
    );
    // Trimmed, or as the PEM's DER: no spelling of the public key is a secret.
    let trimmed = String::from_utf8(pem_bytes).unwrap().trim().to_owned();
    let token = forge_hs256(r#"{"alg":"HS256"}"#, &good_claims(), trimmed.as_bytes());
    verify(&token, &pem, &["--alg", "HS256", "--alg", "RS256"]).code(1);
}

#[test]
fn rs256_to_hs256_confusion_with_a_jwk_public_key_fails() {
    let k = keys();
    let jwk_path = k.dir.join("rsa.pub.jwk").to_string_lossy().into_owned();
    run(&[
        "convert",
        &k.public("RS256"),
        "--to",
        "jwk",
        "--public",
        "--force",
        "--out",
        &jwk_path,
    ])
    .ok();
    let jwk_text = std::fs::read(&jwk_path).expect("jwk");
    let jwk: Value = serde_json::from_slice(&jwk_text).expect("jwk json");
    for secret in [jwk_text.clone(), unb64(jwk["n"].as_str().unwrap())] {
        let token = forge_hs256(r#"{"alg":"HS256"}"#, &good_claims(), &secret);
        let r = verify(&token, &jwk_path, &[]).code(1);
        assert!(r.stdout.contains("not allowed"), "{r:#?}");
        verify(&token, &jwk_path, &["--alg", "HS256"]).code(1);
    }
    // The same for an EC public key.
    let ec = std::fs::read(k.public("ES256")).unwrap();
    let token = forge_hs256(r#"{"alg":"HS256"}"#, &good_claims(), &ec);
    verify(&token, &k.public("ES256"), &["--alg", "HS256"]).code(1);
}

#[test]
fn embedded_jwk_header_is_never_used_and_is_reported() {
    let k = keys();
    let evil = attacker(Alg::ES256);
    let jwk = evil.to_public().unwrap().to_json(false);
    let header = format!(r#"{{"alg":"ES256","jwk":{jwk}}}"#);
    let token = forge_with(&evil, Alg::ES256, &header, &good_claims());
    let r = verify(&token, &k.public("ES256"), &[]).code(1);
    assert_eq!(r.stdout.trim(), format!("invalid: {BAD_SIG}"), "{r:#?}");
    assert!(r.stderr.contains(r#"header "jwk" ignored"#), "{r:#?}");
    let r = verify(&token, &k.public("ES256"), &["--json"]).code(1);
    let v: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert!(v["warnings"][0].as_str().unwrap().contains("jwk"), "{v}");
    // An embedded HMAC key is no better.
    let header = r#"{"alg":"HS256","jwk":{"kty":"oct","k":"c2VjcmV0"}}"#;
    let token = forge_hs256(header, &good_claims(), b"secret");
    verify(&token, &k.private("HS256"), &[]).code(1);
}

#[test]
fn jku_and_x5u_are_never_fetched() {
    let k = keys();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().unwrap().port();
    let evil = attacker(Alg::ES256);
    for h in ["jku", "x5u"] {
        let header = format!(r#"{{"alg":"ES256","{h}":"http://127.0.0.1:{port}/jwks.json"}}"#);
        let token = forge_with(&evil, Alg::ES256, &header, &good_claims());
        let r = verify(&token, &k.public("ES256"), &[]).code(1);
        assert_eq!(
            r.stdout.trim(),
            format!("invalid: {BAD_SIG}"),
            "{h}: {r:#?}"
        );
        assert!(
            r.stderr.contains(&format!("header \"{h}\" ignored")),
            "{r:#?}"
        );
        // A port where nothing listens: still the signature, never a network error.
        let header = r#"{"alg":"ES256","jku":"http://127.0.0.1:9/k","x5u":"http://127.0.0.1:9/c"}"#;
        let token = forge_with(&evil, Alg::ES256, header, &good_claims());
        let r = verify(&token, &k.public("ES256"), &[]).code(1);
        assert_eq!(r.stdout.trim(), format!("invalid: {BAD_SIG}"), "{r:#?}");
    }
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("jot connected to the jku/x5u URL: {other:?}"),
    }
}

#[test]
fn x5c_header_is_never_used() {
    let k = keys();
    let evil = attacker(Alg::ES256);
    let token = forge_with(
        &evil,
        Alg::ES256,
        r#"{"alg":"ES256","x5c":["MIIB"]}"#,
        &good_claims(),
    );
    let r = verify(&token, &k.public("ES256"), &[]).code(1);
    assert!(r.stderr.contains(r#"header "x5c" ignored"#), "{r:#?}");
}

#[test]
fn kid_path_traversal_selects_no_key() {
    let k = keys();
    for secret in [&b""[..], b"\n", b"\0"] {
        let header = r#"{"alg":"HS256","kid":"../../../../dev/null"}"#;
        let token = forge_hs256(header, &good_claims(), secret);
        let r = verify(&token, &k.private("HS256"), &[]).code(1);
        assert!(r.stdout.contains("no supplied key has kid"), "{r:#?}");
        let r = run(&[
            "verify",
            &token,
            "--secret-file",
            &k.secret_file("HS256"),
            "--now",
            "1700000010",
        ]);
        assert!(r.code(1).stdout.contains(BAD_SIG));
    }
}

#[test]
fn kid_selects_only_among_the_supplied_keys() {
    let k = keys();
    let set = k.dir.join("two.jwks");
    let a = jot::keys::generate(Alg::ES256, None, Some("a".into())).unwrap();
    let b = jot::keys::generate(Alg::ES256, None, Some("b".into())).unwrap();
    let pubs = [a.to_public().unwrap(), b.to_public().unwrap()];
    std::fs::write(&set, jot::keys::to_jwks(&pubs, false).to_string()).unwrap();
    let set = set.to_string_lossy().into_owned();
    let claims = good_claims();
    let by_b = forge_with(&b, Alg::ES256, r#"{"alg":"ES256","kid":"b"}"#, &claims);
    verify(&by_b, &set, &[]).code(0);
    // Signed by b but claiming to be a: a's key is tried, and only a's.
    let lying = forge_with(&b, Alg::ES256, r#"{"alg":"ES256","kid":"a"}"#, &claims);
    assert!(verify(&lying, &set, &[]).code(1).stdout.contains(BAD_SIG));
    let unknown = forge_with(&b, Alg::ES256, r#"{"alg":"ES256","kid":"c"}"#, &claims);
    assert!(verify(&unknown, &set, &[])
        .code(1)
        .stdout
        .contains("no supplied key has kid"));
    let r = run(&["verify", &by_b, "--jwks", &set, "--now", "1700000010"]);
    r.code(0);
}

/// CVE-2022-21449: an ECDSA verifier that accepts r = s = 0 accepts anything.
#[test]
fn psychic_signatures_with_zero_or_order_r_and_s_fail() {
    let k = keys();
    let p256_n = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
    let n: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&p256_n[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    for (alg, len) in [("ES256", 64), ("ES384", 96), ("ES512", 132), ("ES256K", 64)] {
        let header = format!(r#"{{"alg":"{alg}"}}"#);
        let token = forge(&header, &good_claims(), &vec![0u8; len]);
        let r = verify(&token, &k.public(alg), &[]).code(1);
        assert!(r.stdout.contains(BAD_SIG), "{alg}: {r:#?}");
    }
    let rs = [n.clone(), n].concat();
    let token = forge(r#"{"alg":"ES256"}"#, &good_claims(), &rs);
    verify(&token, &k.public("ES256"), &[]).code(1);
}

#[test]
fn ecdsa_signatures_must_be_raw_r_s_of_the_curve_size() {
    let k = keys();
    let good = sign(&k.private("ES256"), &[]);
    verify(&good, &k.public("ES256"), &[]).code(0);
    let (input, sig) = good.rsplit_once('.').unwrap();
    let sig = unb64(sig);
    let (r, s) = sig.split_at(32);
    // The same r and s as ASN.1 DER (what a JCA/OpenSSL signer emits) are refused.
    let int = |x: &[u8]| {
        let mut v = x.to_vec();
        if v[0] & 0x80 != 0 {
            v.insert(0, 0);
        }
        [vec![0x02, v.len() as u8], v].concat()
    };
    let body = [int(r), int(s)].concat();
    let der = [vec![0x30, body.len() as u8], body].concat();
    for bad in [der, [vec![0u8], sig.clone()].concat(), sig[..63].to_vec()] {
        let token = format!("{input}.{}", b64(&bad));
        assert!(verify(&token, &k.public("ES256"), &[])
            .code(1)
            .stdout
            .contains(BAD_SIG));
    }
}

#[test]
fn stripped_signature_fails() {
    let k = keys();
    for alg in ["HS256", "ES256", "EdDSA"] {
        let token = sign(&k.private(alg), &[]);
        let (input, _) = token.rsplit_once('.').unwrap();
        let key = if alg == "HS256" {
            k.private(alg)
        } else {
            k.public(alg)
        };
        let r = verify(&format!("{input}."), &key, &[]).code(1);
        assert!(r.stdout.contains("signature is empty"), "{alg}: {r:#?}");
        verify(input, &key, &[]).refused();
    }
}

#[test]
fn tampered_header_payload_and_signature_fail() {
    let k = keys();
    for alg in ["HS256", "RS256", "ES256", "EdDSA"] {
        let token = sign(&k.private(alg), &["--sub", "alice"]);
        let key = if alg == "HS256" {
            k.private(alg)
        } else {
            k.public(alg)
        };
        verify(&token, &key, &[]).code(0);
        let seg: Vec<&str> = token.split('.').collect();
        let header = String::from_utf8(unb64(seg[0]))
            .unwrap()
            .replace("JWT", "JWS");
        let payload = String::from_utf8(unb64(seg[1]))
            .unwrap()
            .replace("alice", "admin");
        let mut sig = unb64(seg[2]);
        sig[0] ^= 1;
        for bad in [
            format!("{}.{}.{}", b64(header.as_bytes()), seg[1], seg[2]),
            format!("{}.{}.{}", seg[0], b64(payload.as_bytes()), seg[2]),
            format!("{}.{}.{}", seg[0], seg[1], b64(&sig)),
        ] {
            let r = verify(&bad, &key, &[]).code(1);
            assert_eq!(r.stdout.trim(), format!("invalid: {BAD_SIG}"), "{alg}");
        }
    }
}

#[test]
fn jwk_alg_use_and_key_ops_are_honoured() {
    let k = keys();
    let token = sign(&k.private("ES256"), &[]);
    let jwk = run(&["convert", &k.public("ES256"), "--to", "jwk", "--public"]).ok();
    let mut base: Value = serde_json::from_str(&jwk).unwrap();
    base.as_object_mut().unwrap().remove("kid");
    let cases = [
        (r#"{"use":"enc"}"#, "does not fit"),
        (r#"{"key_ops":["sign"]}"#, "does not fit"),
        (r#"{"alg":"ES384"}"#, "not allowed"),
    ];
    for (i, (extra, why)) in cases.iter().enumerate() {
        let mut j = base.clone();
        for (m, v) in serde_json::from_str::<Value>(extra)
            .unwrap()
            .as_object()
            .unwrap()
        {
            j[m] = v.clone();
        }
        let p = k.dir.join(format!("restricted-{i}.jwk"));
        std::fs::write(&p, j.to_string()).unwrap();
        let r = verify(&token, &p.to_string_lossy(), &[]).code(1);
        assert!(r.stdout.contains(why), "{extra}: {r:#?}");
    }
    let mut ok = base.clone();
    ok["key_ops"] = serde_json::json!(["verify"]);
    ok["use"] = "sig".into();
    let p = k.dir.join("verify-only.jwk");
    std::fs::write(&p, ok.to_string()).unwrap();
    verify(&token, &p.to_string_lossy(), &[]).code(0);
}

#[test]
fn rsa_keys_under_2048_bits_are_refused() {
    let k = keys();
    let out = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:1024",
        ])
        .output();
    let Ok(out) = out.map(|o| o.stdout).map_err(|_| ()) else {
        eprintln!("note: openssl not found; skipping the weak RSA key check");
        return;
    };
    let p = k.dir.join("rsa1024.pem");
    std::fs::write(&p, out).unwrap();
    let p = p.to_string_lossy().into_owned();
    let pub_pem = run(&["convert", &p, "--to", "pem", "--public", "--allow-weak"]).ok();
    let pp = k.dir.join("rsa1024.pub.pem");
    std::fs::write(&pp, pub_pem).unwrap();
    let token = run(&["sign", "--key", &p, "--allow-weak", "--now", "1700000000"]).ok();
    let r = verify(token.trim(), &pp.to_string_lossy(), &[]).code(2);
    assert!(r.stderr.contains("1024 bits"), "{r:#?}");
}
