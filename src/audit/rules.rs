//! The audit rule table: a stable id, a severity, a title and a remediation for every rule.
//! Reports, SARIF `rules` and the docs are generated from this one table.

use serde::Serialize;

/// How bad a finding is, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// Every severity, lowest first (the CLI's `--fail-on` values are their names).
    pub(crate) const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// The severity named `name` (lowercase, as [`Severity::name`] writes it).
    pub(crate) fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Lowercase name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// SARIF `level`.
    pub(crate) fn sarif_level(self) -> &'static str {
        match self {
            Severity::Info | Severity::Low => "note",
            Severity::Medium => "warning",
            Severity::High | Severity::Critical => "error",
        }
    }

    /// GitHub's `security-severity` score (CVSS-like, 0–10).
    pub(crate) fn score(self) -> &'static str {
        match self {
            Severity::Info => "0.0",
            Severity::Low => "3.0",
            Severity::Medium => "5.5",
            Severity::High => "8.0",
            Severity::Critical => "9.5",
        }
    }
}

/// One rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub remediation: &'static str,
}

macro_rules! rules {
    ($($id:literal $sev:ident $title:literal => $fix:literal;)*) => {
        /// Every rule jot audits, in report order.
        pub(crate) const RULES: &[Rule] = &[$(Rule { id: $id, severity: Severity::$sev, title: $title, remediation: $fix }),*];
    };
}

