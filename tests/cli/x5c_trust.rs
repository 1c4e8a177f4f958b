//! `verify --trust-anchor`: a protected header's x5c chain (root → intermediate → leaf, made
//! with the openssl CLI at test time, EC P-256 and RSA) verifies the token with the leaf's
//! key only when it validates to an anchor at the verify clock; every check the path
//! validation makes has a test that breaks exactly it.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{have_openssl, openssl, tmp, write};
use crate::token_common::{b64, run};

/// How the chain under test is made.
#[derive(Clone, Copy)]
struct Spec {
    rsa: bool,
    /// The root's pathLenConstraint.
    root_pathlen: Option<u8>,
    /// Whether the intermediate has basicConstraints CA=true.
    int_ca: bool,
}

const GOOD: Spec = Spec {
    rsa: false,
    root_pathlen: None,
    int_ca: true,
};

/// root.pem, int.pem, leaf.pem and leaf.key in `dir`; the x5c value [leaf, int] and the
/// leaf's SHA-256.
fn pki(dir: &Path, s: Spec) -> (Value, Vec<u8>) {
    let newkey = if s.rsa {
        "-newkey rsa:2048"
    } else {
        "-newkey ec -pkeyopt ec_paramgen_curve:P-256"
    };
    let pathlen = s
        .root_pathlen
        .map(|n| format!(",pathlen:{n}"))
        .unwrap_or_default();
    write(
        dir,
        "root.cnf",
        format!(
            "[req]\ndistinguished_name=dn\nx509_extensions=ext\nprompt=no\n[dn]\nCN=Test Root\n\
             [ext]\nbasicConstraints=critical,CA:true{pathlen}\nkeyUsage=critical,keyCertSign\n"
        ),
    );
    let int_bc = if s.int_ca {
        "critical,CA:true"
    } else {
        "CA:false"
    };
    write(
        dir,
        "int.ext",
        format!("basicConstraints={int_bc}\nkeyUsage=critical,keyCertSign\n"),
    );
    write(dir, "alg", if s.rsa { "RS256" } else { "ES256" });
    write(dir, "leaf.ext", "keyUsage=critical,digitalSignature\n");
    openssl(
        dir,
        &format!(
            "req -x509 -config root.cnf {newkey} -nodes -keyout root.key -out root.pem -days 30"
        ),
    );
    for (name, cn) in [("int", "Test-Int"), ("leaf", "leaf")] {
        openssl(
            dir,
            &format!("req {newkey} -nodes -keyout {name}.key -out {name}.csr -subj /CN={cn}"),
        );
    }
    openssl(dir, "x509 -req -in int.csr -CA root.pem -CAkey root.key -set_serial 2 -out int.pem -days 20 -extfile int.ext");
    openssl(dir, "x509 -req -in leaf.csr -CA int.pem -CAkey int.key -set_serial 3 -out leaf.pem -days 10 -extfile leaf.ext");
    let der = |name: &str| openssl(dir, &format!("x509 -in {name} -outform DER"));
    use base64ct::Encoding;
    let (leaf, int) = (der("leaf.pem"), der("int.pem"));
    let sha = <sha2::Sha256 as sha2::Digest>::digest(&leaf).to_vec();
    let x5c = json!([
        base64ct::Base64::encode_string(&leaf),
        base64ct::Base64::encode_string(&int)
    ]);
    (x5c, sha)
}

/// A token signed by the leaf key (with openssl: `jot sign` refuses to embed an x5c) with
/// these extra header members; ES256 for an EC leaf, RS256 for an RSA one.
fn signed(dir: &Path, header: &[(&str, Value)]) -> String {
    let rsa = std::fs::read(dir.join("alg")).unwrap() == b"RS256";
    let mut h = json!({"alg": if rsa { "RS256" } else { "ES256" }, "typ": "JWT"});
    for (k, v) in header {
        h[*k] = v.clone();
    }
    let input = format!(
        "{}.{}",
        b64(h.to_string().as_bytes()),
        b64(claims_now().as_bytes())
    );
    write(dir, "input", &input);
    let sig = openssl(dir, "dgst -sha256 -sign leaf.key input");
    let sig = if rsa { sig } else { der_to_raw(&sig) };
    format!("{input}.{}", b64(&sig))
}

