// Interop: hooksock (through hk-webhook) against the `standardwebhooks` npm
// package, the Standard Webhooks reference implementation for JavaScript.
//
//   node interop.js /path/to/hk-webhook [rounds]
//
// Both directions over random JSON bodies holding UTF-8 text (the reference
// library verifies strings and parses the payload as JSON): hooksock signs,
// the package verifies; the package signs, hooksock verifies; and a tampered
// body or a wrong secret is refused by both. Exits non-zero on any mismatch.
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const crypto = require("crypto");
const { Webhook } = require("standardwebhooks");

const hk = process.argv[2];
const rounds = parseInt(process.argv[3] || "40", 10);
if (!hk) {
  console.error("usage: node interop.js HK_WEBHOOK [rounds]");
  process.exit(2);
}

// Deterministic PRNG so a failure can be reproduced.
let seed = 0x9e3779b9;
function rnd(n) {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
const alphabet = [..."abcXYZ019 \"\\/\n\t{}[],.:", "é", "ß", "€", "字", "😀", "\u2028", "\u0000", "\ud7ff", "\ue000"];
function randomText() {
  let s = "";
  const n = rnd(200);
  for (let i = 0; i < n; i++) s += alphabet[rnd(alphabet.length)];
  return s;
}
function randomSecret() {
  const len = 24 + rnd(41); // the spec's 24..64 bytes
  const b = Buffer.alloc(len);
  for (let i = 0; i < len; i++) b[i] = rnd(256);
  return "whsec_" + b.toString("base64");
}

let failures = 0;
function check(cond, what) {
  if (!cond) {
    failures++;
    console.error("FAIL: " + what);
  }
}

function hkVerify(secret, id, ts, sig, body) {
  const r = spawnSync(hk, ["verify", "--secret", secret, "--id", id, "--timestamp", String(ts),
    "--signature", sig, "-"], { input: body, timeout: 30000 });
  if (r.error) throw r.error; // a hung hk-webhook fails at once, named
  return { status: r.status, out: r.stdout.toString().trim() };
}

for (let i = 0; i < rounds; i++) {
  const secret = randomSecret();
  const other = randomSecret();
  const body = Buffer.from(JSON.stringify({ n: i, text: randomText(), list: [randomText()] }), "utf8");
  const id = "msg_" + crypto.randomBytes(8).toString("hex");
  const ts = Math.floor(Date.now() / 1000);
  const wh = new Webhook(secret);
  const headers = { "webhook-id": id, "webhook-timestamp": String(ts) };

  // hooksock signs, the package verifies
  const sig = execFileSync(hk, ["sign", "--secret", secret, "--id", id, "--timestamp", String(ts), "-"],
    { input: body, timeout: 30000 }).toString().trim();
  try {
    wh.verify(body.toString("utf8"), { ...headers, "webhook-signature": sig });
  } catch (e) {
    check(false, `round ${i}: standardwebhooks refused hooksock's signature: ${e.message}`);
  }
  // rotation: hooksock signs with two secrets, the package knows one of them
  const sig2 = execFileSync(hk, ["sign", "--secret", other, "--secret", secret, "--id", id,
    "--timestamp", String(ts), "-"], { input: body, timeout: 30000 }).toString().trim();
  try {
    wh.verify(body.toString("utf8"), { ...headers, "webhook-signature": sig2 });
  } catch (e) {
    check(false, `round ${i}: standardwebhooks refused a two-secret header: ${e.message}`);
  }
  // tampered body refused by the package
  let refused = false;
  try {
    wh.verify(body.toString("utf8") + " ", { ...headers, "webhook-signature": sig });
  } catch (e) {
    refused = true;
  }
  check(refused, `round ${i}: standardwebhooks accepted a tampered body`);

  // the package signs, hooksock verifies
  const jsSig = wh.sign(id, new Date(ts * 1000), body.toString("utf8"));
  check(jsSig === sig, `round ${i}: signatures differ: ${jsSig} vs ${sig}`);
  let r = hkVerify(secret, id, ts, jsSig, body);
  check(r.status === 0 && r.out === "ok", `round ${i}: hooksock refused the package's signature: ${r.out}`);
  r = hkVerify(other, id, ts, jsSig, body);
  check(r.status === 1 && r.out === "webhook: no matching signature",
    `round ${i}: hooksock accepted a wrong secret: ${r.status} ${r.out}`);
  r = hkVerify(secret, id, ts, jsSig, Buffer.concat([body, Buffer.from("x")]));
  check(r.status === 1, `round ${i}: hooksock accepted a tampered body`);
}

if (failures) {
  console.error(`${failures} failures`);
  process.exit(1);
}
console.log(`interop: ${rounds} rounds both ways, standardwebhooks ${require("standardwebhooks/package.json").version}: ok`);
