#!/usr/bin/python3
"""A local SMTP sink for drec's mailer (accounts.md §8.5).

    tests/mail/sink.py --port PORT --dir DIR [--host 127.0.0.1]

Stores every accepted message as DIR/N.eml (the bytes received) and
DIR/N.json (decoded: from, to, messageId, subject, date, headers, body).
While a file DIR/TEMPFAIL exists it answers 451 to RCPT; it answers 550 to
local parts starting with "bounce"; while DIR/SLOW exists it stores the
message and waits 5 s before answering DATA.  Needs python3-aiosmtpd.
"""
import argparse
import asyncio
import email.parser
import email.policy
import json
import os
import signal
import threading

from aiosmtpd.controller import Controller

LOCK = threading.Lock()


class Sink:
    def __init__(self, directory):
        self.dir = directory

    def flag(self, name):
        return os.path.exists(os.path.join(self.dir, name))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.flag("TEMPFAIL"):
            return "451 4.3.0 Temporary failure (TEMPFAIL file present)"
        if address.strip("<>").split("@")[0].lower().startswith("bounce"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def store(self, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
        with LOCK:
            n = 1
            while os.path.exists(os.path.join(self.dir, "%d.eml" % n)):
                n += 1
            with open(os.path.join(self.dir, "%d.eml" % n), "wb") as f:
                f.write(raw)
            doc = {
                "mailFrom": envelope.mail_from,
                "rcptTo": envelope.rcpt_tos,
                "from": str(msg["From"]),
                "to": str(msg["To"]),
                "messageId": str(msg["Message-ID"]),
                "subject": str(msg["Subject"]),
                "date": str(msg["Date"]),
                "headers": {k: str(v) for k, v in msg.items()},
                "body": msg.get_content(),
            }
            tmp = os.path.join(self.dir, "%d.json.tmp" % n)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
            os.rename(tmp, os.path.join(self.dir, "%d.json" % n))

    async def handle_DATA(self, server, session, envelope):
        self.store(envelope)
        if self.flag("SLOW"):
            await asyncio.sleep(5)
        return "250 OK: stored"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    c = Controller(Sink(a.dir), hostname=a.host, port=a.port,
                   decode_data=False, enable_SMTPUTF8=True)
    c.start()
    print("sink listening on %s:%d, storing in %s" % (a.host, a.port, a.dir),
          flush=True)
    stop = threading.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        signal.signal(s, lambda *_: stop.set())
    stop.wait()
    c.stop()


if __name__ == "__main__":
    main()
