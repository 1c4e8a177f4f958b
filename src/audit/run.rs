//! One audit run: classify each input (a token, a file of tokens, a key file or JWKS, or
//! with `extract` a log/HAR/dump), pull the tokens out, deduplicate them, apply the token
//! and key-file rules, and return the findings sorted for the report.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::extract::{self, Group};
use super::findings::{abbreviate, audit_token, Finding, Subject, TokenAudit};
use super::keyfile::audit_key_file;
use super::rules::Severity;
use super::secrets::Secrets;
use crate::files::read_input;
use crate::keys::{self, Jwk};
use crate::{Error, Result};

/// Audit inputs may be logs and HAR files: allow more than a key file.
const MAX_AUDIT_INPUT: u64 = 256 * 1024 * 1024;

/// What to audit and how.
#[derive(Debug)]
pub(crate) struct Config {
    /// Tokens, files of tokens, key files or JWKS; `-` for stdin (none means stdin).
    pub inputs: Vec<String>,
    /// Try the built-in weak-secret list on HS* tokens and `oct` keys.
    pub builtin: bool,
    /// Wordlists tried after the built-in list, in order.
    pub wordlists: Vec<PathBuf>,
    /// Keys to check token signatures with (`--key`/`--jwks`).
    pub keys: Option<Vec<Jwk>>,
    /// Longest acceptable lifetime (exp - iat), seconds.
    pub max_lifetime: i64,
    /// The time tokens are judged at, unix seconds.
    pub now: i64,
    /// Treat inputs as logs, HAR files or dumps and pull every JWT out of them.
    pub extract: bool,
}

/// The tokens pulled out of the inputs with `extract`.
#[derive(Debug)]
pub(crate) struct Extraction {
    /// Distinct tokens found across all inputs.
    pub tokens: usize,
    /// The tokens grouped by issuer and kid.
    pub groups: Vec<Group>,
}

/// The outcome of a run.
#[derive(Debug)]
pub(crate) struct Report {
    /// Every finding, highest severity first, then by rule.
    pub findings: Vec<Finding>,
    /// How many tokens and key files were audited.
    pub audited: usize,
    /// With `extract`: what was extracted.
    pub extraction: Option<Extraction>,
    /// Tokens pasted with a wrapper (`Bearer `, an `Authorization:` line, quotes) that was
    /// stripped, said as "LOCATION[ line N]: stripped WHAT", for a note on stderr.
    pub stripped: Vec<String>,
}

impl Report {
    /// A report of nothing audited (a run that failed before its first input).
    pub(crate) fn empty() -> Report {
        Report {
            findings: Vec::new(),
            audited: 0,
            extraction: None,
            stripped: Vec::new(),
        }
    }

    /// Whether any finding is at or above `threshold` (the CLI then exits 1).
    pub(crate) fn fails(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= threshold)
    }
}

/// Whether an argument that is not a file is meant as a token. A misspelt file name
/// (`tokens.txt`) is not, and must be an error, not a JOT020 finding and exit 0.
fn looks_like_token(input: &str) -> bool {
    let t = input.trim();
    if crate::token::json_ser::is_json(t) {
        return true;
    }
    if input.contains('/') && !t.starts_with("eyJ") {
        return false;
    }
    t.starts_with("eyJ") || t.matches('.').count() >= 2 || crate::token::identify_other(t).is_some()
}

struct Run<'a> {
    cfg: &'a Config,
    tokens: TokenAudit<'a>,
    secrets: &'a Secrets,
    findings: Vec<Finding>,
    audited: usize,
    seen: HashSet<String>,
    extracted: Vec<extract::Extracted>,
    stripped: Vec<String>,
}

