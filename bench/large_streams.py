#!/usr/bin/env python3
"""Holds many open live-event streams (`GET /api/v1/events`) on one server, for
`bash bench/run --large`, and prints what they cost it.

    python3 bench/large_streams.py PORT SERVER_PID TOKEN COUNT THREAD_ID HOLD_SECONDS

Opens COUNT streams from this one process over raw non-blocking sockets (epoll), in batches so
the listen queue never overflows, reads each one's status line, and prints the server's resident
memory before and after, per stream; how many the server answered with 200 and how many it
refused or closed; the server's CPU time while the streams sit idle for HOLD_SECONDS; and, after
one comment posted through the API into THREAD_ID, how long until every stream had it. Every
wait is bounded; everything goes to 127.0.0.1. Prints Markdown table rows.
"""
import http.client
import json
import os
import resource
import select
import socket
import sys
import time

BATCH = 250
OPEN_DEADLINE = 300.0  # seconds for opening them all
EVENT_DEADLINE = 120.0  # seconds for one event to reach every stream

port, pid, token, count, thread_id, hold = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < count + 100:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1000), hard))


def status_of(name):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(name):
            return int(line.split()[1])  # kB
    return 0


def cpu_seconds():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def threads():
    return status_of("Threads")


request = (f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
           f"Accept: text/event-stream\r\n\r\n").encode()
ep = select.epoll()
socks = {}  # fd -> socket
buffers = {}  # fd -> bytes received so far
status = {}  # fd -> HTTP status, once its status line has arrived
closed = set()  # fds the server closed
statuses = {}

time.sleep(1)
rss_before = status_of("VmRSS")
started = time.perf_counter()
failed_connect = 0


def pump(timeout):
    """Reads whatever has arrived, for up to `timeout` seconds; returns the streams that got
    something (a stream the server closed is added to `closed`)."""
    got = []
    for fd, ev in ep.poll(timeout):
        s = socks[fd]
        try:
            data = s.recv(65536)
        except BlockingIOError:
            continue
        except OSError:
            data = b""
        if not data:
            closed.add(fd)
            ep.unregister(fd)
            continue
        buffers[fd] = buffers.get(fd, b"") + data
        if fd not in status and b"\r\n" in buffers[fd]:
            line = buffers[fd].split(b"\r\n", 1)[0].split()
            status[fd] = int(line[1]) if len(line) > 1 and line[1].isdigit() else 0
        got.append(fd)
    return got


while len(socks) + failed_connect < count and time.perf_counter() - started < OPEN_DEADLINE:
    batch = []
    for _ in range(min(BATCH, count - len(socks) - failed_connect)):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.settimeout(5)
            s.connect(("127.0.0.1", port))
            s.sendall(request)
            s.setblocking(False)
        except OSError:
            failed_connect += 1
            s.close()
            continue
        socks[s.fileno()] = s
        ep.register(s.fileno(), select.EPOLLIN)
        batch.append(s.fileno())
    # Wait for this batch's answers before opening more (bounded).
    until = time.perf_counter() + 30
    while time.perf_counter() < until and any(fd not in status and fd not in closed for fd in batch):
        pump(0.05)
opened_in = time.perf_counter() - started
# Let the server settle (each new stream reads the database once), then read its memory.
settle_until = time.perf_counter() + 3
while time.perf_counter() < settle_until:
    pump(0.1)
rss_after = status_of("VmRSS")
ok = sum(1 for fd, st in status.items() if st == 200 and fd not in closed)
codes = {}
for fd, st in status.items():
    codes[st] = codes.get(st, 0) + 1
no_answer = sum(1 for fd in socks if fd not in status)
per = (rss_after - rss_before) / max(ok, 1)
print(f"| streams asked for | {count} |")
print(f"| answered 200 and open | {ok} |")
print(f"| other answers | {', '.join(f'{k}: {v}' for k, v in sorted(codes.items()) if k != 200) or 'none'}; "
      f"no answer {no_answer}; could not connect {failed_connect}; closed by the server {len(closed)} |")
print(f"| time to open them all | {opened_in:.1f} s |")
print(f"| server resident memory before / after | {rss_before / 1024:.1f} MB / {rss_after / 1024:.1f} MB |")
print(f"| memory per open stream | {per:.1f} KB |")
print(f"| server threads with the streams open | {threads()} |")

# Idle: nothing happens on the board; what do the open streams cost?
cpu0, t0 = cpu_seconds(), time.perf_counter()
hold_until = t0 + hold
while time.perf_counter() < hold_until:
    pump(0.2)
cpu1, t1 = cpu_seconds(), time.perf_counter()
still = sum(1 for fd in socks if fd not in closed and status.get(fd) == 200)
print(f"| server CPU while the streams sat idle for {t1 - t0:.0f} s | {cpu1 - cpu0:.1f} s of CPU ({100 * (cpu1 - cpu0) / (t1 - t0):.0f}% of one core) |")
print(f"| still open after that | {still} |")

# One comment: how long until every open stream has it?
for fd in socks:
    buffers[fd] = b""
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
body = json.dumps({"body": "One comment, followed by every open stream."})
posted = time.perf_counter()
conn.request("POST", f"/api/v1/threads/{thread_id}/comments", body=body, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
resp = conn.getresponse()
answer = resp.read()
post_ms = (time.perf_counter() - posted) * 1000
comment_id = json.loads(answer).get("id") if resp.status == 201 else None
arrived = {}
cpu2 = cpu_seconds()
deadline = posted + EVENT_DEADLINE
waiting = {fd for fd in socks if fd not in closed and status.get(fd) == 200}
marker = f'"comment_id":"{comment_id}"'.encode() if comment_id else None
while waiting and marker and time.perf_counter() < deadline:
    for fd in pump(0.2):
        if fd in waiting and marker in buffers[fd]:
            arrived[fd] = (time.perf_counter() - posted) * 1000
            waiting.discard(fd)
    waiting -= closed
cpu3 = cpu_seconds()
times = sorted(arrived.values())
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else float("nan")
print(f"| one comment posted (status {resp.status}, {post_ms:.1f} ms) reached | {len(times)} of {ok} streams; "
      f"p50 {pick(0.5):.0f} ms, p95 {pick(0.95):.0f} ms, last {times[-1] if times else float('nan'):.0f} ms; "
      f"{len(waiting)} still waiting after {EVENT_DEADLINE:.0f} s; server CPU {cpu3 - cpu2:.1f} s |")
print(f"| server peak memory (VmHWM) so far | {status_of('VmHWM') / 1024:.1f} MB |")
for s in socks.values():
    s.close()
