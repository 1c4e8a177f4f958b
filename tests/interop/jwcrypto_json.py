#!/usr/bin/env python3
"""JSON-serialized JWS/JWE interop with jwcrypto for jot's tests, in one batch.

Usage: jwcrypto_json.py JOBS.json
JOBS.json is a JSON array of jobs:
  {"op": "sign", "signers": [{"key": <JWK>, "alg": "..."}], "payload": "<text>",
   "flattened": bool}                        -> {"ok": true, "token": "<JSON>"}
  {"op": "verify", "key": <JWK>, "token": "<JSON>"}          -> {"ok": true, "payload": "..."}
  {"op": "encrypt", "recipients": [{"key": <JWK>, "alg": "..."}], "enc": "...",
   "payload": "<text>", "aad": "<text>" | null, "flattened": bool} -> {"ok": true, "token": ...}
  {"op": "decrypt", "key": <JWK>, "token": "<JSON>"}         -> {"ok": true, "plaintext": "..."}
Failures are {"ok": false, "error": "..."}: jot's test decides whether that is a failure.
"""

import json
import sys

from jwcrypto import jwe, jwk, jws
from jwcrypto.common import json_encode

ALLOWED = ["RSA-OAEP", "RSA-OAEP-256", "A128KW", "A192KW", "A256KW", "ECDH-ES+A128KW",
           "ECDH-ES+A256KW", "A128GCM", "A256GCM", "A128CBC-HS256", "A256CBC-HS512"]


def run(job):
    op = job["op"]
    if op == "sign":
        s = jws.JWS(job["payload"].encode("utf-8"))
        for signer in job["signers"]:
            key = jwk.JWK(**signer["key"])
            header = {"alg": signer["alg"]}
            if "kid" in signer["key"]:
                header["kid"] = signer["key"]["kid"]
            s.add_signature(key, protected=json_encode(header))
        return {"ok": True, "token": s.serialize(compact=False) if not job["flattened"]
                else json.dumps(json.loads(s.serialize(compact=False)))}
    if op == "verify":
        s = jws.JWS()
        s.deserialize(job["token"])
        s.verify(jwk.JWK(**job["key"]))
        return {"ok": True, "payload": s.payload.decode("utf-8")}
    if op == "encrypt":
        protected = {"enc": job["enc"]}
        e = jwe.JWE(job["payload"].encode("utf-8"), protected=json_encode(protected),
                    aad=job["aad"].encode("utf-8") if job.get("aad") else None)
        e.allowed_algs = ALLOWED
        for r in job["recipients"]:
            header = {"alg": r["alg"]}
            if "kid" in r["key"]:
                header["kid"] = r["key"]["kid"]
            e.add_recipient(jwk.JWK(**r["key"]), header=json_encode(header))
        return {"ok": True, "token": e.serialize(compact=False)}
    if op == "decrypt":
        e = jwe.JWE()
        e.allowed_algs = ALLOWED
        e.deserialize(job["token"], jwk.JWK(**job["key"]))
        return {"ok": True, "plaintext": e.payload.decode("utf-8")}
    raise ValueError(f"unknown op {op}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    out = []
    for job in jobs:
        try:
            out.append(run(job))
        except Exception as err:  # noqa: BLE001 - every failure is a result for the test
            out.append({"ok": False, "error": f"{type(err).__name__}: {err}"})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
