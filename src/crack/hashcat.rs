//! `--export-hashcat`: the same search as a hashcat job, for GPUs or a hashtopolis cluster.
//! hashcat's mode 16500 (JWT) takes the token itself as the hash line.
//!
//! hashcat has no equivalent of jot's base64/hex transforms; a search that needs them must
//! list the decoded secrets instead (or stay with jot).

use super::job::{Attack, Job, Range};
use super::mask::Mask;
use crate::{Error, Result};

/// The hash file name the exported command refers to.
pub(crate) const HASHCAT_HASH_FILE: &str = "jwt.txt";

/// A hashcat job: write `hash_line` to [`HASHCAT_HASH_FILE`], then run `command`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HashcatExport {
    /// The mode-16500 hash line (the token).
    pub hash_line: String,
    /// The hashcat command line, quoted for a POSIX shell.
    pub command: String,
}

/// Quote `s` for a POSIX shell when it needs it.
fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./-=:,+@%".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// hashcat's arguments for `attack` against `hash_file`: the attack mode, custom sets, the
/// hash file and the wordlists or mask. Wordlist `-` (stdin) is left out, since hashcat
/// reads candidates from stdin when no wordlist is named.
pub(crate) fn attack_args(attack: &Attack, hash_file: &str) -> Result<Vec<String>> {
    let mut args: Vec<String> = Vec::new();
    match attack {
        Attack::Builtin => {
            return Err(Error::usage(
                "the built-in weak-secret list is jot's own: there is no hashcat job for it",
            )
            .with_hint("pass --wordlist PATH, --mask PATTERN or --min-len/--max-len"))
        }
        Attack::Wordlists(paths) => {
            args.extend(["-a".into(), "0".into(), hash_file.into()]);
            args.extend(paths.iter().filter(|p| p.as_str() != "-").cloned());
        }
        Attack::Mask { pattern, custom } => {
            Mask::parse(pattern, custom)?;
            args.extend(["-a".into(), "3".into()]);
            let mut sets: Vec<&(u8, String)> = custom.iter().collect();
            sets.sort_by_key(|(n, _)| *n);
            for (n, def) in sets {
                args.push(format!("-{n}"));
                args.push(def.clone());
            }
            args.push(hash_file.into());
            args.push(pattern.clone());
        }
        Attack::Brute {
            charset,
            min_len,
            max_len,
        } => {
            super::seq::Seq::brute(charset, *min_len, *max_len)?;
            args.extend(["-a".into(), "3".into()]);
            let printable = charset.iter().all(|b| (0x20..0x7f).contains(b));
            if printable {
                let def: String = charset
                    .iter()
                    .map(|&b| {
                        if b == b'?' {
                            "??".into()
                        } else {
                            (b as char).to_string()
                        }
                    })
                    .collect();
                args.extend(["-1".into(), def]);
            } else {
                args.extend([
                    "--hex-charset".into(),
                    "-1".into(),
                    crate::hex::encode(charset),
                ]);
            }
            args.extend([
                "--increment".into(),
                "--increment-min".into(),
                (*min_len).max(1).to_string(),
                "--increment-max".into(),
                (*max_len).max(1).to_string(),
                hash_file.into(),
                "?1".repeat((*max_len).max(1)),
            ]);
        }
    }
    Ok(args)
}

/// hashcat's `-s`/`-l` for a job. Wordlists: hashcat counts lines as jot does, so the
/// bounds are jot's. Masks: hashcat's `-s`/`-l` count its own base keyspace (what
/// `hashcat --keyspace` prints), in its own order, so `--skip`/`--limit` pass through in
/// those units and a `--shard` is cut from `hashcat_keyspace` (asked for when needed).
pub(crate) fn bounds_args(
    job: &Job,
    hashcat_keyspace: impl FnOnce() -> Result<u64>,
) -> Result<(u64, Option<u64>)> {
    match (&job.attack, job.range) {
        (_, Range::ALL) => Ok((0, None)),
        (Attack::Builtin, _) => Err(Error::usage(
            "--skip, --limit and --shard select candidates of a wordlist, mask or brute force",
        )),
        (Attack::Brute { .. }, _) => Err(Error::usage(
            "hashcat cannot combine -s/-l with an incremental brute force",
        )
        .with_hint("run one --mask per length (e.g. --mask '?1?1?1?1' --charset 1=…)")),
        (Attack::Wordlists(paths), _) if paths.len() > 1 => Err(Error::usage(
            "hashcat applies -s/-l to one wordlist: a slice of several cannot be handed over",
        )
        .with_hint("concatenate the lists into one file first")),
        (Attack::Wordlists(_), _) => job.bounds(),
        (Attack::Mask { .. }, Range::Window { skip, limit }) => Ok((skip, limit)),
        (Attack::Mask { .. }, Range::Shard(shard)) => {
            let (skip, limit) = shard.bounds(hashcat_keyspace()?);
            Ok((skip, Some(limit)))
        }
    }
}

/// `-s N -l N` as arguments (none for the whole keyspace).
pub(crate) fn skip_limit(skip: u64, limit: Option<u64>) -> Vec<String> {
    let mut args = Vec::new();
    if skip > 0 {
        args.extend(["-s".into(), skip.to_string()]);
    }
    if let Some(l) = limit {
        args.extend(["-l".into(), l.to_string()]);
    }
    args
}

