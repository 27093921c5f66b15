#!/usr/bin/env zx
// Runs every benchmark in scripts/bench/*.mjs in turn (each prints its own figures). Run through
// `npm run bench`, which builds dist/ first. Extra arguments are passed to every benchmark.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { $ } from 'zx';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const benches = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
const args = process.argv.slice(2).filter((a) => !a.endsWith('bench.mjs'));
$.verbose = true;
let failed = 0;
for (const file of benches) {
  console.log(`\n== ${file}`);
  const result = await $({ nothrow: true, stdio: 'inherit' })`node ${join(dir, file)} ${args}`;
  if (result.exitCode !== 0) {
    failed++;
    console.error(`${file} failed (exit ${result.exitCode})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
