#!/usr/bin/env python3
"""An OpenAI-compatible chat-completions stub that misbehaves on purpose, for the local stack's check.

Each request's fault is chosen from the SHA-256 of its body, so the same sample meets the same fault
on every run and on every instance, and a retry of the same request can be told apart from a new
one. Of every 100 request bodies:

  0-3    429 with Retry-After: 1 on the first attempt, then a valid answer
  4-7    500 on the first attempt, then a valid answer
  8-9    dies mid-answer (headers, half a body, connection closed) on the first attempt, then valid
  10-13  slow: a valid answer after 1.5 s
  14-15  malformed: a 200 whose body is not JSON, every time
  16-17  truncated: finish_reason "length" with half an answer, every time
  18     500 every time
  rest   a valid answer, scores derived from the hash

So 5 % of samples can never be scored (they must end as ERROR with no score) and 10 % succeed only
on a retry. GET /stats answers what the stub saw: requests, the peak number in flight at once, how many
valid answers the most-answered request bodies received (a sample judged twice shows up as 2) and
how many bodies were answered more than once.

Usage: llm-fault-stub.py PORT
"""
import hashlib
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
attempts = {}
answered = {}
stats = {"requests": 0, "in_flight": 0, "peak_in_flight": 0}


def completion(content, finish_reason="stop"):
    return json.dumps(
        {
            "id": "chatcmpl-fault-stub",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": "fault-stub",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "logprobs": None,
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140},
        }
    ).encode()


def scores(digest):
    # 0.86-0.99: a plausible judge, deterministic per request
    def score(offset):
        return round(0.86 + int(digest[offset : offset + 2], 16) / 255 * 0.13, 3)

    return json.dumps(
        {
            "coverage": score(8),
            "accuracy": score(10),
            "coherence": score(12),
            "informativeness": score(14),
            "verdict": "MEETS_EXPECTATIONS",
            "notes": "Ответ заглушки.",
        },
        ensure_ascii=False,
    )


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        if self.path != "/stats":
            self.send_error(404)
            return
        with lock:
            body = json.dumps(
                dict(
                    stats,
                    answers_per_request=sorted(answered.values(), reverse=True)[:5],
                    distinct_answered=len(answered),
                    answered_more_than_once=sum(1 for n in answered.values() if n > 1),
                )
            ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        digest = hashlib.sha256(body).hexdigest()
        bucket = int(digest[:8], 16) % 100
        with lock:
            stats["requests"] += 1
            stats["in_flight"] += 1
            stats["peak_in_flight"] = max(stats["peak_in_flight"], stats["in_flight"])
            attempt = attempts.get(digest, 0) + 1
            attempts[digest] = attempt
        try:
            self.answer(digest, bucket, attempt)
        finally:
            with lock:
                stats["in_flight"] -= 1

    def send(self, status, payload, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def answer(self, digest, bucket, attempt):
        if bucket < 4 and attempt == 1:
            self.send(429, b'{"error":{"message":"rate limited","type":"rate_limit"}}', [("Retry-After", "1")])
        elif bucket < 8 and attempt == 1 and bucket >= 4:
            self.send(500, b'{"error":{"message":"boom","type":"server_error"}}')
        elif bucket < 10 and attempt == 1 and bucket >= 8:
            payload = completion(scores(digest))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.close()
        elif 14 <= bucket < 16:
            self.send(200, b"<html>502 Bad Gateway</html>")
        elif 16 <= bucket < 18:
            self.send(200, completion(scores(digest)[:30], "length"))
        elif bucket == 18:
            self.send(500, b'{"error":{"message":"always broken","type":"server_error"}}')
        else:
            if 10 <= bucket < 14:
                time.sleep(1.5)
            with lock:
                answered[digest] = answered.get(digest, 0) + 1
            self.send(200, completion(scores(digest)))


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
