
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
            cand disclose 'Present an SD-JWT: keep chosen disclosures, optionally bind it with a KB-JWT'
            cand encrypt 'Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)'
            cand decrypt 'Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks'
            cand audit 'Review tokens and key files for weaknesses; JSON and SARIF reports'
            cand crack 'Recover a weak HMAC secret from an HS256/384/512 token'
            cand rotate 'Rotate a key set on disk (next → active → retiring → removed)'
            cand keyset 'List or publish a key set on disk'
            cand serve 'Serve a key set''s JWKS and OpenID discovery document over HTTP'
            cand ui 'Serve a local token debugger page in the browser (loopback, nothing leaves the machine)'
            cand forge 'Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)'
            cand probe 'Send forged tokens to a live endpoint and report which ones it accepts'
            cand dpop 'The `dpop` subcommands'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;keygen'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --crv 'Curve of an ECDH-ES key: P-256 (default), P-384, P-521 or X25519'
            cand --enc 'The content encryption a dir key is sized for (default A256GCM)'
            cand --bits 'RSA modulus size: 2048, 3072 or 4096 (default 2048)'
            cand --kid 'Key id (default: the key''s RFC 7638 thumbprint)'
            cand --format 'Output format (default: pem for asymmetric keys, jwk for HMAC keys)'
            cand -o 'Write the private key here (mode 0600) instead of stdout'
            cand --out 'Write the private key here (mode 0600) instead of stdout'
            cand --public-out 'Also write the public key here'
            cand --force 'Replace existing files'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;convert'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --to 'Output form'
            cand --kid 'Select this kid from a JWKS input; set it on the output'
            cand --alg 'Set the output''s alg'
            cand --use 'Set the output''s use'
            cand --passphrase-file 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)'
            cand -o 'Write here (atomically; private output gets mode 0600) instead of stdout'
            cand --out 'Write here (atomically; private output gets mode 0600) instead of stdout'
            cand --public 'Write only the public key (private members are never in public output)'
            cand --allow-weak 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint'
            cand --raw 'Treat the input''s bytes as a raw HMAC secret'
            cand --force 'Replace an existing --out file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jot;thumbprint'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --hash 'Hash function'
            cand --kid 'Select this kid from a JWKS input'
            cand --passphrase-file 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)'
            cand --allow-weak 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint'
            cand --raw 'Treat the input''s bytes as a raw HMAC secret'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;sign'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --key 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each'
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
            cand --serialization 'Write the token in this serialization: compact (default), json (general: one signature per --key) or flattened (RFC 7515 §7.2)'
            cand --encrypt-to 'Then encrypt the signed token to this recipient key: a nested JWT (cty JWT, RFC 7519 §5.2). The key picks the JWE alg as `jot encrypt` does'
            cand --encrypt-alg 'JWE key management algorithm for --encrypt-to (default: from the key)'
            cand --encrypt-enc 'JWE content encryption for --encrypt-to (default A256GCM)'
            cand --sd 'Make this claim selectively disclosable (repeat): NAME, a nested path (address.street_address) or an array element (nationalities[0], a[0].b). The output is an SD-JWT: <JWT>~<disclosure>~…~'
            cand --decoys 'Add N decoy digests that match no disclosure (hide how many claims there are)'
            cand --sd-alg 'The digest hash (_sd_alg)'
            cand --holder-key 'Bind the credential to this holder key: its public JWK goes in cnf.jwk (a private key file is fine; only the public part is used)'
            cand --typ 'The header''s typ (default JWT; SD-JWT VCs use dc+sd-jwt)'
            cand --allow-weak 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
            cand --insecure-short-key 'Sign with an HMAC secret shorter than the hash output (still warns; for tests only)'
            cand --no-iat 'Omit iat'
            cand --no-exp 'Omit exp (a token that never expires cannot be revoked by time; warns)'
            cand --jti 'Add a random jti'
            cand --fingerprint 'Bind the token to a fresh random value (OWASP token sidejacking defence): its SHA-256 goes in the "fgp" claim and the value is printed on stderr or to --fingerprint-out'
            cand --sd-all 'Make every top-level claim disclosable except iss, sub, aud, exp, nbf, iat, jti, cnf, vct and status'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;decode'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --now 'Fix the clock used for relative times'
            cand --decrypt-key 'Decrypt a JWE with this key and show the inner token too (nothing is verified)'
            cand --json 'One JSON object per token: {"header":…,"payload":…,"signature":"…"}'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;verify'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --key 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each'
            cand --secret 'HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file'
            cand --secret-file 'HMAC secret: the file''s exact bytes (- for stdin). Preferred over --secret'
            cand --passphrase-file 'Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)'
            cand --jwks 'A JWKS: a file or an http(s) URL'
            cand --oidc 'An OpenID issuer: its discovery document names the JWKS'
            cand --trust-anchor 'A CA certificate (PEM; repeat for several) that a protected x5c chain must validate to: the leaf certificate''s key then verifies the token. Without it x5c is never used'
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
            cand --typ 'The protected header''s typ must be T: compared case-insensitively, an application/ prefix removed from either side (RFC 7515 §4.1.9). Overrides the profile''s'
            cand --profile 'A profile''s defaults: at+jwt (RFC 9068: typ at+jwt; iss, exp, aud, sub, client_id, iat, jti required) or id-token (OpenID Connect: iss, sub, aud, exp, iat; azp when aud has several values). --typ and --require override them'
            cand --nonce 'The nonce claim must equal this (OpenID Connect ID tokens)'
            cand --now 'Fix the clock (unix seconds or RFC 3339)'
            cand --decrypt-key 'A nested JWT: decrypt the JWE with this key first, then verify the inner token with every check above. The verdict says which layer failed'
            cand --kb-aud 'Require a KB-JWT whose aud is this verifier'
            cand --kb-nonce 'Require a KB-JWT whose nonce is this'
            cand --kb-max-age 'Reject a KB-JWT whose iat is older than this'
            cand --dpop-proof 'The DPoP proof sent with the token (RFC 9449): the token must carry cnf.jkt, the proof must pass every `jot dpop check` with ath over this token. Needs --htm, --htu'
            cand --htm 'The request''s HTTP method, for --dpop-proof'
            cand --htu 'The request''s URI, for --dpop-proof'
            cand --dpop-nonce 'The DPoP-Nonce the proof must carry'
            cand --dpop-max-age 'How old the proof''s iat may be (default 5m)'
            cand --allow-weak 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
            cand --allow-no-exp 'Accept tokens without exp'
            cand --insecure-short-key 'Verify with an HMAC secret shorter than the hash output (still warns; for tests only)'
            cand --require-low-s 'Refuse ECDSA signatures with a high S (accepted by default: OpenSSL, PyJWT and the RFC 7515 examples make them; jot signs low-S)'
            cand --all-signatures 'A JSON-serialized JWS is valid only when every signature verifies (default: one that verifies with the supplied keys is enough)'
            cand --json 'JSON output (one object per token)'
            cand --no-cache 'Do not use or fill the on-disk JWKS cache'
            cand --require-kb 'Fail an SD-JWT presentation without a KB-JWT'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;disclose'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --claim 'Disclose this claim (repeat): a path as `jot decode` shows it'
            cand --holder-key 'Append a KB-JWT signed with this holder private key (needs --aud and --nonce)'
            cand --passphrase-file 'Passphrase for an encrypted PKCS#8 holder key, read from this file'
            cand --aud 'The verifier the KB-JWT is for'
            cand --nonce 'The verifier''s nonce for the KB-JWT'
            cand --now 'Fix the clock for the KB-JWT''s iat (unix seconds or RFC 3339)'
            cand --all 'Disclose everything'
            cand --none 'Disclose nothing (the issuer JWT alone)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;encrypt'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --key 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each'
            cand --jwks 'A JWKS: a file or an http(s) URL (choose a key with --kid)'
            cand --kid 'Select the key by this kid'
            cand --secret-file 'A symmetric key (dir, A*KW, A*GCMKW): the file''s exact bytes (- for stdin)'
            cand --passphrase-file 'A passphrase for PBES2-*, read from this file''s first line (jot never prompts)'
            cand --key-passphrase-file 'Passphrase of an encrypted PKCS#8 --key, read from this file'
            cand --alg 'Key management algorithm (default: from the key)'
            cand --enc 'Content encryption'
            cand --cty 'Content type header (JWT for a nested token)'
            cand --header 'Extra protected-header member; the value is parsed as JSON when it is JSON'
            cand --p2c 'PBES2 iteration count'
            cand --serialization 'Write the token in this serialization: compact (default), json (general: one recipient per --key) or flattened (RFC 7516 §7.2)'
            cand --aad 'Additional authenticated data (JSON serializations only): the argument''s bytes, or @FILE''s'
            cand --allow-weak 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
            cand --zip 'Compress before encrypting (zip: DEF). Compression can leak the plaintext''s content through the length; avoid it for attacker-influenced data'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;decrypt'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --key 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each'
            cand --jwks 'A JWKS: a file or an http(s) URL (choose a key with --kid)'
            cand --kid 'Select the key by this kid'
            cand --secret-file 'A symmetric key (dir, A*KW, A*GCMKW): the file''s exact bytes (- for stdin)'
            cand --passphrase-file 'A passphrase for PBES2-*, read from this file''s first line (jot never prompts)'
            cand --key-passphrase-file 'Passphrase of an encrypted PKCS#8 --key, read from this file'
            cand --alg 'Allowed key management algorithm (repeat). Default: what the key implies'
            cand --enc 'Allowed content encryption (repeat). Default: all'
            cand --max-plaintext 'Bound on the plaintext after decryption and inflation, in bytes'
            cand --max-p2c 'Bound on PBES2''s iteration count (p2c)'
            cand --out 'Write the plaintext to this file (mode 0600) instead of stdout'
            cand --allow-weak 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
            cand --allow-rsa1-5 'Accept RSA1_5 (padding-oracle prone; a random CEK on any failure, RFC 7516 §11.5)'
            cand --force 'Replace --out if it exists'
            cand --json 'JSON output (one object per token): {"valid", "header", "plaintext" | "reason"}; plaintext that is not UTF-8 is "plaintext_b64url"'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;audit'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --wordlist 'Extra wordlist of secrets to try on HS* tokens (repeatable)'
            cand --key 'Verify signatures with this key'
            cand --jwks 'Verify signatures with this JWKS file'
            cand --max-lifetime 'Longest acceptable token lifetime (exp - iat)'
            cand --format 'Report format'
            cand --fail-on 'Exit 1 when a finding is at or above this severity'
            cand --now 'Fix the clock (unix seconds or RFC 3339)'
            cand --no-builtin 'Do not try the built-in weak-secret list'
            cand --extract 'Treat inputs as logs, HAR files or HTTP dumps and pull every JWT out of them'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;crack'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --wordlist 'Wordlist (plain or gzip; - for stdin); repeatable'
            cand --mask 'Mask in hashcat notation: ?l ?u ?d ?s ?a ?1-?4, ?? for a literal ?'
            cand --charset 'Custom charset: 1=CHARS … 4=CHARS for masks, or all=CHARS for --min-len/--max-len'
            cand --min-len 'Brute force: shortest candidate'
            cand --max-len 'Brute force: longest candidate'
            cand --threads 'Worker threads (default: all cores)'
            cand --skip 'Skip the first N candidates (resume, or one shard of a split search)'
            cand --limit 'Try at most N candidates'
            cand --shard 'Search the I-th of N equal slices of the keyspace (N machines cover it exactly once)'
            cand --engine 'Who searches: jot''s engine, or the local hashcat (with a mask, --skip/--limit count hashcat''s own keyspace units, as its -s/-l do)'
            cand --hashcat 'The hashcat program for --engine hashcat'
            cand --hashcat-arg 'An extra argument for hashcat (repeatable), e.g. --hashcat-arg=-D1 --hashcat-arg=--force'
            cand --kernel 'jot''s hashing kernel: auto, portable, sha-ni, avx2 or avx512 (for benchmarks)'
            cand --format 'Output format'
            cand --no-builtin 'Do not first try the built-in list of weak secrets'
            cand --no-transforms 'Do not also try each candidate base64- and hex-decoded'
            cand -v 'Say which kernel runs and what is tried, on stderr'
            cand --verbose 'Say which kernel runs and what is tried, on stderr'
            cand --export-hashcat 'Print the hashcat (mode 16500) input line and command instead of cracking'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jot;rotate'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --dir 'The key set directory (created on the first run, mode 0700)'
            cand --alg 'Algorithm of new keys (default: the set''s, else ES256)'
            cand --grace 'How long a retired key stays published; at least your longest token lifetime'
            cand --now 'Fix the clock (unix seconds or RFC 3339)'
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
            cand list 'List the keys of a set: kid, alg, state, dates; on a terminal, as a timeline'
            cand publish 'Write the set''s public JWKS (atomically) to a path or stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;keyset;list'= {
            cand --format 'Output: a timeline of each key''s states (default on a terminal), a table (default when piped), JSON, or the timeline as an SVG picture'
            cand --now 'Fix the clock the timeline is drawn at (unix seconds or RFC 3339)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --json 'JSON output (the same as --format json)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'jot;keyset;publish'= {
            cand -o 'Output path (default: stdout)'
            cand --out 'Output path (default: stdout)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;keyset;help'= {
            cand list 'List the keys of a set: kid, alg, state, dates; on a terminal, as a timeline'
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
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --dir 'The key set directory (its jwks.json is served)'
            cand --addr 'Address to listen on'
            cand --issuer 'Issuer URL in the discovery document (default: http://ADDR)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;ui'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --addr 'Address to listen on (port 0: any free port). Loopback only unless --allow-remote'
            cand --max-requests 'Stop after this many requests (for tests and scripts)'
            cand --timeout 'Stop after this long (for tests and scripts)'
            cand --open 'Open the page in the default browser (xdg-open / open); a failure is only a warning'
            cand --allow-remote 'Allow a non-loopback --addr (anyone who can reach it and has the URL can use the page)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;forge'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --attack 'Only this attack (repeatable); see the list below'
            cand --public-key 'The server''s public key (PEM, DER, JWK, certificate or JWKS), for key confusion'
            cand --secret-file 'The server''s HMAC secret (e.g. from jot crack): the file''s exact bytes'
            cand --claim 'A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)'
            cand --jku-url 'URL the jku attack points at (you host --out-keys/jwks.json there)'
            cand --x5u-url 'URL the x5u attack points at (you host --out-keys/x5u.pem there)'
            cand --out-keys 'Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)'
            cand --now 'Fix the clock for the pushed-out exp (unix seconds or RFC 3339)'
            cand --dpop-key 'The DPoP client''s private key: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)'
            cand --expired-token 'A token the server issued that has now expired: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)'
            cand --htm 'The request the DPoP proofs are for: its method (with --dpop-key)'
            cand --htu 'The request the DPoP proofs are for: its URI (with --dpop-key)'
            cand --json 'One JSON object per line'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;probe'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --token 'A token the server accepts (or - to read it from stdin). Given twice (two RS256/384/512 tokens of one key), probe recovers an e = 3 RSA public key from them when it has none'
            cand --header 'Where the token goes: a header template with {token} (default ''Authorization: Bearer {token}'')'
            cand --cookie 'Send the token in this cookie instead of a header'
            cand --method 'HTTP method'
            cand --data 'Request body ({token} is replaced too)'
            cand --attack 'Only this attack (repeatable); see the list below'
            cand --public-key 'The server''s public key (PEM, DER, JWK, certificate or JWKS), for key confusion'
            cand --secret-file 'The server''s HMAC secret (e.g. from jot crack): the file''s exact bytes'
            cand --claim 'A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)'
            cand --jku-url 'URL the jku attack points at (you host --out-keys/jwks.json there)'
            cand --x5u-url 'URL the x5u attack points at (you host --out-keys/x5u.pem there)'
            cand --out-keys 'Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)'
            cand --now 'Fix the clock for the pushed-out exp (unix seconds or RFC 3339)'
            cand --dpop-key 'The DPoP client''s private key: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)'
            cand --expired-token 'A token the server issued that has now expired: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)'
            cand --rate 'Requests per second at most (N or N/s)'
            cand --max-requests 'Requests in all at most, the baselines and the closing recheck included'
            cand --timeout 'Time for one request, body included (e.g. 10s, 1m)'
            cand --format 'Report format'
            cand --accepted-text 'Text only an accepted response has, e.g. ''Welcome admin'' (repeatable): a response unlike the garbage value''s that has it is accepted'
            cand --rejected-text 'Text only a rejected response has, e.g. ''Token invalid'' (repeatable): a response that has it is rejected'
            cand --accepted-status 'A status only an accepted response has, e.g. 200 (repeatable; never a 5xx, which is never evidence of acceptance)'
            cand --discover 'Fetch the server''s public keys from the URL''s origin (/.well-known/jwks.json, the OpenID discovery jwks_uri, the token''s iss on the same origin) for key confusion'
            cand --insecure 'Skip TLS certificate verification (prints a warning)'
            cand --show-tokens 'Show whole tokens in the report (abbreviated by default)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;dpop'= {
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand proof 'Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)'
            cand check 'Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;dpop;proof'= {
            cand --key 'The client''s private key (PEM, DER or JWK; EC, RSA or Ed25519), or - for stdin'
            cand --passphrase-file 'Passphrase for an encrypted PKCS#8 key, read from this file'
            cand --alg 'Algorithm (default: from the key). HMAC and none are refused'
            cand --htm 'The request''s HTTP method'
            cand --htu 'The request''s URI (query and fragment are left out of the proof)'
            cand --ath 'The access token sent with the request: its SHA-256 goes in ath'
            cand --nonce 'The server''s DPoP-Nonce'
            cand --now 'Fix the clock for iat (unix seconds or RFC 3339)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;dpop;check'= {
            cand --htm 'The request''s HTTP method'
            cand --htu 'The request''s URI'
            cand --access-token 'The access token sent with the proof: ath must be its SHA-256'
            cand --nonce 'The nonce the server handed out'
            cand --max-age 'How old iat may be'
            cand --leeway 'How far ahead iat may be'
            cand --jkt 'The thumbprint the proof key must have (the access token''s cnf.jkt)'
            cand --now 'Fix the clock (unix seconds or RFC 3339)'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)'
            cand --json 'JSON output: every check with pass/fail'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'jot;dpop;help'= {
            cand proof 'Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)'
            cand check 'Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jot;dpop;help;proof'= {
        }
        &'jot;dpop;help;check'= {
        }
        &'jot;dpop;help;help'= {
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
            cand disclose 'Present an SD-JWT: keep chosen disclosures, optionally bind it with a KB-JWT'
            cand encrypt 'Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)'
            cand decrypt 'Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks'
            cand audit 'Review tokens and key files for weaknesses; JSON and SARIF reports'
            cand crack 'Recover a weak HMAC secret from an HS256/384/512 token'
            cand rotate 'Rotate a key set on disk (next → active → retiring → removed)'
            cand keyset 'List or publish a key set on disk'
            cand serve 'Serve a key set''s JWKS and OpenID discovery document over HTTP'
            cand ui 'Serve a local token debugger page in the browser (loopback, nothing leaves the machine)'
            cand forge 'Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)'
            cand probe 'Send forged tokens to a live endpoint and report which ones it accepts'
            cand dpop 'Make and check DPoP proofs (RFC 9449)'
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
        &'jot;help;disclose'= {
        }
        &'jot;help;encrypt'= {
        }
        &'jot;help;decrypt'= {
        }
        &'jot;help;audit'= {
        }
        &'jot;help;crack'= {
        }
        &'jot;help;rotate'= {
        }
        &'jot;help;keyset'= {
        }
        &'jot;help;serve'= {
        }
        &'jot;help;ui'= {
        }
        &'jot;help;forge'= {
        }
        &'jot;help;probe'= {
        }
        &'jot;help;dpop'= {
        }
        &'jot;help;completions'= {
        }
        &'jot;help;help'= {
        }
    ]
    $completions[$command]
}
