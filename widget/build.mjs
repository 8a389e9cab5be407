// Builds the loader (runs on shops' pages, so tiny and self-contained) and the
// frame app (served by the chat server, bundles the SignalR client).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { printSizes } from './size.mjs';

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
};

await rm('dist', { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/loader/index.ts'], outfile: 'dist/widget.js' }),
  build({ ...common, entryPoints: ['src/frame/main.ts'], outfile: 'dist/frame.js' }),
  build({ ...common, entryPoints: ['src/frame/frame.css'], outfile: 'dist/frame.css' }),
  // Loaded on first use (src/frame/lazy.ts): ES modules of their own, each bundling the little it shares with the frame.
  build({ ...common, format: 'esm', entryPoints: { afterChat: 'src/frame/views/rating.ts', emoji: 'src/frame/views/emojiPicker.ts' }, outdir: 'dist/lazy' }),
]);
printSizes();
