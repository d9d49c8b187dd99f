#!/usr/bin/env python3
"""Comment posts through the JSON API at a fixed rate (open loop), for `bash bench/run --large`.

    python3 bench/large_posts.py PORT POSTERS_FILE RATE SECONDS

POSTERS_FILE has one line per person: their token, then the ids of threads they may post in,
separated by spaces. Post i is sent at start + i / RATE whatever the server is doing (an open
loop: a slow answer never delays the next post), by person i mod N, to the next of that person's
threads in turn, over a pool of keep-alive connections (a new one is opened when all are busy,
up to MAX_CONNECTIONS; beyond that a post waits for one). Each post's time runs from when it was
due to be sent, so any wait here counts against the server too. Prints one Markdown table row:
sent, succeeded, errors by status, the rates, latency, people, threads, connections opened, how
late this sender itself was at most (is it keeping up?), and how many posts waited for a
connection; then the first answer with each error status.
Everything goes to 127.0.0.1; the run stops DRAIN seconds after the last post is due.
"""
import asyncio
import collections
import json
import sys
import time

MAX_CONNECTIONS = 256
DRAIN = 60.0
TIMEOUT = 30.0


async def read_response(reader):
    """Status, whether the connection may be used again, and the body."""
    line = await reader.readline()
    if not line:
        raise ConnectionError("closed")
    status = int(line.split()[1])
    length, chunked, close = 0, False, False
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        name, _, value = h.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            close = True
    body = b""
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            body += (await reader.readexactly(size + 2))[:-2]
            if size == 0:
                break
    elif length:
        body = await reader.readexactly(length)
    return status, not close, body


async def main():
    port, posters_file, rate, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    posters = []
    for line in open(posters_file):
        parts = line.split()
        if len(parts) >= 2:
            posters.append((parts[0], parts[1:]))
    if not posters:
        print("No posters: nothing sent.")
        return
    total = int(rate * seconds)
    idle = []  # (reader, writer) ready for another request
    opened = 0
    held_back = 0  # posts that waited for one of MAX_CONNECTIONS to come back
    statuses = collections.Counter()
    latencies = []
    first_bodies = {}  # status -> the first answer with it
    next_thread = [0] * len(posters)
    max_lag = 0.0

    async def connection():
        nonlocal opened
        if idle:
            return idle.pop()
        opened += 1
        return await asyncio.open_connection("127.0.0.1", port)

    # At most MAX_CONNECTIONS posts on the wire; the others wait inside their own task, so the
    # sender below never waits and its lateness is this process's own.
    wire = asyncio.Semaphore(MAX_CONNECTIONS)

    async def post(i, due):
        nonlocal held_back
        if wire.locked():
            held_back += 1
        async with wire:
            await post_one(i, due)

    async def post_one(i, due):
        token, threads = posters[i % len(posters)]
        k = i % len(posters)
        thread = threads[next_thread[k] % len(threads)]
        next_thread[k] += 1
        body = json.dumps({"body": f"Load test comment {i}: the payroll form works for me now, thank you."}).encode()
        request = (
            f"POST /api/v1/threads/{thread}/comments HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        conn = None
        try:
            conn = await connection()
            reader, writer = conn
            writer.write(request)
            await writer.drain()
            status, again, body = await asyncio.wait_for(read_response(reader), TIMEOUT)
            if not 200 <= status < 300:
                first_bodies.setdefault(status, body[:300].decode(errors="replace"))
            latencies.append((time.perf_counter() - due) * 1000)
            statuses[status] += 1
            if again:
                idle.append(conn)
            else:
                writer.close()
        except asyncio.TimeoutError:
            statuses["timeout"] += 1
            if conn:
                conn[1].close()
        except (ConnectionError, OSError, asyncio.IncompleteReadError) as e:
            statuses[type(e).__name__] += 1
            if conn:
                conn[1].close()

    tasks = []
    start = time.perf_counter() + 0.2
    for i in range(total):
        due = start + i / rate
        wait = due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        max_lag = max(max_lag, time.perf_counter() - due)
        tasks.append(asyncio.create_task(post(i, due)))
    sent_span = time.perf_counter() - start
    done, pending = await asyncio.wait(tasks, timeout=DRAIN)
    for t in pending:
        t.cancel()
    statuses["no answer within the run"] += len(pending)
    finished_span = time.perf_counter() - start
    for _, w in idle:
        w.close()

    ok = sorted(latencies)
    ok_count = sum(n for s, n in statuses.items() if isinstance(s, int) and 200 <= s < 300)
    pick = lambda q: ok[min(len(ok) - 1, int(q * len(ok)))] if ok else float("nan")
    errors = {str(s): n for s, n in statuses.items() if not (isinstance(s, int) and 200 <= s < 300) and n}
    print(f"| {total} | {ok_count} | {', '.join(f'{s}: {n}' for s, n in sorted(errors.items())) or 'none'} | "
          f"{total / sent_span:.1f} | {ok_count / finished_span:.1f} | {pick(0.5):.1f} | {pick(0.95):.1f} | {pick(0.99):.1f} | "
          f"{ok[-1] if ok else float('nan'):.1f} | {len(posters)} | {len({t for _, ts in posters for t in ts})} | {opened} | {max_lag * 1000:.1f} | {held_back} |")

    for status, body in sorted(first_bodies.items()):
        print(f"\nThe first {status} answer: {body}")


asyncio.run(main())
