#!/usr/bin/env python3
"""ML-DSA (RFC 9964) and Ed448 (RFC 9864) JWS interop with pyca/cryptography (>= 51, its
`mldsa` module), an independent implementation, for tests/cli/algs.rs.

  keygen ALG PRIV PUB     write a new key: PKCS#8 PEM (seed form for ML-DSA) and SPKI PEM
  sign ALG PRIV CLAIMS    print a compact JWS of CLAIMS (JSON) signed with PRIV
  verify PUB TOKEN        exit 0 when TOKEN's signature verifies with PUB (alg from its header,
                          which must match the key), 1 when it does not
  public PRIV             print the base64url raw public key of a PKCS#8 PEM private key
  ctx-sign PRIV CLAIMS    like sign, but ML-DSA with the context string "ctx" (must not verify)
"""

import base64
import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed448, mldsa

MLDSA = {
    "ML-DSA-44": mldsa.MLDSA44PrivateKey,
    "ML-DSA-65": mldsa.MLDSA65PrivateKey,
    "ML-DSA-87": mldsa.MLDSA87PrivateKey,
}
PUBLIC = {
    "ML-DSA-44": mldsa.MLDSA44PublicKey,
    "ML-DSA-65": mldsa.MLDSA65PublicKey,
    "ML-DSA-87": mldsa.MLDSA87PublicKey,
    "Ed448": ed448.Ed448PublicKey,
}


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64u(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def alg_of_public(key):
    for alg, cls in PUBLIC.items():
        if isinstance(key, cls):
            return alg
    raise SystemExit(f"unexpected key type {type(key)}")


def load_private(path):
    with open(path, "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def jws(key, alg, claims, context=None):
    header = b64u(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    signing_input = f"{header}.{b64u(claims.encode())}".encode()
    sig = key.sign(signing_input, context) if context else key.sign(signing_input)
    return f"{signing_input.decode()}.{b64u(sig)}"


def main(argv):
    cmd = argv[1]
    if cmd == "keygen":
        alg, priv, pub = argv[2:5]
        key = ed448.Ed448PrivateKey.generate() if alg == "Ed448" else MLDSA[alg].generate()
        with open(priv, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
        with open(pub, "wb") as f:
            f.write(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo))
    elif cmd in ("sign", "ctx-sign"):
        key = load_private(argv[2]) if cmd == "ctx-sign" else load_private(argv[3])
        if cmd == "sign":
            print(jws(key, argv[2], argv[4]))
        else:
            print(jws(key, alg_of_public(key.public_key()), argv[3], b"ctx"))
    elif cmd == "verify":
        with open(argv[2], "rb") as f:
            key = serialization.load_pem_public_key(f.read())
        h, p, s = argv[3].strip().split(".")
        if json.loads(unb64u(h))["alg"] != alg_of_public(key):
            return 1
        try:
            key.verify(unb64u(s), f"{h}.{p}".encode())
        except Exception:  # InvalidSignature, or a malformed one
            return 1
    elif cmd == "public":
        print(b64u(load_private(argv[2]).public_key().public_bytes_raw()))
    else:
        raise SystemExit(f"unknown command {cmd}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
