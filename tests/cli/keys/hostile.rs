//! Hostile key inputs: each must be refused with exit 2, a message on stderr that starts
//! with "error:", and no panic, within the hang guard of `common::jot`.

use std::path::Path;

use super::fixture;
use crate::common::*;

/// An RSA-1024 public key (made once with openssl for this test; 1024 bits is the point).
const RSA_1024: &str = r#"{"kty":"RSA","n":"52RgrOhNVXjr3hDfqOs1cEnzXwhcoKooWnwdT_pjhRRzqF0ZmUZys_hC1h8F2uLTdr2u2EwcrrGUq2pEpD707_rMdVhFa0IsRc6sMLxUYIgDcmqHyBWBBvOyHCXSjTyugv9sgALeuuQ1SbBnMQ49NoHWf8vLALXlvqBLMte8Nps","e":"AQAB"}"#;

/// Run `convert` and `thumbprint` on `path`; both must refuse it cleanly. Returns the
/// stderr of `convert`.
fn refused(path: &Path, extra: &[&str]) -> String {
    let thumb = jot()
        .arg("thumbprint")
        .arg(path)
        .args(extra)
        .output()
        .expect("run");
    assert_input_error(&thumb);
    let out = jot()
        .arg("convert")
        .arg(path)
        .args(["--to", "jwk"])
        .args(extra)
        .output()
        .expect("run");
    assert!(
        out.stdout.is_empty(),
        "{}: output on refusal",
        path.display()
    );
    assert_input_error(&out)
}

fn es256_pem() -> String {
    jot()
        .args(["convert", "-", "--to", "pem"])
        .write_stdin(fixture("ES256"))
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .expect("run jot")
}

#[test]
fn truncated_pem_is_refused() {
    let dir = tmp();
    let pem = es256_pem();
    for cut in [pem.len() / 2, pem.len() - 10, 40] {
        let p = write(dir.path(), "cut.pem", &pem[..cut]);
        refused(&p, &[]);
    }
    // A complete frame around a body missing its second half.
    let lines: Vec<&str> = pem.lines().collect();
    let short = format!("{}\n{}\n{}\n", lines[0], lines[1], lines[lines.len() - 1]);
    refused(&write(dir.path(), "short.pem", short), &[]);
}

#[test]
fn wrong_pem_label_is_refused_and_named() {
    let dir = tmp();
    let pem = es256_pem().replace("PRIVATE KEY", "OPENSSH PRIVATE KEY");
    let stderr = refused(&write(dir.path(), "k.pem", pem), &[]);
    assert!(stderr.contains("OPENSSH PRIVATE KEY"), "{stderr}");
}

#[test]
fn garbage_der_is_refused() {
    let dir = tmp();
    let cases: [&[u8]; 4] = [
        b"\x30\x82\xff\xffjunkjunkjunk",
        b"\x30\x03\x02\x01",
        b"\x30\x80\x00\x00",
        &[0x30; 64],
    ];
    for (i, bytes) in cases.iter().enumerate() {
        refused(&write(dir.path(), &format!("g{i}.der"), bytes), &[]);
    }
}

#[test]
fn ec_point_off_the_curve_is_refused() {
    let dir = tmp();
    let mut jwk = json(fixture("ES256"));
    // Change the last character of y: the point is then (all but certainly) not on P-256.
    // Only A, E, I, … are canonical there (the 2 padding bits must be zero), so the swap
    // stays canonical and the key is refused for its curve, not for its base64.
    let y = jwk["y"].as_str().expect("y").to_owned();
    let last = if y.ends_with('A') { "E" } else { "A" };
    jwk["y"] = format!("{}{last}", &y[..y.len() - 1]).into();
    jwk.as_object_mut().expect("object").remove("d");
    let stderr = refused(&write(dir.path(), "off.jwk", jwk.to_string()), &[]);
    assert!(stderr.contains("curve"), "{stderr}");
}

#[test]
fn rsa_modulus_with_a_leading_zero_octet_is_refused() {
    let dir = tmp();
    let mut jwk = json(RSA_1024);
    let n = jot::b64::decode(jwk["n"].as_str().expect("n")).expect("n decodes");
    let mut padded = vec![0u8];
    padded.extend(n);
    jwk["n"] = jot::b64::encode(&padded).into();
    let stderr = refused(
        &write(dir.path(), "zero.jwk", jwk.to_string()),
        &["--allow-weak"],
    );
    assert!(stderr.contains("leading zero"), "{stderr}");
}

#[test]
fn empty_and_whitespace_files_are_refused() {
    let dir = tmp();
    refused(&write(dir.path(), "empty", ""), &[]);
    refused(&write(dir.path(), "blank", " \n\t\n"), &[]);
}

#[test]
fn a_50_megabyte_file_is_refused_before_parsing() {
    let dir = tmp();
    let p = dir.path().join("big");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(50 * 1024 * 1024).expect("sparse 50 MB file");
    let stderr = refused(&p, &[]);
    assert!(stderr.contains("larger than"), "{stderr}");
}

#[test]
fn deeply_nested_json_is_refused() {
    let dir = tmp();
    refused(&write(dir.path(), "arr.json", "[".repeat(100_000)), &[]);
    let obj = format!("{{\"kty\":{}", "[".repeat(100_000));
    refused(&write(dir.path(), "obj.json", obj), &[]);
    let keys = format!("{{\"keys\":{}", "[{\"keys\":".repeat(50_000));
    refused(&write(dir.path(), "keys.json", keys), &[]);
}

#[test]
fn unknown_kty_and_crv_are_refused_and_named() {
    let dir = tmp();
    let cases = [
        (r#"{"kty":"XYZ","x":"AA"}"#, "XYZ"),
        (r#"{"kty":"EC","crv":"P-999","x":"AA","y":"AA"}"#, "P-999"),
        (r#"{"kty":"OKP","crv":"Ed448","x":"AA"}"#, "Ed448"),
        (r#"{"kty":"OKP","crv":"X25519","x":"AA"}"#, "X25519"),
        (r#"{"keys":[{"kty":"ZZZ"}]}"#, "ZZZ"),
    ];
    for (i, (text, named)) in cases.iter().enumerate() {
        let stderr = refused(&write(dir.path(), &format!("u{i}.jwk"), text), &[]);
        assert!(stderr.contains(named), "{text}: {stderr}");
    }
}

#[test]
fn rsa_1024_is_refused_unless_allow_weak() {
    let dir = tmp();
    let p = write(dir.path(), "weak.jwk", RSA_1024);
    let stderr = refused(&p, &[]);
    assert!(
        stderr.contains("1024") && stderr.contains("--allow-weak"),
        "{stderr}"
    );
    let out = jot()
        .arg("convert")
        .arg(&p)
        .args(["--to", "jwk", "--allow-weak"])
        .output()
        .expect("run");
    assert_success(&out, "convert --allow-weak");
    assert_eq!(json(&String::from_utf8_lossy(&out.stdout)), json(RSA_1024));
}

#[test]
fn mismatched_private_members_are_refused() {
    let dir = tmp();
    let mut ec = json(fixture("ES256"));
    ec["d"] = json(fixture("ES256K"))["d"].clone();
    refused(&write(dir.path(), "ec.jwk", ec.to_string()), &[]);
    // A valid Ed25519 public key (RFC 8037 A.2) that is not this seed's.
    let mut ed = json(fixture("EdDSA"));
    ed["x"] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo".into();
    let stderr = refused(&write(dir.path(), "ed.jwk", ed.to_string()), &[]);
    assert!(stderr.contains("does not match"), "{stderr}");
}
