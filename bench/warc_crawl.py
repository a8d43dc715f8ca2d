"""warc_crawl.py — the crawl the benchmarks feed reel (bench/throughput.sh,
bench/crawl_memory.sh): the real pages of extraction-dev and examples/ in
turn, each body stored as a crawler stores it (as sent, gzip-encoded,
chunked, or both), one gzip member per WARC record."""
import glob
import gzip
import os
import zlib


def chunked(b, size=8192):
    parts = [b"%x\r\n" % len(b[i:i + size]) + b[i:i + size] + b"\r\n" for i in range(0, len(b), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def record(kind, uri, ctype, block):
    head = (b"WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
            b"WARC-Date: 2024-05-01T00:00:00Z\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (kind, uri, ctype, len(block)))
    c = zlib.compressobj(1, zlib.DEFLATED, 31)
    return c.compress(head) + c.compress(block) + c.compress(b"\r\n\r\n") + c.flush()


class Crawl:
    def __init__(self, data, examples):
        self.paths = sorted(glob.glob(data + "/*.html")) + sorted(glob.glob(examples + "/*.html"))
        self.pages = [open(p, "rb").read() for p in self.paths]
        self.variants = []
        for p in self.pages:
            gz = gzip.compress(p, 6)
            self.variants.append([
                (b"", p),
                (b"Content-Encoding: gzip\r\n", gz),
                (b"Transfer-Encoding: chunked\r\n", chunked(p)),
                (b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", chunked(gz)),
            ])

    def warcinfo(self):
        return record(b"warcinfo", b"", b"application/warc-fields", b"software: reel bench\r\n")

    def page(self, i, request=False):
        """Page i of the crawl as WARC bytes (its request record first when
        asked), and the size of its HTML."""
        k = i % len(self.pages)
        headers, body = self.variants[k][(i // len(self.pages)) % 4]
        uri = b"https://crawl.example/%d/%s" % (i, os.path.basename(self.paths[k]).encode())
        out = b""
        if request:
            out = record(b"request", uri, b"application/http; msgtype=request",
                         b"GET / HTTP/1.1\r\nHost: crawl.example\r\n\r\n")
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + headers + b"\r\n" + body
        return out + record(b"response", uri, b"application/http; msgtype=response", http), len(self.pages[k])
