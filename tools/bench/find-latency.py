#!/usr/bin/python3
"""Latency of study-level /tools/find on PatientName against a running server
holding scale.sh's data (../shared/bench/scale.py), next to GET /system as the
machine's floor. Prints {case: [median ms, fastest ms]}.

  find-latency.py PORT COUNT REPEAT     e.g. find-latency.py 8342 200000 300
"""
import http.client, json, statistics, time, sys
port = int(sys.argv[1]); count = int(sys.argv[2]); reps = int(sys.argv[3])
c = http.client.HTTPConnection('127.0.0.1', port)
def req(method, path, body=None):
    c.request(method, path, body); r = c.getresponse(); d = r.read(); assert r.status == 200, d; return d
q = lambda name: json.dumps({'Level': 'Study', 'Query': {'PatientName': name}, 'Limit': 100})
out = {}
cases = [('system', 'GET', '/system', None)] + [(l, 'POST', '/tools/find', q(p)) for l, p in [('exact', 'SCALE^P%012d' % (count // 40)), ('prefix', 'SCALE^P0000000001*'), ('contains', '*P00000000012*')]]
for label, m, path, body in cases:
    s = []
    for _ in range(reps):
        t = time.perf_counter(); req(m, path, body); s.append(time.perf_counter() - t)
    out[label] = (round(1000 * statistics.median(s), 2), round(1000 * min(s), 2))
print(json.dumps(out))
