// Compiles each test/*.test.ts (and what it imports) to plain JS, then hands
// them to Node's built-in test runner; no test framework to install.
// `node test/run.mjs store.test.ts` runs just the files named.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';

const only = process.argv.slice(2);
const tests = readdirSync('test').filter((f) => f.endsWith('.test.ts') && (only.length === 0 || only.includes(f)));
if (tests.length === 0) {
  console.error(`No test files match: ${only.join(' ')}`);
  process.exit(1);
}
// A folder per run, so runs of different files never delete each other's output.
const outdir = `.test-build/${process.pid}`;

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: tests.map((f) => `test/${f}`),
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

const files = tests.map((f) => `${outdir}/${f.replace(/\.ts$/, '.mjs')}`);
const { status } = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
rmSync(outdir, { recursive: true, force: true });
process.exit(status ?? 1);
