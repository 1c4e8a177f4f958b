#!/usr/bin/env python3
"""JWE interop with jwcrypto for jot's tests, in one batch (one interpreter start).

Usage: jwcrypto_jwe.py JOBS.json
JOBS.json is a JSON array of jobs:
  {"op": "decrypt", "key": <JWK>, "token": "<compact JWE>"}
  {"op": "encrypt", "key": <JWK>, "alg": "...", "enc": "...", "payload": "<text>",
   "header": {optional extra protected members}}
  (or "payload_b64": "<base64url>" in place of "payload", for binary plaintext)
  {"op": "sign_encrypt", "sig_key": <JWK>, "sig_alg": "...", "claims": {...},
   "key": <JWK>, "alg": "...", "enc": "..."}  (nested: a JWS inside a JWE with cty JWT)
  {"op": "decrypt_verify", "key": <JWK>, "sig_key": <JWK>, "token": "<nested JWE>"}
Prints a JSON array with one result per job, in order: {"ok": true, "plaintext": "..."}
or {"ok": true, "token": "..."}, or {"ok": true, "cty": "...", "claims": {...}}, or {"ok": false, "error": "..."} (the job failed; jot's
test decides whether that is a failure). Exit status 0 unless the job file is unreadable.
"""

import json
import sys

from jwcrypto import jwe, jwk, jws
from jwcrypto.common import base64url_decode, json_decode, json_encode

# jwcrypto refuses RSA1_5 by default (as jot does); the tests opt in for both directions.
ALLOWED = [
    "RSA1_5", "RSA-OAEP", "RSA-OAEP-256", "A128KW", "A192KW", "A256KW", "dir",
    "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW",
    "A128GCMKW", "A192GCMKW", "A256GCMKW",
    "PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW",
    "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM",
]


def nested(job, key):
    """Sign-then-encrypt, or decrypt-then-verify (claims are not time-checked here: jot's
    test pins its clock with --now, and jwcrypto's JWT class would use the real one)."""
    sig_key = jwk.JWK(**job["sig_key"])
    if job["op"] == "sign_encrypt":
        s = jws.JWS(json_encode(job["claims"]).encode("utf-8"))
        s.add_signature(sig_key, protected=json_encode({"alg": job["sig_alg"], "typ": "JWT"}))
        header = {"alg": job["alg"], "enc": job["enc"], "cty": "JWT"}
        t = jwe.JWE(s.serialize(compact=True).encode("ascii"), json_encode(header), algs=ALLOWED)
        t.add_recipient(key)
        return {"ok": True, "token": t.serialize(compact=True)}
    t = jwe.JWE(algs=ALLOWED)
    t.deserialize(job["token"], key=key)
    s = jws.JWS()
    s.deserialize(t.payload.decode("ascii"), key=sig_key)
    return {"ok": True, "cty": t.jose_header.get("cty"), "claims": json_decode(s.payload)}


def run(job):
    key = jwk.JWK(**job["key"])
    if job["op"] in ("sign_encrypt", "decrypt_verify"):
        return nested(job, key)
    if job["op"] == "decrypt":
        t = jwe.JWE(algs=ALLOWED)
        t.deserialize(job["token"], key=key)
        return {"ok": True, "plaintext": t.payload.decode("utf-8")}
    header = {"alg": job["alg"], "enc": job["enc"]}
    header.update(job.get("header", {}))
    if "payload_b64" in job:
        payload = base64url_decode(job["payload_b64"])
    else:
        payload = job["payload"].encode("utf-8")
    t = jwe.JWE(payload, json_encode(header), algs=ALLOWED)
    t.add_recipient(key)
    return {"ok": True, "token": t.serialize(compact=True)}


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    out = []
    for job in jobs:
        try:
            out.append(run(job))
        except Exception as e:  # noqa: BLE001 - report every failure as data
            out.append({"ok": False, "error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
