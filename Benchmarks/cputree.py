#!/usr/bin/env python3
"""Runs a command and prints "WALL CPU PEAK_RSS_MIB" for it and every process it starts.

Why not /usr/bin/time: a Spark job's CPU is spent in the JVM, its Python workers and the metka
processes they pipe to, and not all of those are waited for by their parents, so getrusage of
the children misses most of it. This samples /proc every 0.1 s and sums each process's own
utime+stime at its last sample (a process's last < 0.1 s, and processes shorter than that, are
missed: a small undercount). PEAK_RSS is the largest sum of the tree's resident sets seen.
Usage: cputree.py OUTFILE CMD ARGS...  (the command's stdout/stderr pass through)
"""
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def snapshot():
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        # fields[1] = ppid, [11] = utime, [12] = stime, [21] = rss pages (after the comm field)
        procs[int(pid)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, int(fields[21]) * PAGE,
                           fields[19])  # start time tells a reused pid apart
    return procs


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    started = time.time()
    child = subprocess.Popen(cmd)
    cpu, peak = {}, 0
    while True:
        procs = snapshot()
        tree, frontier = set(), {child.pid}
        while frontier:
            tree |= frontier
            frontier = {p for p, v in procs.items() if v[0] in frontier and p not in tree}
        rss = 0
        for p in tree:
            if p in procs:
                cpu[(p, procs[p][3])] = procs[p][1]
                rss += procs[p][2]
        peak = max(peak, rss)
        if child.poll() is not None:
            break
        time.sleep(0.1)
    with open(out, "w") as f:
        f.write(f"{time.time() - started:.2f} {sum(cpu.values()):.2f} {peak / 2**20:.0f}\n")
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
