//! `--export-hashcat`: the same search as a hashcat job, for GPUs or a hashtopolis cluster.
//! hashcat's mode 16500 (JWT) takes the token itself as the hash line.
//!
//! hashcat has no equivalent of jot's base64/hex transforms; a search that needs them must
//! list the decoded secrets instead (or stay with jot).

use super::mask::Mask;
use super::target::Target;
use crate::Result;

/// The hash file name the exported command refers to.
pub const HASHCAT_HASH_FILE: &str = "jwt.txt";

/// The attack to translate.
#[derive(Clone, Copy, Debug)]
pub enum HashcatAttack<'a> {
    /// Straight (`-a 0`) over these wordlists; `-` (stdin) is left out, since hashcat reads
    /// candidates from stdin when no wordlist is named.
    Wordlists(&'a [String]),
    /// A mask (`-a 3`) with its custom sets (`-1`..`-4`).
    Mask {
        /// The mask in hashcat notation.
        pattern: &'a str,
        /// Custom sets `(1..=4, definition)`.
        custom: &'a [(u8, String)],
    },
    /// An incremental brute force (`-a 3 --increment`) over one charset.
    Brute {
        /// The bytes to combine.
        charset: &'a [u8],
        /// The shortest length (hashcat's increment starts at 1 at least).
        min_len: usize,
        /// The longest length.
        max_len: usize,
    },
}

/// A hashcat job: write `hash_line` to [`HASHCAT_HASH_FILE`], then run `command`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashcatExport {
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

/// The hashcat job equivalent to a `jot crack` search of `token` (which must be HS*).
pub fn hashcat_export(token: &str, attack: &HashcatAttack<'_>) -> Result<HashcatExport> {
    let token = token.trim();
    Target::from_token(token)?;
    let mut args: Vec<String> = vec!["hashcat".into(), "-m".into(), "16500".into()];
    match attack {
        HashcatAttack::Wordlists(paths) => {
            args.extend(["-a".into(), "0".into(), HASHCAT_HASH_FILE.into()]);
            args.extend(paths.iter().filter(|p| p.as_str() != "-").map(|p| quote(p)));
        }
        HashcatAttack::Mask { pattern, custom } => {
            Mask::parse(pattern, custom)?;
            args.extend(["-a".into(), "3".into()]);
            let mut sets: Vec<&(u8, String)> = custom.iter().collect();
            sets.sort_by_key(|(n, _)| *n);
            for (n, def) in sets {
                args.push(format!("-{n}"));
                args.push(quote(def));
            }
            args.push(HASHCAT_HASH_FILE.into());
            args.push(quote(pattern));
        }
        HashcatAttack::Brute {
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
                args.extend(["-1".into(), quote(&def)]);
            } else {
                let hex: String = charset.iter().map(|b| format!("{b:02x}")).collect();
                args.extend(["--hex-charset".into(), "-1".into(), hex]);
            }
            args.extend([
                "--increment".into(),
                "--increment-min".into(),
                (*min_len).max(1).to_string(),
                "--increment-max".into(),
                (*max_len).max(1).to_string(),
                HASHCAT_HASH_FILE.into(),
                quote(&"?1".repeat((*max_len).max(1))),
            ]);
        }
    }
    Ok(HashcatExport {
        hash_line: token.to_string(),
        command: args.join(" "),
    })
}

#[cfg(test)]
mod tests {
    use super::super::target::{tests::sign, HashAlg};
    use super::*;

    #[test]
    fn wordlist_export_names_mode_16500_and_the_lists() {
        let token = sign(HashAlg::Sha256, b"k", "{}");
        let paths = vec![
            "rockyou.txt".to_string(),
            "my words.txt".to_string(),
            "-".to_string(),
        ];
        let e = hashcat_export(&format!("{token}\n"), &HashcatAttack::Wordlists(&paths)).unwrap();
        assert_eq!(e.hash_line, token);
        assert_eq!(
            e.command,
            "hashcat -m 16500 -a 0 jwt.txt rockyou.txt 'my words.txt'"
        );
    }

    #[test]
    fn mask_export_passes_custom_sets_in_order() {
        let token = sign(HashAlg::Sha512, b"k", "{}");
        let custom = vec![(2, "xy".to_string()), (1, "?l?d".to_string())];
        let e = hashcat_export(
            &token,
            &HashcatAttack::Mask {
                pattern: "?1?2?d",
                custom: &custom,
            },
        )
        .unwrap();
        assert_eq!(
            e.command,
            "hashcat -m 16500 -a 3 -1 '?l?d' -2 xy jwt.txt '?1?2?d'"
        );
    }

    #[test]
    fn brute_export_uses_increment_and_escapes_question_marks() {
        let token = sign(HashAlg::Sha384, b"k", "{}");
        let attack = HashcatAttack::Brute {
            charset: b"ab?",
            min_len: 2,
            max_len: 3,
        };
        let e = hashcat_export(&token, &attack).unwrap();
        assert_eq!(
            e.command,
            "hashcat -m 16500 -a 3 -1 'ab??' --increment --increment-min 2 --increment-max 3 jwt.txt '?1?1?1'"
        );
        let attack = HashcatAttack::Brute {
            charset: &[0, 255],
            min_len: 1,
            max_len: 1,
        };
        assert!(hashcat_export(&token, &attack)
            .unwrap()
            .command
            .contains("--hex-charset -1 00ff"));
    }

    #[test]
    fn export_refuses_non_hmac_tokens_and_bad_masks() {
        let paths: Vec<String> = Vec::new();
        assert!(hashcat_export("a.b", &HashcatAttack::Wordlists(&paths)).is_err());
        let token = sign(HashAlg::Sha256, b"k", "{}");
        assert!(hashcat_export(
            &token,
            &HashcatAttack::Mask {
                pattern: "?z",
                custom: &[]
            }
        )
        .is_err());
    }

    #[test]
    fn quote_leaves_plain_words_and_escapes_single_quotes() {
        assert_eq!(quote("a-b_c/d.txt"), "a-b_c/d.txt");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }
}
