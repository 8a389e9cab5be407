// Compiles each test/*.test.ts (and what it imports) to plain JS, then hands
// them to Node's built-in test runner; no test framework to install.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';

const outdir = '.test-build';
const tests = readdirSync('test').filter((f) => f.endsWith('.test.ts'));

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
process.exit(status ?? 1);
