//! Fuzz target `akp_jwk`: the AKP (ML-DSA, RFC 9964) JWK parser must return a key or an
//! error for any members, never panic or hang. The input is spliced into an object that is
//! already `{"kty":"AKP", …`, so the fuzzer spends its time on `alg`, `pub` and `priv`
//! rather than on finding the key type; raw bytes go through `read` as well.
#![no_main]

use jot::keys::{read, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read(data, &ReadOptions::default());
    let mut doc = br#"{"kty":"AKP","#.to_vec();
    doc.extend_from_slice(data);
    doc.push(b'}');
    let _ = read(&doc, &ReadOptions::default());
});
