// JWE interop with node `jose` for jot's tests, in one batch (one node start).
//
// Usage: node jose_jwe.mjs JOBS.json
// JOBS.json is a JSON array of jobs:
//   {"op": "decrypt", "key": <JWK> | "passphrase": "...", "alg": "...", "token": "..."}
//   {"op": "encrypt", "key": <JWK> | "passphrase": "...", "alg": "...", "enc": "...",
//    "payload": "<text>", "header": {optional extra protected members}}
// Prints a JSON array with one result per job, in order: {"ok": true, "plaintext": "..."}
// or {"ok": true, "token": "..."}, or {"ok": false, "error": "..."}.
import { readFileSync } from "node:fs";
import { CompactEncrypt, compactDecrypt, importJWK } from "jose";

async function keyOf(job) {
  if (job.passphrase !== undefined) return new TextEncoder().encode(job.passphrase);
  return importJWK(job.key, job.alg);
}

async function run(job) {
  const key = await keyOf(job);
  if (job.op === "decrypt") {
    // jose allows PBES2 only when asked (a passphrase is also a valid dir/KW key).
    const opts = { maxPBES2Count: 1_000_000, keyManagementAlgorithms: [job.alg] };
    const { plaintext } = await compactDecrypt(job.token, key, opts);
    return { ok: true, plaintext: new TextDecoder().decode(plaintext) };
  }
  const e = new CompactEncrypt(new TextEncoder().encode(job.payload)).setProtectedHeader({
    alg: job.alg,
    enc: job.enc,
    ...(job.header || {}),
  });
  if (job.alg.startsWith("PBES2")) e.setKeyManagementParameters({ p2c: 2000 });
  return { ok: true, token: await e.encrypt(key) };
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
