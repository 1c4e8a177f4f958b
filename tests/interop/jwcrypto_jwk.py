#!/usr/bin/env python3
"""Independent reading of a PEM key for jot's interop tests, using jwcrypto.

Usage: jwcrypto_jwk.py KEY.pem [PASSWORD]
Prints one JSON object: {"public": <JWK>, "private": <JWK or null>, "thumbprint": <str>}
where the JWKs are jwcrypto's own exports and the thumbprint is its RFC 7638 SHA-256
thumbprint. Exit status 0 on success; a traceback and status 1 on any failure.
"""

import json
import sys

from jwcrypto import jwk


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], "rb") as f:
        data = f.read()
    password = argv[2].encode() if len(argv) == 3 else None
    key = jwk.JWK.from_pem(data, password)
    out = {
        "public": json.loads(key.export(private_key=False)),
        "private": json.loads(key.export(private_key=True)) if key.has_private else None,
        "thumbprint": key.thumbprint(),
    }
    json.dump(out, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
