"""Talks to the jasyncio HTTP server as a strict HTTP/1.1 client, with h11 parsing every byte.

Run by H11InteropTest: ``/usr/bin/python3 h11_peer.py PORT``. Any h11.RemoteProtocolError (a
response h11 finds malformed) or a failed check ends the script with status 1 and a message on
stderr; on success it prints ``OK <checks>``.
"""
import hashlib
import socket
import sys

import h11

PORT = int(sys.argv[1])
checks = 0


def check(cond, what):
    global checks
    if not cond:
        raise AssertionError(what)
    checks += 1


def request(method, target, headers=(), **kw):
    return h11.Request(method=method, target=target, headers=[("Host", "127.0.0.1")] + list(headers), **kw)


class Peer:
    def __init__(self):
        self.sock = socket.create_connection(("127.0.0.1", PORT), timeout=20)
        self.conn = h11.Connection(h11.CLIENT)

    def send(self, *events):
        data = b"".join(self.conn.send(e) for e in events)
        self.sock.sendall(data)

    def next_event(self):
        while True:
            event = self.conn.next_event()
            if event is h11.NEED_DATA:
                self.conn.receive_data(self.sock.recv(65536))
                continue
            return event

    def response(self):
        """Reads one response: (Response event, body bytes, number of Data events)."""
        head = self.next_event()
        while isinstance(head, h11.InformationalResponse):
            head = self.next_event()
        check(isinstance(head, h11.Response), "expected a response, got %r" % (head,))
        body, pieces = b"", 0
        while True:
            event = self.next_event()
            if isinstance(event, h11.Data):
                body += event.data
                pieces += 1
            elif isinstance(event, h11.EndOfMessage):
                return head, body, pieces
            else:
                raise AssertionError("unexpected %r" % (event,))

    def exchange(self, req, *body):
        self.send(req, *body)
        result = self.response()
        if self.conn.our_state is h11.DONE and self.conn.their_state is h11.DONE:
            self.conn.start_next_cycle()
        return result

    def close(self):
        self.sock.close()


def header(resp, name):
    for k, v in resp.headers:
        if k == name.lower().encode():
            return v.decode()
    return None


def main():
    p = Peer()
    resp, body, _ = p.exchange(request("GET", "/hello"), h11.EndOfMessage())
    check(resp.status_code == 200 and body == b"Hello, World!", "GET /hello: %r %r" % (resp, body))
    check(resp.http_version == b"1.1", "version")
    check(header(resp, "content-length") == "13", "content-length")
    check(header(resp, "date") is not None, "a Date field")

    resp, body, _ = p.exchange(request("HEAD", "/hello"), h11.EndOfMessage())
    check(resp.status_code == 200 and body == b"" and header(resp, "content-length") == "13", "HEAD")

    resp, body, pieces = p.exchange(request("GET", "/chunks"), h11.EndOfMessage())
    check(header(resp, "transfer-encoding") == "chunked", "chunked response")
    check(body == b"".join(b"line %d\n" % i for i in range(10)), "chunked body %r" % body)

    for status in (204, 304):
        resp, body, _ = p.exchange(request("GET", "/%d" % status), h11.EndOfMessage())
        check(resp.status_code == status and body == b"", "%d" % status)
        check(header(resp, "content-length") is None and header(resp, "transfer-encoding") is None,
              "%d carries no framing fields" % status)

    payload = bytes(range(256)) * 4096
    # No Content-Length: h11 sends the body chunked.
    resp, body, _ = p.exchange(request("POST", "/digest", [("Transfer-Encoding", "chunked")]),
                               h11.Data(data=payload[:100000]), h11.Data(data=payload[100000:]), h11.EndOfMessage())
    check(body.decode() == "%d %s -1" % (len(payload), hashlib.sha256(payload).hexdigest()), "chunked POST: %r" % body)

    resp, body, _ = p.exchange(request("POST", "/digest", [("Content-Length", str(len(payload)))]),
                               h11.Data(data=payload), h11.EndOfMessage())
    check(body.decode().startswith("%d %s" % (len(payload), hashlib.sha256(payload).hexdigest())), "POST")

    resp, body, _ = p.exchange(request("GET", "/missing"), h11.EndOfMessage())
    check(resp.status_code == 404, "404")
    p.close()

    # Pipelining: every request written before any response is read; h11 still checks each
    # response against the request it answers (HEAD has no body).
    p = Peer()
    pipeline = [("GET", "/hello"), ("HEAD", "/bytes?n=5000"), ("GET", "/chunks"), ("GET", "/304"), ("GET", "/bytes?n=70000")]
    raw = b""
    for method, target in pipeline:
        c = h11.Connection(h11.CLIENT)
        raw += c.send(request(method, target)) + c.send(h11.EndOfMessage())
    p.sock.sendall(raw)
    for method, target in pipeline:
        p.conn.send(request(method, target))
        p.conn.send(h11.EndOfMessage())
        resp, body, _ = p.response()
        if target == "/hello":
            check(body == b"Hello, World!", "pipelined /hello")
        elif method == "HEAD":
            check(body == b"" and header(resp, "content-length") == "5000", "pipelined HEAD")
        elif target == "/chunks":
            check(body.endswith(b"line 9\n"), "pipelined chunks")
        elif target == "/304":
            check(resp.status_code == 304, "pipelined 304")
        else:
            check(len(body) == 70000, "pipelined bytes")
        p.conn.start_next_cycle()

    # Connection: close: the server answers and closes, and h11 sees a clean close.
    p.send(request("GET", "/hello", [("Connection", "close")]), h11.EndOfMessage())
    resp, body, _ = p.response()
    check(header(resp, "connection") == "close", "Connection: close echoed")
    check(isinstance(p.next_event(), h11.ConnectionClosed), "the server closed after Connection: close")
    p.close()

    # HTTP/1.0 without keep-alive: the response is delimited and the connection closes.
    # h11 only writes HTTP/1.1, so the request goes out by hand; h11 still parses the response
    # (the request event it is given only tells it the method).
    p = Peer()
    p.conn.send(request("GET", "/chunks"))
    p.conn.send(h11.EndOfMessage())
    p.sock.sendall(b"GET /chunks HTTP/1.0\r\n\r\n")
    resp, body, _ = p.response()
    check(resp.http_version in (b"1.0", b"1.1") and body.endswith(b"line 9\n"), "HTTP/1.0 streaming body %r" % body)
    check(header(resp, "transfer-encoding") is None, "no chunked coding to a 1.0 client")
    check(isinstance(p.next_event(), h11.ConnectionClosed), "the server closed after the 1.0 response")
    p.close()
    print("OK %d" % checks)


if __name__ == "__main__":
    try:
        main()
    except h11.RemoteProtocolError as e:
        print("h11 rejected the server's bytes: %r" % e, file=sys.stderr)
        sys.exit(1)
    except AssertionError as e:
        print("check failed: %s" % e, file=sys.stderr)
        sys.exit(1)
