// Interop with Node's `ws` package (Debian node-ws, NODE_PATH=/usr/share/nodejs).
//
//   node test_node.js client ECHO_SERVER   ws as client of ws_echo_server
//   node test_node.js server WS_CLIENT     ws as server for ws_client
//
// The same matrix as test_python.py: text, UTF-8, empty, 125/126/65535/65536
// bytes, 4 MiB, fragmented messages; ping/pong; each side closing first.
'use strict';
const { spawn } = require('child_process');
const crypto = require('crypto');

let WebSocket;
try {
  WebSocket = require('ws');
} catch (e) {
  console.log('SKIP: the ws package is not installed (apt-get install node-ws)');
  process.exit(77);
}
const TIMEOUT = 60000;

function fail(msg) {
  console.log('FAIL: ' + msg);
  process.exit(1);
}

function matrix() {
  const blob = (n) => crypto.randomBytes(n);
  return [
    ['text', 'hello'],
    ['text-utf8', 'κόσμε \u{1F600} ünïcödé'],
    ['text-empty', ''],
    ['binary-empty', Buffer.alloc(0)],
    ['binary-125', blob(125)],
    ['binary-126', blob(126)],
    ['binary-65535', blob(65535)],
    ['binary-65536', blob(65536)],
    ['text-65536', 'x'.repeat(65536)],
    ['binary-4MiB', blob(4 << 20)],
    ['text-4MiB', 'é'.repeat(2 << 20)],
    ['text-fragmented', ['frag', 'mented ', 'κό', '', 'σμε']],
    ['binary-fragmented', [blob(10), blob(0), blob(70000), blob(1)]],
  ];
}

// Messages arrive as events; hand them out in order to awaiting code.
function inbox(ws) {
  const queue = [];
  const waiters = [];
  ws.on('message', (data, isBinary) => {
    const m = { data, isBinary };
    if (waiters.length) waiters.shift()(m);
    else queue.push(m);
  });
  return () => new Promise((resolve, reject) => {
    if (queue.length) return resolve(queue.shift());
    const t = setTimeout(() => reject(new Error('timeout waiting for a message')), TIMEOUT);
    waiters.push((m) => { clearTimeout(t); resolve(m); });
  });
}

function send(ws, msg) {
  if (Array.isArray(msg)) {
    const binary = Buffer.isBuffer(msg[0]);
    msg.forEach((piece, i) => ws.send(piece, { binary, fin: i === msg.length - 1 }));
  } else {
    ws.send(msg, { binary: Buffer.isBuffer(msg) });
  }
}

function joined(msg) {
  if (!Array.isArray(msg)) return msg;
  return Buffer.isBuffer(msg[0]) ? Buffer.concat(msg) : msg.join('');
}

async function exchange(ws, next, name, msg) {
  send(ws, msg);
  const got = await next();
  const want = joined(msg);
  const wantBinary = Buffer.isBuffer(want);
  if (got.isBinary !== wantBinary) fail(name + ': opcode differs');
  const ok = wantBinary ? got.data.equals(want) : got.data.toString('utf8') === want;
  if (!ok) fail(name + ': echo differs (' + got.data.length + ' bytes)');
}

function once(emitter, ev) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout waiting for ' + ev)), TIMEOUT);
    emitter.once(ev, (...a) => { clearTimeout(t); resolve(a); });
  });
}

function startServer(binary) {
  return new Promise((resolve) => {
    const p = spawn(binary, ['--host', '127.0.0.1', '--port', '0', '--stats',
                             '--protocols', 'v2.echo, echo']);
    let buf = '';
    let resolved = false;
    p.stdout.on('data', (d) => {
      buf += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(buf);
      if (m && !resolved) { resolved = true; resolve({ proc: p, port: +m[1], out: () => buf }); }
    });
    p.on('exit', (code) => { if (!resolved) fail('ws_echo_server exited: ' + code); });
  });
}

