#!/usr/bin/env python3
"""Who holds the primitive arrays of a heap dump: byte[], long[], int[] summed by the class and
field that reference them (the first referrer found), so that the memory bench can name what a
class histogram reports only as "[B" or "[J" (bench/README.md, "Heap per transport and per
consumer"). With two dumps, prints the growth from the first to the second, divided by --per.

  bench/hprof-owners.py [--per K] [--top 30] base.hprof [later.hprof]

Standard library only; reads the HPROF 1.0.2 binary format (the JDK's jcmd GC.heap_dump)."""
import mmap
import struct
import sys
from collections import defaultdict

PRIM_SIZE = {4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIM_NAME = {4: "boolean[]", 5: "char[]", 6: "float[]", 7: "double[]", 8: "byte[]", 9: "short[]",
             10: "int[]", 11: "long[]"}


WRAPPERS = ("java.nio.", "[")


def shallow(n, size):
    return (16 + n * size + 7) // 8 * 8


def read(path):
    """{(owner class.field, array type): [arrays, bytes]} over every primitive array."""
    f = open(path, "rb")
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    p = m.find(b"\0") + 1
    ids = struct.unpack(">I", m[p:p + 4])[0]
    p += 12
    idf = ">Q" if ids == 8 else ">I"
    strings, class_names = {}, {}
    classes = {}  # class id -> (super id, [(name id, type)])
    prims = {}  # array id -> (type, bytes)
    segments = []
    while p < len(m):
        tag = m[p]
        length = struct.unpack(">I", m[p + 5:p + 9])[0]
        body = p + 9
        if tag == 0x01:
            strings[struct.unpack(idf, m[body:body + ids])[0]] = m[body + ids:body + length].decode(
                "utf-8", "replace")
        elif tag == 0x02:
            cid = struct.unpack(idf, m[body + 4:body + 4 + ids])[0]
            nid = struct.unpack(idf, m[body + 8 + ids:body + 8 + 2 * ids])[0]
            class_names[cid] = nid
        elif tag in (0x0C, 0x1C):
            segments.append((body, body + length))
        p = body + length
    fixed = {0xFF: ids, 0x01: 2 * ids, 0x02: ids + 8, 0x03: ids + 8, 0x04: ids + 4, 0x05: ids,
             0x06: ids + 4, 0x07: ids, 0x08: ids + 8}
    instances = []  # (class id, start, end) of instance data
    objarrays = []  # (array class id, start, count)

    def walk():
        for start, end in segments:
            q = start
            while q < end:
                sub = m[q]
                q += 1
                if sub in fixed:
                    q += fixed[sub]
                elif sub == 0x20:
                    cid = struct.unpack(idf, m[q:q + ids])[0]
                    sup = struct.unpack(idf, m[q + 4 + ids:q + 4 + 2 * ids])[0]
                    q += 4 + 7 * ids + 4
                    cp = struct.unpack(">H", m[q:q + 2])[0]
                    q += 2
                    for _ in range(cp):
                        t = m[q + 2]
                        q += 3 + (ids if t == 2 else PRIM_SIZE[t])
                    st = struct.unpack(">H", m[q:q + 2])[0]
                    q += 2
                    for _ in range(st):
                        t = m[q + ids]
                        q += ids + 1 + (ids if t == 2 else PRIM_SIZE[t])
                    nf = struct.unpack(">H", m[q:q + 2])[0]
                    q += 2
                    fields = []
                    for _ in range(nf):
                        fields.append((struct.unpack(idf, m[q:q + ids])[0], m[q + ids]))
                        q += ids + 1
                    classes[cid] = (sup, fields)
                elif sub == 0x21:
                    oid = struct.unpack(idf, m[q:q + ids])[0]
                    cid = struct.unpack(idf, m[q + ids + 4:q + 2 * ids + 4])[0]
                    n = struct.unpack(">I", m[q + 2 * ids + 4:q + 2 * ids + 8])[0]
                    q += 2 * ids + 8
                    instances.append((oid, cid, q))
                    q += n
                elif sub == 0x22:
                    oid = struct.unpack(idf, m[q:q + ids])[0]
                    n = struct.unpack(">I", m[q + ids + 4:q + ids + 8])[0]
                    acid = struct.unpack(idf, m[q + ids + 8:q + 2 * ids + 8])[0]
                    q += 2 * ids + 8
                    objarrays.append((oid, acid, q, n))
                    q += n * ids
                elif sub == 0x23:
                    aid = struct.unpack(idf, m[q:q + ids])[0]
                    n = struct.unpack(">I", m[q + ids + 4:q + ids + 8])[0]
                    t = m[q + ids + 8]
                    prims[aid] = (t, shallow(n, PRIM_SIZE[t]))
                    q += ids + 9 + n * PRIM_SIZE[t]
                else:
                    raise ValueError("unknown heap sub-record %#x at %d" % (sub, q - 1))

    walk()

    def cname(cid):
        return strings.get(class_names.get(cid), "?").replace("/", ".")

    layouts = {}  # class id -> [(offset, field name)] of reference fields, whole hierarchy

    def layout(cid):
        if cid in layouts:
            return layouts[cid]
        refs, off, c = [], 0, cid
        while c in classes:
            sup, fields = classes[c]
            for nid, t in fields:
                if t == 2:
                    refs.append((off, cname(cid) + "." + strings.get(nid, "?")))
                off += ids if t == 2 else PRIM_SIZE[t]
            c = sup
        layouts[cid] = refs
        return refs

    def referrers(targets):
        """target id -> (referring object id, "class.field" or "array class[*]"), the first found."""
        found = {}
        for oid, cid, start in instances:
            for off, name in layout(cid):
                v = struct.unpack(idf, m[start + off:start + off + ids])[0]
                if v in targets and v not in found:
                    found[v] = (oid, name)
        for oid, acid, start, n in objarrays:
            name = cname(acid) + "[*]"
            for i in range(n):
                v = struct.unpack(idf, m[start + i * ids:start + (i + 1) * ids])[0]
                if v in targets and v not in found:
                    found[v] = (oid, name)
        return found

    owner = referrers(prims)
    # A buffer or array wrapper says little (HeapByteBuffer.hb, Object[][*], long[][][*]): one
    # level up names who holds the wrapper.
    wrappers = {o for o, name in owner.values() if name.startswith(WRAPPERS)}
    above = referrers(wrappers)
    totals = defaultdict(lambda: [0, 0])
    for aid, (t, size) in prims.items():
        held = "(no referrer found: a root or a static)"
        if aid in owner:
            o, held = owner[aid]
            if o in above:
                held = above[o][1] + " → " + held
        key = (held, PRIM_NAME[t])
        totals[key][0] += 1
        totals[key][1] += size
    return totals


def main(argv):
    per, top, files = 1, 30, []
    i = 0
    while i < len(argv):
        if argv[i] == "--per":
            per, i = int(argv[i + 1]), i + 2
        elif argv[i] == "--top":
            top, i = int(argv[i + 1]), i + 2
        else:
            files.append(argv[i])
            i += 1
    a = read(files[0])
    if len(files) > 1:
        b = read(files[1])
        rows = [(k, b.get(k, [0, 0])[0] - a.get(k, [0, 0])[0], b.get(k, [0, 0])[1] - a.get(k, [0, 0])[1])
                for k in set(a) | set(b)]
        title = "growth from %s to %s, per unit (÷ %d)" % (files[0], files[1], per)
    else:
        rows = [(k, v[0], v[1]) for k, v in a.items()]
        title = "primitive arrays of %s (÷ %d)" % (files[0], per)
    rows.sort(key=lambda r: -r[2])
    print("%s\n\n| held by (class.field, or array class[*]) | array | arrays | bytes |\n|---|---|---|---|"
          % title)
    for (held, kind), n, size in rows[:top]:
        print("| `%s` | %s | %.2f | %.0f |" % (held, kind, n / per, size / per))
    print("| (all primitive arrays) | | | %.0f |" % (sum(r[2] for r in rows) / per))


if __name__ == "__main__":
    main(sys.argv[1:])
