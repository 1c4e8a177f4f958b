//! `jot audit`: classify each input (token, token file, key file, JWKS, or with --extract a
//! log/HAR/dump), run the rules, print a text/JSON/SARIF report, exit by --fail-on.

use std::io::Write;
use std::path::Path;

use crate::audit::findings::{abbreviate, audit_token, Finding, Subject, TokenAudit};
use crate::audit::keyfile::audit_key_file;
use crate::audit::rules::Severity;
use crate::audit::{extract, report, weak_secrets};
use crate::cli::{self, AuditArgs, AuditFormat};
use crate::clock::{parse_duration, Clock};
use crate::cmd::keyin::read_key_file;
use crate::cmd::output::json_text;
use crate::crack::{self, Options, Outcome, Progress, Source, Target};
use crate::files::read_input;
use crate::keys::{self, Jwk, ReadOptions};
use crate::term::{sanitize, style};
use crate::{Error, ExitCode, Result};

/// Audit inputs may be logs and HAR files: allow more than a key file.
const MAX_AUDIT_INPUT: u64 = 256 * 1024 * 1024;

fn severity(s: cli::Severity) -> Severity {
    match s {
        cli::Severity::Info => Severity::Info,
        cli::Severity::Low => Severity::Low,
        cli::Severity::Medium => Severity::Medium,
        cli::Severity::High => Severity::High,
        cli::Severity::Critical => Severity::Critical,
    }
}

/// The secret of `target` from the built-in list and the wordlists, if any cracks it.
fn crack_target(a: &AuditArgs, target: &Target) -> Option<String> {
    let shown = |s: &[u8], t: crack::Transform| {
        let s = String::from_utf8_lossy(s).into_owned();
        if t == crack::Transform::Plain {
            format!("{s:?}")
        } else {
            format!("{s:?} (from its {t} form)")
        }
    };
    if !a.no_builtin {
        if let Some((s, t)) = crack::try_words(target, weak_secrets::builtin(), true) {
            return Some(shown(&s, t));
        }
    }
    for w in &a.wordlist {
        // Opened once up front by `run` (unreadable is exit 2); a failure here skips it.
        let Ok(f) = std::fs::File::open(w) else {
            continue;
        };
        let name = w.display().to_string();
        let src = Source::Wordlists(vec![crack::Wordlist::new(name, Box::new(f))]);
        if let Ok(Outcome::Found {
            secret, transform, ..
        }) = crack::crack(target, src, &Options::default(), &Progress::new())
        {
            return Some(shown(&secret, transform));
        }
    }
    None
}

fn verification_keys(a: &AuditArgs) -> Result<Option<Vec<Jwk>>> {
    if let Some(k) = &a.key {
        return Ok(Some(read_key_file(k, None, true, false)?.into_keys()));
    }
    if let Some(j) = &a.jwks {
        let (keys, _) = keys::read_jwks_lenient(&read_input(j, crate::files::MAX_INPUT)?)?;
        return Ok(Some(keys));
    }
    Ok(None)
}

/// Every `--wordlist` must be readable: a typo must not silently weaken the audit.
fn check_wordlists(a: &AuditArgs) -> Result<()> {
    for w in &a.wordlist {
        std::fs::File::open(w).map_err(|e| Error::io(w, e))?;
    }
    Ok(())
}

/// Whether an argument that is not a file is meant as a token. A misspelt file name
/// (`tokens.txt`) is not, and must be exit 2, not a JOT020 finding and exit 0.
fn looks_like_token(input: &str) -> bool {
    let t = input.trim();
    t.starts_with("eyJ") || t.matches('.').count() >= 2 || crate::token::identify_other(t).is_some()
}

/// The keys in `data` when it is a key file or JWKS (weak keys included: they are findings).
fn key_material(data: &[u8]) -> Option<keys::KeyInput> {
    let opts = ReadOptions {
        allow_weak: true,
        ..ReadOptions::default()
    };
    keys::read(data, &opts).ok()
}

