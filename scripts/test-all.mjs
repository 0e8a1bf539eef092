#!/usr/bin/env node
// Runs every package's tests one package at a time (lerna) and ends with one summary line
// across all runners: node's test runner (`ℹ pass N` / `ℹ fail N`) and the component runner.
import { spawn } from 'node:child_process';

const child = spawn('npx', ['lerna', 'run', 'test', '--stream', '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
let passed = 0;
let failed = 0;
let pending = '';
const scan = (line) => {
  const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
  let m = /ℹ pass (\d+)\s*$/.exec(plain);
  if (m) passed += Number(m[1]);
  m = /ℹ fail (\d+)\s*$/.exec(plain);
  if (m) failed += Number(m[1]);
  m = /components: (\d+) passed, (\d+) failed/.exec(plain);
  if (m) { passed += Number(m[1]); failed += Number(m[2]); }
};
const pipe = (stream, out) => stream.on('data', (chunk) => {
  out.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  lines.forEach(scan);
});
pipe(child.stdout, process.stdout);
pipe(child.stderr, process.stderr);
child.on('close', (code) => {
  scan(pending);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
