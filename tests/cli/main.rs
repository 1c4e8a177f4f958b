//! The one integration-test binary: every test of the real `jot` executable lives in a
//! module here (`mod x;` per area), sharing the helpers in `common`.

mod attacks;
mod audit;
mod audit_common;
mod common;
mod crack;
mod crack_auto;
mod crack_hashcat;
mod crack_output;
mod forge;
mod generated;
mod hardening;
mod jwe;
mod jwe_interop;
mod jwe_rfc;
mod keys;
mod keyset;
mod net_serve;
mod probe;
mod token;
mod token_common;
mod ui;
mod ui_api;
mod ui_e2e;
