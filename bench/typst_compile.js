// Compiles a Typst file to PDF with the typst.ts native compiler (npm
// @myriaddreamin/typst-ts-node-compiler) `runs` times in one process and
// prints the first compile (fonts loaded) and the median of the others, in ms.
// Usage: node typst_compile.js FILE.typ OUT.pdf RUNS FONT_DIR...
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const fs = require('fs');
const [file, out, runs, ...fontPaths] = process.argv.slice(2);
const source = fs.readFileSync(file, 'utf8');
const started = process.hrtime.bigint();
const compiler = NodeCompiler.create({ workspace: '.', fontArgs: [{ fontPaths }] });
const times = [];
let pdf;
for (let i = 0; i < Number(runs); i++) {
  const t0 = process.hrtime.bigint();
  pdf = compiler.pdf({ mainFileContent: source });
  if (i > 0) compiler.evictCache && compiler.evictCache(0);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
fs.writeFileSync(out, pdf);
const first = Number(process.hrtime.bigint() - started) / 1e6 - times.slice(1).reduce((a, b) => a + b, 0);
const rest = times.slice(1).sort((a, b) => a - b);
console.log(JSON.stringify({ first_ms: first, warm_median_ms: rest.length ? rest[rest.length >> 1] : null, bytes: pdf.length }));
