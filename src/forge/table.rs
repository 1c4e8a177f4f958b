//! The one attack table: every attack `jot forge` makes and `jot probe` sends, with its
//! description, CVE, what it needs from the user, and how to fix a server that falls for
//! it. `--help`, docs/attacks.md and the probe reports all print from these rows.

/// What an attack needs besides the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Nothing: the token alone.
    Nothing,
    /// The server's public key (`--public-key`).
    PublicKey,
    /// The server's HMAC secret (`--secret-file`, e.g. from `jot crack`).
    Secret,
    /// `--public-key` or `--secret-file` (an HMAC key the attacker holds).
    HmacKey,
    /// `--jku-url` and `--out-keys` (the reviewer hosts the keys there).
    JkuUrl,
    /// `--x5u-url` and `--out-keys`.
    X5uUrl,
    /// The DPoP client's private key (`--dpop-key`): the forged item is a DPoP proof sent
    /// with the original access token.
    DpopKey,
    /// `--secret-file` (re-sign with one claim broken) or `--expired-token` (the server's
    /// own token, expired, sent as issued).
    SecretOrExpired,
}

impl Need {
    /// The flags, as the help and errors name them.
    pub(crate) fn flags(self) -> &'static str {
        match self {
            Need::Nothing => "-",
            Need::PublicKey => "--public-key",
            Need::Secret => "--secret-file",
            Need::HmacKey => "--public-key or --secret-file",
            Need::JkuUrl => "--jku-url, --out-keys",
            Need::X5uUrl => "--x5u-url, --out-keys",
            Need::DpopKey => "--dpop-key",
            Need::SecretOrExpired => "--secret-file or --expired-token",
        }
    }
}

/// One row of the table.
#[derive(Debug, PartialEq, Eq)]
pub struct Attack {
    /// The name used by `--attack` and printed before each token.
    pub name: &'static str,
    /// What the forged tokens are, in one sentence.
    pub description: &'static str,
    /// The CVE (or CVEs) the attack is known by, if any.
    pub cve: Option<&'static str>,
    /// What the user must supply.
    pub needs: Need,
    /// How to fix a server that accepts it.
    pub fix: &'static str,
    /// True when acceptance cannot be seen in the response (blind injection).
    pub blind: bool,
}

macro_rules! row {
    ($name:expr, $needs:ident, $cve:expr, $desc:expr, $fix:expr) => {
        Attack {
            name: $name,
            description: $desc,
            cve: $cve,
            needs: Need::$needs,
            fix: $fix,
            blind: false,
        }
    };
}

