#!/usr/bin/env python3
"""Re-encodes byte 0 of the seeds of fuzz_bodies after its targets changed.

usage: reencode_bodies.py OLD_LIST NEW_LIST [CORPUS_DIR]

OLD_LIST and NEW_LIST are the outputs of FUZZ_BODIES_LIST=1 fuzz_bodies
("index METHOD pattern" lines) before and after the route table changed.
A seed's byte 0 is index + N * flags (tests/fuzz/fuzz_bodies.c): each seed
keeps its target (by name) and its flags.  A seed whose target is gone is
reported and left alone.
"""
import os
import sys


def load(path):
    names = {}
    for line in open(path):
        i, name = line.rstrip("\n").split(" ", 1)
        names[int(i)] = name
    return names


def main():
    old, new = load(sys.argv[1]), load(sys.argv[2])
    corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.path.dirname(__file__), "corpus", "bodies")
    where = {name: i for i, name in new.items()}
    n_old, n_new = len(old), len(new)
    for f in sorted(os.listdir(corpus)):
        p = os.path.join(corpus, f)
        b = bytearray(open(p, "rb").read())
        if not b:
            continue
        idx, flags = b[0] % n_old, b[0] // n_old
        name = old[idx]
        if name not in where:
            print("%s: target %s is gone; left alone" % (f, name))
            continue
        v = where[name] + n_new * flags
        if v > 255:
            print("%s: byte 0 would be %d; left alone" % (f, v))
            continue
        b[0] = v
        open(p, "wb").write(bytes(b))


if __name__ == "__main__":
    main()
