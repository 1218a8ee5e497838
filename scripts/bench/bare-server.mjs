// The baseline of `npm run bench:checkin`: bare node:http and one prepared SQLite INSERT per request.
// What the machine can do with nothing in between; the real endpoint is measured against it.
import http from "node:http";
import Database from "better-sqlite3";

const [port, file] = process.argv.slice(2);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec("create table if not exists hits (id integer primary key, nonce text, token text, at integer)");
const insert = db.prepare("insert into hits (nonce, token, at) values (?, ?, ?)");

http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      insert.run(body.nonce, body.token, Date.now());
      const json = JSON.stringify({ verdict: "ok" });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
      res.end(json);
    });
  })
  .listen(Number(port), () => console.log(`bare server on ${port}`));
