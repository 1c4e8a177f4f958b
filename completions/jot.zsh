#compdef jot

autoload -U is-at-least

_jot() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_jot_commands" \
"*::: :->jot" \
&& ret=0
    case $state in
    (jot)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:jot-command-$line[1]:"
        case $line[1] in
            (keygen)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--crv=[Curve of an ECDH-ES key\: P-256 (default), P-384, P-521 or X25519]:CRV:_default' \
'--enc=[The content encryption a dir key is sized for (default A256GCM)]:ENC:_default' \
'--bits=[RSA modulus size\: 2048, 3072 or 4096 (default 2048)]:N:_default' \
'--kid=[Key id (default\: the key'\''s RFC 7638 thumbprint)]:KID:_default' \
'--format=[Output format (default\: pem for asymmetric keys, jwk for HMAC keys)]:FORMAT:(pem jwk)' \
'-o+[Write the private key here (mode 0600) instead of stdout]:PATH:_files' \
'--out=[Write the private key here (mode 0600) instead of stdout]:PATH:_files' \
'--public-out=[Also write the public key here]:PATH:_files' \
'--force[Replace existing files]' \
'-h[Print help]' \
'--help[Print help]' \
':alg -- Algorithm\: a JWS algorithm, or an encryption key for JWE (RSA-OAEP-256, ECDH-ES, A256KW, dir, …; JWK output with use\: enc):(HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA Ed25519 Ed448 ML-DSA-44 ML-DSA-65 ML-DSA-87 RSA1_5 RSA-OAEP RSA-OAEP-256 A128KW A192KW A256KW dir ECDH-ES ECDH-ES+A128KW ECDH-ES+A192KW ECDH-ES+A256KW A128GCMKW A192GCMKW A256GCMKW PBES2-HS256+A128KW PBES2-HS384+A192KW PBES2-HS512+A256KW)' \
&& ret=0
;;
(convert)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--to=[Output form]:TO:((jwk\:""
jwks\:""
pem\:""
der\:"PKCS#8 (private) or SPKI (public) DER, the bytes openssl writes with -outform DER"))' \
'--kid=[Select this kid from a JWKS input; set it on the output]:KID:_default' \
'--alg=[Set the output'\''s alg]:ALG:(HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA Ed25519 Ed448 ML-DSA-44 ML-DSA-65 ML-DSA-87)' \
'--use=[Set the output'\''s use]:sig|enc:(sig enc)' \
'--passphrase-file=[Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)]:PATH:_files' \
'-o+[Write here (atomically; private output gets mode 0600) instead of stdout]:PATH:_files' \
'--out=[Write here (atomically; private output gets mode 0600) instead of stdout]:PATH:_files' \
'--public[Write only the public key (private members are never in public output)]' \
'--allow-weak[Accept weak RSA keys\: under 2048 bits, or with the ROCA fingerprint]' \
'--raw[Treat the input'\''s bytes as a raw HMAC secret]' \
'--force[Replace an existing --out file]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':input -- Key file, or - for stdin:_default' \
&& ret=0
;;
(thumbprint)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--hash=[Hash function]:HASH:(sha256 sha384 sha512)' \
'--kid=[Select this kid from a JWKS input]:KID:_default' \
'--passphrase-file=[Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)]:PATH:_files' \
'--allow-weak[Accept weak RSA keys\: under 2048 bits, or with the ROCA fingerprint]' \
'--raw[Treat the input'\''s bytes as a raw HMAC secret]' \
'-h[Print help]' \
'--help[Print help]' \
':input -- Key file, or - for stdin:_default' \
&& ret=0
;;
(sign)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--key=[Key file\: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each]:PATH:_default' \
'--secret=[HMAC secret as text. Visible in \`ps\` and shell history\: prefer --secret-file]:TEXT:_default' \
'--secret-file=[HMAC secret\: the file'\''s exact bytes (- for stdin). Preferred over --secret]:PATH:_default' \
'--passphrase-file=[Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)]:PATH:_files' \
'--keyset=[Sign with the active key of a rotated key set (see \`jot rotate\`)]:DIR:_files' \
'--alg=[Algorithm (default\: from the key). \`none\` is refused]:ALG:(HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA Ed25519 Ed448 ML-DSA-44 ML-DSA-65 ML-DSA-87)' \
'--kid=[Key id for the header (default\: the key'\''s kid, else its thumbprint)]:KID:_default' \
'--claims=[Claims as a JSON object, @FILE, or - for stdin]:JSON|@FILE|-:_default' \
'*--claim=[One claim; the value is parsed as JSON when it is JSON (numbers, true, arrays), else a string]:K=V:_default' \
'--iss=[Issuer]:S:_default' \
'--sub=[Subject]:S:_default' \
'*--aud=[Audience (repeat for several)]:S:_default' \
'--exp=[Expiry\: a duration from now (15m, 2h, 7d) or a time (unix seconds, RFC 3339). Default 15m]:DURATION|TIME:_default' \
'--nbf=[Not before\: a duration from now or a time]:DURATION|TIME:_default' \
'*--header=[Extra header member; the value is parsed as JSON when it is JSON]:K=V:_default' \
'--fingerprint-out=[Write the fingerprint value to this file (mode 0600) instead of stderr]:PATH:_files' \
'--now=[Fix the clock (unix seconds or RFC 3339), for reproducible output]:TIME:_default' \
'--serialization=[Write the token in this serialization\: compact (default), json (general\: one signature per --key) or flattened (RFC 7515 §7.2)]:FORM:(compact json flattened)' \
'--encrypt-to=[Then encrypt the signed token to this recipient key\: a nested JWT (cty JWT, RFC 7519 §5.2). The key picks the JWE alg as \`jot encrypt\` does]:PATH:_default' \
'--encrypt-alg=[JWE key management algorithm for --encrypt-to (default\: from the key)]:ALG:_default' \
'--encrypt-enc=[JWE content encryption for --encrypt-to (default A256GCM)]:ENC:_default' \
'*--sd=[Make this claim selectively disclosable (repeat)\: NAME, a nested path (address.street_address) or an array element (nationalities\[0\], a\[0\].b). The output is an SD-JWT\: <JWT>~<disclosure>~…~]:PATH:_default' \
'--decoys=[Add N decoy digests that match no disclosure (hide how many claims there are)]:N:_default' \
'--sd-alg=[The digest hash (_sd_alg)]:ALG:(sha-256 sha-384 sha-512)' \
'--holder-key=[Bind the credential to this holder key\: its public JWK goes in cnf.jwk (a private key file is fine; only the public part is used)]:PATH:_default' \
'--typ=[The header'\''s typ (default JWT; SD-JWT VCs use dc+sd-jwt)]:TYP:_default' \
'--allow-weak[Accept weak RSA keys\: under 2048 bits, or with the ROCA fingerprint (for analysis only)]' \
'--insecure-short-key[Sign with an HMAC secret shorter than the hash output (still warns; for tests only)]' \
'--no-iat[Omit iat]' \
'(--exp)--no-exp[Omit exp (a token that never expires cannot be revoked by time; warns)]' \
'--jti[Add a random jti]' \
'--fingerprint[Bind the token to a fresh random value (OWASP token sidejacking defence)\: its SHA-256 goes in the "fgp" claim and the value is printed on stderr or to --fingerprint-out]' \
'--sd-all[Make every top-level claim disclosable except iss, sub, aud, exp, nbf, iat, jti, cnf, vct and status]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(decode)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--now=[Fix the clock used for relative times]:TIME:_default' \
'--decrypt-key=[Decrypt a JWE with this key and show the inner token too (nothing is verified)]:PATH:_default' \
'--json[One JSON object per token\: {"header"\:…,"payload"\:…,"signature"\:"…"}]' \
'-h[Print help]' \
'--help[Print help]' \
':token -- The token (compact or JSON-serialized), @FILE, or - to read stdin\: compact tokens one per line, or one JSON-serialized token when it starts with {:_default' \
&& ret=0
;;
(verify)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--key=[Key file\: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each]:PATH:_default' \
'--secret=[HMAC secret as text. Visible in \`ps\` and shell history\: prefer --secret-file]:TEXT:_default' \
'--secret-file=[HMAC secret\: the file'\''s exact bytes (- for stdin). Preferred over --secret]:PATH:_default' \
'--passphrase-file=[Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)]:PATH:_files' \
'--jwks=[A JWKS\: a file or an http(s) URL]:PATH|URL:_default' \
'--oidc=[An OpenID issuer\: its discovery document names the JWKS]:ISSUER_URL:_default' \
'*--trust-anchor=[A CA certificate (PEM; repeat for several) that a protected x5c chain must validate to\: the leaf certificate'\''s key then verifies the token. Without it x5c is never used]:CA.pem:_default' \
'*--alg=[Allowed algorithm (repeat for several). Default\: what the key implies]:ALG:(HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA Ed25519 Ed448 ML-DSA-44 ML-DSA-65 ML-DSA-87)' \
'--iss=[Required issuer (exact match; also the expected issuer with --oidc)]:S:_default' \
'*--aud=[Who you are (repeat)\: the token'\''s aud must contain one. A token that has an aud is rejected when none is given (RFC 7519 §4.1.3)]:S:_default' \
'--sub=[Required subject (exact match)]:S:_default' \
'*--require=[Claims that must be present (replaces the default requirement of exp)]:CLAIM:_default' \
'--leeway=[Clock skew allowed for exp, nbf and iat]:DURATION:_default' \
'--max-age=[Reject tokens whose iat is older than this]:DURATION:_default' \
'--denylist=[Revoked tokens\: one jti, or SHA-256 (hex) of the signing input header.payload, per line]:FILE:_files' \
'--fingerprint=[The fingerprint value the token must be bound to (see \`jot sign --fingerprint\`)]:VALUE:_default' \
'--kid=[Select the key by this kid (overrides the token'\''s kid)]:KID:_default' \
'--typ=[The protected header'\''s typ must be T\: compared case-insensitively, an application/ prefix removed from either side (RFC 7515 §4.1.9). Overrides the profile'\''s]:T:_default' \
'--profile=[A profile'\''s defaults\: at+jwt (RFC 9068\: typ at+jwt; iss, exp, aud, sub, client_id, iat, jti required) or id-token (OpenID Connect\: iss, sub, aud, exp, iat; azp when aud has several values). --typ and --require override them]:PROFILE:(at+jwt id-token)' \
'--nonce=[The nonce claim must equal this (OpenID Connect ID tokens)]:S:_default' \
'--now=[Fix the clock (unix seconds or RFC 3339)]:TIME:_default' \
'--decrypt-key=[A nested JWT\: decrypt the JWE with this key first, then verify the inner token with every check above. The verdict says which layer failed]:PATH:_default' \
'--kb-aud=[Require a KB-JWT whose aud is this verifier]:AUD:_default' \
'--kb-nonce=[Require a KB-JWT whose nonce is this]:NONCE:_default' \
'--kb-max-age=[Reject a KB-JWT whose iat is older than this]:DURATION:_default' \
'--dpop-proof=[The DPoP proof sent with the token (RFC 9449)\: the token must carry cnf.jkt, the proof must pass every \`jot dpop check\` with ath over this token. Needs --htm, --htu]:PROOF:_default' \
'--htm=[The request'\''s HTTP method, for --dpop-proof]:METHOD:_default' \
'--htu=[The request'\''s URI, for --dpop-proof]:URL:_default' \
'--dpop-nonce=[The DPoP-Nonce the proof must carry]:N:_default' \
'--dpop-max-age=[How old the proof'\''s iat may be (default 5m)]:DURATION:_default' \
'--allow-weak[Accept weak RSA keys\: under 2048 bits, or with the ROCA fingerprint (for analysis only)]' \
'--allow-no-exp[Accept tokens without exp]' \
'--insecure-short-key[Verify with an HMAC secret shorter than the hash output (still warns; for tests only)]' \
'--require-low-s[Refuse ECDSA signatures with a high S (accepted by default\: OpenSSL, PyJWT and the RFC 7515 examples make them; jot signs low-S)]' \
'--all-signatures[A JSON-serialized JWS is valid only when every signature verifies (default\: one that verifies with the supplied keys is enough)]' \
'--json[JSON output (one object per token)]' \
'--no-cache[Do not use or fill the on-disk JWKS cache]' \
'--require-kb[Fail an SD-JWT presentation without a KB-JWT]' \
'-h[Print help]' \
'--help[Print help]' \
':token -- The token (compact or JSON-serialized), @FILE, or - to read stdin\: compact tokens one per line (one result line each), or one JSON-serialized token when it starts with {:_default' \
&& ret=0
;;
(disclose)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'(--all --none)*--claim=[Disclose this claim (repeat)\: a path as \`jot decode\` shows it]:PATH:_default' \
'--holder-key=[Append a KB-JWT signed with this holder private key (needs --aud and --nonce)]:PATH:_default' \
'--passphrase-file=[Passphrase for an encrypted PKCS#8 holder key, read from this file]:PATH:_files' \
'--aud=[The verifier the KB-JWT is for]:AUD:_default' \
'--nonce=[The verifier'\''s nonce for the KB-JWT]:NONCE:_default' \
'--now=[Fix the clock for the KB-JWT'\''s iat (unix seconds or RFC 3339)]:TIME:_default' \
'(--none)--all[Disclose everything]' \
'--none[Disclose nothing (the issuer JWT alone)]' \
'-h[Print help]' \
'--help[Print help]' \
':token -- The SD-JWT as issued (or a presentation), or - for stdin:_default' \
&& ret=0
;;
(encrypt)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--key=[Key file\: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each]:PATH:_default' \
'--jwks=[A JWKS\: a file or an http(s) URL (choose a key with --kid)]:PATH|URL:_default' \
'--kid=[Select the key by this kid]:KID:_default' \
'--secret-file=[A symmetric key (dir, A*KW, A*GCMKW)\: the file'\''s exact bytes (- for stdin)]:PATH:_default' \
'--passphrase-file=[A passphrase for PBES2-*, read from this file'\''s first line (jot never prompts)]:PATH:_files' \
'--key-passphrase-file=[Passphrase of an encrypted PKCS#8 --key, read from this file]:PATH:_files' \
'--alg=[Key management algorithm (default\: from the key)]:ALG:_default' \
'--enc=[Content encryption]:ENC:_default' \
'--cty=[Content type header (JWT for a nested token)]:CTY:_default' \
'*--header=[Extra protected-header member; the value is parsed as JSON when it is JSON]:K=V:_default' \
'--p2c=[PBES2 iteration count]:N:_default' \
'--serialization=[Write the token in this serialization\: compact (default), json (general\: one recipient per --key) or flattened (RFC 7516 §7.2)]:FORM:(compact json flattened)' \
'--aad=[Additional authenticated data (JSON serializations only)\: the argument'\''s bytes, or @FILE'\''s]:TEXT|@FILE:_default' \
'--allow-weak[Accept weak RSA keys\: under 2048 bits, or with the ROCA fingerprint (for analysis only)]' \
'--zip[Compress before encrypting (zip\: DEF). Compression can leak the plaintext'\''s content through the length; avoid it for attacker-influenced data]' \
'-h[Print help]' \
'--help[Print help]' \
'::payload -- The plaintext\: the argument, @FILE, or - (the default) for stdin:_default' \
&& ret=0
;;
(decrypt)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--key=[Key file\: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each]:PATH:_default' \
'--jwks=[A JWKS\: a file or an http(s) URL (choose a key with --kid)]:PATH|URL:_default' \
'--kid=[Select the key by this kid]:KID:_default' \
'--secret-file=[A symmetric key (dir, A*KW, A*GCMKW)\: the file'\''s exact bytes (- for stdin)]:PATH:_default' \
'--passphrase-file=[A passphrase for PBES2-*, read from this file'\''s first line (jot never prompts)]:PATH:_files' \
'--key-passphrase-file=[Passphrase of an encrypted PKCS#8 --key, read from this file]:PATH:_files' \
'*--alg=[Allowed key management algorithm (repeat). Default\: what the key implies]:ALG:_default' \
'*--enc=[Allowed content encryption (repeat). Default\: all]:ENC:_default' \
'--max-plaintext=[Bound on the plaintext after decryption and inflation, in bytes]:BYTES:_default' \
'--max-p2c=[Bound on PBES2'\''s iteration count (p2c)]:N:_default' \
'--out=[Write the plaintext to this file (mode 0600) instead of stdout]:PATH:_files' \
'--allow-weak[Accept weak RSA keys\: under 2048 bits, or with the ROCA fingerprint (for analysis only)]' \
'--allow-rsa1-5[Accept RSA1_5 (padding-oracle prone; a random CEK on any failure, RFC 7516 §11.5)]' \
'--force[Replace --out if it exists]' \
'--json[JSON output (one object per token)\: {"valid", "header", "plaintext" | "reason"}; plaintext that is not UTF-8 is "plaintext_b64url"]' \
'-h[Print help]' \
'--help[Print help]' \
':token -- The JWE (compact or JSON-serialized), @FILE, or - to read stdin\: compact tokens one per line (one result line each), or one JSON-serialized token when it starts with {:_default' \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--wordlist=[Extra wordlist of secrets to try on HS* tokens (repeatable)]:PATH:_files' \
'(--jwks)--key=[Verify signatures with this key]:PATH:_default' \
'--jwks=[Verify signatures with this JWKS file]:PATH:_default' \
'--max-lifetime=[Longest acceptable token lifetime (exp - iat)]:DURATION:_default' \
'--format=[Report format]:FORMAT:(text json sarif)' \
'--fail-on=[Exit 1 when a finding is at or above this severity]:FAIL_ON:(info low medium high critical)' \
'--now=[Fix the clock (unix seconds or RFC 3339)]:TIME:_default' \
'--no-builtin[Do not try the built-in weak-secret list]' \
'--extract[Treat inputs as logs, HAR files or HTTP dumps and pull every JWT out of them]' \
'-h[Print help]' \
'--help[Print help]' \
'*::inputs -- Tokens, token files, key files or JWKS; - for stdin:_default' \
&& ret=0
;;
(crack)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--wordlist=[Wordlist (plain or gzip; - for stdin); repeatable]:PATH:_default' \
'(--wordlist)--mask=[Mask in hashcat notation\: ?l ?u ?d ?s ?a ?1-?4, ?? for a literal ?]:PATTERN:_default' \
'*--charset=[Custom charset\: 1=CHARS … 4=CHARS for masks, or all=CHARS for --min-len/--max-len]:NAME=CHARS:_default' \
'--min-len=[Brute force\: shortest candidate]:N:_default' \
'--max-len=[Brute force\: longest candidate]:N:_default' \
'--threads=[Worker threads (default\: all cores)]:N:_default' \
'--skip=[Skip the first N candidates (resume, or one shard of a split search)]:N:_default' \
'--limit=[Try at most N candidates]:N:_default' \
'(--skip --limit)--shard=[Search the I-th of N equal slices of the keyspace (N machines cover it exactly once)]:I/N:_default' \
'--engine=[Who searches\: jot'\''s engine, or the local hashcat (with a mask, --skip/--limit count hashcat'\''s own keyspace units, as its -s/-l do)]:ENGINE:((jot\:"jot'\''s own kernels on every core"
hashcat\:"The local hashcat (mode 16500), on a GPU where it has one"))' \
'--hashcat=[The hashcat program for --engine hashcat]:PATH:_files' \
'*--hashcat-arg=[An extra argument for hashcat (repeatable), e.g. --hashcat-arg=-D1 --hashcat-arg=--force]:ARG:_default' \
'--kernel=[jot'\''s hashing kernel\: auto, portable, sha-ni, avx2 or avx512 (for benchmarks)]:NAME:_default' \
'--format=[Output format]:FORMAT:((text\:"The secret alone on stdout (text when printable UTF-8, else hex\:…)"
json\:"One JSON object\: found, the secret as text and as hex, where it was found"))' \
'--no-builtin[Do not first try the built-in list of weak secrets]' \
'--no-transforms[Do not also try each candidate base64- and hex-decoded]' \
'-v[Say which kernel runs and what is tried, on stderr]' \
'--verbose[Say which kernel runs and what is tried, on stderr]' \
'--export-hashcat[Print the hashcat (mode 16500) input line and command instead of cracking]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':token -- The HS256/HS384/HS512 token (or - to read it from stdin):_default' \
&& ret=0
;;
(rotate)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--dir=[The key set directory (created on the first run, mode 0700)]:DIR:_files' \
'--alg=[Algorithm of new keys (default\: the set'\''s, else ES256)]:ALG:(HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA Ed25519 Ed448 ML-DSA-44 ML-DSA-65 ML-DSA-87)' \
'--grace=[How long a retired key stays published; at least your longest token lifetime]:DURATION:_default' \
'--now=[Fix the clock (unix seconds or RFC 3339)]:TIME:_default' \
'--dry-run[Print the plan and change nothing]' \
'--archive[Move removed private keys to DIR/archive instead of deleting them]' \
'--fix-permissions[Repair group/other-readable private key files instead of refusing the set]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(keyset)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'-h[Print help]' \
'--help[Print help]' \
":: :_jot__subcmd__keyset_commands" \
"*::: :->keyset" \
&& ret=0

    case $state in
    (keyset)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:jot-keyset-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'--format=[Output\: a timeline of each key'\''s states (default on a terminal), a table (default when piped), JSON, or the timeline as an SVG picture]:FORMAT:((timeline\:"Each key'\''s states over time, with the date it entered each"
table\:"One line a key\: kid, alg, state and its dates"
json\:"\`{"keys"\: \[...\]}\` as the manifest has them"
svg\:"The timeline as a self-contained SVG picture"))' \
'--now=[Fix the clock the timeline is drawn at (unix seconds or RFC 3339)]:TIME:_default' \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'(--format)--json[JSON output (the same as --format json)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':dir -- The key set directory:_files' \
&& ret=0
;;
(publish)
_arguments "${_arguments_options[@]}" : \
'-o+[Output path (default\: stdout)]:PATH:_files' \
'--out=[Output path (default\: stdout)]:PATH:_files' \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'-h[Print help]' \
'--help[Print help]' \
':dir -- The key set directory:_files' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_jot__subcmd__keyset__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:jot-keyset-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(publish)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(serve)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--dir=[The key set directory (its jwks.json is served)]:DIR:_files' \
'--addr=[Address to listen on]:ADDR:_default' \
'--issuer=[Issuer URL in the discovery document (default\: http\://ADDR)]:URL:_default' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(ui)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--addr=[Address to listen on (port 0\: any free port). Loopback only unless --allow-remote]:ADDR:_default' \
'--max-requests=[Stop after this many requests (for tests and scripts)]:N:_default' \
'--timeout=[Stop after this long (for tests and scripts)]:DURATION:_default' \
'--open[Open the page in the default browser (xdg-open / open); a failure is only a warning]' \
'--allow-remote[Allow a non-loopback --addr (anyone who can reach it and has the URL can use the page)]' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(forge)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--attack=[Only this attack (repeatable); see the list below]:NAME:(tamper none strip null-key confusion embedded-jwk jku x5u kid-traversal kid-sqli kid-cmdi psychic x5c high-s jwe-confusion alg-case resign typ crit b64 claims-exp claims-nbf claims-aud claims-iss claims-no-exp claims-iat dpop-replay dpop-private-jwk dpop-hmac dpop-no-ath)' \
'--public-key=[The server'\''s public key (PEM, DER, JWK, certificate or JWKS), for key confusion]:PATH:_default' \
'--secret-file=[The server'\''s HMAC secret (e.g. from jot crack)\: the file'\''s exact bytes]:PATH:_default' \
'*--claim=[A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)]:K=V:_default' \
'--jku-url=[URL the jku attack points at (you host --out-keys/jwks.json there)]:URL:_default' \
'--x5u-url=[URL the x5u attack points at (you host --out-keys/x5u.pem there)]:URL:_default' \
'--out-keys=[Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)]:DIR:_files' \
'--now=[Fix the clock for the pushed-out exp (unix seconds or RFC 3339)]:TIME:_default' \
'--dpop-key=[The DPoP client'\''s private key\: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)]:PATH:_default' \
'--expired-token=[A token the server issued that has now expired\: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)]:TOKEN:_default' \
'--htm=[The request the DPoP proofs are for\: its method (with --dpop-key)]:METHOD:_default' \
'--htu=[The request the DPoP proofs are for\: its URI (with --dpop-key)]:URL:_default' \
'--json[One JSON object per line]' \
'-h[Print help]' \
'--help[Print help]' \
':token -- The captured token (or - to read it from stdin):_default' \
&& ret=0
;;
(probe)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'*--token=[A token the server accepts (or - to read it from stdin). Given twice (two RS256/384/512 tokens of one key), probe recovers an e = 3 RSA public key from them when it has none]:TOKEN:_default' \
'(--cookie)--header=[Where the token goes\: a header template with {token} (default '\''Authorization\: Bearer {token}'\'')]:'NAME: VALUE':_default' \
'--cookie=[Send the token in this cookie instead of a header]:NAME:_default' \
'--method=[HTTP method]:M:_default' \
'--data=[Request body ({token} is replaced too)]:BODY:_default' \
'*--attack=[Only this attack (repeatable); see the list below]:NAME:(tamper none strip null-key confusion embedded-jwk jku x5u kid-traversal kid-sqli kid-cmdi psychic x5c high-s jwe-confusion alg-case resign typ crit b64 claims-exp claims-nbf claims-aud claims-iss claims-no-exp claims-iat dpop-replay dpop-private-jwk dpop-hmac dpop-no-ath)' \
'--public-key=[The server'\''s public key (PEM, DER, JWK, certificate or JWKS), for key confusion]:PATH:_default' \
'--secret-file=[The server'\''s HMAC secret (e.g. from jot crack)\: the file'\''s exact bytes]:PATH:_default' \
'*--claim=[A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)]:K=V:_default' \
'--jku-url=[URL the jku attack points at (you host --out-keys/jwks.json there)]:URL:_default' \
'--x5u-url=[URL the x5u attack points at (you host --out-keys/x5u.pem there)]:URL:_default' \
'--out-keys=[Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)]:DIR:_files' \
'--now=[Fix the clock for the pushed-out exp (unix seconds or RFC 3339)]:TIME:_default' \
'--dpop-key=[The DPoP client'\''s private key\: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)]:PATH:_default' \
'--expired-token=[A token the server issued that has now expired\: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)]:TOKEN:_default' \
'--rate=[Requests per second at most (N or N/s)]:N/s:_default' \
'--max-requests=[Requests in all at most, the baselines and the closing recheck included]:N:_default' \
'--timeout=[Time for one request, body included (e.g. 10s, 1m)]:D:_default' \
'--format=[Report format]:FORMAT:(text json sarif)' \
'*--accepted-text=[Text only an accepted response has, e.g. '\''Welcome admin'\'' (repeatable)\: a response unlike the garbage value'\''s that has it is accepted]:S:_default' \
'*--rejected-text=[Text only a rejected response has, e.g. '\''Token invalid'\'' (repeatable)\: a response that has it is rejected]:S:_default' \
'*--accepted-status=[A status only an accepted response has, e.g. 200 (repeatable; never a 5xx, which is never evidence of acceptance)]:N:_default' \
'--discover[Fetch the server'\''s public keys from the URL'\''s origin (/.well-known/jwks.json, the OpenID discovery jwks_uri, the token'\''s iss on the same origin) for key confusion]' \
'--insecure[Skip TLS certificate verification (prints a warning)]' \
'--show-tokens[Show whole tokens in the report (abbreviated by default)]' \
'-h[Print help]' \
'--help[Print help]' \
':url -- The endpoint to probe (http or https); jot talks to no other host:_default' \
&& ret=0
;;
(dpop)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'-h[Print help]' \
'--help[Print help]' \
":: :_jot__subcmd__dpop_commands" \
"*::: :->dpop" \
&& ret=0

    case $state in
    (dpop)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:jot-dpop-command-$line[1]:"
        case $line[1] in
            (proof)
_arguments "${_arguments_options[@]}" : \
'--key=[The client'\''s private key (PEM, DER or JWK; EC, RSA or Ed25519), or - for stdin]:PATH:_default' \
'--passphrase-file=[Passphrase for an encrypted PKCS#8 key, read from this file]:PATH:_files' \
'--alg=[Algorithm (default\: from the key). HMAC and none are refused]:ALG:(HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA Ed25519 Ed448 ML-DSA-44 ML-DSA-65 ML-DSA-87)' \
'--htm=[The request'\''s HTTP method]:METHOD:_default' \
'--htu=[The request'\''s URI (query and fragment are left out of the proof)]:URL:_default' \
'--ath=[The access token sent with the request\: its SHA-256 goes in ath]:ACCESS_TOKEN:_default' \
'--nonce=[The server'\''s DPoP-Nonce]:N:_default' \
'--now=[Fix the clock for iat (unix seconds or RFC 3339)]:TIME:_default' \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'--htm=[The request'\''s HTTP method]:METHOD:_default' \
'--htu=[The request'\''s URI]:URL:_default' \
'--access-token=[The access token sent with the proof\: ath must be its SHA-256]:AT:_default' \
'--nonce=[The nonce the server handed out]:N:_default' \
'--max-age=[How old iat may be]:DURATION:_default' \
'--leeway=[How far ahead iat may be]:DURATION:_default' \
'--jkt=[The thumbprint the proof key must have (the access token'\''s cnf.jkt)]:THUMBPRINT:_default' \
'--now=[Fix the clock (unix seconds or RFC 3339)]:TIME:_default' \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'--json[JSON output\: every check with pass/fail]' \
'-h[Print help]' \
'--help[Print help]' \
':proof -- The DPoP header value, or - for stdin:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_jot__subcmd__dpop__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:jot-dpop-help-command-$line[1]:"
        case $line[1] in
            (proof)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--color=[When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)]:WHEN:(auto always never)' \
'-h[Print help]' \
'--help[Print help]' \
':shell -- The shell:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_jot__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:jot-help-command-$line[1]:"
        case $line[1] in
            (keygen)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(convert)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(thumbprint)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sign)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(decode)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(verify)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(disclose)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(encrypt)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(decrypt)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(crack)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rotate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(keyset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(serve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(ui)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(forge)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(probe)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(dpop)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_jot_commands] )) ||
_jot_commands() {
    local commands; commands=(
'keygen:Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK' \
'convert:Convert a key between PEM, DER, JWK and JWKS' \
'thumbprint:Print a key'\''s RFC 7638 thumbprint' \
'sign:Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)' \
'decode:Show a token'\''s header and claims without verifying it' \
'verify:Verify a token'\''s signature and claims against keys you supply' \
'disclose:Present an SD-JWT\: keep chosen disclosures, optionally bind it with a KB-JWT' \
'encrypt:Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)' \
'decrypt:Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks' \
'audit:Review tokens and key files for weaknesses; JSON and SARIF reports' \
'crack:Recover a weak HMAC secret from an HS256/384/512 token' \
'rotate:Rotate a key set on disk (next → active → retiring → removed)' \
'keyset:List or publish a key set on disk' \
'serve:Serve a key set'\''s JWKS and OpenID discovery document over HTTP' \
'ui:Serve a local token debugger page in the browser (loopback, nothing leaves the machine)' \
'forge:Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)' \
'probe:Send forged tokens to a live endpoint and report which ones it accepts' \
'dpop:The \`dpop\` subcommands' \
'completions:Print a shell completion script' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'jot commands' commands "$@"
}
(( $+functions[_jot__subcmd__audit_commands] )) ||
_jot__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'jot audit commands' commands "$@"
}
(( $+functions[_jot__subcmd__completions_commands] )) ||
_jot__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'jot completions commands' commands "$@"
}
(( $+functions[_jot__subcmd__convert_commands] )) ||
_jot__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'jot convert commands' commands "$@"
}
(( $+functions[_jot__subcmd__crack_commands] )) ||
_jot__subcmd__crack_commands() {
    local commands; commands=()
    _describe -t commands 'jot crack commands' commands "$@"
}
(( $+functions[_jot__subcmd__decode_commands] )) ||
_jot__subcmd__decode_commands() {
    local commands; commands=()
    _describe -t commands 'jot decode commands' commands "$@"
}
(( $+functions[_jot__subcmd__decrypt_commands] )) ||
_jot__subcmd__decrypt_commands() {
    local commands; commands=()
    _describe -t commands 'jot decrypt commands' commands "$@"
}
(( $+functions[_jot__subcmd__disclose_commands] )) ||
_jot__subcmd__disclose_commands() {
    local commands; commands=()
    _describe -t commands 'jot disclose commands' commands "$@"
}
(( $+functions[_jot__subcmd__dpop_commands] )) ||
_jot__subcmd__dpop_commands() {
    local commands; commands=(
'proof:Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)' \
'check:Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'jot dpop commands' commands "$@"
}
(( $+functions[_jot__subcmd__dpop__subcmd__check_commands] )) ||
_jot__subcmd__dpop__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'jot dpop check commands' commands "$@"
}
(( $+functions[_jot__subcmd__dpop__subcmd__help_commands] )) ||
_jot__subcmd__dpop__subcmd__help_commands() {
    local commands; commands=(
'proof:Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)' \
'check:Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'jot dpop help commands' commands "$@"
}
(( $+functions[_jot__subcmd__dpop__subcmd__help__subcmd__check_commands] )) ||
_jot__subcmd__dpop__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'jot dpop help check commands' commands "$@"
}
(( $+functions[_jot__subcmd__dpop__subcmd__help__subcmd__help_commands] )) ||
_jot__subcmd__dpop__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'jot dpop help help commands' commands "$@"
}
(( $+functions[_jot__subcmd__dpop__subcmd__help__subcmd__proof_commands] )) ||
_jot__subcmd__dpop__subcmd__help__subcmd__proof_commands() {
    local commands; commands=()
    _describe -t commands 'jot dpop help proof commands' commands "$@"
}
(( $+functions[_jot__subcmd__dpop__subcmd__proof_commands] )) ||
_jot__subcmd__dpop__subcmd__proof_commands() {
    local commands; commands=()
    _describe -t commands 'jot dpop proof commands' commands "$@"
}
(( $+functions[_jot__subcmd__encrypt_commands] )) ||
_jot__subcmd__encrypt_commands() {
    local commands; commands=()
    _describe -t commands 'jot encrypt commands' commands "$@"
}
(( $+functions[_jot__subcmd__forge_commands] )) ||
_jot__subcmd__forge_commands() {
    local commands; commands=()
    _describe -t commands 'jot forge commands' commands "$@"
}
(( $+functions[_jot__subcmd__help_commands] )) ||
_jot__subcmd__help_commands() {
    local commands; commands=(
'keygen:Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK' \
'convert:Convert a key between PEM, DER, JWK and JWKS' \
'thumbprint:Print a key'\''s RFC 7638 thumbprint' \
'sign:Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)' \
'decode:Show a token'\''s header and claims without verifying it' \
'verify:Verify a token'\''s signature and claims against keys you supply' \
'disclose:Present an SD-JWT\: keep chosen disclosures, optionally bind it with a KB-JWT' \
'encrypt:Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)' \
'decrypt:Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks' \
'audit:Review tokens and key files for weaknesses; JSON and SARIF reports' \
'crack:Recover a weak HMAC secret from an HS256/384/512 token' \
'rotate:Rotate a key set on disk (next → active → retiring → removed)' \
'keyset:List or publish a key set on disk' \
'serve:Serve a key set'\''s JWKS and OpenID discovery document over HTTP' \
'ui:Serve a local token debugger page in the browser (loopback, nothing leaves the machine)' \
'forge:Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)' \
'probe:Send forged tokens to a live endpoint and report which ones it accepts' \
'dpop:Make and check DPoP proofs (RFC 9449)' \
'completions:Print a shell completion script' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'jot help commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__audit_commands] )) ||
_jot__subcmd__help__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'jot help audit commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__completions_commands] )) ||
_jot__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'jot help completions commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__convert_commands] )) ||
_jot__subcmd__help__subcmd__convert_commands() {
    local commands; commands=()
    _describe -t commands 'jot help convert commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__crack_commands] )) ||
_jot__subcmd__help__subcmd__crack_commands() {
    local commands; commands=()
    _describe -t commands 'jot help crack commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__decode_commands] )) ||
_jot__subcmd__help__subcmd__decode_commands() {
    local commands; commands=()
    _describe -t commands 'jot help decode commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__decrypt_commands] )) ||
_jot__subcmd__help__subcmd__decrypt_commands() {
    local commands; commands=()
    _describe -t commands 'jot help decrypt commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__disclose_commands] )) ||
_jot__subcmd__help__subcmd__disclose_commands() {
    local commands; commands=()
    _describe -t commands 'jot help disclose commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__dpop_commands] )) ||
_jot__subcmd__help__subcmd__dpop_commands() {
    local commands; commands=()
    _describe -t commands 'jot help dpop commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__encrypt_commands] )) ||
_jot__subcmd__help__subcmd__encrypt_commands() {
    local commands; commands=()
    _describe -t commands 'jot help encrypt commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__forge_commands] )) ||
_jot__subcmd__help__subcmd__forge_commands() {
    local commands; commands=()
    _describe -t commands 'jot help forge commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__help_commands] )) ||
_jot__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'jot help help commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__keygen_commands] )) ||
_jot__subcmd__help__subcmd__keygen_commands() {
    local commands; commands=()
    _describe -t commands 'jot help keygen commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__keyset_commands] )) ||
_jot__subcmd__help__subcmd__keyset_commands() {
    local commands; commands=()
    _describe -t commands 'jot help keyset commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__probe_commands] )) ||
_jot__subcmd__help__subcmd__probe_commands() {
    local commands; commands=()
    _describe -t commands 'jot help probe commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__rotate_commands] )) ||
_jot__subcmd__help__subcmd__rotate_commands() {
    local commands; commands=()
    _describe -t commands 'jot help rotate commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__serve_commands] )) ||
_jot__subcmd__help__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'jot help serve commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__sign_commands] )) ||
_jot__subcmd__help__subcmd__sign_commands() {
    local commands; commands=()
    _describe -t commands 'jot help sign commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__thumbprint_commands] )) ||
_jot__subcmd__help__subcmd__thumbprint_commands() {
    local commands; commands=()
    _describe -t commands 'jot help thumbprint commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__ui_commands] )) ||
_jot__subcmd__help__subcmd__ui_commands() {
    local commands; commands=()
    _describe -t commands 'jot help ui commands' commands "$@"
}
(( $+functions[_jot__subcmd__help__subcmd__verify_commands] )) ||
_jot__subcmd__help__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'jot help verify commands' commands "$@"
}
(( $+functions[_jot__subcmd__keygen_commands] )) ||
_jot__subcmd__keygen_commands() {
    local commands; commands=()
    _describe -t commands 'jot keygen commands' commands "$@"
}
(( $+functions[_jot__subcmd__keyset_commands] )) ||
_jot__subcmd__keyset_commands() {
    local commands; commands=(
'list:List the keys of a set\: kid, alg, state, dates; on a terminal, as a timeline' \
'publish:Write the set'\''s public JWKS (atomically) to a path or stdout' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'jot keyset commands' commands "$@"
}
(( $+functions[_jot__subcmd__keyset__subcmd__help_commands] )) ||
_jot__subcmd__keyset__subcmd__help_commands() {
    local commands; commands=(
'list:List the keys of a set\: kid, alg, state, dates; on a terminal, as a timeline' \
'publish:Write the set'\''s public JWKS (atomically) to a path or stdout' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'jot keyset help commands' commands "$@"
}
(( $+functions[_jot__subcmd__keyset__subcmd__help__subcmd__help_commands] )) ||
_jot__subcmd__keyset__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'jot keyset help help commands' commands "$@"
}
(( $+functions[_jot__subcmd__keyset__subcmd__help__subcmd__list_commands] )) ||
_jot__subcmd__keyset__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'jot keyset help list commands' commands "$@"
}
(( $+functions[_jot__subcmd__keyset__subcmd__help__subcmd__publish_commands] )) ||
_jot__subcmd__keyset__subcmd__help__subcmd__publish_commands() {
    local commands; commands=()
    _describe -t commands 'jot keyset help publish commands' commands "$@"
}
(( $+functions[_jot__subcmd__keyset__subcmd__list_commands] )) ||
_jot__subcmd__keyset__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'jot keyset list commands' commands "$@"
}
(( $+functions[_jot__subcmd__keyset__subcmd__publish_commands] )) ||
_jot__subcmd__keyset__subcmd__publish_commands() {
    local commands; commands=()
    _describe -t commands 'jot keyset publish commands' commands "$@"
}
(( $+functions[_jot__subcmd__probe_commands] )) ||
_jot__subcmd__probe_commands() {
    local commands; commands=()
    _describe -t commands 'jot probe commands' commands "$@"
}
(( $+functions[_jot__subcmd__rotate_commands] )) ||
_jot__subcmd__rotate_commands() {
    local commands; commands=()
    _describe -t commands 'jot rotate commands' commands "$@"
}
(( $+functions[_jot__subcmd__serve_commands] )) ||
_jot__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'jot serve commands' commands "$@"
}
(( $+functions[_jot__subcmd__sign_commands] )) ||
_jot__subcmd__sign_commands() {
    local commands; commands=()
    _describe -t commands 'jot sign commands' commands "$@"
}
(( $+functions[_jot__subcmd__thumbprint_commands] )) ||
_jot__subcmd__thumbprint_commands() {
    local commands; commands=()
    _describe -t commands 'jot thumbprint commands' commands "$@"
}
(( $+functions[_jot__subcmd__ui_commands] )) ||
_jot__subcmd__ui_commands() {
    local commands; commands=()
    _describe -t commands 'jot ui commands' commands "$@"
}
(( $+functions[_jot__subcmd__verify_commands] )) ||
_jot__subcmd__verify_commands() {
    local commands; commands=()
    _describe -t commands 'jot verify commands' commands "$@"
}

if [ "$funcstack[1]" = "_jot" ]; then
    _jot "$@"
else
    compdef _jot jot
fi
