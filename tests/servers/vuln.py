#!/usr/bin/env python3
"""Deliberately vulnerable JWT verifiers for `jot probe`'s integration tests.

Usage: vuln.py MODE --log FILE [--secret-file F] [--public-jwk F] [--public-pem F]
               [--keydir D] [--slow SECONDS] [--huge-bytes N]
               [--max-seconds S] [--max-requests N]

One misconfiguration per MODE:
  none        accepts alg none (any spelling); else HS256 with the secret
  strip       HS256, but an empty signature is taken as valid
  confusion   verifies with the alg the token names: HS* gets the RSA public key PEM as secret
  confusion-jwk  the same, but HS* gets the public JWK as secret, held as text in RFC 7638
              member order, required members only, compact ({"e":…,"kty":"RSA","n":…})
  jwk         verifies with the key in the token's jwk header when there is one
  jku         fetches the token's jku URL, from anywhere, and verifies with that set
  x5u         fetches the token's x5u URL, from anywhere, and verifies with that certificate
  kid-file    HS256 with the key read from the file the kid names (os.path.join(keydir, kid))
  kid-file-strip  kid-file behind a filter refusing '../' and absolute kids, which then
              URL-decodes the kid, reads the file and strips it (refusing an empty key)
  kid-sql     HS256 with the key selected by SQL built from the kid (sqlite3)
  psychic     ES256 without the 0 < r, s < n range check (CVE-2022-21449)
  psychic-dispatch  picks the verifier by the token's alg: HS256 with the secret, ES256
              with the EC key but without the range check
  x5c         verifies RS256 with the key of the token's x5c leaf certificate, no chain check
  once        ES256 pinned and checked, but one-time tokens: a signature is accepted once
              (a denylist keyed by the signature bytes)
  jwe         decrypts a JWE with the RSA private key (--private-jwk, via jwcrypto) and
              takes its plaintext claims as verified; a JWS is verified as `correct` does
  nosig       decodes the token and never checks the signature
  correct     RS256 (or ES256 for an EC key) pinned, own key only, crit and exp checked
  dpop        a DPoP resource server (RFC 9449): `Authorization: DPoP AT` verified as
              `correct` does, the `DPoP` proof checked in full (typ, ES256 only, a public
              jwk, htm, htu, iat, ath, cnf.jkt, jti not seen before), except the one check
              --dpop-flaw skips: replay (htm/htu unchecked), private-jwk (private members
              taken), hmac (HS256 keyed with the jwk's RFC 7638 JSON taken), no-ath (a
              missing ath taken); --dpop-flaw none is the secure server
  forbidden, error500, claims, kid-sql-num: the shapes real applications have (apps.py)
and, for the safety tests, variants of `correct`:
  slow        sleeps --slow seconds before every answer
  redirect    answers a rejected token with a 302 to /landed on this server
  huge        answers an accepted token with a --huge-bytes body
  constant    answers everything alike (200), so the baselines cannot be told apart
  static      not a verifier: serves the files of --keydir (the attacker's host for jku/x5u)
With --publish-jwks it also serves {"keys":[--public-jwk]} at /.well-known/jwks.json (what
`probe --discover` fetches). With --tls-cert/--tls-key the server speaks HTTPS; with --block-after N it answers 403 to
everything after N requests (a WAF that starts blocking mid-probe).

Python standard library only. Binds 127.0.0.1 on an OS-chosen port and prints the port on
the first line of stdout. Stops by itself after --max-seconds (default 60) or --max-requests
(default 500). Each decision is logged to --log as one JSON object per line.
"""

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import sqlite3
import sys
import time
import urllib.parse
import urllib.request

import apps

# P-256 (FIPS 186-4 D.1.2.3)
P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
A = P - 3
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
G = (0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
     0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5)


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def ec_add(p1, p2):
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    if p1 == p2:
        lam = (3 * x1 * x1 + A) * pow(2 * y1, P - 2, P) % P
    else:
        lam = (y2 - y1) * pow(x2 - x1, P - 2, P) % P
    x3 = (lam * lam - x1 - x2) % P
    return (x3, (lam * (x1 - x3) - y1) % P)


def ec_mul(k, pt):
    acc = None
    while k:
        if k & 1:
            acc = ec_add(acc, pt)
        pt = ec_add(pt, pt)
        k >>= 1
    return acc


