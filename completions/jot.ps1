
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'jot' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'jot'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'jot' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a key between PEM, DER, JWK and JWKS')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print a key''s RFC 7638 thumbprint')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a token''s header and claims without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a token''s signature and claims against keys you supply')
            [CompletionResult]::new('disclose', 'disclose', [CompletionResultType]::ParameterValue, 'Present an SD-JWT: keep chosen disclosures, optionally bind it with a KB-JWT')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Review tokens and key files for weaknesses; JSON and SARIF reports')
            [CompletionResult]::new('crack', 'crack', [CompletionResultType]::ParameterValue, 'Recover a weak HMAC secret from an HS256/384/512 token')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a key set on disk (next → active → retiring → removed)')
            [CompletionResult]::new('keyset', 'keyset', [CompletionResultType]::ParameterValue, 'List or publish a key set on disk')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve a key set''s JWKS and OpenID discovery document over HTTP')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'Serve a local token debugger page in the browser (loopback, nothing leaves the machine)')
            [CompletionResult]::new('forge', 'forge', [CompletionResultType]::ParameterValue, 'Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send forged tokens to a live endpoint and report which ones it accepts')
            [CompletionResult]::new('dpop', 'dpop', [CompletionResultType]::ParameterValue, 'The `dpop` subcommands')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jot;keygen' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--crv', '--crv', [CompletionResultType]::ParameterName, 'Curve of an ECDH-ES key: P-256 (default), P-384, P-521 or X25519')
            [CompletionResult]::new('--enc', '--enc', [CompletionResultType]::ParameterName, 'The content encryption a dir key is sized for (default A256GCM)')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'RSA modulus size: 2048, 3072 or 4096 (default 2048)')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key id (default: the key''s RFC 7638 thumbprint)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (default: pem for asymmetric keys, jwk for HMAC keys)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the private key here (mode 0600) instead of stdout')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the private key here (mode 0600) instead of stdout')
            [CompletionResult]::new('--public-out', '--public-out', [CompletionResultType]::ParameterName, 'Also write the public key here')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;convert' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Output form')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Select this kid from a JWKS input; set it on the output')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Set the output''s alg')
            [CompletionResult]::new('--use', '--use', [CompletionResultType]::ParameterName, 'Set the output''s use')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write here (atomically; private output gets mode 0600) instead of stdout')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write here (atomically; private output gets mode 0600) instead of stdout')
            [CompletionResult]::new('--public', '--public', [CompletionResultType]::ParameterName, 'Write only the public key (private members are never in public output)')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Treat the input''s bytes as a raw HMAC secret')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --out file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jot;thumbprint' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash function')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Select this kid from a JWKS input')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read encrypted PKCS#8 with the passphrase in this file (jot never prompts)')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Treat the input''s bytes as a raw HMAC secret')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;sign' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'HMAC secret: the file''s exact bytes (- for stdin). Preferred over --secret')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)')
            [CompletionResult]::new('--keyset', '--keyset', [CompletionResultType]::ParameterName, 'Sign with the active key of a rotated key set (see `jot rotate`)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm (default: from the key). `none` is refused')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key id for the header (default: the key''s kid, else its thumbprint)')
            [CompletionResult]::new('--claims', '--claims', [CompletionResultType]::ParameterName, 'Claims as a JSON object, @FILE, or - for stdin')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'One claim; the value is parsed as JSON when it is JSON (numbers, true, arrays), else a string')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Issuer')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Subject')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Audience (repeat for several)')
            [CompletionResult]::new('--exp', '--exp', [CompletionResultType]::ParameterName, 'Expiry: a duration from now (15m, 2h, 7d) or a time (unix seconds, RFC 3339). Default 15m')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Not before: a duration from now or a time')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header member; the value is parsed as JSON when it is JSON')
            [CompletionResult]::new('--fingerprint-out', '--fingerprint-out', [CompletionResultType]::ParameterName, 'Write the fingerprint value to this file (mode 0600) instead of stderr')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock (unix seconds or RFC 3339), for reproducible output')
            [CompletionResult]::new('--serialization', '--serialization', [CompletionResultType]::ParameterName, 'Write the token in this serialization: compact (default), json (general: one signature per --key) or flattened (RFC 7515 §7.2)')
            [CompletionResult]::new('--encrypt-to', '--encrypt-to', [CompletionResultType]::ParameterName, 'Then encrypt the signed token to this recipient key: a nested JWT (cty JWT, RFC 7519 §5.2). The key picks the JWE alg as `jot encrypt` does')
            [CompletionResult]::new('--encrypt-alg', '--encrypt-alg', [CompletionResultType]::ParameterName, 'JWE key management algorithm for --encrypt-to (default: from the key)')
            [CompletionResult]::new('--encrypt-enc', '--encrypt-enc', [CompletionResultType]::ParameterName, 'JWE content encryption for --encrypt-to (default A256GCM)')
            [CompletionResult]::new('--sd', '--sd', [CompletionResultType]::ParameterName, 'Make this claim selectively disclosable (repeat): NAME, a nested path (address.street_address) or an array element (nationalities[0], a[0].b). The output is an SD-JWT: <JWT>~<disclosure>~…~')
            [CompletionResult]::new('--decoys', '--decoys', [CompletionResultType]::ParameterName, 'Add N decoy digests that match no disclosure (hide how many claims there are)')
            [CompletionResult]::new('--sd-alg', '--sd-alg', [CompletionResultType]::ParameterName, 'The digest hash (_sd_alg)')
            [CompletionResult]::new('--holder-key', '--holder-key', [CompletionResultType]::ParameterName, 'Bind the credential to this holder key: its public JWK goes in cnf.jwk (a private key file is fine; only the public part is used)')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'The header''s typ (default JWT; SD-JWT VCs use dc+sd-jwt)')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)')
            [CompletionResult]::new('--insecure-short-key', '--insecure-short-key', [CompletionResultType]::ParameterName, 'Sign with an HMAC secret shorter than the hash output (still warns; for tests only)')
            [CompletionResult]::new('--no-iat', '--no-iat', [CompletionResultType]::ParameterName, 'Omit iat')
            [CompletionResult]::new('--no-exp', '--no-exp', [CompletionResultType]::ParameterName, 'Omit exp (a token that never expires cannot be revoked by time; warns)')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, 'Add a random jti')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'Bind the token to a fresh random value (OWASP token sidejacking defence): its SHA-256 goes in the "fgp" claim and the value is printed on stderr or to --fingerprint-out')
            [CompletionResult]::new('--sd-all', '--sd-all', [CompletionResultType]::ParameterName, 'Make every top-level claim disclosable except iss, sub, aud, exp, nbf, iat, jti, cnf, vct and status')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;decode' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock used for relative times')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'Decrypt a JWE with this key and show the inner token too (nothing is verified)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per token: {"header":…,"payload":…,"signature":"…"}')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;verify' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. verify takes several (their keys are one set); sign --serialization json signs with each')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret as text. Visible in `ps` and shell history: prefer --secret-file')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'HMAC secret: the file''s exact bytes (- for stdin). Preferred over --secret')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Passphrase for an encrypted PKCS#8 key, read from this file (jot never prompts)')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'A JWKS: a file or an http(s) URL')
            [CompletionResult]::new('--oidc', '--oidc', [CompletionResultType]::ParameterName, 'An OpenID issuer: its discovery document names the JWKS')
            [CompletionResult]::new('--trust-anchor', '--trust-anchor', [CompletionResultType]::ParameterName, 'A CA certificate (PEM; repeat for several) that a protected x5c chain must validate to: the leaf certificate''s key then verifies the token. Without it x5c is never used')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Allowed algorithm (repeat for several). Default: what the key implies')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Required issuer (exact match; also the expected issuer with --oidc)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Who you are (repeat): the token''s aud must contain one. A token that has an aud is rejected when none is given (RFC 7519 §4.1.3)')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Required subject (exact match)')
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Claims that must be present (replaces the default requirement of exp)')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew allowed for exp, nbf and iat')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Reject tokens whose iat is older than this')
            [CompletionResult]::new('--denylist', '--denylist', [CompletionResultType]::ParameterName, 'Revoked tokens: one jti, or SHA-256 (hex) of the signing input header.payload, per line')
            [CompletionResult]::new('--fingerprint', '--fingerprint', [CompletionResultType]::ParameterName, 'The fingerprint value the token must be bound to (see `jot sign --fingerprint`)')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Select the key by this kid (overrides the token''s kid)')
            [CompletionResult]::new('--typ', '--typ', [CompletionResultType]::ParameterName, 'The protected header''s typ must be T: compared case-insensitively, an application/ prefix removed from either side (RFC 7515 §4.1.9). Overrides the profile''s')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'A profile''s defaults: at+jwt (RFC 9068: typ at+jwt; iss, exp, aud, sub, client_id, iat, jti required) or id-token (OpenID Connect: iss, sub, aud, exp, iat; azp when aud has several values). --typ and --require override them')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'The nonce claim must equal this (OpenID Connect ID tokens)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock (unix seconds or RFC 3339)')
            [CompletionResult]::new('--decrypt-key', '--decrypt-key', [CompletionResultType]::ParameterName, 'A nested JWT: decrypt the JWE with this key first, then verify the inner token with every check above. The verdict says which layer failed')
            [CompletionResult]::new('--kb-aud', '--kb-aud', [CompletionResultType]::ParameterName, 'Require a KB-JWT whose aud is this verifier')
            [CompletionResult]::new('--kb-nonce', '--kb-nonce', [CompletionResultType]::ParameterName, 'Require a KB-JWT whose nonce is this')
            [CompletionResult]::new('--kb-max-age', '--kb-max-age', [CompletionResultType]::ParameterName, 'Reject a KB-JWT whose iat is older than this')
            [CompletionResult]::new('--dpop-proof', '--dpop-proof', [CompletionResultType]::ParameterName, 'The DPoP proof sent with the token (RFC 9449): the token must carry cnf.jkt, the proof must pass every `jot dpop check` with ath over this token. Needs --htm, --htu')
            [CompletionResult]::new('--htm', '--htm', [CompletionResultType]::ParameterName, 'The request''s HTTP method, for --dpop-proof')
            [CompletionResult]::new('--htu', '--htu', [CompletionResultType]::ParameterName, 'The request''s URI, for --dpop-proof')
            [CompletionResult]::new('--dpop-nonce', '--dpop-nonce', [CompletionResultType]::ParameterName, 'The DPoP-Nonce the proof must carry')
            [CompletionResult]::new('--dpop-max-age', '--dpop-max-age', [CompletionResultType]::ParameterName, 'How old the proof''s iat may be (default 5m)')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)')
            [CompletionResult]::new('--allow-no-exp', '--allow-no-exp', [CompletionResultType]::ParameterName, 'Accept tokens without exp')
            [CompletionResult]::new('--insecure-short-key', '--insecure-short-key', [CompletionResultType]::ParameterName, 'Verify with an HMAC secret shorter than the hash output (still warns; for tests only)')
            [CompletionResult]::new('--require-low-s', '--require-low-s', [CompletionResultType]::ParameterName, 'Refuse ECDSA signatures with a high S (accepted by default: OpenSSL, PyJWT and the RFC 7515 examples make them; jot signs low-S)')
            [CompletionResult]::new('--all-signatures', '--all-signatures', [CompletionResultType]::ParameterName, 'A JSON-serialized JWS is valid only when every signature verifies (default: one that verifies with the supplied keys is enough)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON output (one object per token)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Do not use or fill the on-disk JWKS cache')
            [CompletionResult]::new('--require-kb', '--require-kb', [CompletionResultType]::ParameterName, 'Fail an SD-JWT presentation without a KB-JWT')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;disclose' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Disclose this claim (repeat): a path as `jot decode` shows it')
            [CompletionResult]::new('--holder-key', '--holder-key', [CompletionResultType]::ParameterName, 'Append a KB-JWT signed with this holder private key (needs --aud and --nonce)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Passphrase for an encrypted PKCS#8 holder key, read from this file')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'The verifier the KB-JWT is for')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'The verifier''s nonce for the KB-JWT')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock for the KB-JWT''s iat (unix seconds or RFC 3339)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Disclose everything')
            [CompletionResult]::new('--none', '--none', [CompletionResultType]::ParameterName, 'Disclose nothing (the issuer JWT alone)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;encrypt' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'A JWKS: a file or an http(s) URL (choose a key with --kid)')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Select the key by this kid')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'A symmetric key (dir, A*KW, A*GCMKW): the file''s exact bytes (- for stdin)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A passphrase for PBES2-*, read from this file''s first line (jot never prompts)')
            [CompletionResult]::new('--key-passphrase-file', '--key-passphrase-file', [CompletionResultType]::ParameterName, 'Passphrase of an encrypted PKCS#8 --key, read from this file')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Key management algorithm (default: from the key)')
            [CompletionResult]::new('--enc', '--enc', [CompletionResultType]::ParameterName, 'Content encryption')
            [CompletionResult]::new('--cty', '--cty', [CompletionResultType]::ParameterName, 'Content type header (JWT for a nested token)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra protected-header member; the value is parsed as JSON when it is JSON')
            [CompletionResult]::new('--p2c', '--p2c', [CompletionResultType]::ParameterName, 'PBES2 iteration count')
            [CompletionResult]::new('--serialization', '--serialization', [CompletionResultType]::ParameterName, 'Write the token in this serialization: compact (default), json (general: one recipient per --key) or flattened (RFC 7516 §7.2)')
            [CompletionResult]::new('--aad', '--aad', [CompletionResultType]::ParameterName, 'Additional authenticated data (JSON serializations only): the argument''s bytes, or @FILE''s')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)')
            [CompletionResult]::new('--zip', '--zip', [CompletionResultType]::ParameterName, 'Compress before encrypting (zip: DEF). Compression can leak the plaintext''s content through the length; avoid it for attacker-influenced data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;decrypt' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM, DER, JWK or JWKS (format detected from the content), or - for stdin. decrypt takes several (one key set); encrypt --serialization json one recipient each')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'A JWKS: a file or an http(s) URL (choose a key with --kid)')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Select the key by this kid')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'A symmetric key (dir, A*KW, A*GCMKW): the file''s exact bytes (- for stdin)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'A passphrase for PBES2-*, read from this file''s first line (jot never prompts)')
            [CompletionResult]::new('--key-passphrase-file', '--key-passphrase-file', [CompletionResultType]::ParameterName, 'Passphrase of an encrypted PKCS#8 --key, read from this file')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Allowed key management algorithm (repeat). Default: what the key implies')
            [CompletionResult]::new('--enc', '--enc', [CompletionResultType]::ParameterName, 'Allowed content encryption (repeat). Default: all')
            [CompletionResult]::new('--max-plaintext', '--max-plaintext', [CompletionResultType]::ParameterName, 'Bound on the plaintext after decryption and inflation, in bytes')
            [CompletionResult]::new('--max-p2c', '--max-p2c', [CompletionResultType]::ParameterName, 'Bound on PBES2''s iteration count (p2c)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the plaintext to this file (mode 0600) instead of stdout')
            [CompletionResult]::new('--allow-weak', '--allow-weak', [CompletionResultType]::ParameterName, 'Accept weak RSA keys: under 2048 bits, or with the ROCA fingerprint (for analysis only)')
            [CompletionResult]::new('--allow-rsa1-5', '--allow-rsa1-5', [CompletionResultType]::ParameterName, 'Accept RSA1_5 (padding-oracle prone; a random CEK on any failure, RFC 7516 §11.5)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace --out if it exists')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON output (one object per token): {"valid", "header", "plaintext" | "reason"}; plaintext that is not UTF-8 is "plaintext_b64url"')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;audit' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--wordlist', '--wordlist', [CompletionResultType]::ParameterName, 'Extra wordlist of secrets to try on HS* tokens (repeatable)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Verify signatures with this key')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Verify signatures with this JWKS file')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Longest acceptable token lifetime (exp - iat)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding is at or above this severity')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock (unix seconds or RFC 3339)')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Do not try the built-in weak-secret list')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Treat inputs as logs, HAR files or HTTP dumps and pull every JWT out of them')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;crack' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--wordlist', '--wordlist', [CompletionResultType]::ParameterName, 'Wordlist (plain or gzip; - for stdin); repeatable')
            [CompletionResult]::new('--mask', '--mask', [CompletionResultType]::ParameterName, 'Mask in hashcat notation: ?l ?u ?d ?s ?a ?1-?4, ?? for a literal ?')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'Custom charset: 1=CHARS … 4=CHARS for masks, or all=CHARS for --min-len/--max-len')
            [CompletionResult]::new('--min-len', '--min-len', [CompletionResultType]::ParameterName, 'Brute force: shortest candidate')
            [CompletionResult]::new('--max-len', '--max-len', [CompletionResultType]::ParameterName, 'Brute force: longest candidate')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads (default: all cores)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Skip the first N candidates (resume, or one shard of a split search)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Try at most N candidates')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Search the I-th of N equal slices of the keyspace (N machines cover it exactly once)')
            [CompletionResult]::new('--engine', '--engine', [CompletionResultType]::ParameterName, 'Who searches: jot''s engine, or the local hashcat (with a mask, --skip/--limit count hashcat''s own keyspace units, as its -s/-l do)')
            [CompletionResult]::new('--hashcat', '--hashcat', [CompletionResultType]::ParameterName, 'The hashcat program for --engine hashcat')
            [CompletionResult]::new('--hashcat-arg', '--hashcat-arg', [CompletionResultType]::ParameterName, 'An extra argument for hashcat (repeatable), e.g. --hashcat-arg=-D1 --hashcat-arg=--force')
            [CompletionResult]::new('--kernel', '--kernel', [CompletionResultType]::ParameterName, 'jot''s hashing kernel: auto, portable, sha-ni, avx2 or avx512 (for benchmarks)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Do not first try the built-in list of weak secrets')
            [CompletionResult]::new('--no-transforms', '--no-transforms', [CompletionResultType]::ParameterName, 'Do not also try each candidate base64- and hex-decoded')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which kernel runs and what is tried, on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which kernel runs and what is tried, on stderr')
            [CompletionResult]::new('--export-hashcat', '--export-hashcat', [CompletionResultType]::ParameterName, 'Print the hashcat (mode 16500) input line and command instead of cracking')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jot;rotate' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The key set directory (created on the first run, mode 0700)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm of new keys (default: the set''s, else ES256)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long a retired key stays published; at least your longest token lifetime')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock (unix seconds or RFC 3339)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and change nothing')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'Move removed private keys to DIR/archive instead of deleting them')
            [CompletionResult]::new('--fix-permissions', '--fix-permissions', [CompletionResultType]::ParameterName, 'Repair group/other-readable private key files instead of refusing the set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;keyset' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys of a set: kid, alg, state, dates; on a terminal, as a timeline')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Write the set''s public JWKS (atomically) to a path or stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jot;keyset;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: a timeline of each key''s states (default on a terminal), a table (default when piped), JSON, or the timeline as an SVG picture')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock the timeline is drawn at (unix seconds or RFC 3339)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON output (the same as --format json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'jot;keyset;publish' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output path (default: stdout)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Output path (default: stdout)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;keyset;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys of a set: kid, alg, state, dates; on a terminal, as a timeline')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Write the set''s public JWKS (atomically) to a path or stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jot;keyset;help;list' {
            break
        }
        'jot;keyset;help;publish' {
            break
        }
        'jot;keyset;help;help' {
            break
        }
        'jot;serve' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The key set directory (its jwks.json is served)')
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL in the discovery document (default: http://ADDR)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;ui' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on (port 0: any free port). Loopback only unless --allow-remote')
            [CompletionResult]::new('--max-requests', '--max-requests', [CompletionResultType]::ParameterName, 'Stop after this many requests (for tests and scripts)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop after this long (for tests and scripts)')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the page in the default browser (xdg-open / open); a failure is only a warning')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a non-loopback --addr (anyone who can reach it and has the URL can use the page)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;forge' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--attack', '--attack', [CompletionResultType]::ParameterName, 'Only this attack (repeatable); see the list below')
            [CompletionResult]::new('--public-key', '--public-key', [CompletionResultType]::ParameterName, 'The server''s public key (PEM, DER, JWK, certificate or JWKS), for key confusion')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'The server''s HMAC secret (e.g. from jot crack): the file''s exact bytes')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)')
            [CompletionResult]::new('--jku-url', '--jku-url', [CompletionResultType]::ParameterName, 'URL the jku attack points at (you host --out-keys/jwks.json there)')
            [CompletionResult]::new('--x5u-url', '--x5u-url', [CompletionResultType]::ParameterName, 'URL the x5u attack points at (you host --out-keys/x5u.pem there)')
            [CompletionResult]::new('--out-keys', '--out-keys', [CompletionResultType]::ParameterName, 'Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock for the pushed-out exp (unix seconds or RFC 3339)')
            [CompletionResult]::new('--dpop-key', '--dpop-key', [CompletionResultType]::ParameterName, 'The DPoP client''s private key: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)')
            [CompletionResult]::new('--expired-token', '--expired-token', [CompletionResultType]::ParameterName, 'A token the server issued that has now expired: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)')
            [CompletionResult]::new('--htm', '--htm', [CompletionResultType]::ParameterName, 'The request the DPoP proofs are for: its method (with --dpop-key)')
            [CompletionResult]::new('--htu', '--htu', [CompletionResultType]::ParameterName, 'The request the DPoP proofs are for: its URI (with --dpop-key)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per line')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;probe' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'A token the server accepts (or - to read it from stdin). Given twice (two RS256/384/512 tokens of one key), probe recovers an e = 3 RSA public key from them when it has none')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Where the token goes: a header template with {token} (default ''Authorization: Bearer {token}'')')
            [CompletionResult]::new('--cookie', '--cookie', [CompletionResultType]::ParameterName, 'Send the token in this cookie instead of a header')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'HTTP method')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Request body ({token} is replaced too)')
            [CompletionResult]::new('--attack', '--attack', [CompletionResultType]::ParameterName, 'Only this attack (repeatable); see the list below')
            [CompletionResult]::new('--public-key', '--public-key', [CompletionResultType]::ParameterName, 'The server''s public key (PEM, DER, JWK, certificate or JWKS), for key confusion')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'The server''s HMAC secret (e.g. from jot crack): the file''s exact bytes')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'A claim for tamper/resign, K=V (the value is JSON when it parses as JSON)')
            [CompletionResult]::new('--jku-url', '--jku-url', [CompletionResultType]::ParameterName, 'URL the jku attack points at (you host --out-keys/jwks.json there)')
            [CompletionResult]::new('--x5u-url', '--x5u-url', [CompletionResultType]::ParameterName, 'URL the x5u attack points at (you host --out-keys/x5u.pem there)')
            [CompletionResult]::new('--out-keys', '--out-keys', [CompletionResultType]::ParameterName, 'Directory to write the keys to host for jku/x5u (jwks.json, x5u.pem; public only)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock for the pushed-out exp (unix seconds or RFC 3339)')
            [CompletionResult]::new('--dpop-key', '--dpop-key', [CompletionResultType]::ParameterName, 'The DPoP client''s private key: the token is a DPoP-bound access token, and the dpop-* attacks forge proofs for it (probe also sends a fresh proof with every other request)')
            [CompletionResult]::new('--expired-token', '--expired-token', [CompletionResultType]::ParameterName, 'A token the server issued that has now expired: the claims-exp attack sends it as issued, to see whether exp is checked (no --secret-file needed)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Requests per second at most (N or N/s)')
            [CompletionResult]::new('--max-requests', '--max-requests', [CompletionResultType]::ParameterName, 'Requests in all at most, the baselines and the closing recheck included')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time for one request, body included (e.g. 10s, 1m)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format')
            [CompletionResult]::new('--accepted-text', '--accepted-text', [CompletionResultType]::ParameterName, 'Text only an accepted response has, e.g. ''Welcome admin'' (repeatable): a response unlike the garbage value''s that has it is accepted')
            [CompletionResult]::new('--rejected-text', '--rejected-text', [CompletionResultType]::ParameterName, 'Text only a rejected response has, e.g. ''Token invalid'' (repeatable): a response that has it is rejected')
            [CompletionResult]::new('--accepted-status', '--accepted-status', [CompletionResultType]::ParameterName, 'A status only an accepted response has, e.g. 200 (repeatable; never a 5xx, which is never evidence of acceptance)')
            [CompletionResult]::new('--discover', '--discover', [CompletionResultType]::ParameterName, 'Fetch the server''s public keys from the URL''s origin (/.well-known/jwks.json, the OpenID discovery jwks_uri, the token''s iss on the same origin) for key confusion')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Skip TLS certificate verification (prints a warning)')
            [CompletionResult]::new('--show-tokens', '--show-tokens', [CompletionResultType]::ParameterName, 'Show whole tokens in the report (abbreviated by default)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;dpop' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('proof', 'proof', [CompletionResultType]::ParameterValue, 'Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jot;dpop;proof' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The client''s private key (PEM, DER or JWK; EC, RSA or Ed25519), or - for stdin')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Passphrase for an encrypted PKCS#8 key, read from this file')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm (default: from the key). HMAC and none are refused')
            [CompletionResult]::new('--htm', '--htm', [CompletionResultType]::ParameterName, 'The request''s HTTP method')
            [CompletionResult]::new('--htu', '--htu', [CompletionResultType]::ParameterName, 'The request''s URI (query and fragment are left out of the proof)')
            [CompletionResult]::new('--ath', '--ath', [CompletionResultType]::ParameterName, 'The access token sent with the request: its SHA-256 goes in ath')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'The server''s DPoP-Nonce')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock for iat (unix seconds or RFC 3339)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;dpop;check' {
            [CompletionResult]::new('--htm', '--htm', [CompletionResultType]::ParameterName, 'The request''s HTTP method')
            [CompletionResult]::new('--htu', '--htu', [CompletionResultType]::ParameterName, 'The request''s URI')
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'The access token sent with the proof: ath must be its SHA-256')
            [CompletionResult]::new('--nonce', '--nonce', [CompletionResultType]::ParameterName, 'The nonce the server handed out')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'How old iat may be')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'How far ahead iat may be')
            [CompletionResult]::new('--jkt', '--jkt', [CompletionResultType]::ParameterName, 'The thumbprint the proof key must have (the access token''s cnf.jkt)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Fix the clock (unix seconds or RFC 3339)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON output: every check with pass/fail')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;dpop;help' {
            [CompletionResult]::new('proof', 'proof', [CompletionResultType]::ParameterValue, 'Make a DPoP proof for one request (typ dpop+jwt, the public JWK in the header)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a DPoP proof as RFC 9449 §4.3 lists it; each check is named')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jot;dpop;help;proof' {
            break
        }
        'jot;dpop;help;check' {
            break
        }
        'jot;dpop;help;help' {
            break
        }
        'jot;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with auto)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'jot;help' {
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate a signing key (HMAC, RSA, EC, Ed25519) as PEM or JWK')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert a key between PEM, DER, JWK and JWKS')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print a key''s RFC 7638 thumbprint')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign claims into a compact JWS, with safe defaults (iat, a 15-minute exp)')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a token''s header and claims without verifying it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a token''s signature and claims against keys you supply')
            [CompletionResult]::new('disclose', 'disclose', [CompletionResultType]::ParameterValue, 'Present an SD-JWT: keep chosen disclosures, optionally bind it with a KB-JWT')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt a payload into a compact JWE (RSA-OAEP, ECDH-ES, AES-KW, dir, PBES2)')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt a compact JWE with pinned algorithms; plaintext only after its tag checks')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Review tokens and key files for weaknesses; JSON and SARIF reports')
            [CompletionResult]::new('crack', 'crack', [CompletionResultType]::ParameterValue, 'Recover a weak HMAC secret from an HS256/384/512 token')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a key set on disk (next → active → retiring → removed)')
            [CompletionResult]::new('keyset', 'keyset', [CompletionResultType]::ParameterValue, 'List or publish a key set on disk')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve a key set''s JWKS and OpenID discovery document over HTTP')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'Serve a local token debugger page in the browser (loopback, nothing leaves the machine)')
            [CompletionResult]::new('forge', 'forge', [CompletionResultType]::ParameterValue, 'Forge the known JWT attacks from a captured token (none, key confusion, kid, jwk, …)')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Send forged tokens to a live endpoint and report which ones it accepts')
            [CompletionResult]::new('dpop', 'dpop', [CompletionResultType]::ParameterValue, 'Make and check DPoP proofs (RFC 9449)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jot;help;keygen' {
            break
        }
        'jot;help;convert' {
            break
        }
        'jot;help;thumbprint' {
            break
        }
        'jot;help;sign' {
            break
        }
        'jot;help;decode' {
            break
        }
        'jot;help;verify' {
            break
        }
        'jot;help;disclose' {
            break
        }
        'jot;help;encrypt' {
            break
        }
        'jot;help;decrypt' {
            break
        }
        'jot;help;audit' {
            break
        }
        'jot;help;crack' {
            break
        }
        'jot;help;rotate' {
            break
        }
        'jot;help;keyset' {
            break
        }
        'jot;help;serve' {
            break
        }
        'jot;help;ui' {
            break
        }
        'jot;help;forge' {
            break
        }
        'jot;help;probe' {
            break
        }
        'jot;help;dpop' {
            break
        }
        'jot;help;completions' {
            break
        }
        'jot;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
