//! Fuzz target `json_serialization`: the x5c chain reader, the JWS and JWE JSON serialization parsers
//! (`jot::token::json_ser::parse`, `jot::jwe::json_ser::parse_object`) and JSON-serialized
//! verification and decryption return a value or an error for any text, never panicking,
//! hanging or exhausting memory. Inputs with a NUL byte also have their first part wrapped
//! as a base64url `protected` header, so the fuzzer reaches the header rules (disjoint
//! headers, unprotected alg/crit/b64) without first discovering base64url.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = jot::token::json_ser::parse(&text);
    // The same text as an x5c array.
    if let Ok(v) = jot::token::parse_strict(data) {
        let _ = jot::keys::x5c::read_chain(&v);
    }
    if let Ok(top) = jot::token::json_ser::object(&text) {
        let _ = jot::jwe::json_ser::parse_object(&top);
    }
    let key = jot::keys::Jwk::new(
        jot::keys::Key::hmac(jot::keys::Secret::new(vec![7; 32])).expect("hmac key"),
    );
    let policy = jot::token::verify::Policy::default();
    let _ = jot::token::verify::verify(&text, std::slice::from_ref(&key), &policy, 0);
    let jwe_key = jot::jwe::JweKey::Jwk(key.clone());
    let _ = jot::jwe::decrypt(&text, &[jwe_key], &jot::jwe::Policy::default());
    if let Some(i) = data.iter().position(|b| *b == 0) {
        let (header, rest) = (&data[..i], String::from_utf8_lossy(&data[i + 1..]));
        let doc = format!(
            r#"{{"payload":"e30","protected":"{}","header":{rest},"signature":"AA"}}"#,
            jot::b64::encode(header)
        );
        let _ = jot::token::verify::verify(&doc, std::slice::from_ref(&key), &policy, 0);
    }
});
