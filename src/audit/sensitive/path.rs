//! JSON pointers for findings, built only when something is reported, and the cleaning
//! that keeps attacker-controlled text (member names, excerpts) safe to print.

/// One step of a path, kept by reference so that paths are only built for findings.
#[derive(Clone, Copy)]
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Builds the JSON pointer of step `at` by walking up to the root (depth is bounded).
pub(super) fn pointer(steps: &[(usize, Step)], mut at: usize) -> String {
    let mut parts = Vec::new();
    while at != 0 {
        let (parent, step) = steps[at];
        parts.push(match step {
            Step::Key(k) => escape(k),
            Step::Index(i) => i.to_string(),
        });
        at = parent;
    }
    parts.iter().rev().fold(String::new(), |mut path, p| {
        path.push('/');
        path.push_str(p);
        path
    })
}

/// RFC 6901 escaping, with over-long member names shortened so paths stay readable.
fn escape(key: &str) -> String {
    let short: String = key.chars().take(64).collect();
    let short = if short.len() < key.len() {
        format!("{short}…")
    } else {
        short
    };
    clean(&short.replace('~', "~0").replace('/', "~1"))
}

/// Payload text is attacker-controlled and will reach a terminal: no control characters.
pub(super) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_joins_escaped_steps_from_the_root() {
        let steps = [
            (0, Step::Index(0)),
            (0, Step::Key("a/b")),
            (1, Step::Index(3)),
            (2, Step::Key("~")),
        ];
        assert_eq!(pointer(&steps, 3), "/a~1b/3/~0");
        assert_eq!(pointer(&steps, 0), "");
    }

    #[test]
    fn long_member_names_are_shortened_in_paths() {
        let long = "k".repeat(1000);
        let steps = [(0, Step::Index(0)), (0, Step::Key(long.as_str()))];
        assert_eq!(pointer(&steps, 1), format!("/{}…", "k".repeat(64)));
    }

    #[test]
    fn clean_replaces_control_characters() {
        assert_eq!(
            clean("a\u{1b}[2Jb\n\u{7f}"),
            "a\u{fffd}[2Jb\u{fffd}\u{fffd}"
        );
        assert_eq!(clean("héllo wörld"), "héllo wörld");
    }
}
