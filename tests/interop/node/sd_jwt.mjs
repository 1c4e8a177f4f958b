// SD-JWT interop with npm @sd-jwt/core (+ @sd-jwt/crypto-nodejs) for jot's tests
// (tests/cli/sdjwt_interop.rs), in one batch (one node start).
//
// Usage: node sd_jwt.mjs JOBS.json
// JOBS.json is a JSON array of jobs:
//   {"op": "issue", "issuer": <private JWK>, "holder": <public JWK>, "claims": {...},
//    "frame": <DisclosureFrame>}                       -> {"ok": true, "token": "..."}
//   {"op": "present", "token": "...", "holder": <private JWK>, "frame": <PresentationFrame>,
//    "aud": "...", "nonce": "...", "iat": N}            -> {"ok": true, "token": "..."}
//   {"op": "verify", "token": "...", "issuer": <public JWK>, "nonce": "..." (optional),
//    "now": N}                                          -> {"ok": true, "claims": {...}, "kb": {...}}
// Prints a JSON array with one result per job, or {"ok": false, "error": "..."}.
import { readFileSync } from "node:fs";
import { SDJwtInstance } from "@sd-jwt/core";
import { ES256, digest, generateSalt } from "@sd-jwt/crypto-nodejs";

async function instance(job) {
  const cfg = { hasher: digest, saltGenerator: generateSalt, signAlg: ES256.alg, kbSignAlg: ES256.alg };
  if (job.op === "issue") cfg.signer = await ES256.getSigner(job.issuer);
  if (job.op === "present") cfg.kbSigner = await ES256.getSigner(job.holder);
  if (job.op === "verify") {
    cfg.verifier = await ES256.getVerifier(job.issuer);
    // The KB-JWT is checked with the key the credential names in cnf.jwk.
    cfg.kbVerifier = async (data, sig, payload) => (await ES256.getVerifier(payload.cnf.jwk))(data, sig);
  }
  return new SDJwtInstance(cfg);
}

async function run(job) {
  const sd = await instance(job);
  if (job.op === "issue") {
    const claims = { ...job.claims, cnf: { jwk: job.holder } };
    return { ok: true, token: await sd.issue(claims, job.frame, { header: { typ: "dc+sd-jwt" } }) };
  }
  if (job.op === "present") {
    const kb = { payload: { aud: job.aud, nonce: job.nonce, iat: job.iat } };
    return { ok: true, token: await sd.present(job.token, job.frame, { kb }) };
  }
  const opts = { currentDate: job.now };
  if (job.nonce) opts.keyBindingNonce = job.nonce;
  const got = await sd.verify(job.token, opts);
  return { ok: true, claims: await sd.getClaims(job.token), kb: got.kb ? got.kb.payload : null };
}

const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const job of jobs) {
  try {
    out.push(await run(job));
  } catch (err) {
    out.push({ ok: false, error: String(err && err.message ? err.message : err) });
  }
}
process.stdout.write(JSON.stringify(out));
