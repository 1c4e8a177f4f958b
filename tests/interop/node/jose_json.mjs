// JSON-serialized JWS/JWE interop with node `jose` for jot's tests, in one batch.
//
// Usage: node jose_json.mjs JOBS.json — the jobs and results of ../jwcrypto_json.py:
//   sign {signers: [{key, alg}], payload, flattened}, verify {key, alg, token},
//   encrypt {recipients: [{key, alg}], enc, payload, aad, flattened}, decrypt {key, alg, token}.
import { readFileSync } from "node:fs";
import {
  FlattenedEncrypt, FlattenedSign, GeneralEncrypt, GeneralSign, flattenedDecrypt,
  flattenedVerify, generalDecrypt, generalVerify, importJWK,
} from "jose";

const text = (s) => new TextEncoder().encode(s);
const kidOf = (k) => (k.kid === undefined ? {} : { kid: k.kid });
// Encryption and verification take the public half: jose refuses a private key there.
const pub = ({ d, p, q, dp, dq, qi, ...rest }) => rest;

async function run(job) {
  if (job.op === "sign") {
    if (job.flattened) {
      const [s] = job.signers;
      const key = await importJWK(s.key, s.alg);
      const jws = await new FlattenedSign(text(job.payload))
        .setProtectedHeader({ alg: s.alg, ...kidOf(s.key) }).sign(key);
      return { ok: true, token: JSON.stringify(jws) };
    }
    const g = new GeneralSign(text(job.payload));
    for (const s of job.signers) {
      g.addSignature(await importJWK(s.key, s.alg)).setProtectedHeader({ alg: s.alg, ...kidOf(s.key) });
    }
    return { ok: true, token: JSON.stringify(await g.sign()) };
  }
  if (job.op === "verify") {
    const token = JSON.parse(job.token);
    const key = await importJWK(pub(job.key), job.alg);
    const r = token.signatures ? await generalVerify(token, key) : await flattenedVerify(token, key);
    return { ok: true, payload: new TextDecoder().decode(r.payload) };
  }
  if (job.op === "encrypt") {
    const aad = job.aad ? text(job.aad) : undefined;
    if (job.flattened) {
      const [r] = job.recipients;
      const e = new FlattenedEncrypt(text(job.payload)).setProtectedHeader({ enc: job.enc })
        .setUnprotectedHeader({ alg: r.alg, ...kidOf(r.key) });
      if (aad) e.setAdditionalAuthenticatedData(aad);
      return { ok: true, token: JSON.stringify(await e.encrypt(await importJWK(pub(r.key), r.alg))) };
    }
    const e = new GeneralEncrypt(text(job.payload)).setProtectedHeader({ enc: job.enc });
    if (aad) e.setAdditionalAuthenticatedData(aad);
    for (const r of job.recipients) {
      e.addRecipient(await importJWK(pub(r.key), r.alg)).setUnprotectedHeader({ alg: r.alg, ...kidOf(r.key) });
    }
    return { ok: true, token: JSON.stringify(await e.encrypt()) };
  }
  if (job.op === "decrypt") {
    const token = JSON.parse(job.token);
    const key = await importJWK(job.key, job.alg);
    const r = token.recipients ? await generalDecrypt(token, key) : await flattenedDecrypt(token, key);
    return { ok: true, plaintext: new TextDecoder().decode(r.plaintext) };
  }
  throw new Error(`unknown op ${job.op}`);
}

const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const job of jobs) {
  try {
    out.push(await run(job));
  } catch (err) {
    out.push({ ok: false, error: `${err.name}: ${err.message}` });
  }
}
process.stdout.write(JSON.stringify(out) + "\n");
