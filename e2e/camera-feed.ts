/**
 * A Y4M video of a QR code, which Chromium plays as its camera
 * (--use-file-for-fake-video-capture). A Y4M file is a one-line header and raw
 * YUV 4:2:0 frames; the QR is drawn black on white on a grey background,
 * slightly off-centre, so the real decoder has real work to do.
 */
import fs from "node:fs";
import QRCode from "qrcode";

export function writeQrVideo(file: string, text: string, width = 640, height = 480, frames = 5) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const modules = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor((Math.min(width, height) * 0.8) / (modules + 2 * quiet));
  const side = (modules + 2 * quiet) * scale;
  const left = Math.floor((width - side) / 2) + 20;
  const top = Math.floor((height - side) / 2) - 10;
  const y = Buffer.alloc(width * height, 150);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const mr = Math.floor(row / scale) - quiet;
      const mc = Math.floor(col / scale) - quiet;
      const dark = mr >= 0 && mc >= 0 && mr < modules && mc < modules && qr.modules.get(mr, mc);
      y[(top + row) * width + left + col] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
