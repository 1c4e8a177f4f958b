//! The algorithm table's own checks: order, names, curves, parameter sets.

use super::*;

#[test]
fn table_order_matches_enum() {
    for (i, r) in TABLE.iter().enumerate() {
        assert_eq!(r.alg as usize, i, "{} out of place", r.name);
        assert_eq!(Alg::from_name(r.name), Some(r.alg));
    }
}

#[test]
fn each_ec_curve_has_its_one_ecdsa_alg_in_the_table() {
    assert_eq!(Alg::ecdsa_for(Curve::P256), Some(Alg::ES256));
    assert_eq!(Alg::ecdsa_for(Curve::P384), Some(Alg::ES384));
    assert_eq!(Alg::ecdsa_for(Curve::P521), Some(Alg::ES512));
    assert_eq!(Alg::ecdsa_for(Curve::Secp256k1), Some(Alg::ES256K));
    assert_eq!(Alg::ecdsa_for(Curve::Ed25519), None);
    assert_eq!(Alg::ecdsa_for(Curve::Ed448), None);
}

#[test]
fn fully_specified_eddsa_names_pin_their_curve_and_eddsa_pins_none() {
    assert_eq!(Alg::from_name("Ed25519"), Some(Alg::Ed25519));
    assert_eq!(Alg::from_name("Ed448"), Some(Alg::Ed448));
    assert_eq!(Alg::Ed25519.edwards_curve(), Some(Curve::Ed25519));
    assert_eq!(Alg::Ed448.edwards_curve(), Some(Curve::Ed448));
    assert_eq!(Alg::EdDSA.edwards_curve(), None);
    assert!(Alg::EdDSA.is_deprecated() && !Alg::Ed25519.is_deprecated());
}

#[test]
fn ml_dsa_names_and_sizes_follow_rfc_9964_and_fips_204() {
    for (name, set) in [
        ("ML-DSA-44", MlDsa::L44),
        ("ML-DSA-65", MlDsa::L65),
        ("ML-DSA-87", MlDsa::L87),
    ] {
        let alg = Alg::from_name(name).unwrap();
        assert_eq!(alg.family(), Family::MlDsa(set));
        assert_eq!(set.alg(), alg);
    }
    assert_eq!(Alg::from_name("ML-DSA-44 "), None);
    assert_eq!(Alg::from_name("ml-dsa-44"), None);
}

#[test]
fn none_cannot_be_parsed_in_any_spelling() {
    for s in ["none", "None", "NONE", "nOnE", "", "hs256"] {
        assert_eq!(Alg::from_name(s), None, "{s}");
    }
}
