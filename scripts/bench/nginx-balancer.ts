/**
 * nginx in front of several app servers, as docs/operations.md §4b deploys them, for a benchmark's combined
 * rate: round robin, keep-alive connections to the upstreams, Host and X-Forwarded-For passed on, and
 * `proxy_next_upstream error timeout` (nginx never resends a POST). Started from a configuration written to a
 * temporary directory, in the foreground, and stopped with its directory.
 *
 * Only when nginx is installed (Debian: `apt-get install -y nginx-light`); otherwise the caller uses the small
 * node proxy (balancer.ts), which on a 2-core machine competes for the cores with the servers it measures.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitFor } from "./http-helpers";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"];

export function nginxPath(): string | null {
  return NGINX.find((file) => fs.existsSync(file)) ?? null;
}

/** One worker process: the load here is a few thousand requests a second, which one nginx worker proxies with most of a core to spare. */
function configuration(dir: string, upstreams: string[], port: number): string {
  const servers = upstreams.map((base) => `server ${new URL(base).host};`).join(" ");
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream quan_triet { ${servers} keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://quan_triet;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

export async function startNginx(upstreams: string[], port: number): Promise<{ base: string; close(): Promise<void> }> {
  const bin = nginxPath();
  if (!bin) throw new Error("nginx is not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quan-triet-nginx-"));
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, configuration(dir, upstreams, port));
  const test = spawnSync(bin, ["-t", "-q", "-c", conf, "-p", dir], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx refused its configuration: ${test.stderr}`);
  const child = spawn(bin, ["-c", conf, "-p", dir], { stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, 30_000);
  return {
    base,
    close: async () => {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
