//! PEM as people and tools actually write it (RFC 7468 §2, lax reading): 76-character
//! lines, CRLF, trailing spaces, text around the block; and PEM files with several keys,
//! a key set for `verify --key`, the first key (with a warning) elsewhere.

use crate::token_common::{keys, run, sign, verify};

/// The base64 of a PEM block re-wrapped at `width` with `eol`, and `before`/`after` text.
fn rewrap(pem: &str, width: usize, eol: &str, before: &str, after: &str) -> String {
    let mut lines = pem.lines();
    let begin = lines.next().expect("BEGIN line");
    let body: String = lines
        .clone()
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    let end = lines.find(|l| l.starts_with("-----END")).expect("END line");
    let mut out = format!("{before}{begin}{eol}");
    for chunk in body.as_bytes().chunks(width) {
        out.push_str(std::str::from_utf8(chunk).expect("ascii"));
        out.push_str(" \t");
        out.push_str(eol);
    }
    out + end + eol + after
}

#[test]
fn lax_pem_76_char_lines_crlf_trailing_spaces_and_surrounding_text_are_read() {
    let k = keys();
    let dir = tempfile::tempdir().expect("tempdir");
    let pem = std::fs::read_to_string(k.public("ES256")).expect("pem");
    let want = run(&["thumbprint", &k.public("ES256")]).ok();
    let token = sign(&k.private("ES256"), &[]);
    for (i, (width, eol)) in [(76, "\n"), (76, "\r\n"), (1000, "\n"), (17, "\r\n")]
        .into_iter()
        .enumerate()
    {
        let text = rewrap(
            &pem,
            width,
            eol,
            "Certificate:\n    Data: explanatory text (openssl x509 -text)\n",
            "trailing notes\n",
        );
        let p = dir.path().join(format!("k{i}.pem"));
        std::fs::write(&p, &text).expect("write");
        let p = p.to_str().unwrap();
        assert_eq!(run(&["thumbprint", p]).ok(), want, "{text}");
        verify(&token, p, &[]).code(0);
    }
}

#[test]
fn pem_with_several_keys_is_a_key_set_for_verify_and_warns_elsewhere() {
    let k = keys();
    let dir = tempfile::tempdir().expect("tempdir");
    let cat = |names: &[String], file: &str| {
        let text: String = names
            .iter()
            .map(|n| std::fs::read_to_string(n).expect("pem"))
            .collect::<Vec<_>>()
            .join("\n");
        let p = dir.path().join(file);
        std::fs::write(&p, text).expect("write");
        p.to_string_lossy().into_owned()
    };
    let public = cat(
        &[k.public("ES256"), k.public("EdDSA"), k.public("RS256")],
        "pub.pem",
    );
    for alg in ["ES256", "EdDSA", "RS256"] {
        verify(&sign(&k.private(alg), &[]), &public, &[]).code(0);
    }
    let private = cat(&[k.private("EdDSA"), k.private("ES256")], "priv.pem");
    let r = run(&["sign", "--key", &private, "--now", "1700000000"]).code(0);
    assert!(
        r.stderr.contains("holds 2 keys") && r.stderr.contains("1 ignored"),
        "{r:#?}"
    );
    let r = run(&["thumbprint", &public]).code(0);
    assert!(r.stderr.contains("2 ignored"), "{r:#?}");
    let r = run(&["convert", &public, "--to", "jwks"]).code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("jwks");
    assert_eq!(v["keys"].as_array().map(Vec::len), Some(3), "{v}");
}
