//! `jot disclose`: an SD-JWT presentation with the chosen disclosures (and those they sit
//! inside), optionally bound to the holder key with a KB-JWT, on stdout.

use crate::cli::DiscloseArgs;
use crate::clock::Clock;
use crate::cmd::output::{emit, pasted, warned};
use crate::files::{read_input, MAX_INPUT};
use crate::keys::source::read_one_key;
use crate::sdjwt::present::{select, Binding};
use crate::sdjwt::{parse, present, rebuild, Selection};
use crate::token::{parse as parse_jws, Parsed};
use crate::{Error, ExitCode};

/// Run `jot disclose`.
pub(crate) fn run(a: &DiscloseArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    let text = if a.token == "-" {
        String::from_utf8(read_input("-", MAX_INPUT)?)
            .map_err(|_| Error::input("<stdin>: the SD-JWT is not UTF-8"))?
    } else {
        a.token.clone()
    };
    let sd = parse(&pasted(&text, None))?;
    let jws = match parse_jws(&sd.jwt) {
        Ok(Parsed::Jws(j)) => j,
        Ok(Parsed::Jwe { .. }) => return Err(Error::input("the issuer JWT is a JWE").into()),
        Err(e) => return Err(e.context("the issuer JWT").into()),
    };
    let payload = jws
        .claims()
        .ok_or_else(|| Error::input("the issuer JWT's payload is not a JSON object"))?;
    let r = rebuild(payload, &sd.disclosures).map_err(Error::input)?;
    let sel = match (a.all, a.none) {
        (true, _) => Selection::All,
        (_, true) => Selection::None,
        _ if a.claim.is_empty() => {
            return Err(Error::usage("say what to disclose")
                .with_hint(
                    "pass --claim PATH (repeat), --all or --none; `jot decode` lists the paths",
                )
                .into())
        }
        _ => Selection::Claims(a.claim.clone()),
    };
    let keep = select(&r, &sd, &sel)?;
    let holder = match &a.holder_key {
        Some(p) => Some(warned(read_one_key(
            p,
            a.passphrase_file.as_deref(),
            false,
            false,
            None,
        )?)),
        None => None,
    };
    let binding = match (&holder, &a.aud, &a.nonce) {
        (Some(key), Some(aud), Some(nonce)) => {
            if !key.is_private() {
                return Err(Error::usage("--holder-key must be the holder's private key").into());
            }
            let alg = key.default_alg();
            if alg.is_symmetric() {
                return Err(Error::usage(
                    "a KB-JWT is signed with the holder's private key, not an HMAC secret",
                )
                .into());
            }
            Some(Binding {
                key,
                alg,
                aud,
                nonce,
                now,
            })
        }
        _ => None,
    };
    let out = present(&sd, &r, &keep, binding.as_ref())?;
    emit(None, format!("{out}\n").as_bytes(), false, false)?;
    Ok(ExitCode::Success)
}
