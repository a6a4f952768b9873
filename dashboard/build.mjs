// Bundles src/ into dist/ (app.js, app.css, index.html) with esbuild. `node build.mjs --watch` rebuilds on change.
import * as esbuild from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";

const watch = process.argv.includes("--watch");
const options = {
  entryPoints: { app: "src/main.js" },
  outdir: "dist",
  bundle: true,
  format: "esm",
  target: ["es2022"],
  platform: "browser",
  minify: !watch,
  sourcemap: "linked",
  legalComments: "linked",
  logLevel: "warning",
};

await rm("dist", { recursive: true, force: true });
await mkdir("dist", { recursive: true });
if (watch) {
  await copyFile("index.html", "dist/index.html");
  await (await esbuild.context(options)).watch();
  console.log("watching src/ ...");
} else {
  await esbuild.build(options);
  // Last, so that index.html is the newest output (the MSBuild target compares against it).
  await copyFile("index.html", "dist/index.html");
}