def es256_verify(q, msg, sig, range_check=True):
    if len(sig) != 64:
        return False
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    if range_check and not (0 < r < N and 0 < s < N):
        return False
    e = int.from_bytes(hashlib.sha256(msg).digest(), "big")
    w = pow(s, N - 2, N)  # Fermat inverse: 0 for s = 0, as in the vulnerable Java code
    x = ec_add(ec_mul(e * w % N, G), ec_mul(r * w % N, q))
    if x is None:
        return (not range_check) and r == 0  # the point at infinity taken as x = 0
    return r == x[0] % N


SHA256_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


def rs256_verify(n, e, msg, sig):
    k = (n.bit_length() + 7) // 8
    if len(sig) != k:
        return False
    em = pow(int.from_bytes(sig, "big"), e, n).to_bytes(k, "big")
    t = SHA256_PREFIX + hashlib.sha256(msg).digest()
    return hmac.compare_digest(em, b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t)


def der_items(b):
    """The TLVs of a DER SEQUENCE's content, as (tag, content) pairs."""
    out, i = [], 0
    while i < len(b):
        tag, n = b[i], b[i + 1]
        i += 2
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(b[i:i + k], "big")
            i += k
        out.append((tag, b[i:i + n]))
        i += n
    return out


def cert_rsa_key(pem):
    """(n, e) of the RSA key in a PEM certificate (no chain or validity check: the bug)."""
    body = "".join(l for l in pem.decode().splitlines() if l and not l.startswith("-----"))
    cert = der_items(base64.b64decode(body))[0][1]
    tbs = [c for t, c in der_items(der_items(cert)[0][1]) if t != 0xA0]
    spki = der_items(tbs[5])
    rsa = der_items(der_items(spki[1][1][1:])[0][1])
    return int.from_bytes(rsa[0][1], "big"), int.from_bytes(rsa[1][1], "big")


def jwk_verify(jwk, alg, msg, sig):
    try:
        if jwk.get("kty") == "RSA" and alg == "RS256":
            n, e = int.from_bytes(b64d(jwk["n"]), "big"), int.from_bytes(b64d(jwk["e"]), "big")
            return rs256_verify(n, e, msg, sig)
        if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256" and alg == "ES256":
            q = (int.from_bytes(b64d(jwk["x"]), "big"), int.from_bytes(b64d(jwk["y"]), "big"))
            return es256_verify(q, msg, sig)
    except (KeyError, ValueError, TypeError):
        return False
    return False


def rfc7638_text(jwk):
    """The JWK's required members in lexicographic order, no whitespace (RFC 7638 3.2)."""
    required = {"RSA": ("e", "kty", "n"), "EC": ("crv", "kty", "x", "y"), "OKP": ("crv", "kty", "x")}
    members = {k: jwk[k] for k in required[jwk["kty"]]}
    return json.dumps(members, sort_keys=True, separators=(",", ":")).encode()


def canonical_jwk(jwk):
    """RFC 7638 JSON of a key as text: its required members, sorted, no whitespace."""
    return rfc7638_text(jwk).decode()


def normal_htu(u):
    """scheme://host[:port]/path, lower-cased, default port and query/fragment dropped."""
    p = urllib.parse.urlsplit(u)
    port = p.port if p.port not in (None, {"http": 80, "https": 443}.get(p.scheme)) else None
    host = (p.hostname or "") + (f":{port}" if port else "")
    return f"{p.scheme.lower()}://{host.lower()}{p.path or '/'}"


def hs_verify(alg, key, msg, sig):
    h = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}.get(alg)
    return h is not None and hmac.compare_digest(hmac.new(key, msg, h).digest(), sig)