/// Claims valid for an hour from the real clock (the chain is made now).
fn claims_now() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    json!({"sub": "alice", "iat": now, "exp": now + 3600}).to_string()
}

/// A DER ECDSA P-256 signature as JWS r||s (lengths under 128: short form).
fn der_to_raw(der: &[u8]) -> Vec<u8> {
    assert_eq!(der[0], 0x30);
    let mut out = Vec::new();
    let mut at = 2;
    for _ in 0..2 {
        assert_eq!(der[at], 0x02);
        let len = usize::from(der[at + 1]);
        let n = &der[at + 2..at + 2 + len];
        let n = &n[n.len().saturating_sub(32)..];
        out.extend(std::iter::repeat_n(0, 32 - n.len()));
        out.extend_from_slice(n);
        at += 2 + len;
    }
    out
}

/// `jot verify TOKEN --trust-anchor ANCHOR` plus extra args.
fn verify(token: &str, anchor: &Path, extra: &[&str]) -> crate::token_common::Run {
    let anchor = anchor.display().to_string();
    let mut args = vec!["verify", token, "--trust-anchor", &anchor];
    args.extend_from_slice(extra);
    run(&args)
}

fn checked(dir: &Path, s: Spec) -> crate::token_common::Run {
    let (x5c, _) = pki(dir, s);
    let t = signed(dir, &[("x5c", x5c.clone())]);
    verify(&t, &dir.join("root.pem"), &[])
}

#[test]
fn x5c_chain_to_a_trust_anchor_verifies_ec_and_rsa() {
    if !have_openssl() {
        return;
    }
    for rsa in [false, true] {
        let dir = tmp();
        let (x5c, sha) = pki(dir.path(), Spec { rsa, ..GOOD });
        let t = signed(
            dir.path(),
            &[("x5c", x5c.clone()), ("x5t#S256", json!(b64(&sha)))],
        );
        let r = verify(&t, &dir.path().join("root.pem"), &[]).code(0);
        assert!(
            r.stderr
                .contains("chain validated to trust anchor CN=Test Root"),
            "{r:?}"
        );
        let j: Value = serde_json::from_str(
            &verify(&t, &dir.path().join("root.pem"), &["--json"])
                .code(0)
                .stdout,
        )
        .unwrap();
        assert_eq!(j["x5c_anchor"], "CN=Test Root");
        // The anchor itself may end the chain.
        let root = openssl(dir.path(), "x509 -in root.pem -outform DER");
        let mut full = x5c.clone();
        full.as_array_mut().unwrap().push(json!(
            <base64ct::Base64 as base64ct::Encoding>::encode_string(&root)
        ));
        let t3 = signed(dir.path(), &[("x5c", full)]);
        verify(&t3, &dir.path().join("root.pem"), &[]).code(0);
        // alg pinning still applies: the leaf key's algs, or --alg.
        let other = if rsa { "ES256" } else { "RS256" };
        let r = verify(&t, &dir.path().join("root.pem"), &["--alg", other]).code(1);
        assert!(r.all().contains("not allowed"), "{r:?}");
    }
}

#[test]
fn x5c_is_ignored_without_a_trust_anchor() {
    if !have_openssl() {
        return;
    }
    let dir = tmp();
    let (x5c, _) = pki(dir.path(), GOOD);
    let t = signed(dir.path(), &[("x5c", x5c.clone())]);
    let r = run(&["verify", &t]).code(2);
    assert!(r.stderr.contains("error:"), "{r:?}");
    // With another key the x5c is reported as ignored and does not help.
    let other = tmp();
    pki(other.path(), GOOD);
    let key = other.path().join("leaf.pem").display().to_string();
    let r = run(&["verify", &t, "--key", &key]).code(1);
    assert!(r.all().contains("\"x5c\" ignored"), "{r:?}");
}

