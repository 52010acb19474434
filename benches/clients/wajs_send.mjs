// The compare bench's send (benches/compare.rs, send/64) with whatsapp-api-js, the
// best-known Node WhatsApp Cloud API client: the same text message to Meta's messages
// endpoint of a loopback server answering Meta's success answer (examples/loopback_meta.rs),
// from 64 concurrent async tasks.
//
//     npm install whatsapp-api-js      # in a scratch dir; NODE_PATH or run from there
//     cargo run --release --example loopback_meta &   # prints http://127.0.0.1:PORT
//     node benches/clients/wajs_send.mjs http://127.0.0.1:PORT [SENDS] [TASKS]
//
// whatsapp-api-js posts to https://graph.facebook.com; its `ponyfill.fetch` option sends
// the same request to the loopback server instead. Prints sends per second and
// microseconds per send (wall clock, after a warm-up round).

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";

// Resolve the package from the working directory (the scratch dir it was installed in).
const require = createRequire(pathToFileURL(path.join(process.cwd(), "x.js")));
const { WhatsAppAPI } = await import(pathToFileURL(require.resolve("whatsapp-api-js")).href);
const { Text } = await import(pathToFileURL(require.resolve("whatsapp-api-js/messages")).href);

const [base, sendsArg, tasksArg] = process.argv.slice(2);
const sends = Number(sendsArg ?? 6400);
const tasks = Number(tasksArg ?? 64);
const PHONE_NUMBER_ID = "106540352242922"; // the Meta column's configuration (src/lib.rs)
const TEXT = "Your order shipped: https://example.com/t/123"; // examples/messages/text.json

const api = new WhatsAppAPI({
  token: "bench-key",
  appSecret: false,
  v: "v23.0",
  ponyfill: {
    fetch: (url, init) => fetch(String(url).replace("https://graph.facebook.com", base), init),
  },
});

async function worker(n) {
  for (let i = 0; i < n; i++) {
    const answer = await api.sendMessage(PHONE_NUMBER_ID, "972501234567", new Text(TEXT, true));
    if (!answer.messages?.[0]?.id) throw new Error(`no id: ${JSON.stringify(answer)}`);
  }
}

async function run(total) {
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: tasks }, () => worker(Math.floor(total / tasks))));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

await run(tasks * 2); // warm-up
const took = await run(sends);
const done = Math.floor(sends / tasks) * tasks;
console.log(
  `whatsapp-api-js: ${done} sends, ${tasks} tasks: ${(done / took).toFixed(0)} sends/s, ` +
    `${((took / done) * 1e6).toFixed(1)} µs per send`,
);
