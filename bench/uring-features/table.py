import re,statistics,collections
rows=collections.defaultdict(list); order=[]
for line in open('bench/uring-features/results.txt'):
    m=re.match(r"round=(\d+) size=(\d+) cfg=(\S+) flags='([^']*)' :: ",line)
    a=re.search(r"loop thread utime/stime ticks: (\d+) (\d+) -> (\d+) (\d+) ; process: .* over (\d+) s",line)
    b=re.search(r"rt/s (\d+)\s+cpu us/rt ([\d.]+)",line)
    if not (m and a and b): continue
    r,size,cfg,flags=m.groups(); u0,s0,u1,s1,secs=a.groups(); rts,cpu=b.groups()
    rts=int(rts); secs=int(secs)
    n=rts*secs
    key=(int(size),cfg)
    if key not in rows: order.append(key)
    rows[key].append((rts,float(cpu),(int(u1)-int(u0))*1e4/n,(int(s1)-int(s0))*1e4/n,flags))
med=statistics.median
print("| size | configuration | rt/s (median) | server CPU µs/rt (median) | loop thread user µs/rt | loop thread sys µs/rt | rounds: rt/s | rounds: CPU µs/rt |")
print("|---|---|---|---|---|---|---|---|")
for key in sorted(order,key=lambda k:(k[0],order.index(k))):
    v=rows[key]
    print(f"| {key[0]} | {key[1]} | {med([x[0] for x in v]):.0f} | {med([x[1] for x in v]):.2f} | {med([x[2] for x in v]):.2f} | {med([x[3] for x in v]):.2f} | {' / '.join(str(x[0]) for x in v)} | {' / '.join('%.2f'%x[1] for x in v)} |")
print()
for key in order[:7]:
    print(f"- `{key[1]}`: `{rows[key][0][4]}`")