#[test]
fn x5c_chain_to_another_anchor_is_invalid() {
    if !have_openssl() {
        return;
    }
    let (dir, other) = (tmp(), tmp());
    let (x5c, _) = pki(dir.path(), GOOD);
    pki(other.path(), GOOD);
    let t = signed(dir.path(), &[("x5c", x5c.clone())]);
    // Same subject name, another key: the signature decides.
    let r = verify(&t, &other.path().join("root.pem"), &[]).code(1);
    assert!(r.all().contains("not issued by any trust anchor"), "{r:?}");
}

#[test]
fn x5c_chain_with_an_expired_leaf_is_invalid() {
    if !have_openssl() {
        return;
    }
    let dir = tmp();
    let (x5c, _) = pki(dir.path(), GOOD);
    let t = signed(dir.path(), &[("x5c", x5c.clone())]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Past the leaf's 10 days, within the others' 20 and 30; --leeway keeps exp out of it.
    let at = (now + 15 * 86400).to_string();
    let r = verify(
        &t,
        &dir.path().join("root.pem"),
        &["--now", &at, "--leeway", "30d"],
    )
    .code(1);
    assert!(
        r.all()
            .contains("x5c chain: certificate 0 (CN=leaf) is expired at"),
        "{r:?}"
    );
}

#[test]
fn x5c_intermediate_without_ca_basic_constraints_is_invalid() {
    if !have_openssl() {
        return;
    }
    let dir = tmp();
    let r = checked(
        dir.path(),
        Spec {
            int_ca: false,
            ..GOOD
        },
    )
    .code(1);
    assert!(
        r.all().contains("without basicConstraints CA=true"),
        "{r:?}"
    );
}

#[test]
fn x5c_chain_exceeding_the_root_path_length_is_invalid() {
    if !have_openssl() {
        return;
    }
    let dir = tmp();
    let r = checked(
        dir.path(),
        Spec {
            root_pathlen: Some(0),
            ..GOOD
        },
    )
    .code(1);
    assert!(r.all().contains("pathLenConstraint"), "{r:?}");
    // pathlen:1 allows the one intermediate.
    let dir = tmp();
    checked(
        dir.path(),
        Spec {
            root_pathlen: Some(1),
            ..GOOD
        },
    )
    .code(0);
}

#[test]
fn x5c_with_a_wrong_x5t_s256_is_invalid() {
    if !have_openssl() {
        return;
    }
    let dir = tmp();
    let (x5c, _) = pki(dir.path(), GOOD);
    let t = signed(
        dir.path(),
        &[("x5c", x5c.clone()), ("x5t#S256", json!(b64(&[7u8; 32])))],
    );
    let r = verify(&t, &dir.path().join("root.pem"), &[]).code(1);
    assert!(r.all().contains("x5t#S256 does not match"), "{r:?}");
}

#[test]
fn x5c_in_an_unprotected_json_header_is_never_used() {
    if !have_openssl() {
        return;
    }
    let dir = tmp();
    let (x5c, _) = pki(dir.path(), GOOD);
    let root = dir.path().join("root.pem");
    let flattened = |t: &str, unprotected: Value| {
        let p: Vec<&str> = t.split('.').collect();
        json!({"protected": p[0], "header": unprotected, "payload": p[1], "signature": p[2]})
            .to_string()
    };
    let bare = signed(dir.path(), &[]);
    let r = verify(&flattened(&bare, json!({"x5c": x5c})), &root, &[]).code(1);
    assert!(!r.all().contains("chain validated"), "{r:?}");
    // The same chain in the protected header of a flattened JWS is used.
    let covered = signed(dir.path(), &[("x5c", x5c.clone())]);
    let r = verify(&flattened(&covered, json!({})), &root, &["--json"]).code(0);
    let j: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["x5c_anchor"], "CN=Test Root", "{r:?}");
}
