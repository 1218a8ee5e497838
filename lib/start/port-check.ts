/**
 * Whether the server can listen on a port, asked before `npm start` builds or starts anything
 * (scripts/start.ts): a port already in use otherwise ended in an English EADDRINUSE stack trace
 * after "Quán Triệt đang chạy tại …" had been printed. Plain Node: no Next, no database.
 */
import net from "node:net";

export type PortState = "free" | "in_use" | "denied";

/** Tries to listen where server.ts will (every address), then lets go at once. */
export function checkPort(port: number): Promise<PortState> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") resolve("in_use");
      else if (error.code === "EACCES" || error.code === "EPERM") resolve("denied");
      else reject(error);
    });
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve("free")));
  });
}

/** The first free port after `port` (within `tries`), to suggest; null when none is found. */
export async function nextFreePort(port: number, tries = 20): Promise<number | null> {
  for (let candidate = port + 1; candidate <= Math.min(65535, port + tries); candidate++) {
    if ((await checkPort(candidate)) === "free") return candidate;
  }
  return null;
}

/** What `npm start` prints when it cannot use the port, in Vietnamese, with the way out. */
export function portProblemMessage(port: number, state: Exclude<PortState, "free">, suggestion: number | null): string {
  const other = suggestion ?? (state === "denied" ? 3000 : port + 1);
  const lines =
    state === "in_use"
      ? [
          `Cổng ${port} đang được một chương trình khác sử dụng (có thể Quán Triệt đã đang chạy: thử mở http://localhost:${port}).`,
          `Để chạy trên cổng khác, đặt biến PORT, ví dụ:`,
          `    PORT=${other} npm start`,
        ]
      : [
          `Không được phép mở cổng ${port} (các cổng dưới 1024 cần quyền quản trị máy).`,
          `Chọn một cổng từ 1024 trở lên, ví dụ:`,
          `    PORT=${other} npm start`,
        ];
  if (suggestion !== null) lines.push(`(Cổng ${suggestion} đang trống.)`);
  return lines.join("\n");
}
