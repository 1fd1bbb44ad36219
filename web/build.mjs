// Build casus' browser assets into src/casus/web/static (committed, so `pip install` alone
// gives a working offline app). CI runs `npm ci && npm run build` and fails if the output
// differs from what is committed.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const out = "../src/casus/web/static";
mkdirSync(out, { recursive: true });

await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outfile: `${out}/casus.js`,
  legalComments: "eof",
  logLevel: "info",
});
await build({
  entryPoints: ["src/casus.css"],
  bundle: true,
  minify: true,
  outfile: `${out}/casus.css`,
  logLevel: "info",
});
// Natural Earth 1:50m countries, today's borders (world-atlas, ISC); ids are ISO 3166-1 numeric.
copyFileSync("node_modules/world-atlas/countries-50m.json", `${out}/countries-50m.json`);
copyFileSync("node_modules/world-atlas/LICENSE", `${out}/world-atlas.LICENSE`);
