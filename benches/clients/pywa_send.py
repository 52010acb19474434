#!/usr/bin/env python3
"""The compare bench's send (benches/compare.rs, send/64) with pywa, the best-known Python
WhatsApp Cloud API client: the same text message to Meta's messages endpoint of a loopback
server answering Meta's success answer (examples/loopback_meta.rs), from 64 concurrent
asyncio tasks on pywa's async client (pywa_async, httpx).

    pip install pywa                       # in a virtualenv, not committed
    cargo run --release --example loopback_meta &   # prints http://127.0.0.1:PORT
    python3 benches/clients/pywa_send.py http://127.0.0.1:PORT [SENDS] [TASKS]

Prints sends per second and microseconds per send (wall clock, after a warm-up round).
"""

import asyncio
import sys
import time

import httpx
from pywa_async import WhatsApp

PHONE_NUMBER_ID = "106540352242922"  # the Meta column's configuration (src/lib.rs)
TEXT = "Your order shipped: https://example.com/t/123"  # examples/messages/text.json


async def main(base: str, sends: int, tasks: int) -> None:
    limits = httpx.Limits(max_connections=tasks, max_keepalive_connections=tasks)
    wa = WhatsApp(
        phone_id=PHONE_NUMBER_ID,
        token="bench-key",
        session=httpx.AsyncClient(limits=limits, timeout=30),
        api_version="23.0",
    )
    # pywa posts to https://graph.facebook.com/v{api_version}; point it at the loopback server.
    wa.api._session.base_url = f"{base}/v23.0"

    async def worker(n: int) -> None:
        for _ in range(n):
            sent = await wa.send_message(to="972501234567", text=TEXT, preview_url=True)
            assert sent.id

    async def run(total: int) -> float:
        start = time.perf_counter()
        await asyncio.gather(*(worker(total // tasks) for _ in range(tasks)))
        return time.perf_counter() - start

    await run(tasks * 2)  # warm-up: connections opened
    took = await run(sends)
    done = sends // tasks * tasks
    print(f"pywa {getattr(__import__('pywa'), '__version__', '?')}: {done} sends, {tasks} tasks: "
          f"{done / took:.0f} sends/s, {took / done * 1e6:.1f} µs per send")


if __name__ == "__main__":
    base = sys.argv[1]
    sends = int(sys.argv[2]) if len(sys.argv) > 2 else 6400
    tasks = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    asyncio.run(main(base, sends, tasks))
