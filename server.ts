/**
 * The production server: Next for every page and route, except POST /api/checkin,
 * the hot path of the door, which is answered directly with the same modules
 * (lib/checkin/fast-path.ts, docs/decisions/0008-checkin-fast-path.md).
 * Started by scripts/start.ts; CHECKIN_FAST_PATH=0 sends check-ins through Next too.
 * The environment is validated first (lib/env.ts): a refused value stops the server with its message.
 */
import http from "node:http";
import next from "next";
import { openDatabase } from "@/db/client";
import { SOCKET_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { createCheckInFastPath } from "@/lib/checkin/fast-path";
import { envOrExit } from "@/lib/env";
import { portProblemMessage } from "@/lib/start/port-check";

const env = envOrExit({ requireSecret: true });
const port = env.PORT;
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();

async function main() {
  await app.prepare();
  const fastPath = env.CHECKIN_FAST_PATH ? createCheckInFastPath(openDatabase(), env.NEXTAUTH_SECRET) : null;
  const server = http.createServer((req, res) => {
    if (fastPath && req.method === "POST" && req.url === "/api/checkin") {
      void fastPath(req, res);
      return;
    }
    // The socket's address, for the sign-in throttle; never the client's own header.
    delete req.headers[SOCKET_ADDRESS_HEADER];
    if (req.socket.remoteAddress) req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress;
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  // scripts/start.ts checked the port; another program may still take it in between.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE" && error.code !== "EACCES") throw error;
    console.error(`\n✖ ${portProblemMessage(port, error.code === "EADDRINUSE" ? "in_use" : "denied", null)}\n`);
    process.exit(1);
  });
  server.listen(port, () => console.log(`✓ Ready on port ${port}${fastPath ? " (check-in fast path on)" : ""}`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}

void main();
