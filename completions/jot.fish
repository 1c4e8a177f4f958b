# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jot_global_optspecs
    string join \n color= h/help V/version
end

function __fish_jot_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_jot_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_jot_using_subcommand
    set -l cmd (__fish_jot_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c jot -n "__fish_jot_needs_command" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jot -n "__fish_jot_needs_command" -s V -l version -d 'Print version'
complete -c jot -n "__fish_jot_needs_command" -f -a "keygen" -d 'Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK'
complete -c jot -n "__fish_jot_needs_command" -f -a "convert" -d 'Convert a key between PEM, DER, JWK and JWKS'
complete -c jot -n "__fish_jot_needs_command" -f -a "thumbprint" -d 'Print a key\'s RFC 7638 thumbprint'
complete -c jot -n "__fish_jot_needs_command" -f -a "sign" -d 'Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)'
complete -c jot -n "__fish_jot_needs_command" -f -a "decode" -d 'Show a token\'s header and claims without verifying it'
complete -c jot -n "__fish_jot_needs_command" -f -a "verify" -d 'Verify a token\'s signature and claims against keys you supply'
complete -c jot -n "__fish_jot_needs_command" -f -a "disclose" -d 'Present an SD-JWT: keep chosen disclosures, optionally bind it with a KB-JWT'
complete -c jot -n "__fish_jot_needs_command" -f -a "encrypt" -d 'Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)'
complete -c jot -n "__fish_jot_needs_command" -f -a "decrypt" -d 'Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks'
complete -c jot -n "__fish_jot_needs_command" -f -a "audit" -d 'Review tokens and key files for weaknesses; JSON and SARIF reports'
complete -c jot -n "__fish_jot_needs_command" -f -a "crack" -d 'Recover a weak HMAC secret from an HS256/384/512 token'
complete -c jot -n "__fish_jot_needs_command" -f -a "rotate" -d 'Rotate a key set on disk (next → active → retiring → removed)'
complete -c jot -n "__fish_jot_needs_command" -f -a "keyset" -d 'List or publish a key set on disk'
complete -c jot -n "__fish_jot_needs_command" -f -a "serve" -d 'Serve a key set\'s JWKS and OpenID discovery document over HTTP'
complete -c jot -n "__fish_jot_needs_command" -f -a "ui" -d 'Serve a local token debugger page in the browser (loopback, nothing leaves the machine)'
complete -c jot -n "__fish_jot_needs_command" -f -a "forge" -d 'Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)'
complete -c jot -n "__fish_jot_needs_command" -f -a "probe" -d 'Send forged tokens to a live endpoint and report which ones it accepts'
complete -c jot -n "__fish_jot_needs_command" -f -a "dpop" -d 'The `dpop` subcommands'
complete -c jot -n "__fish_jot_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c jot -n "__fish_jot_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jot -n "__fish_jot_using_subcommand keygen" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand keygen" -l crv -d 'Curve of an ECDH-ES key: P-256 (default), P-384, P-521 or X25519' -r
complete -c jot -n "__fish_jot_using_subcommand keygen" -l enc -d 'The content encryption a dir key is sized for (default A256GCM)' -r
complete -c jot -n "__fish_jot_using_subcommand keygen" -l bits -d 'RSA modulus size: 2048, 3072 or 4096 (default 2048)' -r
complete -c jot -n "__fish_jot_using_subcommand keygen" -l kid -d 'Key id (default: the key\'s RFC 7638 thumbprint)' -r
complete -c jot -n "__fish_jot_using_subcommand keygen" -l format -d 'Output format (default: pem for asymmetric keys, jwk for HMAC keys)' -r -f -a "pem\t''
jwk\t''"
complete -c jot -n "__fish_jot_using_subcommand keygen" -s o -l out -d 'Write the private key here (mode 0600) instead of stdout' -r -F
complete -c jot -n "__fish_jot_using_subcommand keygen" -l public-out -d 'Also write the public key here' -r -F
complete -c jot -n "__fish_jot_using_subcommand keygen" -l force -d 'Replace existing files'
complete -c jot -n "__fish_jot_using_subcommand keygen" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand convert" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand convert" -l to -d 'Output form' -r -f -a "jwk\t''
jwks\t''
pem\t''
der\t'PKCS#8 (private) or SPKI (public) DER, the bytes openssl writes with -outform DER'"
complete -c jot -n "__fish_jot_using_subcommand convert" -l kid -d 'Select this kid from a JWKS input; set it on the output' -r
complete -c jot -n "__fish_jot_using_subcommand convert" -l alg -d 'Set the output\'s alg' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
ES256K\t''
EdDSA\t''
Ed25519\t''
Ed448\t''
ML-DSA-44\t''
ML-DSA-65\t''
ML-DSA-87\t''"
complete -c jot -n "__fish_jot_using_subcommand convert" -l use -d 'Set the output\'s use' -r -f -a "sig\t''
enc\t''"
complete -c jot -n "__fish_jot_using_subcommand convert" -l passphrase-file -d 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)' -r -F
complete -c jot -n "__fish_jot_using_subcommand convert" -s o -l out -d 'Write here (atomically; private output gets mode 0600) instead of stdout' -r -F
complete -c jot -n "__fish_jot_using_subcommand convert" -l public -d 'Write only the public key (private members are never in public output)'
complete -c jot -n "__fish_jot_using_subcommand convert" -l allow-weak -d 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint'
complete -c jot -n "__fish_jot_using_subcommand convert" -l raw -d 'Treat the input\'s bytes as a raw HMAC secret'
complete -c jot -n "__fish_jot_using_subcommand convert" -l force -d 'Replace an existing --out file'
complete -c jot -n "__fish_jot_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jot -n "__fish_jot_using_subcommand thumbprint" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand thumbprint" -l hash -d 'Hash function' -r -f -a "sha256\t''
sha384\t''
sha512\t''"
complete -c jot -n "__fish_jot_using_subcommand thumbprint" -l kid -d 'Select this kid from a JWKS input' -r
complete -c jot -n "__fish_jot_using_subcommand thumbprint" -l passphrase-file -d 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)' -r -F
complete -c jot -n "__fish_jot_using_subcommand thumbprint" -l allow-weak -d 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint'
complete -c jot -n "__fish_jot_using_subcommand thumbprint" -l raw -d 'Treat the input\'s bytes as a raw HMAC secret'
complete -c jot -n "__fish_jot_using_subcommand thumbprint" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand sign" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand sign" -l key -d 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l secret -d 'HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l secret-file -d 'HMAC secret: the file\'s exact bytes (- for stdin). Preferred over --secret' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l passphrase-file -d 'Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)' -r -F
complete -c jot -n "__fish_jot_using_subcommand sign" -l keyset -d 'Sign with the active key of a rotated key set (see `jot rotate`)' -r -F
complete -c jot -n "__fish_jot_using_subcommand sign" -l alg -d 'Algorithm (default: from the key). `none` is refused' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
ES256K\t''
EdDSA\t''
Ed25519\t''
Ed448\t''
ML-DSA-44\t''
ML-DSA-65\t''
ML-DSA-87\t''"
complete -c jot -n "__fish_jot_using_subcommand sign" -l kid -d 'Key id for the header (default: the key\'s kid, else its thumbprint)' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l claims -d 'Claims as a JSON object, @FILE, or - for stdin' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l claim -d 'One claim; the value is parsed as JSON when it is JSON (numbers, true, arrays), else a string' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l iss -d 'Issuer' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l sub -d 'Subject' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l aud -d 'Audience (repeat for several)' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l exp -d 'Expiry: a duration from now (15m, 2h, 7d) or a time (unix seconds, RFC 3339). Default 15m' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l nbf -d 'Not before: a duration from now or a time' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l header -d 'Extra header member; the value is parsed as JSON when it is JSON' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l fingerprint-out -d 'Write the fingerprint value to this file (mode 0600) instead of stderr' -r -F
complete -c jot -n "__fish_jot_using_subcommand sign" -l now -d 'Fix the clock (unix seconds or RFC 3339), for reproducible output' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l serialization -d 'Write the token in this serialization: compact (default), json (general: one signature per --key) or flattened (RFC 7515 §7.2)' -r -f -a "compact\t''
json\t''
flattened\t''"
complete -c jot -n "__fish_jot_using_subcommand sign" -l encrypt-to -d 'Then encrypt the signed token to this recipient key: a nested JWT (cty JWT, RFC 7519 §5.2). The key picks the JWE alg as `jot encrypt` does' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l encrypt-alg -d 'JWE key management algorithm for --encrypt-to (default: from the key)' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l encrypt-enc -d 'JWE content encryption for --encrypt-to (default A256GCM)' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l sd -d 'Make this claim selectively disclosable (repeat): NAME, a nested path (address.street_address) or an array element (nationalities[0], a[0].b). The output is an SD-JWT: <JWT>~<disclosure>~…~' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l decoys -d 'Add N decoy digests that match no disclosure (hide how many claims there are)' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l sd-alg -d 'The digest hash (_sd_alg)' -r -f -a "sha-256\t''
sha-384\t''
sha-512\t''"
complete -c jot -n "__fish_jot_using_subcommand sign" -l holder-key -d 'Bind the credential to this holder key: its public JWK goes in cnf.jwk (a private key file is fine; only the public part is used)' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l typ -d 'The header\'s typ (default JWT; SD-JWT VCs use dc+sd-jwt)' -r
complete -c jot -n "__fish_jot_using_subcommand sign" -l allow-weak -d 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
complete -c jot -n "__fish_jot_using_subcommand sign" -l insecure-short-key -d 'Sign with an HMAC secret shorter than the hash output (still warns; for tests only)'
complete -c jot -n "__fish_jot_using_subcommand sign" -l no-iat -d 'Omit iat'
complete -c jot -n "__fish_jot_using_subcommand sign" -l no-exp -d 'Omit exp (a token that never expires cannot be revoked by time; warns)'
complete -c jot -n "__fish_jot_using_subcommand sign" -l jti -d 'Add a random jti'
complete -c jot -n "__fish_jot_using_subcommand sign" -l fingerprint -d 'Bind the token to a fresh random value (OWASP token sidejacking defence): its SHA-256 goes in the "fgp" claim and the value is printed on stderr or to --fingerprint-out'
complete -c jot -n "__fish_jot_using_subcommand sign" -l sd-all -d 'Make every top-level claim disclosable except iss, sub, aud, exp, nbf, iat, jti, cnf, vct and status'
complete -c jot -n "__fish_jot_using_subcommand sign" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand decode" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand decode" -l now -d 'Fix the clock used for relative times' -r
complete -c jot -n "__fish_jot_using_subcommand decode" -l decrypt-key -d 'Decrypt a JWE with this key and show the inner token too (nothing is verified)' -r
complete -c jot -n "__fish_jot_using_subcommand decode" -l json -d 'One JSON object per token: {"header":…,"payload":…,"signature":"…"}'
complete -c jot -n "__fish_jot_using_subcommand decode" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand verify" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand verify" -l key -d 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l secret -d 'HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l secret-file -d 'HMAC secret: the file\'s exact bytes (- for stdin). Preferred over --secret' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l passphrase-file -d 'Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)' -r -F
complete -c jot -n "__fish_jot_using_subcommand verify" -l jwks -d 'A JWKS: a file or an http(s) URL' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l oidc -d 'An OpenID issuer: its discovery document names the JWKS' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l trust-anchor -d 'A CA certificate (PEM; repeat for several) that a protected x5c chain must validate to: the leaf certificate\'s key then verifies the token. Without it x5c is never used' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l alg -d 'Allowed algorithm (repeat for several). Default: what the key implies' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
ES256K\t''
EdDSA\t''
Ed25519\t''
Ed448\t''
ML-DSA-44\t''
ML-DSA-65\t''
ML-DSA-87\t''"
complete -c jot -n "__fish_jot_using_subcommand verify" -l iss -d 'Required issuer (exact match; also the expected issuer with --oidc)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l aud -d 'Who you are (repeat): the token\'s aud must contain one. A token that has an aud is rejected when none is given (RFC 7519 §4.1.3)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l sub -d 'Required subject (exact match)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l require -d 'Claims that must be present (replaces the default requirement of exp)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l leeway -d 'Clock skew allowed for exp, nbf and iat' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l max-age -d 'Reject tokens whose iat is older than this' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l denylist -d 'Revoked tokens: one jti, or SHA-256 (hex) of the signing input header.payload, per line' -r -F
complete -c jot -n "__fish_jot_using_subcommand verify" -l fingerprint -d 'The fingerprint value the token must be bound to (see `jot sign --fingerprint`)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l kid -d 'Select the key by this kid (overrides the token\'s kid)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l typ -d 'The protected header\'s typ must be T: compared case-insensitively, an application/ prefix removed from either side (RFC 7515 §4.1.9). Overrides the profile\'s' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l profile -d 'A profile\'s defaults: at+jwt (RFC 9068: typ at+jwt; iss, exp, aud, sub, client_id, iat, jti required) or id-token (OpenID Connect: iss, sub, aud, exp, iat; azp when aud has several values). --typ and --require override them' -r -f -a "at+jwt\t''
id-token\t''"
complete -c jot -n "__fish_jot_using_subcommand verify" -l nonce -d 'The nonce claim must equal this (OpenID Connect ID tokens)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l now -d 'Fix the clock (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l decrypt-key -d 'A nested JWT: decrypt the JWE with this key first, then verify the inner token with every check above. The verdict says which layer failed' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l kb-aud -d 'Require a KB-JWT whose aud is this verifier' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l kb-nonce -d 'Require a KB-JWT whose nonce is this' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l kb-max-age -d 'Reject a KB-JWT whose iat is older than this' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l dpop-proof -d 'The DPoP proof sent with the token (RFC 9449): the token must carry cnf.jkt, the proof must pass every `jot dpop check` with ath over this token. Needs --htm, --htu' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l htm -d 'The request\'s HTTP method, for --dpop-proof' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l htu -d 'The request\'s URI, for --dpop-proof' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l dpop-nonce -d 'The DPoP-Nonce the proof must carry' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l dpop-max-age -d 'How old the proof\'s iat may be (default 5m)' -r
complete -c jot -n "__fish_jot_using_subcommand verify" -l allow-weak -d 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
complete -c jot -n "__fish_jot_using_subcommand verify" -l allow-no-exp -d 'Accept tokens without exp'
complete -c jot -n "__fish_jot_using_subcommand verify" -l insecure-short-key -d 'Verify with an HMAC secret shorter than the hash output (still warns; for tests only)'
complete -c jot -n "__fish_jot_using_subcommand verify" -l require-low-s -d 'Refuse ECDSA signatures with a high S (accepted by default: OpenSSL, PyJWT and the RFC 7515 examples make them; jot signs low-S)'
complete -c jot -n "__fish_jot_using_subcommand verify" -l all-signatures -d 'A JSON-serialized JWS is valid only when every signature verifies (default: one that verifies with the supplied keys is enough)'
complete -c jot -n "__fish_jot_using_subcommand verify" -l json -d 'JSON output (one object per token)'
complete -c jot -n "__fish_jot_using_subcommand verify" -l no-cache -d 'Do not use or fill the on-disk JWKS cache'
complete -c jot -n "__fish_jot_using_subcommand verify" -l require-kb -d 'Fail an SD-JWT presentation without a KB-JWT'
complete -c jot -n "__fish_jot_using_subcommand verify" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand disclose" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand disclose" -l claim -d 'Disclose this claim (repeat): a path as `jot decode` shows it' -r
complete -c jot -n "__fish_jot_using_subcommand disclose" -l holder-key -d 'Append a KB-JWT signed with this holder private key (needs --aud and --nonce)' -r
complete -c jot -n "__fish_jot_using_subcommand disclose" -l passphrase-file -d 'Passphrase for an encrypted PKCS#8 holder key, read from this file' -r -F
complete -c jot -n "__fish_jot_using_subcommand disclose" -l aud -d 'The verifier the KB-JWT is for' -r
complete -c jot -n "__fish_jot_using_subcommand disclose" -l nonce -d 'The verifier\'s nonce for the KB-JWT' -r
complete -c jot -n "__fish_jot_using_subcommand disclose" -l now -d 'Fix the clock for the KB-JWT\'s iat (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand disclose" -l all -d 'Disclose everything'
complete -c jot -n "__fish_jot_using_subcommand disclose" -l none -d 'Disclose nothing (the issuer JWT alone)'
complete -c jot -n "__fish_jot_using_subcommand disclose" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l key -d 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l jwks -d 'A JWKS: a file or an http(s) URL (choose a key with --kid)' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l kid -d 'Select the key by this kid' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l secret-file -d 'A symmetric key (dir, A*KW, A*GCMKW): the file\'s exact bytes (- for stdin)' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l passphrase-file -d 'A passphrase for PBES2-*, read from this file\'s first line (jot never prompts)' -r -F
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l key-passphrase-file -d 'Passphrase of an encrypted PKCS#8 --key, read from this file' -r -F
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l alg -d 'Key management algorithm (default: from the key)' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l enc -d 'Content encryption' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l cty -d 'Content type header (JWT for a nested token)' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l header -d 'Extra protected-header member; the value is parsed as JSON when it is JSON' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l p2c -d 'PBES2 iteration count' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l serialization -d 'Write the token in this serialization: compact (default), json (general: one recipient per --key) or flattened (RFC 7516 §7.2)' -r -f -a "compact\t''
json\t''
flattened\t''"
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l aad -d 'Additional authenticated data (JSON serializations only): the argument\'s bytes, or @FILE\'s' -r
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l allow-weak -d 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
complete -c jot -n "__fish_jot_using_subcommand encrypt" -l zip -d 'Compress before encrypting (zip: DEF). Compression can leak the plaintext\'s content through the length; avoid it for attacker-influenced data'
complete -c jot -n "__fish_jot_using_subcommand encrypt" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l key -d 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l jwks -d 'A JWKS: a file or an http(s) URL (choose a key with --kid)' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l kid -d 'Select the key by this kid' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l secret-file -d 'A symmetric key (dir, A*KW, A*GCMKW): the file\'s exact bytes (- for stdin)' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l passphrase-file -d 'A passphrase for PBES2-*, read from this file\'s first line (jot never prompts)' -r -F
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l key-passphrase-file -d 'Passphrase of an encrypted PKCS#8 --key, read from this file' -r -F
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l alg -d 'Allowed key management algorithm (repeat). Default: what the key implies' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l enc -d 'Allowed content encryption (repeat). Default: all' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l max-plaintext -d 'Bound on the plaintext after decryption and inflation, in bytes' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l max-p2c -d 'Bound on PBES2\'s iteration count (p2c)' -r
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l out -d 'Write the plaintext to this file (mode 0600) instead of stdout' -r -F
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l allow-weak -d 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)'
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l allow-rsa1-5 -d 'Accept RSA1_5 (padding-oracle prone; a random CEK on any failure, RFC 7516 §11.5)'
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l force -d 'Replace --out if it exists'
complete -c jot -n "__fish_jot_using_subcommand decrypt" -l json -d 'JSON output (one object per token): {"valid", "header", "plaintext" | "reason"}; plaintext that is not UTF-8 is "plaintext_b64url"'
complete -c jot -n "__fish_jot_using_subcommand decrypt" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand audit" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand audit" -l wordlist -d 'Extra wordlist of secrets to try on HS* tokens (repeatable)' -r -F
complete -c jot -n "__fish_jot_using_subcommand audit" -l key -d 'Verify signatures with this key' -r
complete -c jot -n "__fish_jot_using_subcommand audit" -l jwks -d 'Verify signatures with this JWKS file' -r
complete -c jot -n "__fish_jot_using_subcommand audit" -l max-lifetime -d 'Longest acceptable token lifetime (exp - iat)' -r
complete -c jot -n "__fish_jot_using_subcommand audit" -l format -d 'Report format' -r -f -a "text\t''
json\t''
sarif\t''"
complete -c jot -n "__fish_jot_using_subcommand audit" -l fail-on -d 'Exit 1 when a finding is at or above this severity' -r -f -a "info\t''
low\t''
medium\t''
high\t''
critical\t''"
complete -c jot -n "__fish_jot_using_subcommand audit" -l now -d 'Fix the clock (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand audit" -l no-builtin -d 'Do not try the built-in weak-secret list'
complete -c jot -n "__fish_jot_using_subcommand audit" -l extract -d 'Treat inputs as logs, HAR files or HTTP dumps and pull every JWT out of them'
complete -c jot -n "__fish_jot_using_subcommand audit" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand crack" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand crack" -l wordlist -d 'Wordlist (plain or gzip; - for stdin); repeatable' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l mask -d 'Mask in hashcat notation: ?l ?u ?d ?s ?a ?1-?4, ?? for a literal ?' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l charset -d 'Custom charset: 1=CHARS … 4=CHARS for masks, or all=CHARS for --min-len/--max-len' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l min-len -d 'Brute force: shortest candidate' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l max-len -d 'Brute force: longest candidate' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l threads -d 'Worker threads (default: all cores)' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l skip -d 'Skip the first N candidates (resume, or one shard of a split search)' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l limit -d 'Try at most N candidates' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l shard -d 'Search the I-th of N equal slices of the keyspace (N machines cover it exactly once)' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l engine -d 'Who searches: jot\'s engine, or the local hashcat (with a mask, --skip/--limit count hashcat\'s own keyspace units, as its -s/-l do)' -r -f -a "jot\t'jot\'s own kernels on every core'
hashcat\t'The local hashcat (mode 16500), on a GPU where it has one'"
complete -c jot -n "__fish_jot_using_subcommand crack" -l hashcat -d 'The hashcat program for --engine hashcat' -r -F
complete -c jot -n "__fish_jot_using_subcommand crack" -l hashcat-arg -d 'An extra argument for hashcat (repeatable), e.g. --hashcat-arg=-D1 --hashcat-arg=--force' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l kernel -d 'jot\'s hashing kernel: auto, portable, sha-ni, avx2 or avx512 (for benchmarks)' -r
complete -c jot -n "__fish_jot_using_subcommand crack" -l format -d 'Output format' -r -f -a "text\t'The secret alone on stdout (text when printable UTF-8, else hex:…)'
json\t'One JSON object: found, the secret as text and as hex, where it was found'"
complete -c jot -n "__fish_jot_using_subcommand crack" -l no-builtin -d 'Do not first try the built-in list of weak secrets'
complete -c jot -n "__fish_jot_using_subcommand crack" -l no-transforms -d 'Do not also try each candidate base64- and hex-decoded'
complete -c jot -n "__fish_jot_using_subcommand crack" -s v -l verbose -d 'Say which kernel runs and what is tried, on stderr'
complete -c jot -n "__fish_jot_using_subcommand crack" -l export-hashcat -d 'Print the hashcat (mode 16500) input line and command instead of cracking'
complete -c jot -n "__fish_jot_using_subcommand crack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jot -n "__fish_jot_using_subcommand rotate" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand rotate" -l dir -d 'The key set directory (created on the first run, mode 0700)' -r -F
complete -c jot -n "__fish_jot_using_subcommand rotate" -l alg -d 'Algorithm of new keys (default: the set\'s, else ES256)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
ES256K\t''
EdDSA\t''
Ed25519\t''
Ed448\t''
ML-DSA-44\t''
ML-DSA-65\t''
ML-DSA-87\t''"
complete -c jot -n "__fish_jot_using_subcommand rotate" -l grace -d 'How long a retired key stays published; at least your longest token lifetime' -r
complete -c jot -n "__fish_jot_using_subcommand rotate" -l now -d 'Fix the clock (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand rotate" -l dry-run -d 'Print the plan and change nothing'
complete -c jot -n "__fish_jot_using_subcommand rotate" -l archive -d 'Move removed private keys to DIR/archive instead of deleting them'
complete -c jot -n "__fish_jot_using_subcommand rotate" -l fix-permissions -d 'Repair group/other-readable private key files instead of refusing the set'
complete -c jot -n "__fish_jot_using_subcommand rotate" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand keyset; and not __fish_seen_subcommand_from list publish help" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand keyset; and not __fish_seen_subcommand_from list publish help" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand keyset; and not __fish_seen_subcommand_from list publish help" -f -a "list" -d 'List the keys of a set: kid, alg, state, dates; on a terminal, as a timeline'
complete -c jot -n "__fish_jot_using_subcommand keyset; and not __fish_seen_subcommand_from list publish help" -f -a "publish" -d 'Write the set\'s public JWKS (atomically) to a path or stdout'
complete -c jot -n "__fish_jot_using_subcommand keyset; and not __fish_seen_subcommand_from list publish help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from list" -l format -d 'Output: a timeline of each key\'s states (default on a terminal), a table (default when piped), JSON, or the timeline as an SVG picture' -r -f -a "timeline\t'Each key\'s states over time, with the date it entered each'
table\t'One line a key: kid, alg, state and its dates'
json\t'`{"keys": [...]}` as the manifest has them'
svg\t'The timeline as a self-contained SVG picture'"
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from list" -l now -d 'Fix the clock the timeline is drawn at (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from list" -l json -d 'JSON output (the same as --format json)'
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from publish" -s o -l out -d 'Output path (default: stdout)' -r -F
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from publish" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from publish" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keys of a set: kid, alg, state, dates; on a terminal, as a timeline'
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "publish" -d 'Write the set\'s public JWKS (atomically) to a path or stdout'
complete -c jot -n "__fish_jot_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jot -n "__fish_jot_using_subcommand serve" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand serve" -l dir -d 'The key set directory (its jwks.json is served)' -r -F
complete -c jot -n "__fish_jot_using_subcommand serve" -l addr -d 'Address to listen on' -r
complete -c jot -n "__fish_jot_using_subcommand serve" -l issuer -d 'Issuer URL in the discovery document (default: http://ADDR)' -r
complete -c jot -n "__fish_jot_using_subcommand serve" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand ui" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand ui" -l addr -d 'Address to listen on (port 0: any free port). Loopback only unless --allow-remote' -r
complete -c jot -n "__fish_jot_using_subcommand ui" -l max-requests -d 'Stop after this many requests (for tests and scripts)' -r
complete -c jot -n "__fish_jot_using_subcommand ui" -l timeout -d 'Stop after this long (for tests and scripts)' -r
complete -c jot -n "__fish_jot_using_subcommand ui" -l open -d 'Open the page in the default browser (xdg-open / open); a failure is only a warning'
complete -c jot -n "__fish_jot_using_subcommand ui" -l allow-remote -d 'Allow a non-loopback --addr (anyone who can reach it and has the URL can use the page)'
complete -c jot -n "__fish_jot_using_subcommand ui" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand forge" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand forge" -l attack -d 'Only this attack (repeatable); see the list below' -r -f -a "tamper\t''
none\t''
strip\t''
null-key\t''
confusion\t''
embedded-jwk\t''
jku\t''
x5u\t''
kid-traversal\t''
kid-sqli\t''
kid-cmdi\t''
psychic\t''
x5c\t''
high-s\t''
jwe-confusion\t''
alg-case\t''
resign\t''
typ\t''
crit\t''
b64\t''
claims-exp\t''
claims-nbf\t''
claims-aud\t''
claims-iss\t''
claims-no-exp\t''
claims-iat\t''
dpop-replay\t''
dpop-private-jwk\t''
dpop-hmac\t''
dpop-no-ath\t''"
complete -c jot -n "__fish_jot_using_subcommand forge" -l public-key -d 'The server\'s public key (PEM, DER, JWK, certificate or JWKS), for key confusion' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l secret-file -d 'The server\'s HMAC secret (e.g. from jot crack): the file\'s exact bytes' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l claim -d 'A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l jku-url -d 'URL the jku attack points at (you host --out-keys/jwks.json there)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l x5u-url -d 'URL the x5u attack points at (you host --out-keys/x5u.pem there)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l out-keys -d 'Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)' -r -F
complete -c jot -n "__fish_jot_using_subcommand forge" -l now -d 'Fix the clock for the pushed-out exp (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l dpop-key -d 'The DPoP client\'s private key: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l expired-token -d 'A token the server issued that has now expired: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l htm -d 'The request the DPoP proofs are for: its method (with --dpop-key)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l htu -d 'The request the DPoP proofs are for: its URI (with --dpop-key)' -r
complete -c jot -n "__fish_jot_using_subcommand forge" -l json -d 'One JSON object per line'
complete -c jot -n "__fish_jot_using_subcommand forge" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand probe" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand probe" -l token -d 'A token the server accepts (or - to read it from stdin). Given twice (two RS256/384/512 tokens of one key), probe recovers an e = 3 RSA public key from them when it has none' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l header -d 'Where the token goes: a header template with {token} (default \'Authorization: Bearer {token}\')' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l cookie -d 'Send the token in this cookie instead of a header' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l method -d 'HTTP method' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l data -d 'Request body ({token} is replaced too)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l attack -d 'Only this attack (repeatable); see the list below' -r -f -a "tamper\t''
none\t''
strip\t''
null-key\t''
confusion\t''
embedded-jwk\t''
jku\t''
x5u\t''
kid-traversal\t''
kid-sqli\t''
kid-cmdi\t''
psychic\t''
x5c\t''
high-s\t''
jwe-confusion\t''
alg-case\t''
resign\t''
typ\t''
crit\t''
b64\t''
claims-exp\t''
claims-nbf\t''
claims-aud\t''
claims-iss\t''
claims-no-exp\t''
claims-iat\t''
dpop-replay\t''
dpop-private-jwk\t''
dpop-hmac\t''
dpop-no-ath\t''"
complete -c jot -n "__fish_jot_using_subcommand probe" -l public-key -d 'The server\'s public key (PEM, DER, JWK, certificate or JWKS), for key confusion' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l secret-file -d 'The server\'s HMAC secret (e.g. from jot crack): the file\'s exact bytes' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l claim -d 'A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l jku-url -d 'URL the jku attack points at (you host --out-keys/jwks.json there)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l x5u-url -d 'URL the x5u attack points at (you host --out-keys/x5u.pem there)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l out-keys -d 'Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)' -r -F
complete -c jot -n "__fish_jot_using_subcommand probe" -l now -d 'Fix the clock for the pushed-out exp (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l dpop-key -d 'The DPoP client\'s private key: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l expired-token -d 'A token the server issued that has now expired: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l rate -d 'Requests per second at most (N or N/s)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l max-requests -d 'Requests in all at most, the baselines and the closing recheck included' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l timeout -d 'Time for one request, body included (e.g. 10s, 1m)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l format -d 'Report format' -r -f -a "text\t''
json\t''
sarif\t''"
complete -c jot -n "__fish_jot_using_subcommand probe" -l accepted-text -d 'Text only an accepted response has, e.g. \'Welcome admin\' (repeatable): a response unlike the garbage value\'s that has it is accepted' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l rejected-text -d 'Text only a rejected response has, e.g. \'Token invalid\' (repeatable): a response that has it is rejected' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l accepted-status -d 'A status only an accepted response has, e.g. 200 (repeatable; never a 5xx, which is never evidence of acceptance)' -r
complete -c jot -n "__fish_jot_using_subcommand probe" -l discover -d 'Fetch the server\'s public keys from the URL\'s origin (/.well-known/jwks.json, the OpenID discovery jwks_uri, the token\'s iss on the same origin) for key confusion'
complete -c jot -n "__fish_jot_using_subcommand probe" -l insecure -d 'Skip TLS certificate verification (prints a warning)'
complete -c jot -n "__fish_jot_using_subcommand probe" -l show-tokens -d 'Show whole tokens in the report (abbreviated by default)'
complete -c jot -n "__fish_jot_using_subcommand probe" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand dpop; and not __fish_seen_subcommand_from proof check help" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand dpop; and not __fish_seen_subcommand_from proof check help" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand dpop; and not __fish_seen_subcommand_from proof check help" -f -a "proof" -d 'Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)'
complete -c jot -n "__fish_jot_using_subcommand dpop; and not __fish_seen_subcommand_from proof check help" -f -a "check" -d 'Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named'
complete -c jot -n "__fish_jot_using_subcommand dpop; and not __fish_seen_subcommand_from proof check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l key -d 'The client\'s private key (PEM, DER or JWK; EC, RSA or Ed25519), or - for stdin' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l passphrase-file -d 'Passphrase for an encrypted PKCS#8 key, read from this file' -r -F
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l alg -d 'Algorithm (default: from the key). HMAC and none are refused' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
ES256K\t''
EdDSA\t''
Ed25519\t''
Ed448\t''
ML-DSA-44\t''
ML-DSA-65\t''
ML-DSA-87\t''"
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l htm -d 'The request\'s HTTP method' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l htu -d 'The request\'s URI (query and fragment are left out of the proof)' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l ath -d 'The access token sent with the request: its SHA-256 goes in ath' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l nonce -d 'The server\'s DPoP-Nonce' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l now -d 'Fix the clock for iat (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from proof" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l htm -d 'The request\'s HTTP method' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l htu -d 'The request\'s URI' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l access-token -d 'The access token sent with the proof: ath must be its SHA-256' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l nonce -d 'The nonce the server handed out' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l max-age -d 'How old iat may be' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l leeway -d 'How far ahead iat may be' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l jkt -d 'The thumbprint the proof key must have (the access token\'s cnf.jkt)' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l now -d 'Fix the clock (unix seconds or RFC 3339)' -r
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -l json -d 'JSON output: every check with pass/fail'
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from help" -f -a "proof" -d 'Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)'
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named'
complete -c jot -n "__fish_jot_using_subcommand dpop; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jot -n "__fish_jot_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jot -n "__fish_jot_using_subcommand completions" -s h -l help -d 'Print help'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "keygen" -d 'Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "convert" -d 'Convert a key between PEM, DER, JWK and JWKS'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "thumbprint" -d 'Print a key\'s RFC 7638 thumbprint'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "sign" -d 'Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "decode" -d 'Show a token\'s header and claims without verifying it'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "verify" -d 'Verify a token\'s signature and claims against keys you supply'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "disclose" -d 'Present an SD-JWT: keep chosen disclosures, optionally bind it with a KB-JWT'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "encrypt" -d 'Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "decrypt" -d 'Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "audit" -d 'Review tokens and key files for weaknesses; JSON and SARIF reports'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "crack" -d 'Recover a weak HMAC secret from an HS256/384/512 token'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "rotate" -d 'Rotate a key set on disk (next → active → retiring → removed)'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "keyset" -d 'List or publish a key set on disk'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "serve" -d 'Serve a key set\'s JWKS and OpenID discovery document over HTTP'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "ui" -d 'Serve a local token debugger page in the browser (loopback, nothing leaves the machine)'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "forge" -d 'Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "probe" -d 'Send forged tokens to a live endpoint and report which ones it accepts'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "dpop" -d 'Make and check DPoP proofs (RFC 9449)'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c jot -n "__fish_jot_using_subcommand help; and not __fish_seen_subcommand_from keygen convert thumbprint sign decode verify disclose encrypt decrypt audit crack rotate keyset serve ui forge probe dpop completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
