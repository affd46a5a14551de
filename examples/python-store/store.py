#!/usr/bin/env python3
"""An append-only log store speaking Faultline's adapter protocol v1 (one JSON object per line).

Every put or delete is one line appended to data.log and forced before it is acknowledged. At
start the log is replayed up to its first line that does not read whole (a crash mid-append leaves
a torn or zero-filled tail, never acknowledged), and cut there so new lines do not follow it. A
failed append (ENOSPC, EIO) is cut off the same way before the error is answered; if even that
fails, the store refuses every later write rather than append after garbage. When the log holds
more than twice the live data it is compacted: the live records go to a new file, forced, renamed
over the log, and the directory forced.

Faultline found both cuts missing in this file's first version: disk-full (a half-written line in
the middle of the log, which the next start could not read) and crash-explore (a crash state with
a garbage tail).
"""
import json
import os
import sys

ROOT = os.environ["FAULTLINE_ROOT"]
LOG = os.path.join(ROOT, "data.log")
COMPACT_SLACK = 64 * 1024


def force_dir(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Store:
    def __init__(self):
        os.makedirs(ROOT, exist_ok=True)
        force_dir(os.path.dirname(ROOT) or "/")
        self.data = {}  # (collection, key) -> value
        self.broken = None
        good = 0
        if os.path.exists(LOG):
            with open(LOG, "rb") as f:
                for line in f:
                    record = parse(line)
                    if record is None:
                        break  # the torn tail of a crash: never acknowledged
                    self.apply(record)
                    good += len(line)
        self.log = open(LOG, "ab")
        self.cut(good)
        force_dir(ROOT)

    def apply(self, record):
        where = (record["c"], record["k"])
        if "v" in record:
            self.data[where] = record["v"]
        else:
            self.data.pop(where, None)

    def cut(self, size):
        if os.fstat(self.log.fileno()).st_size != size:
            self.log.truncate(size)
            os.fsync(self.log.fileno())

    def append(self, record):
        if self.broken:
            raise OSError(5, "an earlier write failed and could not be undone: " + self.broken)
        start = self.log.tell()
        try:
            self.log.write((json.dumps(record, separators=(",", ":")) + "\n").encode())
            self.log.flush()
            os.fsync(self.log.fileno())
        except OSError as e:
            try:
                self.log = reopen_at(self.log, start)
            except OSError as undo:
                self.broken = str(undo)
            raise e
        self.apply(record)
        if self.log.tell() > 2 * self.live_bytes() + COMPACT_SLACK:
            try:
                self.compact()
            except OSError:
                # the write itself is stored; the log stays as it was, compaction waits for space
                if os.path.exists(LOG + ".compact"):
                    os.remove(LOG + ".compact")

    def live_bytes(self):
        return sum(len(c) + len(k) + len(v) + 20 for (c, k), v in self.data.items())

    def compact(self):
        fresh = LOG + ".compact"
        with open(fresh, "wb") as f:
            for (c, k), v in self.data.items():
                f.write((json.dumps({"c": c, "k": k, "v": v}, separators=(",", ":")) + "\n").encode())
            f.flush()
            os.fsync(f.fileno())
        os.replace(fresh, LOG)
        force_dir(ROOT)
        self.log.close()
        self.log = open(LOG, "ab")


def parse(line):
    """A whole record, or None for a torn or garbled line."""
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "c" in record and "k" in record else None


def reopen_at(log, size):
    """The log cut back to size, with a fresh buffer (the failed one may still hold the line)."""
    fd = os.dup(log.fileno())
    try:
        log.close()
    except OSError:
        pass  # its buffer could not be written: that is the line being dropped
    os.ftruncate(fd, size)
    os.fsync(fd)
    return os.fdopen(fd, "ab")


def errno_text(e):
    name = {28: "ENOSPC", 5: "EIO", 1: "EPERM", 13: "EACCES", 2: "ENOENT"}.get(getattr(e, "errno", None))
    return (name + ": " if name else "") + str(e)


def main():
    store = None
    for line in sys.stdin:
        req = json.loads(line)
        op, resp = req["op"], {"id": req["id"], "ok": True}
        try:
            if op == "open":
                store = Store()
                resp["capabilities"] = {"durableAfter": "put", "multiProcess": False}
            elif op == "put":
                store.append({"c": req["collection"], "k": req["key"], "v": req["value"]})
            elif op == "delete":
                store.append({"c": req["collection"], "k": req["key"]})
            elif op == "get":
                value = store.data.get((req["collection"], req["key"]))
                resp["found"] = value is not None
                if value is not None:
                    resp["value"] = value
            elif op == "list":
                resp["keys"] = sorted(k for (c, k) in store.data if c == req["collection"])
            elif op == "flush":
                pass  # every write was forced before it was acknowledged
            elif op == "health":
                resp["status"] = "healthy"
            elif op == "close":
                sys.stdout.write(json.dumps(resp) + "\n")
                sys.stdout.flush()
                return
            else:
                resp = {"id": req["id"], "ok": False, "error": "unknown op " + op}
        except OSError as e:
            resp = {"id": req["id"], "ok": False, "error": errno_text(e)}
        sys.stdout.write(json.dumps(resp) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