/// Every attack, in the order they are forged and sent.
pub const ATTACKS: &[Attack] = &[
    row!("tamper", Nothing, None,
        "the original signature kept, the claims changed (privilege escalation, exp a year out)",
        "verify the signature before reading any claim; a server that accepts this checks nothing"),
    row!("none", Nothing, Some("CVE-2015-9235"),
        "alg none/None/NONE/nOnE, each with an empty and with the original signature",
        "pin the accepted algorithms on the server; never take alg from the token, refuse none"),
    row!("strip", Nothing, None,
        "the original alg with the signature segment removed",
        "treat a missing or empty signature as invalid"),
    row!("null-key", Nothing, Some("CVE-2019-20933"),
        "HS256/HS384/HS512 signed with an empty secret",
        "refuse empty and short HMAC keys; fail closed when the key lookup returns nothing"),
    row!("confusion", PublicKey, Some("CVE-2016-10555, CVE-2015-9235"),
        "RS/PS/ES to HS* signed with the public key's bytes as the HMAC secret, in every serialization (PEM as given, without/with the trailing newline, PKCS#1 and SPKI PEM, DER, and the JWK as text: RFC 7638 or kty-first member order or the key file's own, with or without kid/use/alg, compact or pretty)",
        "pin the algorithm per key; never use an asymmetric public key as an HMAC secret"),
    row!("embedded-jwk", Nothing, Some("CVE-2018-0114"),
        "a fresh RSA and EC key signs, and its public JWK is put in the jwk header",
        "never verify with a key the token carries; look keys up in a set the server trusts"),
    row!("jku", JkuUrl, None,
        "a fresh key signs and the jku header points at the reviewer's JWKS URL (the JWKS is written to --out-keys)",
        "ignore jku, or allow only an exact list of the issuer's JWKS URLs"),
    row!("x5u", X5uUrl, None,
        "a fresh key signs and the x5u header points at the reviewer's certificate URL (the PEM is written to --out-keys)",
        "ignore x5u, or validate the chain to a pinned trust anchor and allow-list the URL"),
    row!("kid-traversal", Nothing, None,
        "kid path traversal to files of known content (/dev/null: empty; /proc/sys/kernel/ostype: Linux; /proc/sys/kernel/domainname: (none)), absolute and 10 levels up spelled ../, ..%2f, %2e%2e%2f, %2e%2e/, ..\\ and ....//, each signed with the content as read and without its trailing newline (a server that strips what it reads)",
        "treat kid as an opaque identifier looked up in a key set, never as a file path"),
    row!("kid-sqli", Nothing, None,
        "kid SQL injection whose UNION selects the literal \"jot\" as the HMAC key",
        "look kid up with a parameterised query (or in memory), never by string concatenation"),
    Attack {
        name: "kid-cmdi",
        description: "kid command-injection markers (|id, ;id, $(id), `id`); blind: the response alone gives no verdict",
        cve: None,
        needs: Need::Nothing,
        fix: "never pass kid to a shell; look it up in a key set",
        blind: true,
    },
    row!("psychic", Nothing, Some("CVE-2022-21449"),
        "ECDSA with r = s = 0 in raw (JWS) and DER shapes, for the token's (or --public-key's) ES alg, else ES256/384/512, also for RS and HS tokens (a server that picks the verifier by the token's alg)",
        "use an ECDSA verifier that checks 0 < r, s < n (patched Java 15-18 or any current library)"),
    row!("x5c", Nothing, None,
        "a fresh RSA key signs, and a self-signed certificate of it is put in the x5c header (the certificate-chain twin of embedded-jwk)",
        "validate the x5c chain to a pinned trust anchor (RFC 7515 section 4.1.6) before using its key, or ignore x5c and look keys up in a trusted set"),
    row!("high-s", Nothing, None,
        "for an ECDSA token, its signature's twin (r, n - s): the same claims under other signature bytes, past a denylist or one-time-use cache keyed by the signature or the token string",
        "key revocation and replay caches by jti (or by the claims), never by the signature bytes; or accept low-S signatures only"),
    row!("jwe-confusion", PublicKey, Some("CVE-2023-51774"),
        "the tampered claims as a JWE encrypted to the server's public key (its default key management, A256GCM and A128CBC-HS256) where a JWS is expected: anyone can encrypt to a public key",
        "accept only the JWS (or the nested JWE-then-JWS) the application expects; a decrypted JWE is confidential, not authenticated"),
    row!("alg-case", HmacKey, None,
        "the HMAC alg in other letter cases (hs256, Hs256) signed with the confused public key or the secret",
        "compare alg names exactly (RFC 7515 names are case-sensitive) against a pinned list"),
    row!("resign", Secret, None,
        "the tampered claims properly signed with the recovered secret: what the weak secret gives an attacker",
        "replace the secret with 256 random bits (jot keygen HS256) and rotate"),
    row!("typ", Secret, None,
        "typ removed or changed (at+jwt, JWE, none), signed with the secret",
        "check typ where token types can be confused (RFC 8725 section 3.11)"),
    row!("crit", Secret, None,
        "an unknown critical header extension, signed with the secret",
        "reject tokens whose crit names an extension the server does not understand (RFC 7515 section 4.1.11)"),
    row!("b64", Secret, None,
        "RFC 7797 unencoded payload (b64 false, crit b64), signed with the secret",
        "refuse b64 false unless the application uses RFC 7797 on purpose"),
    row!("claims-exp", SecretOrExpired, None,
        "an expired token: the original claims with exp a day in the past (beyond any sane leeway) signed with the secret, or the reviewer's --expired-token as issued",
        "exp is not checked: refuse a token whose exp has passed (a few minutes of leeway at most) on every request"),
    row!("claims-nbf", Secret, None,
        "the original claims with nbf a day in the future, signed with the secret",
        "nbf is not checked: refuse a token before its nbf (RFC 7519 section 4.1.5)"),
    row!("claims-aud", Secret, None,
        "the original claims with a foreign aud (https://jot-probe.invalid/), signed with the secret",
        "aud is not checked: accept only tokens whose aud names this service (RFC 7519 section 4.1.3, RFC 8725 section 3.9)"),
    row!("claims-iss", Secret, None,
        "the original claims with a foreign iss (https://jot-probe.invalid/), signed with the secret",
        "iss is not checked: accept only the expected issuer, compared exactly (RFC 8725 section 3.8)"),
    row!("claims-no-exp", Secret, None,
        "the original claims without exp (a token that never expires), signed with the secret",
        "exp is not required: refuse tokens without exp, or a stolen token works forever"),
    row!("claims-iat", Secret, None,
        "the original claims with iat a day in the future, signed with the secret",
        "iat is not checked: refuse a token issued in the future (beyond a small clock skew)"),
    row!("dpop-replay", DpopKey, None,
        "a DPoP proof (RFC 9449) made for another request replayed with this one: another htm, another htu",
        "compare the proof's htm with the request method and its htu with the request URI (RFC 3986 normalised, query and fragment ignored), and remember jti values (RFC 9449 section 4.3, 11.1)"),
    row!("dpop-private-jwk", DpopKey, None,
        "a DPoP proof whose jwk header also holds the private key (d)",
        "refuse a proof whose jwk has private members (d, p, q, dp, dq, qi, k): RFC 9449 section 4.3 wants a public key"),
    row!("dpop-hmac", DpopKey, None,
        "an HS256 DPoP proof keyed with the client's public JWK (its RFC 7638 JSON, or the jwk as sent), or with an oct jwk of its own: anyone who saw one proof can make more",
        "accept asymmetric proof algorithms only, never none or HMAC (RFC 9449 section 4.3); verify with the jwk as a public key"),
    row!("dpop-no-ath", DpopKey, None,
        "a DPoP proof with no ath, and one with the ath of another access token",
        "require ath in proofs sent with an access token and compare it with the SHA-256 of that token (RFC 9449 section 4.3, 7)"),
];

