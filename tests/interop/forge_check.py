#!/usr/bin/env python3
"""Check `jot forge --json` output with independent implementations.

Usage: jot forge TOKEN --json ... | forge_check.py --public-pem PEM --secret-file SECRET

Each forged token is checked for the shape its attack promises, with PyJWT, jwcrypto,
pyca/cryptography, sqlite3 and Python's hmac (never with jot). Prints `ok ATTACK VARIANT`
or `skip ATTACK VARIANT: why` per token; exits 1 on the first failure.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import sqlite3
import sys
import urllib.parse

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from jwcrypto import jwk as jwc_jwk
from jwcrypto import jws as jwc_jws

HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def parts(token):
    h, p, s = token.split(".")
    return json.loads(b64d(h)), h, p, b64d(s)


def hmac_ok(token, key):
    hd, h, p, sig = parts(token)
    alg = hd["alg"].upper()
    return hmac.compare_digest(hmac.new(key, f"{h}.{p}".encode(), HASHES[alg]).digest(), sig)


def pyjwt_ok(token, key, alg):
    jwt.decode(token, key, algorithms=[alg], options={"verify_exp": False, "verify_aud": False})
    return True


def confusion_keys(pem):
    pub = serialization.load_pem_public_key(pem)
    P, E = serialization.PublicFormat, serialization.Encoding
    out = [pem, pem.rstrip(b"\n"), pem + b"\n"]
    out.append(pub.public_bytes(E.PEM, P.SubjectPublicKeyInfo))
    out.append(pub.public_bytes(E.DER, P.SubjectPublicKeyInfo))
    out.append(pub.public_bytes(E.PEM, P.PKCS1))
    out.append(pub.public_bytes(E.DER, P.PKCS1))
    out += [k.rstrip(b"\n") for k in out if k.endswith(b"\n")]
    return out


def check(o, pem, secret):
    a, t, v = o["attack"], o["token"], o["variant"]
    if a == "jwe-confusion":
        segments = t.split(".")
        assert len(segments) == 5 and "enc" in json.loads(b64d(segments[0])), t
        return "no private key here (the probe test decrypts it with jwcrypto)"
    hd = parts(t)[0] if a != "b64" else None
    if a == "none":
        assert hd["alg"].lower() == "none"
        jwt.decode(t, options={"verify_signature": False})
    elif a == "null-key":
        assert hmac_ok(t, b"")
    elif a == "confusion":
        if v.startswith(hd["alg"] + ", public key JWK"):
            return "JWK member order is jot's own"
        assert any(hmac_ok(t, k) for k in confusion_keys(pem)), v
        if "as given" in v and v.endswith("as given"):
            assert hmac_ok(t, pem)
    elif a == "embedded-jwk":
        key = jwc_jwk.JWK(**hd["jwk"])
        assert not key.has_private
        s = jwc_jws.JWS()
        s.deserialize(t)
        s.verify(key)
    elif a == "kid-traversal":
        # What a server resolving the kid reaches: URL-decoded, backslashes as separators,
        # "....//" through a filter that removes "../" once, extra "../" stopping at the root.
        path = urllib.parse.unquote(hd["kid"]).replace("\\", "/")
        if "....//" in path:
            path = path.replace("../", "")
        target = os.path.normpath("/" + path)
        with open(target, "rb") as f:
            data = f.read()
        assert hmac_ok(t, data.rstrip(b"\n") if "stripped" in v else data), (path, v)
    elif a == "x5c":
        cert = x509.load_der_x509_certificate(base64.b64decode(hd["x5c"][0]))
        assert pyjwt_ok(t, cert.public_key(), "RS256")
    elif a == "kid-sqli":
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE keys (kid TEXT, secret TEXT)")
        db.execute("INSERT INTO keys VALUES ('key1', 'real')")
        row = None
        for q in ("SELECT secret FROM keys WHERE kid = '%s'", 'SELECT secret FROM keys WHERE kid = "%s"',
                  "SELECT secret FROM keys WHERE rowid = %s"):
            try:
                row = row or db.execute(q % hd["kid"]).fetchone()
            except sqlite3.Error:
                pass
        assert row == ("jot",), (hd["kid"], row)
        assert pyjwt_ok(t, b"jot", hd["alg"])
    elif a == "psychic":
        sig = parts(t)[3]
        if v.endswith("(DER)"):
            assert decode_dss_signature(sig) == (0, 0)
        else:
            assert sig == b"\0" * len(sig) and len(sig) in (64, 96, 132)
    elif a == "crit":
        assert hmac_ok(t, secret) and hd["crit"] == ["jot-unknown"]
        try:  # a correct library refuses the unknown critical extension
            jwt.decode(t, secret, algorithms=[hd["alg"]], options={"verify_exp": False})
            raise AssertionError("PyJWT accepted an unknown crit")
        except jwt.InvalidTokenError:
            pass
    elif a in ("resign", "typ"):
        assert hmac_ok(t, secret)
        if a == "resign":
            claims = pyjwt_ok(t, secret, hd["alg"]) and jwt.decode(t, secret, algorithms=[hd["alg"]], options={"verify_exp": False})
            assert claims["role"] == "admin"
    elif a.startswith("claims-") and "--expired-token" not in v:
        check_claims(a, t, hd["alg"], secret)
    elif a == "tamper":
        claims = jwt.decode(t, options={"verify_signature": False})
        assert claims["role"] == "admin" and claims["admin"] is True
    else:
        return "no independent check"
    return None


# What PyJWT says of each claims-* token when it checks that claim (and only that one).
CLAIMS = {
    "claims-exp": ({}, jwt.ExpiredSignatureError),
    "claims-nbf": ({}, jwt.ImmatureSignatureError),
    "claims-iat": ({}, jwt.ImmatureSignatureError),
    "claims-aud": ({"audience": "lab-api"}, jwt.InvalidAudienceError),
    "claims-iss": ({"issuer": "lab-issuer"}, jwt.InvalidIssuerError),
    "claims-no-exp": ({"options": {"require": ["exp"]}}, jwt.MissingRequiredClaimError),
}


def check_claims(a, t, alg, secret):
    """A claims-* token: a good HMAC with the secret, refused by PyJWT for its one claim."""
    assert hmac_ok(t, secret)
    off = {"verify_exp": False, "verify_nbf": False, "verify_iat": False,
           "verify_aud": False, "verify_iss": False}
    jwt.decode(t, secret, algorithms=[alg], options=off)
    kwargs, error = CLAIMS[a]
    try:
        jwt.decode(t, secret, algorithms=[alg], **kwargs)
    except error:
        return
    raise AssertionError(f"PyJWT did not refuse {a} with {error.__name__}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--public-pem", required=True)
    ap.add_argument("--secret-file", required=True)
    a = ap.parse_args()
    pem = open(a.public_pem, "rb").read()
    secret = open(a.secret_file, "rb").read()
    for line in sys.stdin:
        if not line.strip():
            continue
        o = json.loads(line)
        try:
            why = check(o, pem, secret)
        except Exception as e:  # any failure is a finding against jot
            print(f"FAIL {o['attack']} {o['variant']}: {type(e).__name__}: {e}")
            return 1
        print(f"skip {o['attack']} {o['variant']}: {why}" if why else f"ok {o['attack']} {o['variant']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
