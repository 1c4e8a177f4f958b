//! Tests of the bulk opener: it opens what the one-token path opens, with the same bytes,
//! and leaves every other token (other shapes, every failure) to that path.

use super::Opener;
use crate::alg::{Enc, KeyAlg};
use crate::jwe::{decrypt, encrypt, EncryptOptions, JweKey, Policy};
use crate::keys::{Jwk, Key, Secret};

fn oct(len: usize, fill: u8, kid: Option<&str>) -> JweKey {
    let mut j = Jwk::new(Key::Oct(Secret::new(vec![fill; len])));
    j.kid = kid.map(str::to_owned);
    JweKey::Jwk(j)
}

fn seal(key: &JweKey, alg: KeyAlg, enc: Enc, kid: Option<&str>, pt: &[u8]) -> String {
    let o = EncryptOptions {
        alg: Some(alg),
        enc,
        kid: kid.map(str::to_owned),
        ..EncryptOptions::default()
    };
    encrypt(key, &o, pt).expect("encrypt")
}

/// The opener's plaintext, checking that a token it leaves alone leaves `out` as it was.
fn open(o: &mut Opener, t: &str) -> Option<Vec<u8>> {
    let mut out = b"before".to_vec();
    if o.open(t, &mut out) {
        assert_eq!(&out[..6], b"before");
        return Some(out.split_off(6));
    }
    assert_eq!(out, b"before");
    None
}

/// Replace segment `i` of a compact token.
fn with_segment(t: &str, i: usize, s: &str) -> String {
    let mut parts: Vec<&str> = t.split('.').collect();
    parts[i] = s;
    parts.join(".")
}

#[test]
fn opens_what_decrypt_opens_with_the_same_bytes() {
    let p = Policy::default();
    let payloads: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"{\"a\":1}".to_vec(),
        (0..=255u8).collect(),
        (0..20_000u32).map(|i| (i * 31) as u8).collect(),
    ];
    for enc in [Enc::A128Gcm, Enc::A192Gcm, Enc::A256Gcm] {
        let dir = oct(enc.cek_len(), 1, Some("d"));
        let kw = oct(32, 2, Some("w"));
        let keys = [dir.clone(), kw.clone()];
        // One opener across tokens whose headers alternate: the header cache is per header.
        let mut o = Opener::new(&keys, &p);
        for pt in &payloads {
            for t in [
                seal(&dir, KeyAlg::Dir, enc, Some("d"), pt),
                seal(&kw, KeyAlg::A256Kw, enc, Some("w"), pt),
                seal(&dir, KeyAlg::Dir, enc, Some("d"), pt),
            ] {
                let want = decrypt(&t, &keys, &p).expect("decrypts").plaintext;
                let got = open(&mut o, &t).unwrap_or_else(|| panic!("{enc}: not opened"));
                assert_eq!(got, *want, "{enc}");
            }
        }
    }
}

#[test]
fn a_dir_key_made_ready_is_used_only_for_its_own_kid() {
    let p = Policy::default();
    let (k1, k2) = (oct(32, 1, Some("k1")), oct(32, 2, Some("k2")));
    let keys = [k1.clone(), k2.clone()];
    let mut o = Opener::new(&keys, &p);
    for i in 0..6 {
        let (k, kid) = if i % 2 == 0 { (&k1, "k1") } else { (&k2, "k2") };
        let t = seal(
            k,
            KeyAlg::Dir,
            Enc::A256Gcm,
            Some(kid),
            format!("{i}").as_bytes(),
        );
        assert_eq!(open(&mut o, &t), Some(format!("{i}").into_bytes()));
    }
}

#[test]
fn other_shapes_are_left_to_decrypt_which_opens_them() {
    let p = Policy::default();
    let (wrong, right) = (oct(32, 9, None), oct(32, 1, None));
    let t = seal(&right, KeyAlg::Dir, Enc::A256Gcm, None, b"x");
    let cbc_key = oct(64, 3, None);
    let cbc = seal(&cbc_key, KeyAlg::Dir, Enc::A256CbcHs512, None, b"x");
    let zipped = encrypt(
        &right,
        &EncryptOptions {
            alg: Some(KeyAlg::Dir),
            zip: true,
            ..EncryptOptions::default()
        },
        b"x",
    )
    .unwrap();
    let cases: [(&str, Vec<JweKey>, String); 3] = [
        (
            "the first candidate key is wrong",
            vec![wrong, right.clone()],
            t,
        ),
        ("AES-CBC-HMAC", vec![cbc_key], cbc),
        ("zip", vec![right], zipped),
    ];
    for (what, keys, t) in cases {
        assert!(decrypt(&t, &keys, &p).is_ok(), "{what}");
        assert!(open(&mut Opener::new(&keys, &p), &t).is_none(), "{what}");
    }
}

#[test]
fn every_failure_is_left_to_decrypt_which_names_it() {
    let key = oct(32, 1, None);
    let keys = [key.clone()];
    let pt = b"a plaintext longer than the bound of 4 bytes, and its 16 more";
    let t = seal(&key, KeyAlg::Dir, Enc::A256Gcm, None, pt);
    let seg = |i: usize| t.split('.').nth(i).unwrap().to_owned();
    let flip = |s: &str| {
        let mut b = s.as_bytes().to_vec();
        b[0] = if b[0] == b'A' { b'B' } else { b'A' };
        String::from_utf8(b).unwrap()
    };
    let small = Policy {
        max_plaintext: 4,
        ..Policy::default()
    };
    let only_kw = Policy {
        algs: vec![KeyAlg::A256Kw],
        ..Policy::default()
    };
    let p = Policy::default();
    let cases: Vec<(&str, String, &Policy)> = vec![
        (
            "changed ciphertext",
            with_segment(&t, 3, &flip(&seg(3))),
            &p,
        ),
        ("changed tag", with_segment(&t, 4, &flip(&seg(4))), &p),
        ("changed IV", with_segment(&t, 2, &flip(&seg(2))), &p),
        ("changed header", with_segment(&t, 0, &flip(&seg(0))), &p),
        ("dir with an encrypted key", with_segment(&t, 1, "AAAA"), &p),
        (
            "padded ciphertext",
            with_segment(&t, 3, &format!("{}=", seg(3))),
            &p,
        ),
        ("six segments", format!("{t}.x"), &p),
        // The opener finds the first three dots and the last: a dot more sits in the
        // ciphertext, which its decoder must refuse.
        (
            "a dot inside the ciphertext",
            with_segment(&t, 3, &format!("{}.{}", &seg(3)[..4], &seg(3)[4..])),
            &p,
        ),
        ("four segments", t[..t.rfind('.').unwrap()].to_owned(), &p),
        ("a JWS", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln".into(), &p),
        ("over --max-plaintext", t.clone(), &small),
        ("alg not allowed", t.clone(), &only_kw),
    ];
    for (what, bad, p) in cases {
        assert!(decrypt(&bad, &keys, p).is_err(), "{what}");
        assert!(open(&mut Opener::new(&keys, p), &bad).is_none(), "{what}");
    }
    // The opener is not left stuck on a header that failed.
    let mut o = Opener::new(&keys, &p);
    assert!(open(&mut o, &with_segment(&t, 4, &flip(&seg(4)))).is_none());
    assert_eq!(open(&mut o, &t).as_deref(), Some(&pt[..]));
}