class Verifier:
    def __init__(self, a):
        self.mode = a.mode
        self.flaw = a.dpop_flaw
        self.seen_jti = set()
        self.secret = open(a.secret_file, "rb").read() if a.secret_file else None
        self.jwk = json.load(open(a.public_jwk)) if a.public_jwk else None
        self.pem = open(a.public_pem, "rb").read() if a.public_pem else None
        self.keydir = a.keydir
        self.used_sigs = set()
        self.private_jwk = a.private_jwk
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE keys (kid TEXT, secret TEXT)")
        if self.secret is not None:
            self.db.execute("INSERT INTO keys VALUES ('key1', ?)", (self.secret.decode(),))
        apps.setup(self, a)

    def own(self, alg, msg, sig):
        """The server's own key, algorithm pinned to it."""
        if self.jwk is not None:
            pinned = "RS256" if self.jwk.get("kty") == "RSA" else "ES256"
            return alg == pinned and jwk_verify(self.jwk, alg, msg, sig), f"own {pinned} key"
        return alg == "HS256" and hs_verify(alg, self.secret, msg, sig), "own HS256 secret"

    def decrypted(self, token):
        """The planted flaw of `jwe`: a JWE's plaintext taken as verified claims."""
        from jwcrypto import jwe as jj, jwk as jk

        priv = json.load(open(self.private_jwk))
        for member in ("use", "alg", "key_ops"):
            priv.pop(member, None)
        try:
            e = jj.JWE()
            e.deserialize(token, key=jk.JWK(**priv))
            claims = json.loads(e.payload)
        except Exception as ex:
            return False, f"JWE: {ex}"
        return isinstance(claims, dict), "JWE decrypted, plaintext taken as verified"

    def dpop(self, token, proof, method, url):
        """Check an access token and its DPoP proof; every check but the planted flaw."""
        ok, why = self.decide(token)
        if not ok:
            return False, f"access token: {why}"
        claims = json.loads(b64d(token.split(".")[1]))
        parts = (proof or "").split(".")
        if "," in (proof or "") or len(parts) != 3:
            return False, "not one DPoP proof"
        try:
            hd, pc, sig = json.loads(b64d(parts[0])), json.loads(b64d(parts[1])), b64d(parts[2])
            jwk, alg = hd["jwk"], hd.get("alg")
            jkt = base64.urlsafe_b64encode(hashlib.sha256(canonical_jwk(jwk).encode()).digest())
            jkt = jkt.decode().rstrip("=")
        except Exception as e:
            return False, f"malformed proof: {e}"
        msg, flaw = (parts[0] + "." + parts[1]).encode(), self.flaw
        if hd.get("typ") != "dpop+jwt":
            return False, "typ"
        if "d" in jwk and flaw != "private-jwk":
            return False, "private jwk"
        if alg == "ES256":
            q = (int.from_bytes(b64d(jwk["x"]), "big"), int.from_bytes(b64d(jwk["y"]), "big"))
            if not es256_verify(q, msg, sig):
                return False, "proof signature"
        elif alg == "HS256" and flaw == "hmac":
            if not hs_verify(alg, canonical_jwk(jwk).encode(), msg, sig):
                return False, "proof HMAC"
        else:
            return False, f"proof alg {alg}"
        if flaw != "replay":
            if pc.get("htm") != method or normal_htu(str(pc.get("htu"))) != normal_htu(url):
                return False, "htm/htu"
        if not isinstance(pc.get("iat"), int) or abs(time.time() - pc["iat"]) > 300:
            return False, "iat"
        ath = base64.urlsafe_b64encode(hashlib.sha256(token.encode()).digest()).decode().rstrip("=")
        if pc.get("ath") != ath and not (flaw == "no-ath" and "ath" not in pc):
            return False, "ath"
        if not isinstance(claims.get("cnf"), dict) or claims["cnf"].get("jkt") != jkt:
            return False, "cnf.jkt"
        if pc.get("jti") in self.seen_jti:
            return False, "jti replayed"
        self.seen_jti.add(pc.get("jti"))
        return True, "access token and DPoP proof"

    def decide(self, token):
        parts = token.split(".")
        if self.mode == "jwe" and len(parts) == 5:
            return self.decrypted(token)
        if len(parts) != 3:
            return self.mode == "constant", "not a JWS"
        try:
            hd = json.loads(b64d(parts[0]))
            claims = json.loads(b64d(parts[1]))
            sig = b64d(parts[2])
            assert isinstance(hd, dict) and isinstance(claims, dict)
        except Exception:
            return False, "malformed"
        msg = (parts[0] + "." + parts[1]).encode()
        alg, m = str(hd.get("alg")), self.mode
        if m == "constant":
            return True, "everything is accepted alike"
        if m == "nosig":
            return True, "signature never checked"
        if m == "none" and alg.lower() == "none":
            return True, "alg none accepted"
        if m == "strip" and alg == "HS256" and parts[2] == "":
            return True, "empty signature accepted"
        if m == "confusion" and alg in ("HS256", "HS384", "HS512"):
            return hs_verify(alg, self.pem, msg, sig), "HMAC with the public key PEM"
        if m == "confusion-jwk" and alg in ("HS256", "HS384", "HS512"):
            return hs_verify(alg, rfc7638_text(self.jwk), msg, sig), "HMAC with the RFC 7638 JWK text"
        if m == "jwk" and isinstance(hd.get("jwk"), dict):
            return jwk_verify(hd["jwk"], alg, msg, sig), "key from the jwk header"
        if m == "jku" and isinstance(hd.get("jku"), str):
            try:
                with urllib.request.urlopen(hd["jku"], timeout=5) as r:
                    keys = json.loads(r.read(1 << 20)).get("keys", [])
            except Exception as e:
                return False, f"jku fetch failed: {e}"
            for k in keys:
                if k.get("kid") == hd.get("kid") and jwk_verify(k, alg, msg, sig):
                    return True, "key from the jku URL"
            return False, "no key of the jku set verifies"
        if m == "x5u" and isinstance(hd.get("x5u"), str):
            try:
                with urllib.request.urlopen(hd["x5u"], timeout=5) as r:
                    n, e = cert_rsa_key(r.read(1 << 20))
            except Exception as ex:
                return False, f"x5u fetch failed: {ex}"
            return alg == "RS256" and rs256_verify(n, e, msg, sig), "key from the x5u certificate"
        if m == "kid-file":
            try:
                path = os.path.join(self.keydir, str(hd.get("kid")))
                with open(path, "rb") as f:
                    key = f.read(1 << 20)
            except OSError as e:
                return False, f"kid file: {e.strerror}"
            return alg == "HS256" and hs_verify(alg, key, msg, sig), f"key read from {path}"
        if m == "kid-file-strip":
            kid = str(hd.get("kid"))
            if "../" in kid or kid.startswith(("/", "\\")):
                return False, "kid refused by the path filter"
            try:
                path = os.path.join(self.keydir, urllib.parse.unquote(kid))
                with open(path, "rb") as f:
                    key = f.read(1 << 20).strip()
            except OSError as e:
                return False, f"kid file: {e.strerror}"
            if not key:
                return False, "empty key refused"
            return alg == "HS256" and hs_verify(alg, key, msg, sig), f"stripped key read from {path}"
        if m == "psychic-dispatch" and alg == "ES256":
            q = (int.from_bytes(b64d(self.jwk["x"]), "big"), int.from_bytes(b64d(self.jwk["y"]), "big"))
            return es256_verify(q, msg, sig, range_check=False), "ES256 chosen by the token's alg"
        if m == "psychic-dispatch":
            return alg == "HS256" and hs_verify(alg, self.secret, msg, sig), "HS256 chosen by the token's alg"
        if m == "x5c" and isinstance(hd.get("x5c"), list) and hd["x5c"]:
            try:
                pem = b"-----BEGIN CERTIFICATE-----\n" + str(hd["x5c"][0]).encode() + b"\n-----END CERTIFICATE-----\n"
                n, e = cert_rsa_key(pem)
            except Exception as ex:
                return False, f"x5c unreadable: {ex}"
            return alg == "RS256" and rs256_verify(n, e, msg, sig), "key from the x5c leaf, chain unchecked"
        if m == "once":
            ok, why = self.own(alg, msg, sig)
            if ok and sig in self.used_sigs:
                return False, "signature already used"
            if ok:
                self.used_sigs.add(sig)
            return ok, why
        if m == "kid-sql":
            q = "SELECT secret FROM keys WHERE kid = '%s'" % hd.get("kid")
            try:
                row = self.db.execute(q).fetchone()
            except sqlite3.Error as e:
                return False, f"sql error: {e}"
            if row is None:
                return False, "no such kid"
            return alg == "HS256" and hs_verify(alg, str(row[0]).encode(), msg, sig), "key from SQL"
        if m == "psychic":
            q = (int.from_bytes(b64d(self.jwk["x"]), "big"), int.from_bytes(b64d(self.jwk["y"]), "big"))
            return alg == "ES256" and es256_verify(q, msg, sig, range_check=False), "ES256 without range check"
        if m in apps.MODES:
            decided = apps.decide(self, alg, hd, claims, msg, sig, hs_verify)
            if decided is not None:
                return decided
        if "crit" in hd:
            return False, "unknown crit"
        ok, why = self.own(alg, msg, sig)
        if ok and isinstance(claims.get("exp"), (int, float)) and claims["exp"] < time.time():
            return False, "expired"
        return ok, why


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode")
    ap.add_argument("--log", required=True)
    ap.add_argument("--secret-file")
    ap.add_argument("--public-jwk")
    ap.add_argument("--public-pem")
    ap.add_argument("--private-jwk")
    ap.add_argument("--publish-jwks", action="store_true")
    ap.add_argument("--keydir")
    ap.add_argument("--slow", type=float, default=0)
    ap.add_argument("--huge-bytes", type=int, default=64 << 20)
    ap.add_argument("--max-seconds", type=float, default=60)
    ap.add_argument("--max-requests", type=int, default=500)
    ap.add_argument("--block-after", type=int, default=0)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    apps.add_args(ap)
    ap.add_argument("--dpop-flaw", default="none",
                    choices=["none", "replay", "private-jwk", "hmac", "no-ath"])
    a = ap.parse_args()
    verifier = Verifier(a)
    log = open(a.log, "a", buffering=1)
    count = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = 10  # a stuck client cannot hold the server

        def log_message(self, *args):
            pass

        def handle_any(self):
            count[0] += 1
            entry = {"n": count[0], "t": time.time(), "method": self.command, "path": self.path}
            if a.mode == "static":
                name = os.path.basename(self.path.split("?")[0])
                try:
                    with open(os.path.join(a.keydir, name), "rb") as f:
                        data = f.read(1 << 20)
                except OSError:
                    return self.reply(404, b"not found")
                entry["served"] = name
                log.write(json.dumps(entry) + "\n")
                return self.reply(200, data)
            if a.publish_jwks and self.path.split("?")[0] == "/.well-known/jwks.json":
                entry["served"] = "jwks.json"
                log.write(json.dumps(entry) + "\n")
                return self.reply(200, json.dumps({"keys": [verifier.jwk]}).encode())
            if self.path == "/landed":
                entry["landed"] = True
                log.write(json.dumps(entry) + "\n")
                return self.reply(200, b"followed a redirect\n")
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                entry["body"] = self.rfile.read(min(length, 1 << 20)).decode("utf-8", "replace")
            auth = self.headers.get("Authorization", "")
            bearer, cookie = auth[7:] if auth.startswith("Bearer ") else "", ""
            for c in self.headers.get("Cookie", "").split(";"):
                name, _, value = c.strip().partition("=")
                if name == "session":
                    cookie = value
            token = apps.token_of(a.mode, bearer, cookie)
            if a.mode == "dpop":
                token = auth[5:] if auth.startswith("DPoP ") else ""
                proof = self.headers.get("DPoP")
                url = f"http://127.0.0.1:{self.server.server_port}{self.path}"
                ok, why = verifier.dpop(token, proof, self.command, url)
                entry["proof"] = proof
            else:
                ok, why = apps.overrule(a.mode, token, *verifier.decide(token))
            if a.block_after and count[0] > a.block_after:
                ok, why = False, "blocked"
            entry.update(token=token, accepted=ok, reason=why)
            if a.slow:
                time.sleep(a.slow)
            if a.mode == "huge" and ok:
                entry["bytes_sent"] = self.huge()
            log.write(json.dumps(entry) + "\n")
            if a.mode == "huge" and ok:
                return
            if a.mode == "redirect" and not ok:
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/landed")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            planted = apps.answer(a.mode, token, ok)
            if planted:
                return self.reply(*planted)
            if ok:
                self.reply(200, json.dumps({"ok": True, "hello": "user"}).encode())
            else:
                self.reply(401, json.dumps({"error": "invalid token"}).encode())

        def huge(self):
            self.send_response(200)
            self.send_header("Content-Length", str(a.huge_bytes))
            self.end_headers()
            sent, chunk = 0, b"x" * 65536
            try:
                while sent < a.huge_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return sent

        def reply(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    if a.tls_cert:
        import ssl

        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls_cert, a.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.timeout = 0.2
    print(server.server_port, flush=True)
    deadline = time.time() + a.max_seconds
    while time.time() < deadline and count[0] < a.max_requests:
        server.handle_request()
    server.server_close()


if __name__ == "__main__":
    sys.exit(main())