/// Run `jot audit`.
pub fn run(a: &AuditArgs) -> anyhow::Result<ExitCode> {
    let now = Clock::from_flag(a.now.as_deref())?.now();
    check_wordlists(a)?;
    let keys = verification_keys(a)?;
    let crack_fn = |t: &Target| crack_target(a, t);
    let cfg = TokenAudit {
        now,
        max_lifetime: parse_duration(&a.max_lifetime)?,
        keys: keys.as_deref(),
        crack: &crack_fn,
    };
    let weak = |secret: &[u8]| {
        if secret.len() < 32 {
            return Some(format!(
                "only {} bytes (RFC 7518 §3.2 wants at least 32 for HS256)",
                secret.len()
            ));
        }
        let target = crack::target_for_secret(secret);
        crack_target(a, &target)
    };
    let inputs: Vec<String> = if a.inputs.is_empty() {
        vec!["-".into()]
    } else {
        a.inputs.clone()
    };
    let mut findings: Vec<Finding> = Vec::new();
    let mut audited = 0usize;
    let mut seen = std::collections::HashSet::new();
    let mut extracted = Vec::new();
    for input in &inputs {
        let path = Path::new(input);
        let is_file = input == "-" || path.is_file();
        let location = if input == "-" {
            "stdin".to_owned()
        } else if is_file {
            input.clone()
        } else {
            "argument".to_owned()
        };
        if !is_file {
            if (input.contains('/') && !input.starts_with("eyJ")) || !looks_like_token(input) {
                return Err(
                    Error::input(format!("{input}: not a readable file, and not a token"))
                        .with_hint("an INPUT is a token, a file of tokens, a key file or a JWKS")
                        .into(),
                );
            }
            let subject = Subject {
                name: abbreviate(input),
                location,
                line: None,
            };
            findings.extend(audit_token(input, &subject, &cfg));
            audited += 1;
            continue;
        }
        let data = read_input(input, MAX_AUDIT_INPUT)?;
        let held = if a.extract { None } else { key_material(&data) };
        if let Some(held) = held {
            let subject = Subject {
                name: location.clone(),
                location: location.clone(),
                line: None,
            };
            let p = (input != "-").then_some(path);
            findings.extend(audit_key_file(p, &data, held, &subject, &weak)?);
            audited += 1;
            continue;
        }
        let text = String::from_utf8_lossy(&data);
        let tokens: Vec<(usize, String)> = if a.extract {
            // Deduplicated across every input, not only within one.
            extract::extract(&text)
                .into_iter()
                .filter(|e| seen.insert(e.token.clone()))
                .inspect(|e| extracted.push(e.clone()))
                .map(|e| (e.line, e.token))
                .collect()
        } else {
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (i + 1, l.trim().to_owned()))
                .collect()
        };
        for (line, t) in tokens {
            let subject = Subject {
                name: abbreviate(&t),
                location: location.clone(),
                line: Some(line),
            };
            findings.extend(audit_token(&t, &subject, &cfg));
            audited += 1;
        }
    }
    findings.sort_by(|x, y| y.severity.cmp(&x.severity).then(x.rule.cmp(y.rule)));
    let groups = if a.extract {
        extract::group(&extracted)
    } else {
        Vec::new()
    };
    let mut out = anstream::stdout().lock();
    match a.format {
        AuditFormat::Json => {
            let mut doc = report::to_json(&findings, audited);
            if a.extract {
                doc["groups"] = groups
                    .iter()
                    .map(|g| serde_json::json!({"iss": g.iss, "kid": g.kid, "tokens": g.tokens.len()}))
                    .collect();
            }
            out.write_all(json_text(&doc)?.as_bytes())?
        }
        AuditFormat::Sarif => out.write_all(json_text(&report::to_sarif(&findings))?.as_bytes())?,
        AuditFormat::Text => {
            if a.extract {
                writeln!(
                    out,
                    "extracted {} distinct tokens in {} groups (issuer, kid)",
                    extracted.len(),
                    groups.len()
                )?;
                for g in &groups {
                    let name = |v: &Option<String>| {
                        v.as_deref()
                            .map_or("-".to_owned(), |s| sanitize(s).into_owned())
                    };
                    writeln!(
                        out,
                        "  iss {}  kid {}  {} tokens",
                        name(&g.iss),
                        name(&g.kid),
                        g.tokens.len()
                    )?;
                }
            }
            let mut last = None;
            for f in &findings {
                if last != Some(f.severity) {
                    let st = match f.severity {
                        Severity::Critical | Severity::High => style::BAD,
                        Severity::Medium => style::WARN,
                        _ => style::DIM,
                    };
                    writeln!(out, "{st}{}{st:#}", f.severity.name().to_uppercase())?;
                    last = Some(f.severity);
                }
                let at = f
                    .line
                    .map_or_else(|| f.location.clone(), |l| format!("{}:{l}", f.location));
                writeln!(
                    out,
                    "  {} {}  {}",
                    f.rule,
                    sanitize(&f.subject),
                    sanitize(&f.message)
                )?;
                writeln!(out, "      at {}; fix: {}", sanitize(&at), f.remediation)?;
            }
            writeln!(out, "{} ({audited} audited)", report::summary(&findings))?;
        }
    }
    let threshold = severity(a.fail_on);
    Ok(ExitCode::verdict(
        !findings.iter().any(|f| f.severity >= threshold),
    ))
}
