//! Token generator for `scripts/bench-verify` (not part of jot): prints N compact tokens,
//! one per line, signed by a key file with jot's own signer, each with distinct claims.
//!
//! Usage: gen_tokens KEY_FILE ALG N NOW

use jot::alg::Alg;
use jot::keys::{read, ReadOptions};
use jot::token::sign;
use serde_json::{json, Map, Value};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, alg, n, now] = args.as_slice() else {
        anyhow::bail!("usage: gen_tokens KEY_FILE ALG N NOW");
    };
    let alg = Alg::from_name(alg).ok_or_else(|| anyhow::anyhow!("unknown alg {alg}"))?;
    let n: usize = n.parse()?;
    let now: i64 = now.parse()?;
    let key = read(&std::fs::read(path)?, &ReadOptions::default())?.select(None)?;
    let header = sign::header(alg, Some(&key.kid_or_thumbprint()), Map::new())?;
    let mut out = String::with_capacity(n * 400);
    for i in 0..n {
        let claims = json!({
            "iss": "https://issuer.example", "sub": format!("user-{i}"), "aud": "api",
            "iat": now, "exp": now + 3600, "scope": "read write",
        });
        let Value::Object(claims) = claims else {
            unreachable!()
        };
        out.push_str(&sign::sign(&key, alg, &header, &claims)?);
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}
