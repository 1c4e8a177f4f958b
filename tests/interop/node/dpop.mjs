// DPoP interop with npm `dpop` (proofs) and `oauth4webapi` (resource-server validation)
// for jot's tests (tests/cli/dpop_interop.rs), in one batch (one node start).
//
// Usage: node dpop.mjs JOBS.json
// JOBS.json is a JSON array of jobs:
//   {"op": "proof", "alg": "ES256"|"RS256"|"PS256"|"Ed25519", "htm": "...", "htu": "...",
//    "nonce": optional, "at": optional access token}
//     -> {"ok": true, "proof": "...", "jkt": "<RFC 7638 thumbprint of the proof key>"}
//   {"op": "validate", "issuer": "...", "jwks": {JWKS}, "aud": "...", "at": "...",
//    "proof": "...", "htm": "...", "htu": "..."}
//     -> {"ok": true, "sub": "..."} when oauth4webapi's validateJwtAccessToken (with its
//        DPoP proof validation) accepts the request, else {"ok": false, "error": "..."}.
import { readFileSync } from "node:fs";
import * as DPoP from "dpop";
import * as oauth from "oauth4webapi";
import { calculateJwkThumbprint } from "jose";

async function proof(job) {
  const keypair = await DPoP.generateKeyPair(job.alg);
  const jwk = await crypto.subtle.exportKey("jwk", keypair.publicKey);
  const p = await DPoP.generateProof(keypair, job.htu, job.htm, job.nonce, job.at);
  return { ok: true, proof: p, jkt: await calculateJwkThumbprint(jwk) };
}

async function validate(job) {
  const as = { issuer: job.issuer, jwks_uri: "https://as.invalid/jwks" };
  const request = new Request(job.htu, {
    method: job.htm,
    headers: { authorization: `DPoP ${job.at}`, dpop: job.proof },
  });
  // The JWKS is handed over here: nothing leaves the machine.
  const options = { [oauth.customFetch]: async () => Response.json(job.jwks) };
  const claims = await oauth.validateJwtAccessToken(as, request, job.aud, options);
  return { ok: true, sub: claims.sub };
}

const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const job of jobs) {
  try {
    out.push(await (job.op === "proof" ? proof(job) : validate(job)));
  } catch (err) {
    out.push({ ok: false, error: String(err?.message ?? err) });
  }
}
process.stdout.write(JSON.stringify(out));
