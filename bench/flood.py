#!/usr/bin/env python3
"""Sign-in flood from many client addresses: each of N workers sends wrong-password
sign-ins from its own loopback address (127.0.0.10, .11, …), for emails of its own,
so the per-address and per-email throttles let a share through to password hashing
as a flood from many machines would. Prints one RESULT line like report.lua's.

    flood.py URL SECONDS [WORKERS]
"""
import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit

url, seconds = urlsplit(sys.argv[1]), float(sys.argv[2])
workers = int(sys.argv[3]) if len(sys.argv) > 3 else 32
deadline = time.monotonic() + seconds
lock = threading.Lock()
latencies, statuses = [], {}


def worker(number):
    source = f"127.0.0.{10 + number}"
    connection = None
    attempt = 0
    while time.monotonic() < deadline:
        attempt += 1
        body = json.dumps({"email": f"flood-{number}-{attempt}@example.com", "password": "not-the-password"})
        started = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10, source_address=(source, 0))
            connection.request("POST", "/user/v1/sessions", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            status, connection = "error", None
        with lock:
            latencies.append(time.monotonic() - started)
            statuses[status] = statuses.get(status, 0) + 1


threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
print(f"RESULT rps={len(latencies) / seconds:.0f} p50={pick(0.5):.2f} p99={pick(0.99):.2f} "
      f"requests={len(latencies)} errors={sum(v for k, v in statuses.items() if k != 401)}")
# The flood client shares the machine's cores with the shop: its own CPU says how much of them it took.
print("statuses", dict(sorted(statuses.items(), key=str)), file=sys.stderr)
print(f"client-cores {time.process_time() / seconds:.2f}", file=sys.stderr)
