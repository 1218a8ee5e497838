// The PostgreSQL baseline of `npm run bench:checkin`: bare node:http and one prepared INSERT per request through
// node-postgres and a pool of the app's size (10), on the same server the app is measured on.
import http from "node:http";
import pg from "pg";

const [port, url] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query("create table if not exists bench_hits (id bigint generated always as identity primary key, nonce text, token text, at timestamptz)");

http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      pool
        .query({ name: "bench_hit", text: "insert into bench_hits (nonce, token, at) values ($1, $2, $3)", values: [body.nonce, body.token, new Date()] })
        .then(() => {
          const json = JSON.stringify({ verdict: "ok" });
          res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
          res.end(json);
        })
        .catch((error) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  })
  .listen(Number(port), () => console.log(`bare PostgreSQL server on ${port}`));
