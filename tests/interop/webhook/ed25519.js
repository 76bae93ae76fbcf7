// Interop: hooksock's asymmetric webhook signatures (Standard Webhooks "v1a"
// and Discord) against Node's built-in crypto (OpenSSL's Ed25519), an
// implementation independent of hooksock. No npm package needed.
//
//   node ed25519.js /path/to/hk-webhook [rounds]
//
// Each round, over a fresh key pair and a random binary body:
//   - node signs "<id>.<ts>.<body>", hooksock verifies (--public-key), and
//     refuses a tampered body or another key;
//   - hooksock signs (--key whsk_, together with an HMAC --secret), node
//     verifies the v1a entry and recomputes the v1 one; Ed25519 being
//     deterministic, both signatures are identical;
//   - Discord: node signs "<ts><body>", hooksock's provider-verify accepts;
//     hooksock's provider-sign gives node's signature;
//   - hk-webhook keygen --ed25519: node derives the same public key from the
//     whsk_ seed.
// Exits non-zero on any mismatch.
"use strict";
const { spawnSync } = require("child_process");
const crypto = require("crypto");

const hk = process.argv[2];
const rounds = parseInt(process.argv[3] || "40", 10);
if (!hk) {
  console.error("usage: node ed25519.js HK_WEBHOOK [rounds]");
  process.exit(2);
}

let failures = 0;
function check(cond, what) {
  if (!cond) {
    failures++;
    console.error("FAIL: " + what);
  }
}

// Every call is bounded: a hung hk-webhook fails the test at once, naming
// the command, instead of running into the suite's timeout.
function run(args, input) {
  const r = spawnSync(hk, args, { input: input || Buffer.alloc(0), timeout: 30000 });
  if (r.error) {
    console.error("FAIL: hk-webhook " + args.join(" ") + ": " + r.error.message);
    process.exit(1);
  }
  return { status: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}

const b64url = (s) => Buffer.from(s, "base64url");

// A node key pair and its raw seed / public key.
function nodePair() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  return { privateKey, publicKey, seed: b64url(jwk.d), pk: b64url(jwk.x) };
}

// Key objects from raw bytes (PKCS#8 / SPKI DER prefixes of RFC 8410).
function privFromSeed(seed) {
  return crypto.createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
    format: "der", type: "pkcs8",
  });
}
function pubFromRaw(pk) {
  return crypto.createPublicKey({
    key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), pk]),
    format: "der", type: "spki",
  });
}

for (let i = 0; i < rounds; i++) {
  const kp = nodePair();
  const other = nodePair();
  const whsk = "whsk_" + Buffer.concat([kp.seed, kp.pk]).toString("base64");
  const whpk = "whpk_" + kp.pk.toString("base64");
  const otherPk = "whpk_" + other.pk.toString("base64");
  const body = crypto.randomBytes(i % 7 === 0 ? 0 : crypto.randomInt(1, 4096));
  const id = "msg_" + crypto.randomBytes(10).toString("hex");
  const ts = String(1700000000 + crypto.randomInt(0, 100000000));
  const content = Buffer.concat([Buffer.from(id + "." + ts + "."), body]);

  // node signs, hooksock verifies
  const nodeSig = crypto.sign(null, content, kp.privateKey).toString("base64");
  const hdr = "v1a," + nodeSig;
  const verify = (sig, key, data) => run(["verify", "--public-key", key, "--id", id, "--timestamp", ts,
    "--signature", sig, "--now", ts, "-"], data);
  let r = verify(hdr, whpk, body);
  check(r.status === 0 && r.out === "ok\n", `round ${i}: hooksock refused node's v1a: ${r.out}${r.err}`);
  r = verify(hdr, otherPk, body);
  check(r.status === 1 && r.out === "webhook: no matching signature\n", `round ${i}: another key accepted`);
  r = verify(hdr, whpk, Buffer.concat([body, Buffer.from("x")]));
  check(r.status === 1, `round ${i}: tampered body accepted`);
  r = verify("v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= " + hdr, whpk, body);
  check(r.status === 0, `round ${i}: mixed header refused: ${r.out}`);

  // hooksock signs (with an HMAC secret too), node verifies
  const secretRaw = crypto.randomBytes(32);
  const secret = "whsec_" + secretRaw.toString("base64");
  r = run(["sign", "--secret", secret, "--key", whsk, "--id", id, "--timestamp", ts, "-"], body);
  const entries = r.out.trim().split(" ");
  check(r.status === 0 && entries.length === 2, `round ${i}: hk sign: ${r.out}${r.err}`);
  if (entries.length === 2) {
    const mac = crypto.createHmac("sha256", secretRaw).update(content).digest("base64");
    check(entries[0] === "v1," + mac, `round ${i}: v1 entry differs`);
    check(entries[1].startsWith("v1a,"), `round ${i}: no v1a entry`);
    const sig = Buffer.from(entries[1].slice(4), "base64");
    check(crypto.verify(null, content, kp.publicKey, sig), `round ${i}: node refused hooksock's v1a`);
    check(entries[1] === hdr, `round ${i}: signatures differ: ${entries[1]} vs ${hdr}`);
    check(!crypto.verify(null, content, other.publicKey, sig), `round ${i}: node accepted another key`);
  }

  // Discord: Ed25519 over "<ts><body>", hex; public key as 64 hex characters
  const dmsg = Buffer.concat([Buffer.from(ts), body]);
  const dsig = crypto.sign(null, dmsg, kp.privateKey).toString("hex");
  const dverify = (sig, key, data) => run(["provider-verify", "--provider", "discord", "--secret", key,
    "--header", "X-Signature-Ed25519: " + sig, "--header", "X-Signature-Timestamp: " + ts, "--now", ts, "-"],
  data);
  r = dverify(dsig, kp.pk.toString("hex"), body);
  check(r.status === 0 && r.out === "ok\n", `round ${i}: discord verify refused node's: ${r.out}${r.err}`);
  r = dverify(dsig, other.pk.toString("hex"), body);
  check(r.status === 1, `round ${i}: discord verify accepted another key`);
  r = run(["provider-sign", "--provider", "discord", "--secret", kp.seed.toString("hex"), "--timestamp",
    ts, "-"], body);
  check(r.status === 0 && r.out === `X-Signature-Ed25519: ${dsig}\nX-Signature-Timestamp: ${ts}\n`,
    `round ${i}: discord provider-sign differs: ${r.out}${r.err}`);
}

// keygen --ed25519: the whsk_ seed derives the whpk_ key in node too
for (let i = 0; i < 5; i++) {
  const r = run(["keygen", "--ed25519"]);
  const [sk, pk] = r.out.trim().split("\n");
  const skb = Buffer.from(sk.slice(5), "base64");
  const derived = pubFromRaw(Buffer.from(pk.slice(5), "base64"));
  const priv = privFromSeed(skb.subarray(0, 32));
  const jwk = crypto.createPublicKey(priv).export({ format: "jwk" });
  check(b64url(jwk.x).equals(skb.subarray(32)) && b64url(jwk.x).equals(Buffer.from(pk.slice(5), "base64")),
    `keygen ${i}: the whpk_ is not the seed's`);
  const msg = crypto.randomBytes(64);
  check(crypto.verify(null, msg, derived, crypto.sign(null, msg, priv)), `keygen ${i}: pair unusable`);
}

if (failures) {
  console.error(`${failures} failures`);
  process.exit(1);
}
console.log(`ed25519 interop: ${rounds} rounds (v1a both ways, Discord both ways) against node ` +
  `${process.version} crypto: ok`);
