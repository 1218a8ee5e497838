import type { MetadataRoute } from "next";

/** The web app manifest: the door scanner installs to a phone's or tablet's home screen and opens full screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Quán Triệt — Điểm danh hội nghị",
    short_name: "Điểm danh",
    description: "Điểm danh hội nghị học tập, quán triệt Nghị quyết bằng mã QR, cả khi mất mạng.",
    lang: "vi",
    start_url: "/checkin",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#f4f5f7",
    theme_color: "#9f1d20",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
