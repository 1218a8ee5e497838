/**
 * Reading a PDF the way a person does: its text, line by line, and its pages as pixels (to decode
 * the QR printed on them). PDF.js with its Node canvas renders exactly what Chromium wrote.
 */
import jsQR from "jsqr";

// PDF.js 6 expects Promise.withResolvers (Node 22); this repository supports Node 20.
if (!("withResolvers" in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export interface PdfPage {
  /** The text as printed, one entry per line (items with the same baseline joined), top to bottom. */
  lines: string[];
  /** Width and height in points (A4: 595 × 842, A5: 420 × 595). */
  size: [number, number];
  /** The QR codes found on the rendered page (the first one jsQR finds). */
  qr: string | null;
}

export async function readPdf(bytes: Buffer, { scale = 3, decodeQr = true } = {}): Promise<PdfPage[]> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const rows = new Map<number, { x: number; width: number; text: string }[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const y = Math.round(item.transform[5]);
      const key = [...rows.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      rows.set(key, [...(rows.get(key) ?? []), { x: item.transform[4], width: item.width, text: item.str }]);
    }
    const lines = [...rows.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, items]) => {
        // Chromium writes a word in several runs (one per font fallback): a gap wider than 1 pt is a space.
        const sorted = items.sort((a, b) => a.x - b.x);
        let text = "";
        let end = -Infinity;
        for (const i of sorted) {
          text += (i.x - end > 1 && text ? " " : "") + i.text;
          end = i.x + i.width;
        }
        return text.normalize("NFC").replace(/\s+/g, " ").trim();
      });
    const base = page.getViewport({ scale: 1 });
    const size: [number, number] = [Math.round(base.width), Math.round(base.height)];
    if (!decodeQr) {
      pages.push({ lines, size, qr: null });
      continue;
    }
    const viewport = page.getViewport({ scale });
    // PDF.js's own Node canvas (@napi-rs/canvas); its factory is untyped in the public API.
    const factory = pdf.canvasFactory as { create(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    pages.push({ lines, size, qr: qr?.data ?? null });
  }
  await pdf.destroy();
  return pages;
}
