#!/usr/bin/env node
// The hot spots of a V8 CPU profile (node --cpu-prof; npm run bench with BENCH_CPU_PROF=<service>):
// self time per function and per package, largest first.
//   node tools/bench/profile-top.cjs reports/profiles/survey-intake-….cpuprofile [rows]
const { readFileSync } = require('node:fs');

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/bench/profile-top.cjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0) || 1;
const byFunction = new Map();
const byPackage = new Map();
const packageOf = (url) => {
  if (!url) return '(native / V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  return url.includes('/dist/apps/') ? 'the service' : url;
};
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (!hits) continue;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  const pkg = packageOf(f.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, hits] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
console.log(`${file}: ${total} samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
show('self time by package', byPackage);
show('self time by function', byFunction);
