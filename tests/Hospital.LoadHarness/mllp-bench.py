#!/usr/bin/env python3
"""HL7 v2 feed throughput: N senders on their own MLLP connections, each cycling one bed through A04 register, A01
admit, A03 discharge and A20 U (Dirty -> Available), one message at a time waiting for its ACK (original mode).

    python3 tests/Hospital.LoadHarness/mllp-bench.py --api http://127.0.0.1:5190 --mllp-port 2590 \
        --password <bootstrap admin password> --senders 8 --patients 50

It creates a ward with one bed per sender through the REST API, then prints one JSON line: messages, seconds,
messages per second, ACK latency p50 / p99 (send to ACK read) and the count of each MSA-1 code."""
import argparse, json, socket, threading, time, urllib.request, uuid

args = argparse.ArgumentParser()
args.add_argument("--api", default="http://127.0.0.1:5080")
args.add_argument("--mllp-host", default="127.0.0.1")
args.add_argument("--mllp-port", type=int, default=2575)
args.add_argument("--password", required=True)
args.add_argument("--senders", type=int, default=8)
args.add_argument("--patients", type=int, default=50, help="patients per sender (4 messages each)")
options = args.parse_args()


def rest(path, body, token=None):
    request = urllib.request.Request(options.api + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


token = rest("/api/auth/token", {"username": "admin", "password": options.password})["accessToken"]
ward = "HB" + uuid.uuid4().hex[:6].upper()
rest("/api/wards", {"id": ward, "name": "HL7 bench " + ward, "sexPolicy": "Mixed"}, token)
for i in range(options.senders):
    rest(f"/api/wards/{ward}/beds", {"id": f"{ward}-{i + 1}", "room": "R", "isolationCapable": False}, token)

latencies, codes, lock = [], {}, threading.Lock()


def message(kind, *segments):
    header = f"MSH|^~\\&|BENCH|H|ORLEANS|H|20261204010000||{kind}|{uuid.uuid4().hex[:16]}|P|2.5.1"
    return "\r".join([header, "EVN||20261204010000", *segments]) + "\r"


def send(connection, text):
    started = time.perf_counter()
    connection.sendall(b"\x0b" + text.encode() + b"\x1c\x0d")
    answer = b""
    while not answer.endswith(b"\x1c\x0d"):
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("closed without an ACK")
        answer += chunk
    code = answer.split(b"MSA|")[1][:2].decode()
    with lock:
        latencies.append(time.perf_counter() - started)
        codes[code] = codes.get(code, 0) + 1


def sender(i):
    bed = f"{ward}^R^{i + 1}"
    with socket.create_connection((options.mllp_host, options.mllp_port)) as connection:
        for p in range(options.patients):
            pid = f"PID|1||{ward}{i:02d}{p:05d}^^^H^MR||Bench^P{p}||19700101|F"
            send(connection, message("ADT^A04^ADT_A01", pid, "PV1|1|O"))
            send(connection, message("ADT^A01^ADT_A01", pid, f"PV1|1|I|{bed}"))
            send(connection, message("ADT^A03^ADT_A03", pid, f"PV1|1|I|{bed}"))
            send(connection, message("ADT^A20^ADT_A20", f"NPU|{bed}|U"))


started = time.perf_counter()
threads = [threading.Thread(target=sender, args=(i,)) for i in range(options.senders)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.perf_counter() - started
latencies.sort()
print(json.dumps({
    "messages": len(latencies), "seconds": round(elapsed, 2), "per_second": round(len(latencies) / elapsed, 1),
    "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1), "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
    "codes": codes,
}))
