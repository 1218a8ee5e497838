/**
 * Renders public/icons/icon.svg to the PNG sizes the web app manifest needs
 * (run once after changing the icon: `npx tsx scripts/make-icons.ts`; the PNGs are committed).
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import { toolEnv } from "@/lib/env";

const svg = fs.readFileSync("public/icons/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: toolEnv().CHROMIUM_PATH, args: ["--no-sandbox"] });
const page = await browser.newPage();
for (const [size, name, padding] of [
  [192, "icon-192.png", 0],
  [512, "icon-512.png", 0],
  // Maskable: the launcher may crop to a circle, so the picture sits inside the safe zone (80%).
  [512, "icon-maskable-512.png", 0.1],
] as const) {
  await page.setViewportSize({ width: size, height: size });
  const inset = size * padding;
  await page.setContent(
    `<body style="margin:0;background:#9f1d20"><div style="position:absolute;left:${inset}px;top:${inset}px;width:${size - 2 * inset}px;height:${size - 2 * inset}px">${svg.replace("<svg ", '<svg width="100%" height="100%" ')}</div></body>`,
  );
  await page.screenshot({ path: `public/icons/${name}`, omitBackground: padding === 0 });
}
await browser.close();
