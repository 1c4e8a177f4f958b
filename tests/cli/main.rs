//! The one integration-test binary: every test of the real `jot` executable lives in a
//! module here (`mod x;` per area), sharing the helpers in `common`.

mod attacks;
mod common;
mod token;
mod token_common;
