// postinstall: serve the QR decoder's wasm from this app (barcode-detector would fetch it from a CDN,
// and a district hall may be offline). Copies the file of the zxing-wasm version actually installed.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// Resolve zxing-wasm from barcode-detector's own location (its exports hide package.json, so use its entry file).
const fromBarcodeDetector = createRequire(require.resolve("barcode-detector"));
const reader = fromBarcodeDetector.resolve("zxing-wasm/reader");
let dir = path.dirname(reader);
const isPackageRoot = (d) =>
  fs.existsSync(path.join(d, "package.json")) && JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8")).name === "zxing-wasm";
while (!isPackageRoot(dir)) dir = path.dirname(dir);
const source = path.join(dir, "dist", "reader", "zxing_reader.wasm");
const target = path.join(process.cwd(), "public", "zxing", "zxing_reader.wasm");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
console.log(`copied ${path.relative(process.cwd(), source)} → ${path.relative(process.cwd(), target)}`);
