//! Build script: link options for the `jot` binary's start-up time (measured by
//! `scripts/bench-startup`, recorded in docs/benchmarks.md).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=JOT_NO_RELR");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux_gnu && std::env::var_os("JOT_NO_RELR").is_none() {
        // Packed relative relocations (DT_RELR): the ~15,000 relative relocations of a PIE
        // binary this size take a few KB instead of 360 KB, so the dynamic loader reads and
        // faults in far fewer pages at every start. Needs binutils >= 2.38 to link and
        // glibc >= 2.36 to run (Debian 12, Ubuntu 22.10); JOT_NO_RELR=1 builds without.
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
