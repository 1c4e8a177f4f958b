//! The one integration-test binary: every test of the real `jot` executable lives in a
//! module here (`mod x;` per area), sharing the helpers in `common`.

mod attacks;
mod audit;
mod audit_common;
mod common;
mod crack;
mod crack_hashcat;
mod crack_output;
mod dpop;
mod dpop_interop;
mod dpop_verify;
mod forge;
mod generated;
mod json_interop;
mod json_ser;
mod jwe;
mod jwe_bytes;
mod jwe_interop;
mod jwe_rfc;
mod keys;
mod keyset;
mod net_serve;
mod probe;
mod probe_dpop;
mod sdjwt;
mod sdjwt_audit_ui;
mod sdjwt_interop;
mod token;
mod token_common;
mod typing;
mod ui;
mod ui_api;
mod ui_e2e;
mod url_cache;
mod wycheproof;
mod x5c;
