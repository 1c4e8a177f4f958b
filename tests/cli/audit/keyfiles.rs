//! The key-file rules JOT101–JOT109 as a table: each row is a key file or JWKS (made with
//! `jot keygen`/`jot convert`, or by hand from their output), the rule ids its audit must
//! report and the ids it must not.

use std::path::Path;

use serde_json::{json, Value};

use crate::audit_common::*;

const KEY_RULES: &[&str] = &[
    "JOT101", "JOT102", "JOT103", "JOT104", "JOT105", "JOT106", "JOT107", "JOT108", "JOT109",
];

/// A 1024-bit RSA public key (generated once with openssl; public, so safe to ship).
const RSA_1024_PUB: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCsLjqVk1WRRW9TehJ4nbUVnNdW
BNZhNgKfyEYAS+bJLcSKVuf8xhSKDpn8hZeaNItkf1ZpdS5ZyNADnUlJ0DeVyQIe
Cwy/exuiEQnvZQsCrFreR6AWlCEIqCeGK9362z0w/PtjKz9jeTErVKBBvEceERmP
2iIbYTdGjNlM26GCPwIDAQAB
-----END PUBLIC KEY-----
";

/// A 2048-bit RSA public key, the smallest size JOT103 accepts.
const RSA_2048_PUB: &str = "-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxqtaZn8dUoxCybzJoN3+
FH/vK1Uu8+weMN4ru3Z1qi8NSiqjqxxwalsBoqpZVtlZocVjh2co7lxPxQLGBw+D
xoIiCAq4bAdO/HkWsfgUzrQtK1Jpx6ONI5fICBtjmhz+Kp8r+3Pg42aroEDX6xn4
Z2sGpvV7NRfQHYY/3zqy1xT6Wb+s8vvflE/pwkDhzMwo52EFNXzTB325ArQbLSbd
DcXmsIBc+hppFjXAfwcT1qzCDkUZqQcZbnySRr6+9zACC+FZX2UJVQh2ftoMOSfe
3GgqOkl3pMomAgtLeiVLuAlMcHM12xJLeSABWGdGkHJnxv6kqm45ZIDMwLskJp+B
uQIDAQAB
-----END PUBLIC KEY-----
";

/// A 34-byte secret: long enough to pass the length check, weak because a wordlist has it.
const LISTED_SECRET: &str = "correct horse battery staple 12345";

fn jot_ok(dir: &Path, args: &[&str]) -> String {
    let r = run_in(Some(dir), args, None);
    assert_eq!(r.code, 0, "jot {args:?}: {}", r.stderr);
    r.stdout
}

fn read_json(dir: &Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(name)).expect("read key");
    serde_json::from_str(&text).expect("JWK is JSON")
}

fn jwks(keys: Vec<Value>) -> String {
    json!({ "keys": keys }).to_string()
}

fn edit(mut key: Value, changes: Value) -> Value {
    if let (Some(k), Some(ch)) = (key.as_object_mut(), changes.as_object()) {
        for (name, v) in ch {
            if v.is_null() {
                k.remove(name);
            } else {
                k.insert(name.clone(), v.clone());
            }
        }
    }
    key
}

struct Case {
    name: &'static str,
    /// File name in the temporary directory (JOT101 also looks at "pub"/"jwks" in names).
    file: &'static str,
    /// Contents, or `None` for a file already made by keygen/convert.
    text: Option<String>,
    /// Unix mode to set.
    mode: Option<u32>,
    args: &'static [&'static str],
    present: &'static [&'static str],
    absent: &'static [&'static str],
}