impl Run<'_> {
    fn token(&mut self, token: &str, location: &str, line: Option<usize>) -> Result<()> {
        let pasted = crate::token::paste(token);
        if let Some(what) = pasted.describe() {
            let at = line.map(|l| format!(" line {l}")).unwrap_or_default();
            self.stripped
                .push(format!("{location}{at}: stripped {what}"));
        }
        let token: &str = &pasted.token;
        let subject = Subject {
            name: abbreviate(token),
            location: location.to_owned(),
            line,
        };
        let found = if crate::token::json_ser::is_json(token) {
            super::json_ser::audit(token, &subject, &self.tokens)?
        } else {
            audit_token(token, &subject, &self.tokens)?
        };
        self.findings.extend(found);
        self.audited += 1;
        Ok(())
    }

    fn input(&mut self, input: &str) -> Result<()> {
        let path = Path::new(input);
        // Anything readable that is not a folder: a FIFO and process substitution
        // (`<(…)`, a /dev/fd path) are read as verify reads them, not taken for tokens.
        let is_file = input == "-" || std::fs::metadata(path).is_ok_and(|m| !m.is_dir());
        if !is_file {
            if !looks_like_token(input) {
                return Err(
                    Error::input(format!("{input}: not a readable file, and not a token"))
                        .with_hint("an INPUT is a token, a file of tokens, a key file or a JWKS"),
                );
            }
            return self.token(input, "argument", None);
        }
        let location = if input == "-" { "stdin" } else { input };
        let data = read_input(input, MAX_AUDIT_INPUT)?;
        if self.cfg.inputs.is_empty() && data.trim_ascii().is_empty() {
            // Nothing named and nothing piped: "no findings" would pass a CI gate that
            // audited nothing.
            return Err(Error::usage("no input: nothing to audit").with_hint(
                "pass tokens, files of tokens, key files or JWKS, or pipe tokens on stdin",
            ));
        }
        let format = if self.cfg.extract {
            None
        } else {
            keys::detect(&data)
        };
        if let Some(format) = format {
            let subject = Subject {
                name: location.to_owned(),
                location: location.to_owned(),
                line: None,
            };
            let p = (input != "-").then_some(path);
            self.findings
                .extend(audit_key_file(p, &data, format, &subject, self.secrets)?);
            self.audited += 1;
            return Ok(());
        }
        let text = String::from_utf8_lossy(&data);
        if self.cfg.extract {
            let mut places = super::har::places(&text);
            for mut e in extract::extract(&text) {
                // Deduplicated across every input, not only within one.
                if self.seen.insert(e.token.clone()) {
                    let from = self.findings.len();
                    self.token(&e.token, location, Some(e.line))?;
                    e.place = places.remove(&e.token);
                    for f in &mut self.findings[from..] {
                        f.found.clone_from(&e.place);
                    }
                    self.extracted.push(e);
                }
            }
        } else if crate::token::json_ser::is_json(&text) {
            // One JSON-serialized token, read whole (it may span lines).
            self.token(text.trim(), location, None)?;
        } else {
            let lines: Vec<(usize, &str)> = (text.lines().enumerate())
                .map(|(i, l)| (i + 1, l.trim()))
                .filter(|(_, l)| !l.is_empty())
                .collect();
            let texts: Vec<&str> = lines.iter().map(|(_, l)| *l).collect();
            if crate::token::paste::one_wrapped(&texts) {
                // One token wrapped over the lines; `token` joins them and says so.
                self.token(&texts.join("\n"), location, Some(lines[0].0))?;
                return Ok(());
            }
            for (line, l) in lines {
                self.token(l, location, Some(line))?;
            }
        }
        Ok(())
    }
}

/// Run an audit up to the first input that fails: the report of what was audited before
/// it, and the error. A SARIF log is written even then, saying the run failed.
pub(crate) fn run_until_error(cfg: &Config) -> (Report, Option<Error>) {
    let secrets = match Secrets::open(cfg.builtin, &cfg.wordlists) {
        Ok(s) => s,
        Err(e) => return (Report::empty(), Some(e)),
    };
    let mut run = Run {
        cfg,
        tokens: TokenAudit {
            now: cfg.now,
            max_lifetime: cfg.max_lifetime,
            keys: cfg.keys.as_deref(),
            secrets: &secrets,
        },
        secrets: &secrets,
        findings: Vec::new(),
        audited: 0,
        seen: HashSet::new(),
        extracted: Vec::new(),
        stripped: Vec::new(),
    };
    let stdin = ["-".to_owned()];
    let inputs = if cfg.inputs.is_empty() {
        &stdin[..]
    } else {
        &cfg.inputs[..]
    };
    let mut failed = None;
    for input in inputs {
        if let Err(e) = run.input(input) {
            failed = Some(e);
            break;
        }
    }
    if let Some(keys) = cfg.keys.as_deref() {
        let subject = Subject {
            name: "verification keys".into(),
            location: "--key/--jwks".into(),
            line: None,
        };
        run.findings
            .extend(super::keyfile::verification_key_findings(keys, &subject));
    }
    let mut findings = run.findings;
    findings.sort_by(|x, y| y.severity.cmp(&x.severity).then(x.rule.cmp(y.rule)));
    let extraction = cfg.extract.then(|| Extraction {
        tokens: run.extracted.len(),
        groups: extract::group(&run.extracted),
    });
    let report = Report {
        findings,
        audited: run.audited,
        extraction,
        stripped: run.stripped,
    };
    (report, failed)
}

/// Audit one token given as text, with the built-in weak-secret list: never read as a
/// file name, for callers whose input is untrusted (the `jot ui` page).
pub(crate) fn token(
    token: &str,
    location: &str,
    keys: Option<&[Jwk]>,
    max_lifetime: i64,
    now: i64,
) -> Result<Report> {
    let secrets = Secrets::open(true, &[])?;
    let audit = TokenAudit {
        now,
        max_lifetime,
        keys,
        secrets: &secrets,
    };
    let pasted = crate::token::paste(token);
    let token: &str = &pasted.token;
    let subject = Subject {
        name: abbreviate(token),
        location: location.to_owned(),
        line: None,
    };
    let mut findings = if crate::token::json_ser::is_json(token) {
        super::json_ser::audit(token, &subject, &audit)?
    } else {
        audit_token(token, &subject, &audit)?
    };
    findings.sort_by(|x, y| y.severity.cmp(&x.severity).then(x.rule.cmp(y.rule)));
    Ok(Report {
        findings,
        audited: 1,
        extraction: None,
        stripped: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::looks_like_token;

    #[test]
    fn misspelt_file_names_are_not_tokens() {
        for s in ["tokens.txt", "./dir/tokens.txt", "keys/jwks.json", "hello"] {
            assert!(!looks_like_token(s), "{s}");
        }
        for s in ["eyJhbGciOiJub25lIn0.e30.", "a.b.c", "v4.public.abc"] {
            assert!(looks_like_token(s), "{s}");
        }
    }
}
