//! Build script: links the `jot` executable without PIE on Linux/glibc (issue 12, start-up).
//!
//! A position-independent `jot` carried 23,000 dynamic relocations (vtables, panic
//! locations, aws-lc's object tables), which the loader applies at every start, writing
//! some 400 KB of pages: about a third of the time `jot --version` took, and the reason it
//! started slower than jwt-cli (docs/benchmarks.md). Linked at a fixed address, those
//! pointers are final in the file and are only read, on demand.
//!
//! The trade: the executable's own image is not placed at a random address (shared
//! libraries, stack, heap and mmaps still are). Build with `JOT_PIE=1` to keep PIE.
fn main() {
    println!("cargo:rerun-if-env-changed=JOT_PIE");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let gnu_linux = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if gnu_linux && var("JOT_PIE") != "1" {
        // Only the binaries: tests and examples keep the default.
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
