//! Glue between the CLI and the library: one file per subcommand. Each reads its inputs,
//! calls the domain modules, prints, and returns an exit code.

pub(crate) mod attack_inputs;
pub(crate) mod audit;
pub(crate) mod completions;
pub(crate) mod convert;
pub(crate) mod crack;
pub(crate) mod decode;
pub(crate) mod decrypt;
pub(crate) mod disclose;
pub(crate) mod dpop;
pub(crate) mod encrypt;
pub(crate) mod forge;
pub(crate) mod keygen;
pub(crate) mod keyset;
pub(crate) mod output;
pub(crate) mod probe;
pub(crate) mod rotate;
pub(crate) mod serve;
pub(crate) mod sign;
pub(crate) mod thumbprint;
pub(crate) mod ui;
pub(crate) mod verify;

use crate::files::{read_input, MAX_INPUT};

/// A token argument that names an existing file is a slip for `@FILE` or `- < FILE`: say so
/// instead of failing to parse the file's name as a token.
fn refuse_file_name(arg: &str) -> crate::Result<()> {
    if arg.is_empty() || !std::path::Path::new(arg).is_file() {
        return Ok(());
    }
    Err(
        crate::Error::usage(format!("{arg:?} is a file, not a token")).with_hint(format!(
            "read the token(s) in it with @{arg}, or with - < {arg}"
        )),
    )
}

/// Tokens from an argument, `@FILE`, or stdin (`-`), with their 1-based line numbers: one
/// per line (blank lines and `#` comments skipped), unless the input starts with `{`: then it is one
/// JSON-serialized token, read whole.
pub(crate) fn tokens_in(arg: &str) -> crate::Result<Vec<(usize, String)>> {
    let path = match arg.strip_prefix('@') {
        Some(p) => p,
        None if arg == "-" => "-",
        None => {
            refuse_file_name(arg)?;
            return Ok(vec![(1, arg.trim().to_owned())]);
        }
    };
    // Bulk input may be large; the per-token limit still applies when each is parsed.
    let data = read_input(path, 64 * MAX_INPUT)?;
    tokens_of_text(&String::from_utf8_lossy(&data), path)
}

/// The tokens of text already read from `path` (`-` for stdin), as [`tokens_in`] gives them.
pub(crate) fn tokens_of_text(text: &str, path: &str) -> crate::Result<Vec<(usize, String)>> {
    if crate::token::json_ser::is_json(text) {
        return Ok(vec![(1, text.trim().to_owned())]);
    }
    let mut tokens: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, l.trim().to_owned()))
        .collect();
    let lines: Vec<&str> = tokens.iter().map(|(_, t)| t.as_str()).collect();
    if crate::token::paste::one_wrapped(&lines) {
        // One token wrapped over its lines: the caller's `pasted` joins them.
        let joined = lines.join("\n");
        tokens = vec![(tokens[0].0, joined)];
    }
    if tokens.is_empty() {
        // One message for every command that reads tokens (decode, decrypt, dpop, forge).
        let what = if path == "-" { "stdin" } else { path };
        return Err(
            crate::Error::input(format!("no token given ({what} was empty)"))
                .with_hint("pass the token as an argument, as @FILE, or on stdin with -"),
        );
    }
    Ok(tokens)
}

/// The one token an argument names when it is read whole: the argument itself, `@FILE`'s
/// contents, or stdin's when it starts with `{` (a JSON-serialized token). `None` for `-`
/// holding compact tokens, one per line, for the caller to stream. Peeking at stdin
/// consumes nothing, so the stream still starts at line 1.
pub(crate) fn whole_token(arg: &str) -> crate::Result<Option<String>> {
    if let Some(p) = arg.strip_prefix('@') {
        let data = read_input(p, MAX_INPUT)?;
        let text = String::from_utf8(data)
            .map_err(|_| crate::Error::input(format!("{p}: the token is not UTF-8")))?;
        return Ok(Some(text.trim().to_owned()));
    }
    if arg != "-" {
        refuse_file_name(arg)?;
        return Ok(Some(arg.to_owned()));
    }
    let whole = crate::bulk::stream::stdin_holds_one_token()?;
    if !whole {
        return Ok(None);
    }
    let data = read_input("-", MAX_INPUT)?;
    let text = String::from_utf8(data)
        .map_err(|_| crate::Error::input("<stdin>: the token is not UTF-8"))?;
    Ok(Some(text.trim().to_owned()))
}