rules! {
    "JOT001" Critical "alg none: the token is unsigned" => "Reject alg none in every verifier; pin the algorithms a verifier accepts.";
    "JOT002" Critical "HMAC secret cracked" => "Rotate the secret now: use a random key of at least the hash size (jot keygen HS256) and revoke tokens signed with the old one.";
    "JOT003" Info "symmetric algorithm: every verifier can also forge" => "Prefer an asymmetric algorithm (ES256, EdDSA) when verifiers are not fully trusted.";
    "JOT004" High "no exp: the token never expires" => "Always set exp; keep access tokens short-lived (minutes).";
    "JOT005" Medium "lifetime longer than the maximum" => "Shorten the lifetime (exp - iat); use refresh tokens for long sessions.";
    "JOT006" Low "token has expired" => "Expired tokens must be rejected; if it was still accepted, check the verifier's exp handling.";
    "JOT007" Medium "nbf or iat in the future" => "Check the issuer's clock; verifiers must reject tokens not yet valid.";
    "JOT008" Low "no iss claim" => "Set iss and make verifiers check it.";
    "JOT009" Low "no aud claim" => "Set aud to the intended recipient and make verifiers check it, so a token for one service is not replayed at another.";
    "JOT010" Low "no iat claim" => "Set iat so verifiers can bound a token's age.";
    "JOT011" Info "no jti claim" => "Set a unique jti so single tokens can be revoked (denylist).";
    "JOT012" High "jku or x5u header: keys fetched from a URL the token names" => "Never fetch keys from URLs in the token; pin the JWKS URL in the verifier.";
    "JOT013" High "embedded jwk header" => "Never verify with a key the token carries (CVE-2018-0114); use the verifier's own keys.";
    "JOT014" Medium "x5c header: certificate chain in the token" => "Verify only against pinned keys or a chain validated to a pinned root.";
    "JOT015" High "kid with path traversal, SQL or shell metacharacters" => "Treat kid as an opaque lookup key among known keys; never as a path, query or command.";
    "JOT016" Medium "unknown critical header (crit)" => "Verifiers must reject tokens with critical extensions they do not understand (RFC 7515 §4.1.11).";
    "JOT017" Medium "sensitive data in the payload" => "JWT payloads are readable by anyone: move personal data and secrets out of the token (or use JWE).";
    "JOT018" Low "oversized token" => "Keep tokens small (under 4 KB for cookies and headers): carry references, not data.";
    "JOT019" High "signature does not verify with the given key" => "The token was not signed by this key: it is forged, tampered or from another issuer.";
    "JOT020" Info "not a JWT" => "Audit the format it is (see the message).";
    "JOT021" High "JWE alg RSA1_5: padding-oracle prone" => "Encrypt with RSA-OAEP-256 or ECDH-ES; RSA1_5 decryption is a padding oracle (RFC 8725 §3.2, Bleichenbacher).";
    "JOT022" Medium "JWE zip: compression before encryption leaks the plaintext through its length" => "Do not compress attacker-influenced plaintext (CRIME/BREACH-style leaks, RFC 8725 §3.6); drop zip.";
    "JOT023" Medium "PBES2 with a low p2c" => "Use at least 600,000 PBKDF2 iterations (OWASP) and a long random passphrase, or a random key with A256KW.";
    "JOT024" Low "JWE without cty" => "Set cty: JWT on a nested token (RFC 7519 §5.2) so receivers verify the inner JWS instead of trusting the plaintext.";
    "JOT025" Medium "SD-JWT salt shorter than 128 bits" => "Draw each disclosure's salt from a CSPRNG, 128 bits or more (RFC 9901 §9.3): a short salt lets anyone guess undisclosed values from their digests.";
    "JOT026" High "SD-JWT salt used twice" => "Give every disclosure a fresh random salt (RFC 9901 §9.3); a repeated salt links disclosures and hints at a broken random source.";
    "JOT027" Medium "SD-JWT makes iss, exp, nbf or cnf selectively disclosable" => "Keep the claims a verifier checks first in the clear: a holder can drop a disclosure, and with it the expiry or the holder binding.";
    "JOT028" Medium "SD-JWT without _sd_alg uses a hash other than sha-256" => "Set _sd_alg whenever the digests are not sha-256 (RFC 9901 §4.1.1); verifiers assume sha-256 and no disclosure will match.";
    "JOT029" Medium "holder-bound SD-JWT presented without a KB-JWT" => "Present holder-bound credentials with a KB-JWT (jot disclose --holder-key --aud --nonce), and make verifiers require one (jot verify --require-kb).";
    "JOT030" Low "access token without explicit typing (typ at+jwt)" => "Set typ: at+jwt on access tokens (RFC 9068 §2.1) and make resource servers require it (jot verify --profile at+jwt), so an ID token or another JWT cannot be used as one (RFC 8725 §3.11).";
    "JOT031" Medium "x5c chain expired, self-signed or not matching x5t#S256" => "Send a current chain that ends at a CA the verifier pins, with an x5t#S256 of its leaf; verifiers must validate the chain to a trust anchor before using its key.";
    "JOT032" Info "alg EdDSA: deprecated by RFC 9864" => "Sign new tokens with the fully-specified alg Ed25519 or Ed448 (RFC 9864 §4; jot sign --alg Ed25519) once every verifier accepts it; verifiers keep accepting EdDSA.";
    "JOT033" High "header or claims repeat a member name (parser differential)" => "Issue tokens with each member once; verifiers must refuse duplicates (RFC 7515 §5.2, RFC 8725 §3.4): two parsers that keep different duplicates read different claims from one signature.";
    "JOT101" Critical "private key material in a JWKS or public key file" => "Publish only public members; rotate the exposed key.";
    "JOT102" High "symmetric (oct) key in a JWKS" => "Never publish HMAC secrets; anyone who has it can forge tokens.";
    "JOT103" High "RSA key under 2048 bits" => "Use RSA 2048 bits or more, or ES256/EdDSA.";
    "JOT104" Medium "missing kid" => "Give every published key a kid (its RFC 7638 thumbprint is a good one) so verifiers can select it.";
    "JOT105" Medium "duplicate kid" => "Every key in a set needs a unique kid.";
    "JOT106" Info "kid is not the key's RFC 7638 thumbprint" => "A thumbprint kid can be checked by anyone against the key; consider using it.";
    "JOT107" Low "missing alg or use" => "Set alg and use on published keys so verifiers pin them.";
    "JOT108" Critical "weak HMAC secret" => "Replace the secret with a random key of at least the hash size (jot keygen HS256).";
    "JOT109" High "private key file readable by group or others" => "chmod 600 the file; rotate the key if others could have read it.";
    "JOT110" High "invalid key file or JWKS member" => "Fix or remove the key: verifiers reject it, and a lax one may accept a dangerous key (the message names the check that failed).";
    "JOT111" Info "key jot cannot read: not audited" => "Check the key with a tool that supports its type (or give its passphrase); remove it if nothing uses it.";
    "JOT112" High "symmetric encryption key (dir, A*KW, A*GCMKW) in a JWKS" => "Never publish content or key-wrapping keys: anyone who has one decrypts every token; rotate it.";
    "JOT113" Medium "a key used for both encryption and signing" => "Use separate keys for sig and enc (RFC 7517 §4.2); mark each with one use.";
    "JOT114" Critical "RSA key with the ROCA fingerprint (CVE-2017-15361): its modulus can be factored" => "Replace the key now (update the chip or token firmware, or generate the key elsewhere) and revoke what it signed; Infineon RSALib keys of 512 to 2048 bits are factorable.";
    "JOT115" High "keys with the same kid and kty: the kid names more than one key" => "Give each key its own kid (its RFC 7638 thumbprint), or remove the stale one; a verifier tries every key the kid names.";
    "JOT116" High "set mixes secret (oct) keys and public keys" => "Keep HMAC secrets out of public key sets: a published JWKS must never hold a secret, and a verifier holding both lets the token's alg choose between them.";
}

/// Look up a rule by id. Every id used in the crate is in the table (a test checks it).
pub(crate) fn rule(id: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .unwrap_or(&RULES[RULES.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_sorted() {
        for w in RULES.windows(2) {
            assert!(w[0].id < w[1].id, "{} then {}", w[0].id, w[1].id);
        }
    }

    #[test]
    fn every_rule_is_documented() {
        let doc = include_str!("../../docs/audit.md");
        for r in RULES {
            assert!(
                doc.contains(&format!("| {} |", r.id)),
                "{} missing from docs/audit.md",
                r.id
            );
        }
    }
}