/// The row named `name`.
pub fn attack(name: &str) -> Option<&'static Attack> {
    ATTACKS.iter().find(|a| a.name == name)
}

/// Every name, for help texts and errors.
pub fn names() -> Vec<&'static str> {
    ATTACKS.iter().map(|a| a.name).collect()
}

/// The table as help text: one line per attack with what it needs and its CVE.
pub(crate) fn help_table() -> String {
    let mut s = String::new();
    for a in ATTACKS {
        s.push_str(&format!("  {:<14} needs {}", a.name, a.needs.flags()));
        if let Some(c) = a.cve {
            s.push_str(&format!("; {c}"));
        }
        s.push_str(&format!("\n      {}\n", a.description));
    }
    s
}

/// The table as Markdown, for docs/attacks.md (kept equal by a test).
pub fn markdown() -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut s = String::from(
        "| attack | needs | CVE | what is forged | how to fix a server that accepts it |\n",
    );
    s.push_str("|---|---|---|---|---|\n");
    for a in ATTACKS {
        let needs = match a.needs {
            Need::Nothing => "-".to_string(),
            n => format!(
                "`{}`",
                n.flags().replace(", ", "`, `").replace(" or ", "` or `")
            ),
        };
        s.push_str(&format!(
            "| `{}` | {needs} | {} | {} | {} |\n",
            a.name,
            a.cve.unwrap_or("-"),
            cell(a.description),
            cell(a.fix)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_lookup_finds_each() {
        for a in ATTACKS {
            assert_eq!(attack(a.name), Some(a));
            assert_eq!(ATTACKS.iter().filter(|b| b.name == a.name).count(), 1);
        }
        assert!(attack("nope").is_none());
    }

    #[test]
    fn only_kid_cmdi_is_blind() {
        let blind: Vec<_> = ATTACKS.iter().filter(|a| a.blind).map(|a| a.name).collect();
        assert_eq!(blind, ["kid-cmdi"]);
    }
}