fn cases(dir: &Path) -> Vec<Case> {
    for args in [
        &[
            "keygen",
            "ES256",
            "--format",
            "jwk",
            "--out",
            "es.jwk",
            "--public-out",
            "es.pub.jwk",
        ][..],
        &[
            "keygen",
            "ES256",
            "--format",
            "jwk",
            "--out",
            "es2.jwk",
            "--public-out",
            "es2.pub.jwk",
        ],
        &["keygen", "ES256", "--out", "es.pem"],
        &["keygen", "HS256", "--out", "hs.jwk"],
    ] {
        jot_ok(dir, args);
    }
    let public = jot_ok(dir, &["convert", "es.pub.jwk", "--to", "jwks"]);
    let private = jot_ok(dir, &["convert", "es.jwk", "--to", "jwks"]);
    let (a, b) = (read_json(dir, "es.pub.jwk"), read_json(dir, "es2.pub.jwk"));
    let oct =
        json!({"kty": "oct", "k": b64(&[9u8; 32]), "kid": "h1", "alg": "HS256", "use": "sig"});
    let kid = a["kid"].clone();
    let private_jwk = std::fs::read_to_string(dir.join("es.jwk")).expect("es.jwk");
    let listed = json!({"kty": "oct", "k": b64(LISTED_SECRET.as_bytes())}).to_string();
    let short = json!({"kty": "oct", "k": b64(b"secret")}).to_string();
    let c = |name, file, text: Option<String>, present, absent| Case {
        name,
        file,
        text,
        mode: Some(0o600),
        args: &[],
        present,
        absent,
    };
    vec![
        c(
            "public JWKS from jot convert",
            "set.json",
            Some(public.clone()),
            &[],
            KEY_RULES,
        ),
        c("private JWKS", "set.json", Some(private), &["JOT101"], &[]),
        c(
            "private JWK named .pub",
            "leak.pub.jwk",
            Some(private_jwk),
            &["JOT101"],
            &[],
        ),
        c(
            "private key file",
            "es.jwk",
            None,
            &[],
            &["JOT101", "JOT109"],
        ),
        c(
            "oct key in a JWKS",
            "set.json",
            Some(jwks(vec![a.clone(), oct])),
            &["JOT102"],
            &[],
        ),
        c(
            "EC keys only",
            "set.json",
            Some(jwks(vec![a.clone(), b.clone()])),
            &[],
            &["JOT102"],
        ),
        c(
            "RSA 1024",
            "rsa.pem",
            Some(RSA_1024_PUB.into()),
            &["JOT103"],
            &[],
        ),
        c(
            "RSA 2048",
            "rsa.pem",
            Some(RSA_2048_PUB.into()),
            &[],
            &["JOT103"],
        ),
        c(
            "key without kid",
            "set.json",
            Some(jwks(vec![edit(a.clone(), json!({"kid": null}))])),
            &["JOT104"],
            &[],
        ),
        c(
            "key with kid",
            "set.json",
            Some(public.clone()),
            &[],
            &["JOT104"],
        ),
        c(
            "duplicate kid",
            "set.json",
            Some(jwks(vec![
                a.clone(),
                edit(b.clone(), json!({ "kid": kid })),
            ])),
            &["JOT105"],
            &[],
        ),
        c(
            "distinct kids",
            "set.json",
            Some(jwks(vec![a.clone(), b.clone()])),
            &[],
            &["JOT105"],
        ),
        c(
            "kid not a thumbprint",
            "set.json",
            Some(jwks(vec![edit(a.clone(), json!({"kid": "k1"}))])),
            &["JOT106"],
            &[],
        ),
        c(
            "thumbprint kid",
            "set.json",
            Some(public.clone()),
            &[],
            &["JOT106"],
        ),
        c(
            "no alg",
            "set.json",
            Some(jwks(vec![edit(a.clone(), json!({"alg": null}))])),
            &["JOT107"],
            &[],
        ),
        c(
            "no use",
            "set.json",
            Some(jwks(vec![edit(a.clone(), json!({"use": null}))])),
            &["JOT107"],
            &[],
        ),
        c("alg and use", "set.json", Some(public), &[], &["JOT107"]),
        c(
            "6-byte HMAC secret",
            "short.jwk",
            Some(short),
            &["JOT108"],
            &[],
        ),
        c(
            "listed secret, no wordlist",
            "listed.jwk",
            Some(listed.clone()),
            &[],
            &["JOT108"],
        ),
        Case {
            args: &["--wordlist", "words.txt"],
            ..c(
                "listed secret, with the wordlist",
                "listed.jwk",
                Some(listed),
                &["JOT108"],
                &[],
            )
        },
        c(
            "random HMAC key from keygen",
            "hs.jwk",
            None,
            &[],
            &["JOT108"],
        ),
        Case {
            mode: Some(0o644),
            ..c(
                "private key readable by others",
                "es.pem",
                None,
                &["JOT109"],
                &[],
            )
        },
        c("private key mode 600", "es.pem", None, &[], &["JOT109"]),
        Case {
            mode: Some(0o644),
            ..c("public key mode 644", "es.pub.jwk", None, &[], &["JOT109"])
        },
    ]
}

#[test]
fn each_key_rule_fires_on_its_case_and_only_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "words.txt",
        format!("password\n{LISTED_SECRET}\n"),
    );
    for c in cases(dir.path()) {
        if let Some(text) = &c.text {
            write(dir.path(), c.file, text);
        }
        #[cfg(unix)]
        if let Some(mode) = c.mode {
            use std::os::unix::fs::PermissionsExt;
            let p = dir.path().join(c.file);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
        let mut args = c.args.to_vec();
        args.push(c.file);
        let (_, report) = audit_json_in(Some(dir.path()), &args, None);
        assert_eq!(report["inputs"], 1, "{}: one key file audited", c.name);
        for f in findings(&report) {
            assert_eq!(f["location"], c.file, "{}: findings name the file", c.name);
        }
        assert_rules(c.name, &rule_ids(&report, None), c.present, c.absent);
    }
}

#[test]
fn a_weak_secret_in_a_key_file_is_critical_and_fails_the_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(
        dir.path(),
        "k.jwk",
        json!({"kty": "oct", "k": b64(b"changeme")}).to_string(),
    );
    let (code, report) = audit_json(&[&f]);
    assert_eq!(code, 1);
    assert_eq!(
        finding(&report, "JOT108").expect("JOT108")["severity"],
        "critical"
    );
}
