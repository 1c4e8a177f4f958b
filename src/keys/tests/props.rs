//! `read` never panics, whatever the bytes: the property the `fuzz/` target `key_read`
//! checks with libFuzzer, run here with proptest so CI (stable Rust) exercises it too.
//! Inputs are shaped to get past the format detection: JSON-ish objects, PEM frames
//! around random or mutated DER, `0x30`-prefixed DER-ish bytes, and mutated real keys.

use proptest::prelude::*;

use super::{all_vector_jwks, read_jwk};
use crate::keys::{read, ReadOptions};

/// Read with both option sets; the result does not matter, only that it returns.
fn read_both(data: &[u8]) {
    let _ = read(data, &ReadOptions::default());
    let raw = ReadOptions {
        raw_secret: true,
        ..ReadOptions::default()
    };
    let _ = read(data, &raw);
}

/// DER of real keys of every kind (PKCS#8 and SPKI), to mutate.
fn real_ders() -> &'static [Vec<u8>] {
    static DERS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    DERS.get_or_init(collect_ders)
}

fn collect_ders() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for (_, v) in all_vector_jwks() {
        let jwk = read_jwk(&v);
        for private in [true, false] {
            if let Ok(pem) = jwk.to_pem(private) {
                let (_, der) = pem_rfc7468::decode_vec(pem.as_bytes()).expect("own PEM decodes");
                out.push(der);
            }
        }
    }
    out
}

const LABELS: &[&str] = &[
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "RSA PRIVATE KEY",
    "RSA PUBLIC KEY",
    "EC PRIVATE KEY",
    "PUBLIC KEY",
    "CERTIFICATE",
    "EC PARAMETERS",
];

fn pem_frame(label: &str, der: &[u8]) -> String {
    use base64ct::Encoding;
    let b64 = base64ct::Base64::encode_string(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// A base64url member value of plausible length (many key sizes are near these).
fn b64_member() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..80),
        proptest::collection::vec(any::<u8>(), 250..260),
    ]
    .prop_map(|b| crate::b64::encode(&b))
}

fn jsonish_jwk() -> impl Strategy<Value = String> {
    let kty = prop_oneof![
        Just("RSA"),
        Just("EC"),
        Just("OKP"),
        Just("oct"),
        Just("rsa"),
        Just("")
    ];
    let crv = prop_oneof![
        Just("P-256"),
        Just("P-384"),
        Just("P-521"),
        Just("secp256k1"),
        Just("Ed25519"),
        Just("X25519"),
        Just("P-999")
    ];
    let members = proptest::collection::vec(
        (
            prop_oneof![
                Just("x"),
                Just("y"),
                Just("d"),
                Just("n"),
                Just("e"),
                Just("p"),
                Just("q"),
                Just("dp"),
                Just("dq"),
                Just("qi"),
                Just("k"),
                Just("oth")
            ],
            b64_member(),
        ),
        0..9,
    );
    (kty, crv, members, any::<bool>()).prop_map(|(kty, crv, members, wrap)| {
        let mut o = serde_json::Map::new();
        o.insert("kty".into(), kty.into());
        o.insert("crv".into(), crv.into());
        for (k, v) in members {
            o.insert(k.into(), v.into());
        }
        let jwk = serde_json::Value::Object(o);
        if wrap {
            serde_json::json!({ "keys": [jwk] }).to_string()
        } else {
            jwk.to_string()
        }
    })
}

proptest! {
    #[test]
    fn read_never_panics_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_both(&data);
    }

    #[test]
    fn read_never_panics_on_jsonish_text(s in "\\{[ -~]{0,300}") {
        read_both(s.as_bytes());
    }

    #[test]
    fn read_never_panics_on_jwk_shaped_objects(s in jsonish_jwk()) {
        read_both(s.as_bytes());
    }

    #[test]
    fn read_never_panics_on_pem_framed_random_bytes(
        label in proptest::sample::select(LABELS),
        body in proptest::collection::vec(any::<u8>(), 0..600),
        der_prefix in any::<bool>(),
    ) {
        let mut der = body;
        if der_prefix {
            der.insert(0, 0x30);
        }
        read_both(pem_frame(label, &der).as_bytes());
    }

    #[test]
    fn read_never_panics_on_derish_bytes(
        len in prop_oneof![Just(vec![]), proptest::collection::vec(any::<u8>(), 1..4)],
        body in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        let mut der = vec![0x30];
        der.extend(len);
        der.extend(body);
        read_both(&der);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn read_never_panics_on_mutated_real_keys(
        pick in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
        label in proptest::sample::select(LABELS),
    ) {
        let mut der = pick.get(real_ders()).clone();
        for (at, byte) in flips {
            let i = at.index(der.len());
            der[i] ^= byte;
        }
        if truncate {
            der.truncate(cut.index(der.len()));
        }
        read_both(&der);
        read_both(pem_frame(label, &der).as_bytes());
    }
}
