//! ML-DSA micro-benchmark for `scripts/bench-mldsa` (not part of jot): per parameter set,
//! operations per second on one thread through jot's entry points (`keys::generate`,
//! `Jwk::sign`, `Jwk::verify`, and the prepared key bulk verify uses) beside the same
//! operations called on the `ml-dsa` crate directly, and their ratio.
//!
//! Usage: bench_mldsa [SECONDS_PER_FIGURE]   (default 1.0)

use std::time::{Duration, Instant};

use jot::alg::{Alg, MlDsa};
use jot::keys::prepared_pk::prepare;
use ml_dsa::signature::Keypair;
use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, MlDsaParams};

/// Runs `f` repeatedly for about `budget`; returns operations per second.
fn rate(budget: Duration, mut f: impl FnMut()) -> f64 {
    f();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < budget {
        f();
        n += 1;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

/// The crate's own keygen, sign (hedged) and verify rates.
fn crate_rates<P: MlDsaParams>(budget: Duration, msg: &[u8]) -> [f64; 3] {
    let mut rng = getrandom::SysRng;
    let seed = ml_dsa::B32::from([7u8; 32]);
    let keygen = rate(budget, || {
        let sk = ml_dsa::SigningKey::<P>::from_seed(&seed);
        std::hint::black_box(sk.verifying_key().encode());
    });
    let sk = ml_dsa::SigningKey::<P>::from_seed(&seed);
    let sign = rate(budget, || {
        std::hint::black_box(
            sk.expanded_key()
                .sign_randomized(msg, &[], &mut rng)
                .unwrap(),
        );
    });
    let sig = sk
        .expanded_key()
        .sign_randomized(msg, &[], &mut rng)
        .unwrap();
    let vk = sk.verifying_key();
    let verify = rate(budget, || {
        assert!(vk.verify_with_context(msg, &[], &sig));
    });
    [keygen, sign, verify]
}

fn main() -> anyhow::Result<()> {
    let secs: f64 = std::env::args().nth(1).map_or(Ok(1.0), |s| s.parse())?;
    let budget = Duration::from_secs_f64(secs);
    // A typical signing input: a short header and claims, base64url.
    let msg = vec![b'e'; 300];
    println!("set        op               jot/s    crate/s  jot/crate");
    for set in MlDsa::all() {
        let alg: Alg = set.alg();
        let key = jot::keys::generate(alg, None, None)?;
        let public = key.to_public()?;
        let sig = key.sign(alg, &msg)?;
        let prepared = prepare(&public.key, alg).expect("ML-DSA keys are prepared");
        let jot = [
            rate(budget, || {
                std::hint::black_box(jot::keys::generate(alg, None, None).unwrap());
            }),
            rate(budget, || {
                std::hint::black_box(key.sign(alg, &msg).unwrap());
            }),
            rate(budget, || assert!(public.verify(alg, &msg, &sig).unwrap())),
            rate(budget, || assert!(prepared.verify(&msg, &sig))),
        ];
        let raw = match set {
            MlDsa::L44 => crate_rates::<MlDsa44>(budget, &msg),
            MlDsa::L65 => crate_rates::<MlDsa65>(budget, &msg),
            MlDsa::L87 => crate_rates::<MlDsa87>(budget, &msg),
        };
        let rows = [
            ("keygen", jot[0], raw[0]),
            ("sign", jot[1], raw[1]),
            ("verify (one)", jot[2], raw[2]),
            ("verify (prepared)", jot[3], raw[2]),
        ];
        for (op, j, c) in rows {
            println!("{alg:<10} {op:<17} {j:>8.0} {c:>9.0} {:>9.2}", j / c);
        }
    }
    Ok(())
}
