#!/usr/bin/python3
"""A/B of Isengard variants on compare.sh's workloads (../shared/bench/run.py),
without the reference: each variant in turn, ROUNDS times, each run on a
fresh server and storage (ports 8244 and 4444). A variant is
NAME=JAVA_OPTIONS (given to bin/isengard as ISENGARD_JAVA_OPTS), optionally
followed by |LUA_SCRIPT for a "LuaScripts" entry. Prints each run, then the
medians. compare.sh must have made its full data set (/tmp/bench-data-full).

  ab.py 6 rest_ingest 'plain=' 'lua=|trivial.lua'
"""
import json, os, subprocess, sys, time, shutil, statistics, urllib.request
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RUN = os.path.join(REPO, '..', 'shared', 'bench', 'run.py')
rounds=int(sys.argv[1]); only=sys.argv[2]; variants=[v.split('=',1) for v in sys.argv[3:]]
W=os.path.join(os.environ.get('TMPDIR', '/tmp'), 'isengard-ab'); res={n:[] for n,_ in variants}
def wait():
    for i in range(240):
        try: urllib.request.urlopen('http://127.0.0.1:8244/system',timeout=1); return
        except Exception: time.sleep(0.5)
    raise SystemExit('no start')
for r in range(rounds):
    for name,opts in variants:
        lua=None
        if '|' in opts: opts,lua=opts.split('|')
        shutil.rmtree(W,ignore_errors=True); os.makedirs(W)
        cfg={"Name":"bench","HttpPort":8244,"DicomPort":4444,"DicomAet":"BENCH","StorageDirectory":W+"/s","IndexDirectory":W+"/s",
             "RemoteAccessAllowed":True,"AuthenticationEnabled":False,"DicomCheckCalledAet":False,
             "DicomModalities":{"benchscu":["BENCHSCU","127.0.0.1",11112]},"LimitFindResults":0,"LimitFindInstances":0,
             "StorageCompression":False,"HttpCompressionEnabled":False}
        if lua: cfg["LuaScripts"]=[os.path.abspath(lua)]
        json.dump(cfg,open(W+'/config.json','w'))
        env=dict(os.environ, ISENGARD_JAVA_OPTS=opts, TCP_NODELAY='1')
        p=subprocess.Popen([os.path.join(REPO,'bin','isengard'),W+'/config.json'],stdout=open(W+'/log','w'),stderr=subprocess.STDOUT,env=env)
        wait(); time.sleep(1)
        out=subprocess.run(['/usr/bin/python3',RUN,'--http','127.0.0.1:8244','--dicom','127.0.0.1:4444','--aet','BENCH',
            '--dataset-a','/tmp/bench-data-full/a','--dataset-b','/tmp/bench-data-full/b','--only',only],capture_output=True,text=True,env=env).stdout
        d=json.loads(out); res[name].append(d)
        p.terminate(); p.wait()
        summary={k:(v.get('instances_per_s') or v.get('median_ms') or v.get('MB_per_s')) for k,v in d.items() if isinstance(v,dict)}
        print(r,name,summary,flush=True)
print('medians:')
for name,_ in variants:
    ks=[k for k in res[name][0] if isinstance(res[name][0][k],dict)]
    print(name,{k:statistics.median([(d[k].get('instances_per_s') or d[k].get('median_ms') or d[k].get('MB_per_s')) for d in res[name]]) for k in ks})