async function runClient(binary) {
  const srv = await startServer(binary);
  const url = 'ws://127.0.0.1:' + srv.port;
  // matrix with a subprotocol; ws offers permessage-deflate by default:
  // the server must decline it
  let ws = new WebSocket(url + '/matrix', ['echo', 'other'], { maxPayload: 0 });
  let next = inbox(ws);
  await once(ws, 'open');
  if (ws.protocol !== 'echo') fail('subprotocol ' + ws.protocol);
  if (ws.extensions !== '') fail('extension accepted: ' + ws.extensions);
  for (const [name, msg] of matrix()) {
    await exchange(ws, next, name, msg);
    console.log('node client -> ws_echo_server: ' + name + ' ok');
  }
  ws.ping(Buffer.from('ping-data'));
  const [pong] = await once(ws, 'pong');
  if (pong.toString() !== 'ping-data') fail('pong payload');
  console.log('node client -> ws_echo_server: ping/pong ok');
  ws.close(4001, 'client bye');
  const [code] = await once(ws, 'close');
  if (code !== 4001) fail('close echo code ' + code);
  console.log('node client -> ws_echo_server: client-first close 4001 ok');
  // the server closes first: SIGTERM sends Close 1001 "shutdown"
  ws = new WebSocket(url, { maxPayload: 0 });
  next = inbox(ws);
  await once(ws, 'open');
  await exchange(ws, next, 'before-shutdown', Buffer.from('x'));
  const closed = once(ws, 'close');
  srv.proc.kill('SIGTERM');
  const [code2, reason2] = await closed;
  if (code2 !== 1001 || reason2.toString() !== 'shutdown') fail('server-first close ' + code2);
  console.log('node client -> ws_echo_server: server-first close 1001 ok');
  const [exitCode] = srv.proc.exitCode !== null ? [srv.proc.exitCode] : await once(srv.proc, 'exit');
  if (exitCode !== 0) fail('ws_echo_server exit ' + exitCode);
  if (!/stats conns=0 bytes=0 /.test(srv.out())) fail('memory held at shutdown: ' + srv.out());
}

function runProc(binary, args, input) {
  return new Promise((resolve) => {
    const p = spawn(binary, args);
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => { p.kill('SIGKILL'); fail('ws_client timed out'); }, TIMEOUT * 2);
    p.on('close', (code) => { clearTimeout(t); resolve({ code, out, err }); });
    p.stdin.end(input || '');
  });
}

async function runServer(binary) {
  const results = {};
  const wss = new WebSocket.WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 0,
    verifyClient: (info) => info.req.url !== '/forbidden' });
  await once(wss, 'listening');
  const url = 'ws://127.0.0.1:' + wss.address().port;
  wss.on('connection', async (ws, req) => {
    const next = inbox(ws);
    const mode = req.url.replace(/^\//, '');
    try {
      if (mode === 'echo') {
        for (const [name, msg] of matrix()) {
          await exchange(ws, next, name, msg);
          console.log('ws_client -> node server: ' + name + ' ok');
        }
        ws.ping(Buffer.from('ping-data'));
        const [pong] = await once(ws, 'pong');
        if (pong.toString() !== 'ping-data') throw new Error('pong payload');
        ws.close(4000, 'server done');
        await once(ws, 'close');
        results[mode] = 'ok';
      } else if (mode === 'lines') {
        ws.send('welcome');
        const a = await next();
        const b = await next();
        if (a.data.toString() !== 'line one' || b.data.toString() !== 'zwei ünïcödé')
          throw new Error('lines');
        const [code] = await once(ws, 'close');
        if (code !== 1000) throw new Error('client close code ' + code);
        results[mode] = 'ok';
      }
    } catch (e) {
      results[mode] = String(e);
    }
  });
  const settle = async (mode) => {
    for (let i = 0; i < 100 && !(mode in results); i++)
      await new Promise((r) => setTimeout(r, 50));
  };
  let r = await runProc(binary, ['--echo', url + '/echo']);
  await settle('echo');
  if (results.echo !== 'ok' || r.code !== 1 || !r.err.includes('code=4000'))
    fail('echo mode: ' + JSON.stringify([r, results.echo]));
  console.log('ws_client -> node server: ping/pong, server-first close 4000 ok (exit 1)');
  r = await runProc(binary, [url + '/lines'], 'line one\nzwei ünïcödé\n');
  await settle('lines');
  if (results.lines !== 'ok' || r.code !== 0 || r.out !== 'welcome\n')
    fail('lines mode: ' + JSON.stringify([r, results.lines]));
  console.log('ws_client -> node server: stdin lines, client-first close 1000 ok (exit 0)');
  r = await runProc(binary, [url + '/forbidden']);
  if (r.code !== 3 || !r.err.includes('401'))
    fail('refused handshake: ' + JSON.stringify(r));
  console.log('ws_client -> node server: 401 refusal gives exit 3 ok');
  wss.close();
}

const [mode, binary] = process.argv.slice(2);
if (!binary || (mode !== 'client' && mode !== 'server')) {
  console.log('usage: node test_node.js client|server BINARY');
  process.exit(2);
}
(mode === 'client' ? runClient(binary) : runServer(binary)).then(() => {
  console.log('PASS');
  process.exit(0);
}, (e) => fail(String(e && e.stack || e)));
