#!/usr/bin/env bash
# Benchmark of jot's HMAC secret cracker (src/crack), not a test: prints figures.
#
# Builds a deterministic wordlist of 2,000,000 words and HS256/HS384/HS512 tokens whose
# secret is NOT in it (so every word is tried), then reports:
#   - jot's rate (examples/crack_bench.rs calls the library directly) on one thread and on
#     all, per kernel, with transforms off and on, for HS256, HS384 and HS512;
#   - the single-stream SHA-256 ceiling from `openssl speed` and the share of it jot reaches;
#   - hashcat -m 16500 on the CPU (PoCL) on the same wordlist and token, and the ratio.
#
# Usage: benches/crack.sh [--install] [--words N] [--keep DIR]
#   --install   apt-get install hashcat and pocl-opencl-icd first (needs root)
#   --words N   wordlist size (default 2000000)
#   --keep DIR  write the inputs and raw outputs to DIR and keep them
set -euo pipefail

cd "$(dirname "$0")/.."
install=0
words=2000000
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --install) install=1 ;;
        --words) words="$2"; shift ;;
        --keep) keep="$2"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

if [ "$install" = 1 ]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y hashcat pocl-opencl-icd
fi
command -v python3 >/dev/null || { echo "python3 is needed to generate the inputs" >&2; exit 2; }

if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work="$(cd "$keep" && pwd)"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi

echo "== building (release)"
cargo build --release --quiet
cargo build --release --quiet --example crack_bench
bench="target/release/examples/crack_bench"

echo "== generating $words words and three tokens in $work"
python3 - "$work" "$words" <<'EOF'
import base64, hashlib, hmac, json, sys
work, count = sys.argv[1], int(sys.argv[2])
# A fixed LCG, so every run (and every Python version) writes the same list: 6-12 chars
# of [a-z0-9], like a cracked-password list.
alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
x, out = 12345, []
for _ in range(count):
    x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
    y, word = x, []
    for _ in range(6 + (x >> 60) % 7):
        y = (y * 2862933555777941757 + 3037000493) % 2**64
        word.append(alphabet[(y >> 58) % 36])
    out.append("".join(word))
with open(f"{work}/words.txt", "w") as f:
    f.write("\n".join(out) + "\n")
def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
payload = b64(json.dumps({"sub": "1234567890", "name": "John Doe", "iat": 1516239022},
                         separators=(",", ":")).encode())
secret = b"jot-bench: not in the list"  # has a space and a colon: never generated above
for alg, h in [("HS256", hashlib.sha256), ("HS384", hashlib.sha384), ("HS512", hashlib.sha512)]:
    header = b64(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}"
    sig = b64(hmac.new(secret, signing_input.encode(), h).digest())
    with open(f"{work}/{alg}.jwt", "w") as f:
        f.write(f"{signing_input}.{sig}\n")
EOF

echo "== jot (library, examples/crack_bench.rs; each figure from at least 2 runs and 2 CPU-seconds)"
"$bench" "$work/words.txt" "$(cat "$work/HS256.jwt")" "$(cat "$work/HS384.jwt")" \
    "$(cat "$work/HS512.jwt")" | tee "$work/jot.txt"

echo "== jot crack (the real CLI, all cores, transforms on and off; the secret is not in the list)"
for flags in "--no-transforms" ""; do
    t0=$(date +%s.%N)
    target/release/jot crack "$(cat "$work/HS256.jwt")" --wordlist "$work/words.txt" $flags \
        >/dev/null 2>"$work/cli.err" && { echo "unexpected: found" >&2; exit 1; } || true
    t1=$(date +%s.%N)
    python3 -c "import sys; n, a, b = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); print(f'jot crack ${flags:-(transforms on)}: {n} words in {b-a:.2f} s = {n/(b-a)/1e6:.2f} M/s wall, process start to exit')" "$words" "$t0" "$t1"
done

echo "== openssl speed (one core)"
openssl speed -seconds 3 -bytes 64 sha256 2>/dev/null | tee "$work/openssl64.txt" | grep -E '^(type|sha256)'
openssl speed -seconds 3 -bytes 16384 sha256 2>/dev/null > "$work/openssl16k.txt"

hashcat_a0=""
hashcat_b=""
if command -v hashcat >/dev/null; then
    echo "== hashcat -m 16500 -a 0 on the CPU (first run compiles its kernels: slow start)"
    # -D 1: CPU devices; -O: hashcat's optimised kernels (its fastest mode); the speed is
    # hashcat's own measurement from its last status, so start-up is not counted.
    (cd "$work" && hashcat -m 16500 -a 0 -D 1 -O -w 3 --potfile-disable --status --status-json \
        --status-timer 1 HS256.jwt words.txt </dev/null >hashcat.out 2>hashcat.err) || true
    hashcat_a0="$(python3 - "$work/hashcat.out" <<'EOF'
import json, sys
speed = ""
for line in open(sys.argv[1], errors="replace"):
    line = line[line.find("{"):] if "{" in line else ""
    try:
        status = json.loads(line)
    except ValueError:
        continue
    speed = str(sum(d.get("speed", 0) for d in status.get("devices", [])))
