// Size budgets: the loader is downloaded on every page of every shop, the
// frame on every chat. `npm run size` fails the build when either grows past them.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const KB = 1024;
const budgets = [
  { name: 'loader', files: ['dist/widget.js'], maxGzip: 3 * KB },
  { name: 'frame', files: ['dist/frame.js', 'dist/frame.css'], maxGzip: 30 * KB },
  // Each part fetched on first use (src/frame/lazy.ts), measured on its own.
  { name: 'lazy', files: ['dist/lazy/afterChat.js'], maxGzip: 10 * KB },
  { name: 'lazy', files: ['dist/lazy/emoji.js'], maxGzip: 10 * KB },
];

function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(new URL(file, import.meta.url));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kb = (n) => `${(n / KB).toFixed(2)} KB`;

/** Prints each bundle's sizes and returns whether all are within budget. */
export function printSizes() {
  let ok = true;
  for (const { name, files, maxGzip } of budgets) {
    const { raw, gzip } = measure(files);
    const within = gzip <= maxGzip;
    ok &&= within;
    console.log(
      `${name.padEnd(7)} ${files.join(' + ').padEnd(32)} ${kb(raw).padStart(9)} raw ${kb(gzip).padStart(9)} gzip` +
        ` (budget ${kb(maxGzip)})${within ? '' : '  OVER BUDGET'}`,
    );
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!printSizes()) process.exit(1);
}
