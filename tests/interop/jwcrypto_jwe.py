#!/usr/bin/env python3
"""JWE interop with jwcrypto for jot's tests, in one batch (one interpreter start).

Usage: jwcrypto_jwe.py JOBS.json
JOBS.json is a JSON array of jobs:
  {"op": "decrypt", "key": <JWK>, "token": "<compact JWE>"}
  {"op": "encrypt", "key": <JWK>, "alg": "...", "enc": "...", "payload": "<text>",
   "header": {optional extra protected members}}
Prints a JSON array with one result per job, in order: {"ok": true, "plaintext": "..."}
or {"ok": true, "token": "..."}, or {"ok": false, "error": "..."} (the job failed; jot's
test decides whether that is a failure). Exit status 0 unless the job file is unreadable.
"""

import json
import sys

from jwcrypto import jwe, jwk
from jwcrypto.common import json_encode

# jwcrypto refuses RSA1_5 by default (as jot does); the tests opt in for both directions.
ALLOWED = [
    "RSA1_5", "RSA-OAEP", "RSA-OAEP-256", "A128KW", "A192KW", "A256KW", "dir",
    "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW",
    "A128GCMKW", "A192GCMKW", "A256GCMKW",
    "PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW",
    "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM",
]


def run(job):
    key = jwk.JWK(**job["key"])
    if job["op"] == "decrypt":
        t = jwe.JWE(algs=ALLOWED)
        t.deserialize(job["token"], key=key)
        return {"ok": True, "plaintext": t.payload.decode("utf-8")}
    header = {"alg": job["alg"], "enc": job["enc"]}
    header.update(job.get("header", {}))
    t = jwe.JWE(job["payload"].encode("utf-8"), json_encode(header), algs=ALLOWED)
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
