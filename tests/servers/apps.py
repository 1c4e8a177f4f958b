"""The shapes real applications have, as modes of vuln.py (issue 19): imported by vuln.py,
which owns the server, the log and the other modes.

  forbidden   an /admin-like endpoint: alg none accepted, else HS256 with the secret; a valid
              token without role admin gets 403 "Access Forbidden", an invalid one 403
              "Token invalid", an admin one 200 "Welcome admin"
  error500    answers every JWS-shaped token with a 500 and accepts none
  claims      HS256 with the secret, nbf, iat, aud and iss checked; exp checked unless
              --claims-flaw exp (then an expired token, or one without exp, passes)
  kid-sql-num the token in the `session` cookie only; HS256 with the key selected by SQL
              built from a numeric kid, unquoted (WHERE id = <kid>)

Python standard library only.
"""

import base64
import json
import sqlite3
import time

MODES = ("forbidden", "error500", "claims", "kid-sql-num")


def add_args(ap):
    ap.add_argument("--claims-flaw", default="none", choices=["none", "exp"])


def setup(verifier, a):
    """The numeric-kid key table (id 1 holds the secret) and the claims flaw."""
    verifier.claims_flaw = a.claims_flaw
    verifier.db.execute("CREATE TABLE numkeys (id INTEGER, secret TEXT)")
    if verifier.secret is not None:
        verifier.db.execute("INSERT INTO numkeys VALUES (1, ?)", (verifier.secret.decode(),))


def claims_ok(flaw, c):
    """(ok, why) of the registered claims, all checked but the --claims-flaw one."""
    now = time.time()

    def num(k):
        return isinstance(c.get(k), (int, float))

    if flaw != "exp":
        if not num("exp"):
            return False, "no exp"
        if c["exp"] < now - 60:
            return False, "expired"
    if "nbf" in c and (not num("nbf") or c["nbf"] > now + 60):
        return False, "not yet valid"
    if "iat" in c and (not num("iat") or c["iat"] > now + 60):
        return False, "issued in the future"
    if "aud" in c and c["aud"] != "lab-api":
        return False, "foreign aud"
    if "iss" in c and c["iss"] != "lab-issuer":
        return False, "foreign iss"
    return True, "signature and claims"


def decide(v, alg, hd, claims, msg, sig, hs_verify):
    """(ok, why) for the modes here; None to let vuln.py's own checks decide."""
    m = v.mode
    if m == "forbidden" and alg.lower() == "none":
        return True, "alg none accepted"
    if m == "claims":
        ok, why = v.own(alg, msg, sig)
        return claims_ok(v.claims_flaw, claims) if ok else (False, why)
    if m == "kid-sql-num":
        q = "SELECT secret FROM numkeys WHERE id = %s" % hd.get("kid")
        try:
            row = v.db.execute(q).fetchone()
        except sqlite3.Error as e:
            return False, f"sql error: {e}"
        if row is None:
            return False, "no such kid"
        return alg == "HS256" and hs_verify(alg, str(row[0]).encode(), msg, sig), "key from SQL"
    return None


def token_of(mode, bearer, cookie):
    """The token the app reads: the cookie-token app never reads Authorization."""
    return cookie if mode == "kid-sql-num" else (cookie or bearer)


def overrule(mode, token, ok, why):
    """The error500 app fails every JWT, whatever its verifier said."""
    if mode == "error500" and token.count(".") == 2:
        return False, "every JWT gets a 500"
    return ok, why


def claims_of(token):
    """The claims of a JWS-shaped token, or {}."""
    try:
        seg = token.split(".")[1]
        c = json.loads(base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4)))
        return c if isinstance(c, dict) else {}
    except Exception:
        return {}


def answer(mode, token, ok):
    """(status, body) of the forbidden and error500 apps; None for the other modes."""
    if mode == "error500":
        if token.count(".") == 2:
            return 500, b"Internal Server Error"
        return 401, json.dumps({"error": "no token"}).encode()
    if mode != "forbidden":
        return None
    if not ok:
        return 403, json.dumps({"error": "Token invalid"}).encode()
    if claims_of(token).get("role") == "admin":
        return 200, b"<h1>Welcome admin</h1><p>the admin panel</p>"
    return 403, json.dumps({"error": "Access Forbidden"}).encode()