/// The hashcat job equivalent to a `jot crack` job (a mask shard needs the local hashcat's
/// keyspace count, so it is refused here: hashtopolis cuts its own chunks anyway).
pub(crate) fn hashcat_export(job: &Job) -> Result<HashcatExport> {
    let (skip, limit) = bounds_args(job, || {
        Err(Error::usage(
            "an exported mask job cannot be cut into --shard slices: hashcat counts a mask's keyspace in its own units",
        )
        .with_hint(
            "export the whole job (hashtopolis splits it into chunks), or run it with --engine hashcat --shard I/N",
        ))
    })?;
    let mut args: Vec<String> = vec!["hashcat".into(), "-m".into(), "16500".into()];
    args.extend(skip_limit(skip, limit));
    args.extend(attack_args(&job.attack, HASHCAT_HASH_FILE)?);
    Ok(HashcatExport {
        hash_line: job.token.trim().to_string(),
        command: args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" "),
    })
}

#[cfg(test)]
mod tests {
    use super::super::job::{Engine, Shard};
    use super::super::target::{tests::sign, HashAlg, Target};
    use super::super::Kernel;
    use super::*;

    fn job(token: &str, attack: Attack, range: Range) -> Job {
        Job {
            token: token.to_string(),
            target: Target::from_token(token).unwrap(),
            attack,
            range,
            builtin: true,
            transforms: true,
            threads: 0,
            engine: Engine::Jot {
                kernel: Kernel::Auto,
            },
        }
    }

    fn mask(pattern: &str, custom: &[(u8, &str)]) -> Attack {
        Attack::Mask {
            pattern: pattern.into(),
            custom: custom.iter().map(|(n, d)| (*n, d.to_string())).collect(),
        }
    }

    #[test]
    fn wordlist_export_names_mode_16500_and_the_lists() {
        let token = sign(HashAlg::Sha256, b"k", "{}");
        let paths = vec![
            "rockyou.txt".to_string(),
            "my words.txt".to_string(),
            "-".to_string(),
        ];
        let e = hashcat_export(&job(
            &format!("{token}\n"),
            Attack::Wordlists(paths),
            Range::ALL,
        ))
        .unwrap();
        assert_eq!(e.hash_line, token);
        assert_eq!(
            e.command,
            "hashcat -m 16500 -a 0 jwt.txt rockyou.txt 'my words.txt'"
        );
    }

    #[test]
    fn mask_export_passes_custom_sets_in_order_and_the_window() {
        let token = sign(HashAlg::Sha512, b"k", "{}");
        let attack = mask("?1?2?d", &[(2, "xy"), (1, "?l?d")]);
        let e = hashcat_export(&job(&token, attack.clone(), Range::ALL)).unwrap();
        assert_eq!(
            e.command,
            "hashcat -m 16500 -a 3 -1 '?l?d' -2 xy jwt.txt '?1?2?d'"
        );
        let window = Range::Window {
            skip: 5,
            limit: Some(7),
        };
        let e = hashcat_export(&job(&token, attack.clone(), window)).unwrap();
        assert!(
            e.command.starts_with("hashcat -m 16500 -s 5 -l 7 -a 3 "),
            "{}",
            e.command
        );
        let shard = Range::Shard(Shard { index: 1, count: 2 });
        let err = hashcat_export(&job(&token, attack, shard)).unwrap_err();
        assert!(err.to_string().contains("own units"), "{err}");
    }

    #[test]
    fn a_wordlist_shard_exports_jot_s_line_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.txt");
        std::fs::write(&path, "a\nb\nc\nd\ne").unwrap();
        let path = path.to_string_lossy().into_owned();
        let token = sign(HashAlg::Sha256, b"k", "{}");
        let shard = |index| Range::Shard(Shard { index, count: 2 });
        let attack = Attack::Wordlists(vec![path]);
        let e = hashcat_export(&job(&token, attack.clone(), shard(1))).unwrap();
        assert!(
            e.command.starts_with("hashcat -m 16500 -l 2 -a 0 "),
            "{}",
            e.command
        );
        let e = hashcat_export(&job(&token, attack, shard(2))).unwrap();
        assert!(
            e.command.starts_with("hashcat -m 16500 -s 2 -l 3 -a 0 "),
            "{}",
            e.command
        );
    }

    #[test]
    fn brute_export_uses_increment_and_escapes_question_marks() {
        let token = sign(HashAlg::Sha384, b"k", "{}");
        let attack = Attack::Brute {
            charset: b"ab?".to_vec(),
            min_len: 2,
            max_len: 3,
        };
        let e = hashcat_export(&job(&token, attack, Range::ALL)).unwrap();
        assert_eq!(
            e.command,
            "hashcat -m 16500 -a 3 -1 'ab??' --increment --increment-min 2 --increment-max 3 jwt.txt '?1?1?1'"
        );
        let attack = Attack::Brute {
            charset: vec![0, 255],
            min_len: 1,
            max_len: 1,
        };
        assert!(hashcat_export(&job(&token, attack.clone(), Range::ALL))
            .unwrap()
            .command
            .contains("--hex-charset -1 00ff"));
        let window = Range::Window {
            skip: 1,
            limit: None,
        };
        assert!(hashcat_export(&job(&token, attack, window)).is_err());
    }

    #[test]
    fn export_refuses_bad_masks() {
        let token = sign(HashAlg::Sha256, b"k", "{}");
        assert!(hashcat_export(&job(&token, mask("?z", &[]), Range::ALL)).is_err());
    }

    #[test]
    fn quote_leaves_plain_words_and_escapes_single_quotes() {
        assert_eq!(quote("a-b_c/d.txt"), "a-b_c/d.txt");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }
}
