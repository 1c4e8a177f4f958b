//! Build script: links the `jot` executable as a position-independent executable with full
//! RELRO on Linux/glibc (issue 17).
//!
//! jot parses attacker-controlled input (tokens, keys, JWKS documents, server responses),
//! so its own image keeps full ASLR (PIE: a random load address, like its libraries, stack
//! and heap) and its relocated data is read-only after start (`-z relro -z now`: the GOT
//! and every relocated pointer are bound at start, then made read-only, so a memory bug
//! cannot redirect them). Both are rustc's defaults on Linux; they are asked for here so
//! a toolchain or an environment cannot drop them silently, and tests/cli/hardening.rs
//! checks the built binary with `readelf`. An earlier build linked with `-no-pie` to save
//! start-up time; docs/benchmarks.md says what start-up costs with PIE and what was done
//! instead.
fn main() {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let gnu_linux = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if gnu_linux {
        // Only the binaries: tests and examples keep rustc's defaults (the same flags).
        println!("cargo:rustc-link-arg-bins=-pie");
        println!("cargo:rustc-link-arg-bins=-Wl,-z,relro,-z,now");
    }
}
