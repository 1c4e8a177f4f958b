//! The clap value parser for `--alg` and `keygen ALG`, built from the one algorithm table
//! (`alg::names`, `Alg::from_name`): completions and `--help` list the table's names, and
//! `none` in any spelling is refused with the reason.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;

use crate::alg::{self, Alg};

/// Parses a JWS algorithm name (exact, case-sensitive) into an [`Alg`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AlgParser;

/// Why `s` is no algorithm jot knows, with the list of those it does.
pub(super) fn unknown_alg(s: &str) -> String {
    let why = if crate::token::is_alg_none(s) {
        "alg none means an unsigned token, which jot never makes or accepts".to_string()
    } else {
        format!("unknown algorithm {s:?}")
    };
    format!("{why}; expected one of {}", alg::names().join(" "))
}

impl TypedValueParser for AlgParser {
    type Value = Alg;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Alg, clap::Error> {
        let s = value.to_string_lossy();
        Alg::from_name(&s).ok_or_else(|| {
            clap::Error::raw(ErrorKind::InvalidValue, format!("{}\n", unknown_alg(&s)))
                .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(alg::names().into_iter().map(PossibleValue::new)))
    }
}

/// What `jot keygen ALG` makes: a signing key (JWS table) or an encryption key (JWE table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeygenAlg {
    Sign(Alg),
    Encrypt(alg::KeyAlg),
}

/// Parses `keygen ALG` from both halves of the one table: JWS names, then JWE key
/// management names.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct KeygenAlgParser;

impl TypedValueParser for KeygenAlgParser {
    type Value = KeygenAlg;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<KeygenAlg, clap::Error> {
        let s = value.to_string_lossy();
        if let Some(k) = alg::KeyAlg::from_name(&s) {
            return Ok(KeygenAlg::Encrypt(k));
        }
        AlgParser.parse_ref(cmd, arg, value).map(KeygenAlg::Sign)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let enc = alg::KeyAlg::all().map(|k| PossibleValue::new(k.name()));
        Some(Box::new(
            alg::names().into_iter().map(PossibleValue::new).chain(enc),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct T {
        #[arg(long, value_parser = AlgParser)]
        alg: Vec<Alg>,
    }

    #[test]
    fn alg_flag_values_come_from_the_one_table() {
        let names: Vec<String> = AlgParser
            .possible_values()
            .unwrap()
            .map(|v| v.get_name().to_owned())
            .collect();
        assert_eq!(names, alg::names());
        for a in Alg::all() {
            let t = T::try_parse_from(["t", "--alg", a.name()]).unwrap();
            assert_eq!(t.alg, [a]);
        }
        for bad in ["none", "NONE", "hs256", "RS1"] {
            let e = T::try_parse_from(["t", "--alg", bad])
                .err()
                .unwrap()
                .to_string();
            assert!(e.contains("expected one of HS256"), "{bad}: {e}");
        }
        let e = T::try_parse_from(["t", "--alg", "None"])
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("never makes or accepts"), "{e}");
    }
}
