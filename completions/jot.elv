
use builtin;
use str;

set edit:completion:arg-completer[jot] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'jot'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'jot'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand keygen 'Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK'
            cand convert 'Convert a key between PEM, DER, JWK and JWKS'
            cand thumbprint 'Print a key''s RFC 7638 thumbprint'
            cand sign 'Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)'
            cand decode 'Show a token''s header and claims without verifying it'
            cand verify 'Verify a token''s signature and claims against keys you supply'
            cand audit 'Review tokens and key files for weaknesses; JSON and SARIF reports'
            cand crack 'Recover a weak HMAC secret from an HS256/384/512 token'
            cand rotate 'Rotate a key set on disk (next → active → retiring → removed)'
            cand keyset 'List or publish a key set on disk'
            cand serve 'Serve a key set''s JWKS and OpenID discovery document over HTTP'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;keygen'= {
            cand --bits 'RSA modulus size: 2048, 3072 or 4096 (default 2048)'
            cand --kid 'Key id (default: the key''s RFC 7638 thumbprint)'
            cand --format 'Output format (default: pem for asymmetric keys, jwk for HMAC keys)'
            cand -o 'Write the private key here (mode 0600) instead of stdout'
            cand --out 'Write the private key here (mode 0600) instead of stdout'
            cand --public-out 'Also write the public key here'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --force 'Replace existing files'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;convert'= {
            cand --to 'Output form'
            cand --kid 'Select this kid from a JWKS input; set it on the output'
            cand --alg 'Set the output''s alg'
            cand --use 'Set the output''s use'
            cand --passphrase-file 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)'
            cand -o 'Write here (atomically; private output gets mode 0600) instead of stdout'
            cand --out 'Write here (atomically; private output gets mode 0600) instead of stdout'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --public 'Write only the public key (private members are never in public output)'
            cand --allow-weak 'Accept RSA keys under 2048 bits'
            cand --raw 'Treat the input''s bytes as a raw HMAC secret'
            cand --force 'Replace an existing --out file'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;thumbprint'= {
            cand --hash 'Hash function'
            cand --kid 'Select this kid from a JWKS input'
            cand --passphrase-file 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --allow-weak 'Accept RSA keys under 2048 bits'
            cand --raw 'Treat the input''s bytes as a raw HMAC secret'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;sign'= {
            cand --key 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin'
            cand --secret 'HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file'
            cand --secret-file 'HMAC secret: the file''s exact bytes (- for stdin). Preferred over --secret'
            cand --passphrase-file 'Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)'
            cand --keyset 'Sign with the active key of a rotated key set (see `jot rotate`)'
            cand --alg 'Algorithm (default: from the key). `none` is refused'
            cand --kid 'Key id for the header (default: the key''s kid, else its thumbprint)'
            cand --claims 'Claims as a JSON object, @FILE, or - for stdin'
            cand --claim 'One claim; the value is parsed as JSON when it is JSON (numbers, true, arrays), else a string'
            cand --iss 'Issuer'
            cand --sub 'Subject'
            cand --aud 'Audience (repeat for several)'
            cand --exp 'Expiry: a duration from now (15m, 2h, 7d) or a time (unix seconds, RFC 3339). Default 15m'
            cand --nbf 'Not before: a duration from now or a time'
            cand --header 'Extra header member; the value is parsed as JSON when it is JSON'
            cand --fingerprint-out 'Write the fingerprint value to this file (mode 0600) instead of stderr'
            cand --now 'Fix the clock (unix seconds or RFC 3339), for reproducible output'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --allow-weak 'Accept RSA keys under 2048 bits (for analysis only)'
            cand --insecure-short-key 'Sign with an HMAC secret shorter than the hash output (still warns; for tests only)'
            cand --no-iat 'Omit iat'
            cand --no-exp 'Omit exp (a token that never expires cannot be revoked by time; warns)'
            cand --jti 'Add a random jti'
            cand --fingerprint 'Bind the token to a fresh random value (OWASP token sidejacking defence): its SHA-256 goes in the "fgp" claim and the value is printed on stderr or to --fingerprint-out'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;decode'= {
            cand --now 'Fix the clock used for relative times'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --json 'One JSON object per token: {"header":…,"payload":…,"signature":"…"}'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;verify'= {
            cand --key 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin'
            cand --secret 'HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file'
            cand --secret-file 'HMAC secret: the file''s exact bytes (- for stdin). Preferred over --secret'
            cand --passphrase-file 'Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)'
            cand --jwks 'A JWKS: a file or an http(s) URL'
            cand --oidc 'An OpenID issuer: its discovery document names the JWKS'
            cand --alg 'Allowed algorithm (repeat for several). Default: what the key implies'
            cand --iss 'Required issuer (exact match; also the expected issuer with --oidc)'
            cand --aud 'Who you are (repeat): the token''s aud must contain one. A token that has an aud is rejected when none is given (RFC 7519 §4.1.3)'
            cand --sub 'Required subject (exact match)'
            cand --require 'Claims that must be present (replaces the default requirement of exp)'
            cand --leeway 'Clock skew allowed for exp, nbf and iat'
            cand --max-age 'Reject tokens whose iat is older than this'
            cand --denylist 'Revoked tokens: one jti, or SHA-256 (hex) of the signing input header.payload, per line'
            cand --fingerprint 'The fingerprint value the token must be bound to (see `jot sign --fingerprint`)'
            cand --kid 'Select the key by this kid (overrides the token''s kid)'
            cand --now 'Fix the clock (unix seconds or RFC 3339)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --allow-weak 'Accept RSA keys under 2048 bits (for analysis only)'
            cand --allow-no-exp 'Accept tokens without exp'
            cand --require-low-s 'Refuse ECDSA signatures with a high S (accepted by default: OpenSSL, PyJWT and the RFC 7515 examples make them; jot signs low-S)'
            cand --json 'JSON output (one object per token)'
            cand --no-cache 'Do not use or fill the on-disk JWKS cache'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;audit'= {
            cand --wordlist 'Extra wordlist of secrets to try on HS* tokens (repeatable)'
            cand --key 'Verify signatures with this key'
            cand --jwks 'Verify signatures with this JWKS file'
            cand --max-lifetime 'Longest acceptable token lifetime (exp - iat)'
            cand --format 'Report format'
            cand --fail-on 'Exit 1 when a finding is at or above this severity'
            cand --now 'Fix the clock (unix seconds or RFC 3339)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --no-builtin 'Do not try the built-in weak-secret list'
            cand --extract 'Treat inputs as logs, HAR files or HTTP dumps and pull every JWT out of them'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;crack'= {
            cand --wordlist 'Wordlist (plain or gzip; - for stdin); repeatable'
            cand --mask 'Mask in hashcat notation: ?l ?u ?d ?s ?a ?1-?4, ?? for a literal ?'
            cand --charset 'Custom charset: 1=CHARS … 4=CHARS for masks, or all=CHARS for --min-len/--max-len'
            cand --min-len 'Brute force: shortest candidate'
            cand --max-len 'Brute force: longest candidate'
            cand --threads 'Worker threads (default: all cores)'
            cand --skip 'Skip the first N candidates (resume, or one shard of a split search)'
            cand --limit 'Try at most N candidates'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --no-transforms 'Do not also try each candidate base64- and hex-decoded'
            cand --export-hashcat 'Print the hashcat (mode 16500) input line and command instead of cracking'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;rotate'= {
            cand --dir 'The key set directory (created on the first run, mode 0700)'
            cand --alg 'Algorithm of new keys (default: the set''s, else ES256)'
            cand --grace 'How long a retired key stays published; at least your longest token lifetime'
            cand --now 'Fix the clock (unix seconds or RFC 3339)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --dry-run 'Print the plan and change nothing'
            cand --archive 'Move removed private keys to DIR/archive instead of deleting them'
            cand --fix-permissions 'Repair group/other-readable private key files instead of refusing the set'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;keyset'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the keys of a set: kid, alg, state, dates'
            cand publish 'Write the set''s public JWKS (atomically) to a path or stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;keyset;list'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --json 'JSON output'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;keyset;publish'= {
            cand -o 'Output path (default: stdout)'
            cand --out 'Output path (default: stdout)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;keyset;help'= {
            cand list 'List the keys of a set: kid, alg, state, dates'
            cand publish 'Write the set''s public JWKS (atomically) to a path or stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;keyset;help;list'= {
        }
        &'jot;keyset;help;publish'= {
        }
        &'jot;keyset;help;help'= {
        }
        &'jot;serve'= {
            cand --dir 'The key set directory (its jwks.json is served)'
            cand --addr 'Address to listen on'
            cand --issuer 'Issuer URL in the discovery document (default: http://ADDR)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;completions'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;help'= {
            cand keygen 'Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK'
            cand convert 'Convert a key between PEM, DER, JWK and JWKS'
            cand thumbprint 'Print a key''s RFC 7638 thumbprint'
            cand sign 'Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)'
            cand decode 'Show a token''s header and claims without verifying it'
            cand verify 'Verify a token''s signature and claims against keys you supply'
            cand audit 'Review tokens and key files for weaknesses; JSON and SARIF reports'
            cand crack 'Recover a weak HMAC secret from an HS256/384/512 token'
            cand rotate 'Rotate a key set on disk (next → active → retiring → removed)'
            cand keyset 'List or publish a key set on disk'
            cand serve 'Serve a key set''s JWKS and OpenID discovery document over HTTP'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;help;keygen'= {
        }
        &'jot;help;convert'= {
        }
        &'jot;help;thumbprint'= {
        }
        &'jot;help;sign'= {
        }
        &'jot;help;decode'= {
        }
        &'jot;help;verify'= {
        }
        &'jot;help;audit'= {
        }
        &'jot;help;crack'= {
        }
        &'jot;help;rotate'= {
        }
        &'jot;help;keyset'= {
            cand list 'List the keys of a set: kid, alg, state, dates'
            cand publish 'Write the set''s public JWKS (atomically) to a path or stdout'
        }
        &'jot;help;keyset;list'= {
        }
        &'jot;help;keyset;publish'= {
        }
        &'jot;help;serve'= {
        }
        &'jot;help;completions'= {
        }
        &'jot;help;help'= {
        }
    ]
    $completions[$command]
}
