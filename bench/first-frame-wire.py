#!/usr/bin/env python3
"""What the SFU's UDP port saw during a first-frame run (bench/README.md, "First frame", "On the
wire"): a loopback sniffer (root, AF_PACKET on 'lo'; no tcpdump needed) that times, per browser
transport (client port), the ICE checks (the one with USE-CANDIDATE, 4 bytes longer, nominates),
the DTLS handshake flights and the first video RTP packet sent to it, and the PLIs the server sends
to the shower with its key frame coming back.

    bench/first-frame-wire.py --port 38120 --seconds 40 &      # then run bench/first-frame-bench.sh
Prints one line per viewer transport, ms from its first ICE check.
"""
import argparse, collections, socket, struct, time

ap = argparse.ArgumentParser()
ap.add_argument('--port', type=int, required=True, help="the SFU's media UDP port")
ap.add_argument('--seconds', type=float, default=40)
a = ap.parse_args()

s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(3))
s.bind(('lo', 0))
s.settimeout(0.5)
seen, last = [], {}
end = time.time() + a.seconds
while time.time() < end:
    try:
        f = s.recv(65535)
    except socket.timeout:
        continue
    t = time.time()
    if len(f) < 42 or f[12:14] != b'\x08\x00' or f[14 + 9] != 17:
        continue
    ip = f[14:]
    ihl = (ip[0] & 15) * 4
    sp, dp = struct.unpack('!HH', ip[ihl:ihl + 4])
    p = ip[ihl + 8:]
    if a.port not in (sp, dp) or not p:
        continue
    out = sp == a.port
    client = dp if out else sp
    b = p[0]
    if b < 4:
        kind = 'stun-%s' % ('response' if p[0] == 1 else 'request')
    elif 20 <= b <= 63:
        kind = 'dtls'
    elif 128 <= b <= 191:
        kind = 'rtcp%d.%d' % (p[1], b & 31) if 192 <= p[1] <= 223 else 'rtp%d' % (p[1] & 127)
    else:
        continue
    key = (out, client, kind, len(p))
    if key in last and t - last[key] < 0.0005:  # 'lo' shows every datagram twice
        del last[key]
        continue
    last[key] = t
    seen.append((t, out, client, kind, len(p)))

by = collections.defaultdict(list)
for e in seen:
    by[e[2]].append(e)
sent_rtp = {c: sum(1 for e in es if not e[1] and e[3].startswith('rtp')) for c, es in by.items()}
shower = max(sent_rtp, key=sent_rtp.get) if sent_rtp else None
plis = [e[0] for e in by.get(shower, []) if e[1] and e[3] == 'rtcp206.1']
big_in = [e[0] for e in by.get(shower, []) if not e[1] and e[3].startswith('rtp') and e[4] > 1000]
print('shower transport: client port %s; %d PLIs to it' % (shower, len(plis)))
for c, es in by.items():
    if c == shower or not any(e[1] and e[3].startswith('rtp') and e[4] > 500 for e in es):
        continue
    t0 = es[0][0]
    ms = lambda t: '%.1f' % ((t - t0) * 1000) if t is not None else '–'
    first = lambda pred: next((e[0] for e in es if pred(e)), None)
    checks = [e for e in es if not e[1] and e[3] == 'stun-request']
    nominate = next((e[0] for e in checks if e[4] > checks[0][4]), None) if checks else None
    hello = first(lambda e: not e[1] and e[3] == 'dtls')
    server_flight = first(lambda e: e[1] and e[3] == 'dtls')
    client_flight2 = first(lambda e: not e[1] and e[3] == 'dtls' and e[4] > 400 and e[0] > (server_flight or 0))
    server_done = first(lambda e: e[1] and e[3] == 'dtls' and e[0] > (client_flight2 or 1e18))
    video = first(lambda e: e[1] and e[3].startswith('rtp') and e[4] > 500)
    pli = next((t for t in plis if server_done and t >= server_done - 0.001), None)
    key = next((t for t in big_in if pli and t >= pli), None)
    print('viewer port %d: check 0, nominating check %s, ClientHello %s, server hello %s, client'
          ' flight 2 %s, server Finished %s, PLI to shower %s, shower key frame in %s, first video'
          ' out %s' % (c, ms(nominate), ms(hello), ms(server_flight), ms(client_flight2),
                       ms(server_done), ms(pli), ms(key), ms(video)))
