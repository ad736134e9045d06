"""Replay the attacks of issue 7 against a running server on this machine (loopback only).

    python benchmarks/replay_attacks.py http://127.0.0.1:8124 SERVER_PID

Prints, for each attack, the status, the first line of what the user is told, the wall time
and the server's peak resident memory afterwards (VmHWM of SERVER_PID). Every loop is bounded.
"""

from __future__ import annotations

import http.client
import re
import sys
import threading
import time
import urllib.parse
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.request import HTTPCookieProcessor, Request, build_opener

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.hostile_files import declared_dimension_bomb

BASE, PID = sys.argv[1], sys.argv[2]
HOST = urllib.parse.urlsplit(BASE)


def peak_rss_mb() -> float:
    text = Path(f"/proc/{PID}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", text)[1]) / 1024  # type: ignore[index]


def told(html: str) -> str:
    found = re.search(
        r'class="(?:errorlist|messages|problems|notice error)[^"]*"[^>]*>(.*?)</(?:ul|div|ol)>', html, re.S
    )
    text = re.sub(r"<[^>]+>|\s+", " ", found[1] if found else html[:200]).strip()
    return text[:150]


def session():  # type: ignore[no-untyped-def]
    jar = CookieJar()
    opener = build_opener(HTTPCookieProcessor(jar))
    return opener, jar


def csrf(opener, url: str) -> str:  # type: ignore[no-untyped-def]
    html = opener.open(BASE + url).read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]  # type: ignore[index]


def multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----spbe-replay"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def post(opener, url: str, body: bytes, kind: str):  # type: ignore[no-untyped-def]
    request = Request(BASE + url, data=body, headers={"Content-Type": kind, "Referer": BASE + url})
    try:
        response = opener.open(request)
        return response.status, response.read().decode(errors="replace")
    except Exception as exc:  # HTTPError carries the page
        return getattr(exc, "code", 0), exc.read().decode(errors="replace") if hasattr(exc, "read") else str(exc)


def line(name: str, status: object, message: str, started: float) -> None:
    print(f"| {name} | {status} | {message} | {time.perf_counter() - started:.2f} s | {peak_rss_mb():.0f} MB |")


print("| attack | status | what the user is told | time | server peak RSS |")
print("|---|---|---|---|---|")
print(f"| (server at start) | | | | {peak_rss_mb():.0f} MB |")

# 1. the declared-dimension workbook to the public calculator, no login
opener, _ = session()
token = csrf(opener, "/calculator/")
body, kind = multipart({"csrfmiddlewaretoken": token}, "levels_file", "levels.xlsx", declared_dimension_bomb(40_000))
started = time.perf_counter()
status, html = post(opener, "/calculator/", body, kind)
line(f"calculator: {len(body) // 1024} KB workbook declaring A1:XFD1048576, 40,000 rows", status, told(html), started)

# 2. a 1 MB CSV of bad rows to the calculator
rows = b"indicator,level\n" + b"x,y\n" * 240_000
body, kind = multipart({"csrfmiddlewaretoken": token}, "levels_file", "levels.csv", rows)
started = time.perf_counter()
status, html = post(opener, "/calculator/", body, kind)
line(
    f"calculator: {len(rows) // 1024} KB CSV of 240,000 bad rows (page {len(html) // 1024} KB)",
    status,
    told(html),
    started,
)

# 3. a 300 MB declared body: the answer must come before the body is sent
started = time.perf_counter()
connection = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=10)
connection.putrequest("POST", "/calculator/")
connection.putheader("Content-Type", "multipart/form-data; boundary=x")
connection.putheader("Content-Length", str(300 * 1024 * 1024))
connection.putheader("Connection", "close")
connection.endheaders()
connection.send(b"--x\r\n")
answer = connection.getresponse()
page = answer.read(int(answer.getheader("Content-Length") or 0)).decode()
line("calculator: 300 MB declared body, 5 bytes sent", answer.status, told(page), started)
connection.close()

# 4. HEAD on the home page and the health check
for url in ("/", "/healthz"):
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=10)
    connection.request("HEAD", url)
    line(f"HEAD {url}", connection.getresponse().status, "", started)
    connection.close()

# 5. brute force: 30 wrong passwords, then the right one
opener, jar = session()
started = time.perf_counter()
statuses = []
for attempt in range(31):
    token = csrf(opener, "/accounts/login/")
    password = "sukamaju-demo" if attempt == 30 else f"guess-{attempt}"
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "pimpinan", "password": password})
    statuses.append(post(opener, "/accounts/login/", data.encode(), "application/x-www-form-urlencoded"))
status, html = statuses[-1]
signed_in = any(cookie.name == "sessionid" for cookie in jar) and "Keluar" in html
line("login: 30 wrong passwords, then the right one", status, ("SIGNED IN" if signed_in else told(html)), started)

# 6. ten concurrent saves of one answer (SQLite)
opener, _ = session()
token = csrf(opener, "/accounts/login/")
data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "koordinator", "password": "sukamaju-demo"})
post(opener, "/accounts/login/", data.encode(), "application/x-www-form-urlencoded")
page = opener.open(BASE + "/assessments/3/indicators/1/").read().decode()
version = re.search(r'name="version" value="(\d+)"', page)
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]  # type: ignore[index]
results: list[int] = []


def save(n: int) -> None:
    fields = {"csrfmiddlewaretoken": token, "level": "3", "justification": f"Perbup 12/2021 ({n})"}
    if version:
        fields["version"] = version[1]
    status, _html = post(
        opener,
        "/assessments/3/indicators/1/answer/",
        urllib.parse.urlencode(fields).encode(),
        "application/x-www-form-urlencoded",
    )
    results.append(status)


started = time.perf_counter()
threads = [threading.Thread(target=save, args=(n,)) for n in range(10)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=60)
line("ten concurrent saves of one answer", ",".join(map(str, sorted(results))), "", started)
