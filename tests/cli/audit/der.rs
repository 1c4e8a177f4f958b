//! Keys built byte by byte (DER, PEM) for the key-file tests, so that a case does not depend
//! on a generator agreeing to write a broken key.

use base64ct::{Base64, Encoding};

/// A DER TLV.
pub fn der(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = body.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let len: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | len.len() as u8);
        out.extend(len);
    }
    out.extend_from_slice(body);
    out
}

/// A DER INTEGER holding the unsigned big-endian `v`.
pub fn int(v: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    if v.first().is_some_and(|b| b & 0x80 != 0) {
        body.push(0);
    }
    body.extend_from_slice(v);
    der(0x02, &body)
}

/// A 2048-bit modulus (odd, top bit set): enough for a public key to read.
pub fn modulus() -> Vec<u8> {
    let mut n = vec![0xc5u8; 256];
    n[255] = 0xc7;
    n
}

/// PKCS#1 RSAPublicKey { n, e }.
pub fn pkcs1_public(e: &[u8]) -> Vec<u8> {
    der(0x30, &[int(&modulus()), int(e)].concat())
}

/// SubjectPublicKeyInfo of an RSA key { n, e }.
pub fn spki_rsa(e: &[u8]) -> Vec<u8> {
    let rsa_encryption = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ];
    let mut bits = vec![0u8];
    bits.extend(pkcs1_public(e));
    der(
        0x30,
        &[der(0x30, &rsa_encryption), der(0x03, &bits)].concat(),
    )
}

/// PEM with 64-character lines.
pub fn pem(label: &str, der: &[u8]) -> String {
    let body = Base64::encode_string(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("base64 is ASCII"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// The DER inside a PEM file.
pub fn unpem(text: &str) -> Vec<u8> {
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    Base64::decode_vec(&body).expect("PEM body is base64")
}

/// Flip the last byte: the last coordinate byte of an EC point, so the point leaves the curve.
pub fn off_curve(mut v: Vec<u8>) -> Vec<u8> {
    if let Some(b) = v.last_mut() {
        *b ^= 1;
    }
    v
}

/// SEC1 ECPrivateKey on P-256: scalar `d` and the public point written beside it.
pub fn sec1(d: &[u8], point: &[u8]) -> Vec<u8> {
    let p256 = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    let mut bits = vec![0u8];
    bits.extend_from_slice(point);
    der(
        0x30,
        &[
            int(&[1]),
            der(0x04, d),
            der(0xa0, &p256),
            der(0xa1, &der(0x03, &bits)),
        ]
        .concat(),
    )
}

/// PKCS#8 PrivateKeyInfo around a P-256 SEC1 key.
pub fn pkcs8_ec(sec1: &[u8]) -> Vec<u8> {
    let alg = [
        0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
        0x3d, 0x03, 0x01, 0x07,
    ];
    der(
        0x30,
        &[int(&[0]), der(0x30, &alg), der(0x04, sec1)].concat(),
    )
}

/// base64url (JWK members) to bytes.
pub fn unb64(s: &str) -> Vec<u8> {
    base64ct::Base64UrlUnpadded::decode_vec(s).expect("base64url")
}
