#!/usr/bin/env python3
"""PyJWT side of jot's interop tests (driven by tests/cli/token/interop.rs).

  pyjwt_interop.py check
      exit 0 when PyJWT and cryptography (with secp256k1 and Ed25519) are usable, else 3.
  pyjwt_interop.py sign ALG KEYFILE CLAIMS_JSON
      print a token PyJWT signs with KEYFILE (PEM private key, or raw HMAC secret bytes).
  pyjwt_interop.py verify ALG KEYFILE TOKEN AUDIENCE ISSUER
      verify with PyJWT, pinned to ALG; print the claims as JSON (exit 0) or the error (exit 1).
"""

import json
import sys


def load_key(alg, path, private):
    data = open(path, "rb").read()
    if alg.startswith("HS"):
        return data
    from cryptography.hazmat.primitives import serialization

    if private:
        return serialization.load_pem_private_key(data, password=None)
    return serialization.load_pem_public_key(data)


def check():
    try:
        import jwt  # noqa: F401
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519

        ec.generate_private_key(ec.SECP256K1())
        ed25519.Ed25519PrivateKey.generate()
        if "ES256K" not in jwt.algorithms.get_default_algorithms():
            raise RuntimeError("PyJWT lacks ES256K")
    except Exception as e:  # any failure means "skip", with the reason
        print(f"unavailable: {e}", file=sys.stderr)
        return 3
    print(f"PyJWT {jwt.__version__}")
    return 0


def sign(alg, keyfile, claims):
    import jwt

    key = load_key(alg, keyfile, private=True)
    print(jwt.encode(json.loads(claims), key, algorithm=alg))
    return 0


def verify(alg, keyfile, token, audience, issuer):
    import jwt

    key = load_key(alg, keyfile, private=False)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[alg],
            audience=audience,
            issuer=issuer,
            options={"require": ["exp", "iat"]},
        )
    except jwt.PyJWTError as e:
        print(f"invalid: {type(e).__name__}: {e}")
        return 1
    print(json.dumps(claims))
    return 0


def main(argv):
    if len(argv) >= 1 and argv[0] == "check":
        return check()
    if len(argv) == 4 and argv[0] == "sign":
        return sign(*argv[1:])
    if len(argv) == 6 and argv[0] == "verify":
        return verify(*argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