print(speed)
EOF
)"
    echo "hashcat -a 0 speed: ${hashcat_a0:-unknown} H/s"
    echo "== hashcat -b -m 16500 on the CPU (its synthetic peak)"
    hashcat -b -m 16500 -D 1 --machine-readable </dev/null >"$work/hashcat-b.out" 2>&1 || true
    hashcat_b="$(awk -F: '/^[0-9]+:16500:/ { s += $NF } END { if (s) print s }' "$work/hashcat-b.out")"
    echo "hashcat -b speed: ${hashcat_b:-unknown} H/s"
else
    echo "== hashcat not installed (run with --install as root to compare)"
fi

echo
echo "== summary"
python3 - "$work" "${hashcat_a0:-}" "${hashcat_b:-}" <<'EOF'
import math, re, sys
work, hc_a0, hc_b = sys.argv[1], sys.argv[2], sys.argv[3]
results, lens = [], {}
for line in open(f"{work}/jot.txt"):
    kv = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
    if line.startswith("TOKEN"):
        lens[kv["alg"]] = int(kv["signing_input_len"])
    elif line.startswith("RESULT"):
        results.append(kv)
def rate(alg, source, threads, transforms="off", kernel=None, key="rate"):
    rows = [r for r in results if r["alg"] == alg and r["source"] == source
            and r["threads"] == str(threads) and r["transforms"] == transforms
            and (kernel is None or r["kernel"] == kernel)]
    return max((float(r[key]) for r in rows), default=0.0)
def openssl_rate(path, size):
    for line in open(path):
        if line.startswith("sha256"):
            v = line.split()[-1]
            mult = {"k": 1e3, "m": 1e6}.get(v[-1], 1)
            return float(v.rstrip("km")) * mult
    return 0.0
all_threads = max(int(r["threads"]) for r in results)
L = lens["HS256"]
# Per HMAC-SHA-256 candidate: the ipad key block, the message blocks (signing input plus
# 0x80 and the 8-byte length: ceil((L+9)/64)), the opad key block and the outer block.
comp = 1 + math.ceil((L + 9) / 64) + 2
o64 = openssl_rate(f"{work}/openssl64.txt", 64)
o16k = openssl_rate(f"{work}/openssl16k.txt", 16384)
ceiling = o64 / 64 / comp
bulk_ceiling = o16k / 64 / comp
# One core: candidates per CPU-second, like openssl speed (which divides by user CPU time),
# so other load on the machine does not skew the share. All cores: wall-clock rates.
one = rate("HS256", "wordlist", 1, key="cpu_rate")
mask1 = rate("HS256", "mask", 1, key="cpu_rate")
port1 = rate("HS256", "wordlist", 1, kernel="Portable", key="cpu_rate")
allr = rate("HS256", "wordlist", all_threads)
print(f"HS256 signing input {L} bytes -> {comp} compressions per candidate "
      f"(1 + ceil((L+9)/64) + 2)")
print(f"openssl sha256, 64-byte messages: {o64/1e6:.1f} MB/s = {o64/64/1e6:.2f} M blocks/s")
print(f"  ceiling = (openssl 64-byte rate / 64) / {comp} = {ceiling/1e6:.2f} M candidates/s")
print(f"  (but each 64-byte openssl message costs 2 compressions, data + padding, plus call")
print(f"   overhead; the bulk 16 KiB rate, {o16k/1e6:.0f} MB/s = {o16k/64/1e6:.1f} M compressions/s,")
print(f"   gives the strict single-stream ceiling (bulk rate / 64) / {comp} = {bulk_ceiling/1e6:.2f} M candidates/s)")
def share(x):
    return f"{100*x/ceiling:.0f}% of the 64-byte ceiling, {100*x/bulk_ceiling:.0f}% of the bulk one"
print(f"jot HS256 wordlist, 1 core : {one/1e6:.2f} M/s per CPU-second = {share(one)}")
print(f"jot HS256 mask, 1 core     : {mask1/1e6:.2f} M/s per CPU-second = {share(mask1)}")
print(f"jot HS256 portable kernel  : {port1/1e6:.2f} M/s per CPU-second = {share(port1)}")
print(f"jot HS256 wordlist, {all_threads} threads: {allr/1e6:.2f} M/s wall "
      f"(transforms on: {rate('HS256', 'wordlist', all_threads, 'on')/1e6:.2f} M/s; "
      f"1 thread wall: {rate('HS256', 'wordlist', 1)/1e6:.2f} M/s)")
for alg in ("HS384", "HS512"):
    print(f"jot {alg} wordlist: 1 core {rate(alg, 'wordlist', 1, key='cpu_rate')/1e6:.2f} M/s per CPU-second, "
          f"{all_threads} threads {rate(alg, 'wordlist', all_threads)/1e6:.2f} M/s wall")
for name, hc in (("hashcat -a 0 (same wordlist)", hc_a0), ("hashcat -b (synthetic peak)", hc_b)):
    if hc:
        hc = float(hc)
        print(f"{name}: {hc/1e6:.3f} M/s wall; jot {all_threads} threads / hashcat = {allr/hc:.1f}x")
EOF
