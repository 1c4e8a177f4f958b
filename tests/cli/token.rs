//! `jot sign`, `jot decode` and the happy paths of `jot verify` through the real binary,
//! and interop with PyJWT in both directions for every algorithm.

mod decode;
mod interop;
mod mldsa_output;
mod sign;
mod verify_bulk;
mod verify_keys;
