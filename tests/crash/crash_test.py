#!/usr/bin/python3
"""Crash safety of `govsim run` and `govsim batch`, proven by killing them (docs/reliability.md).

Usage: crash_test.py GOVSIM WORKDIR PART, PART one of
  journal-damage   every kind of damage to a journal entry is detected, the run computed again, and the
                   resumed file equals an uninterrupted batch's, bit for bit
  kill-run         govsim run killed (SIGKILL) at each named moment and after increasing delays: no file at
                   the final path unless it is whole; the next run removes the dead run's partial file
  kill-batch       govsim batch killed at each named moment and after increasing delays: no file at the final
                   path unless whole; every resumed batch equals the uninterrupted one
  concurrency      two batches on one journal (the second refused, naming the first's pid); two runs writing
                   one path (both succeed, the file is whole)
  full-disk        a full file system (a 2 MB tmpfs) and a read-only one: exit 1, "cannot write FILE: ...",
                   nothing at the final path, no temporary file (skipped when mount is not permitted)
  durability       (strace) each file renamed into place was fsynced before, its directory after; the
                   journal is removed only once the batch file is durable (skipped without strace)
  mpi-kill         under mpirun -np 2, a rank killed mid-batch ends the job with an error and no output
                   file; the journal resumes to the uninterrupted file (skipped without MPI)
The kills use the test hook GOVSIM_CRASH_AT=POINT[:N][:pause] (sim/output/atomic.hpp): the process kills
itself with SIGKILL at the N-th time it reaches POINT, or pauses there to be killed from outside.
Exit 0 when every check holds, 77 when the part is skipped."""
import os
import shutil
import signal
import subprocess
import sys
import time

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from compare_h5 import compare, EXECUTION  # noqa: E402

GOVSIM, WORK, PART = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
# A short batch: 4 runs (2 x 2 factorial) x 1 replicate, 2020-01 to 2020-04 after a 2-month spin-up.
BATCH = ["batch", "crash-small-experiment.toml", "--out", "out.h5", "-q", "--end", "2020-04", "--replicates", "1",
         "--threads", "2"]
RUN = ["run", "crash-base.toml", "--out", "out.h5", "-q", "--end", "2020-04", "--replicates", "1", "--threads", "1"]
KILLED = -signal.SIGKILL
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAILED:", what, flush=True)
    return cond


def fresh(name):
    d = os.path.join(WORK, PART, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for f in ("crash-base.toml", "crash-small-experiment.toml"):
        shutil.copy(os.path.join(HERE, f), d)
    return d


def govsim(d, args, crash=None, **kw):
    env = dict(os.environ)
    env.pop("GOVSIM_CRASH_AT", None)
    if crash:
        env["GOVSIM_CRASH_AT"] = crash
    return subprocess.run([GOVSIM] + args, cwd=d, env=env, capture_output=True, text=True, **kw)


def leftovers(d):
    """Temporary files, journals and locks left in d."""
    return sorted(f for f in os.listdir(d) if ".partial-" in f or f.endswith(".journal") or f.endswith(".lock"))


def whole_equal(reference, path):
    """The file opens and holds every dataset and attribute of the reference, equal to the bit."""
    try:
        return compare(reference, path, EXECUTION) == []
    except OSError as e:
        print("cannot open", path, e)
        return False


def reference(kind):
    d = fresh("reference-" + kind)
    r = govsim(d, BATCH if kind == "batch" else RUN)
    assert r.returncode == 0, r.stderr
    return os.path.join(d, "out.h5")


# ---------------------------------------------------------------- journal damage
def snapshot_journal():
    """A batch killed during assembly: every run's entry in the journal, no output file."""
    d = fresh("snapshot")
    r = govsim(d, BATCH, crash="batch.write")
    assert r.returncode == KILLED, (r.returncode, r.stderr)
    assert not os.path.exists(os.path.join(d, "out.h5"))
    entries = sorted(f for f in os.listdir(os.path.join(d, "out.h5.journal")) if f.endswith(".bin"))
    assert entries == [f"run-{i:07d}.bin" for i in range(4)], entries
    return d


def patch(offset, data):
    def f(p):
        with open(p, "r+b") as fh:
            fh.seek(offset)
            fh.write(data)
    return f


def truncate(n):
    def f(p):
        size = os.path.getsize(p)
        os.truncate(p, n if n >= 0 else size + n)
    return f


def replace_with(make):
    def f(p):
        data = make(p)
        os.remove(p)
        if data is not None:
            with open(p, "wb") as fh:
                fh.write(data)
    return f


def flip(offset, mask=0x10):
    def f(p):
        with open(p, "r+b") as fh:
            fh.seek(offset)
            b = fh.read(1)
            fh.seek(offset)
            fh.write(bytes([b[0] ^ mask]))
    return f


def flip_from_end(back):
    return lambda p: flip(os.path.getsize(p) - back)(p)


def u32(v):
    return v.to_bytes(4, "little")


def other_entry(p):
    with open(os.path.join(os.path.dirname(p), "run-0000002.bin"), "rb") as fh:
        return fh.read()


def old_format(p):
    with open(p, "rb") as fh:
        return b"GOVSIMR1" + fh.read()[8:]


def directory(p):
    os.remove(p)
    os.mkdir(p)
    with open(os.path.join(p, "x"), "w") as fh:
        fh.write("x")


def symlink(p):
    os.remove(p)
    os.symlink("run-0000002.bin", p)


NAN = bytes.fromhex("000000000000f87f")
# (name, damage to run 1's entry, what the line on stderr must say)
DAMAGE = [
    ("one data bit flipped (the reproducer)", flip(56 + 8 * 100 + 6), "checksum mismatch"),
    ("a NaN written into the data", patch(56 + 8 * 10, NAN), "checksum mismatch"),
    ("units field 0x00100000", patch(32, u32(0x00100000)), "header: units 1048576, a batch without --by-unit has 0"),
    ("units field 0xFFFFFFFF", patch(32, u32(0xFFFFFFFF)), "header: units 4294967295"),
    ("months field -1", patch(28, u32(0xFFFFFFFF)), "header: months 4294967295, the experiment has 4"),
    ("replicates field -1", patch(24, u32(0xFFFFFFFF)), "header: replicates 4294967295, the experiment has 1"),
    ("counties field", patch(36, u32(7)), "header: counties 7"),
    ("run field", patch(16, u32(3)), "header: run 3, the file name says 1"),
    ("key", flip(9), "written by another batch"),
    ("magic", patch(0, b"XOVSIMJ2"), "not a journal entry of this format"),
    ("payload length", patch(48, (123).to_bytes(8, "little")), "the header declares 123 bytes of data"),
    ("emptied", truncate(0), "truncated: 0 bytes"),
    ("one byte short", truncate(-1), "truncated or damaged"),
    ("cut in half", lambda p: truncate(os.path.getsize(p) // 2)(p), "truncated or damaged"),
    ("one byte appended", lambda p: open(p, "ab").write(b"\0"), "truncated or damaged"),
    ("stored checksum flipped", flip_from_end(12), "checksum mismatch"),
    ("end marker damaged", flip_from_end(3), "no end marker"),
    ("another run's entry copied in", replace_with(other_entry), "header: run 2, the file name says 1"),
    ("an entry of the old format", replace_with(old_format), "not a journal entry of this format"),
    ("zeros of the same size", replace_with(lambda p: bytes(os.path.getsize(p))), "not a journal entry"),
    ("a directory in its place", directory, "not a regular file"),
    ("a symbolic link in its place", symlink, "cannot be opened"),
]


def limit_memory():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # 3 GB: the old reader asked for 17 GB


def part_journal_damage():
    ref = reference("batch")
    snap = snapshot_journal()
    for name, damage, reason in DAMAGE:
        d = os.path.join(WORK, PART, "damage")
        shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(snap, d, symlinks=True)
        damage(os.path.join(d, "out.h5.journal", "run-0000001.bin"))
        t0 = time.time()
        r = govsim(d, BATCH, preexec_fn=limit_memory, timeout=120)
        secs = time.time() - t0
        lines = [x for x in r.stderr.splitlines() if "is computed again" in x]
        ok = check(r.returncode == 0, f"{name}: the resumed batch exits {r.returncode}: {r.stderr}")
        ok &= check(len(lines) == 1 and lines[0].startswith("govsim batch: run 1 is computed again: its journal "
                                                            "entry out.h5.journal/run-0000001.bin is damaged ("),
                    f"{name}: one line naming run 1: {r.stderr!r}")
        ok &= check(bool(lines) and reason in lines[0], f"{name}: the line says '{reason}': {r.stderr!r}")
        ok &= check(ok and whole_equal(ref, os.path.join(d, "out.h5")), f"{name}: the resumed file differs")
        ok &= check(leftovers(d) == [], f"{name}: left {leftovers(d)}")
        print(f"{'ok' if ok else 'FAILED'}: {name}: {secs:.1f} s, {lines[0] if lines else r.stderr.strip()}",
              flush=True)
    # a --by-unit batch: units are legitimately non-zero, so a damaged units field must meet the other checks
    by_unit = BATCH + ["--by-unit", "yes"]
    d = fresh("by-unit-ref")
    r = govsim(d, by_unit)
    assert r.returncode == 0, r.stderr
    ref_u = os.path.join(d, "out.h5")
    for run, value, reason in [(0, 0x00100000, "sizes inconsistent"), (1, 0x00100000, "the batch's other runs have"),
                               (2, 0xFFFFFFFF, "header: units 4294967295, allowed: 1 to 16777216")]:
        d = fresh("by-unit")
        r = govsim(d, by_unit, crash="batch.write")
        assert r.returncode == KILLED, r.stderr
        patch(32, u32(value))(os.path.join(d, "out.h5.journal", f"run-{run:07d}.bin"))
        r = govsim(d, by_unit, preexec_fn=limit_memory, timeout=120)
        what = f"--by-unit, run {run}'s units set to {value:#x}"
        check(r.returncode == 0 and f"run {run} is computed again" in r.stderr and reason in r.stderr,
              f"{what}: {r.returncode} {r.stderr!r}")
        check(whole_equal(ref_u, os.path.join(d, "out.h5")), f"{what}: the resumed file differs")
        print(f"ok: {what}: {r.stderr.strip()}", flush=True)


# ---------------------------------------------------------------- kills of govsim run
def part_kill_run():
    ref = reference("run")
    for point in ["run.write", "run.rename", "run.renamed"]:
        d = fresh("run-" + point)
        r = govsim(d, RUN, crash=point)
        out = os.path.join(d, "out.h5")
        check(r.returncode == KILLED, f"{point}: exit {r.returncode}, not killed: {r.stderr}")
        if point == "run.renamed":
            check(whole_equal(ref, out), f"{point}: the file at the final path is not whole")
        else:
            check(not os.path.exists(out), f"{point}: a file at the final path")
            check(len([f for f in os.listdir(d) if ".partial-" in f]) == 1, f"{point}: no partial file was written")
        r = govsim(d, RUN)  # the next run: succeeds, and removes the dead run's partial file
        check(r.returncode == 0 and whole_equal(ref, out), f"{point}: the run after the kill: {r.stderr}")
        check(leftovers(d) == [], f"{point}: left {leftovers(d)} after the next run")
        print(f"ok: govsim run killed at {point}", flush=True)
    # a real kill -9 from outside, after increasing delays: the final file is whole or absent
    t0 = time.time()
    assert govsim(fresh("timing"), RUN).returncode == 0
    full = time.time() - t0
    seen = {"absent": 0, "whole": 0}
    n = 8
    for k in range(n):
        d = fresh("run-delay")
        p = subprocess.Popen([GOVSIM] + RUN, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * (0.3 + 1.2 * k / (n - 1)))
        p.send_signal(signal.SIGKILL)
        p.wait()
        out = os.path.join(d, "out.h5")
        if os.path.exists(out):
            seen["whole"] += 1
            check(whole_equal(ref, out), f"kill after {k}: a file at the final path that is not whole")
        else:
            seen["absent"] += 1
    print(f"ok: {n} kills of govsim run after 30%..150% of its {full:.2f} s: {seen}", flush=True)


# ---------------------------------------------------------------- kills of govsim batch
BATCH_POINTS = ["batch.entry.write:1", "batch.entry.write:3", "batch.entry.rename:1", "batch.entry.rename:4",
                "batch.write", "batch.rename", "batch.renamed", "batch.journal.remove", "batch.journal.removing"]


def resume_and_compare(d, ref, what):
    r = govsim(d, BATCH)
    ok = check(r.returncode == 0, f"{what}: the resumed batch exits {r.returncode}: {r.stderr}")
    ok &= check(ok and whole_equal(ref, os.path.join(d, "out.h5")), f"{what}: the resumed file differs")
    ok &= check(leftovers(d) == [], f"{what}: left {leftovers(d)}")
    return ok


def part_kill_batch():
    ref = reference("batch")
    for point in BATCH_POINTS:
        d = fresh("batch-" + point.replace(":", "-"))
        r = govsim(d, BATCH, crash=point)
        out = os.path.join(d, "out.h5")
        check(r.returncode == KILLED, f"{point}: exit {r.returncode}, not killed: {r.stderr}")
        if point.startswith("batch.entry."):  # killed with an entry under its temporary name
            tmp = [f for f in os.listdir(os.path.join(d, "out.h5.journal")) if ".tmp-" in f]
            check(len(tmp) >= 1, f"{point}: no journal entry was being written")
        whole_expected = point in ("batch.renamed", "batch.journal.remove", "batch.journal.removing")
        if whole_expected:
            check(whole_equal(ref, out), f"{point}: the file at the final path is not whole")
        else:
            check(not os.path.exists(out), f"{point}: a file at the final path")
        if resume_and_compare(d, ref, point):
            print(f"ok: govsim batch killed at {point}, resumed to the same file", flush=True)
    # a real kill -9 from outside, after increasing delays, each resumed
    t0 = time.time()
    assert govsim(fresh("timing"), BATCH).returncode == 0
    full = time.time() - t0
    n = 6
    for k in range(n):
        d = fresh("batch-delay")
        p = subprocess.Popen([GOVSIM] + BATCH, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(full * (0.15 + 0.9 * k / (n - 1)))
        p.send_signal(signal.SIGKILL)
        p.wait()
        out = os.path.join(d, "out.h5")
        check(not os.path.exists(out) or whole_equal(ref, out), f"delay {k}: a file at the final path, not whole")
        resume_and_compare(d, ref, f"kill after {k}/{n}")
    print(f"ok: {n} kills of govsim batch after 15%..105% of its {full:.2f} s, each resumed to the same file",
          flush=True)


# ---------------------------------------------------------------- concurrency
def wait_for_pause(p, timeout=120):
    """The line of a process paused by the hook (it stays paused until killed)."""
    deadline = time.time() + timeout
    line = ""
    while time.time() < deadline and "paused at" not in line:
        line = p.stderr.readline()
        if not line and p.poll() is not None:
            break
    return line


def part_concurrency():
    ref = reference("batch")
    d = fresh("two-batches")
    env = dict(os.environ, GOVSIM_CRASH_AT="batch.entry.rename:2:pause")
    first = subprocess.Popen([GOVSIM] + BATCH, cwd=d, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    line = wait_for_pause(first)
    check("paused at batch.entry.rename" in line, f"the first batch did not pause: {line!r}")
    second = govsim(d, BATCH)
    want = f"govsim batch: error: another govsim batch is using out.h5.journal (pid {first.pid})"
    check(second.returncode == 1, f"the second batch exits {second.returncode}")
    check(second.stderr.strip() == want, f"the second batch says {second.stderr!r}, expected {want!r}")
    first.send_signal(signal.SIGKILL)
    first.wait()
    if resume_and_compare(d, ref, "two batches on one journal"):
        print(f"ok: a second batch on a journal in use: {second.stderr.strip()}", flush=True)
    # two runs writing one path at once: both succeed (each its own partial file), the file is whole
    ref_run = reference("run")
    d = fresh("two-runs")
    for trial in range(3):
        procs = [subprocess.Popen([GOVSIM] + RUN, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        codes = [p.wait() for p in procs]
        errs = [p.stderr.read() for p in procs]
        check(codes == [0, 0], f"two runs on one path: exits {codes}: {errs}")
        check(whole_equal(ref_run, os.path.join(d, "out.h5")), "two runs on one path: the file is not whole")
        check(leftovers(d) == [], f"two runs on one path left {leftovers(d)}")
    print("ok: two runs writing one path at once, 3 times: both exit 0, the file whole", flush=True)


# ---------------------------------------------------------------- full and read-only file systems
def mount_tmpfs(path, opts):
    os.makedirs(path, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", path], capture_output=True, text=True)
    return r.returncode == 0


def umount(path):
    subprocess.run(["umount", "-l", path], capture_output=True)


def fill(path):
    """Fills the file system of `path` to the last byte."""
    fd = os.open(os.path.join(path, "filler"), os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def part_full_disk():
    mnt = os.path.join(WORK, PART, "mnt")
    umount(mnt)
    if not mount_tmpfs(mnt, "size=2m"):
        print("SKIPPED: mounting a tmpfs is not permitted here (needs root)")
        sys.exit(77)
    try:
        for f in ("crash-base.toml", "crash-small-experiment.toml"):
            shutil.copy(os.path.join(HERE, f), mnt)
        # govsim run: the reproducer's run (2 replicates to 2021-06) does not fit in 2 MB
        r = govsim(mnt, ["run", "--end", "2021-06", "--replicates", "2", "--threads", "1", "--quiet", "--out",
                         "full/o.h5"])
        check(r.returncode == 1, f"run on a full disk: exit {r.returncode} (139 was the crash): {r.stderr}")
        check(r.stderr.strip() == "govsim run: error: cannot write full/o.h5: no space left on device",
              f"run on a full disk says {r.stderr!r}")
        check(os.listdir(os.path.join(mnt, "full")) == [], f"run on a full disk left {os.listdir(mnt + '/full')}")
        print(f"ok: govsim run on a full disk: {r.stderr.strip()}", flush=True)
        # batch: the journal fits, the assembled file does not
        ref = reference("batch")
        d = os.path.join(mnt, "b")
        os.makedirs(d)
        for f in ("crash-base.toml", "crash-small-experiment.toml"):
            shutil.copy(os.path.join(HERE, f), d)
        r = govsim(d, BATCH, crash="batch.write")
        assert r.returncode == KILLED, r.stderr
        # and a batch killed in its first journal entry: its journal has a KEY, no entry
        d2 = os.path.join(mnt, "c")
        os.makedirs(d2)
        for f in ("crash-base.toml", "crash-small-experiment.toml"):
            shutil.copy(os.path.join(HERE, f), d2)
        r = govsim(d2, BATCH, crash="batch.entry.write:1")
        assert r.returncode == KILLED, r.stderr
        j2 = os.path.join(d2, "out.h5.journal")
        for f in os.listdir(j2):
            if ".tmp-" in f:
                os.remove(os.path.join(j2, f))
        for f in os.listdir(d):  # the killed batch's partial file: its space would let the next one fit
            if ".partial-" in f:
                os.remove(os.path.join(d, f))
        fill(mnt)
        r = govsim(d, BATCH)
        check(r.returncode == 1, f"batch assembly on a full disk: exit {r.returncode}: {r.stderr}")
        check(r.stderr.strip() == "govsim batch: error: cannot write out.h5: no space left on device",
              f"batch assembly on a full disk says {r.stderr!r}")
        check(sorted(os.listdir(d)) == ["crash-base.toml", "crash-small-experiment.toml", "out.h5.journal"],
              f"batch assembly on a full disk left {sorted(os.listdir(d))}")
        print(f"ok: batch assembly on a full disk: {r.stderr.strip()}", flush=True)
        # a journal entry on a full disk
        r = govsim(d2, BATCH)
        check(r.returncode == 1 and r.stderr.startswith("govsim batch: error: cannot write out.h5.journal/run-") and
              r.stderr.strip().endswith(".bin: no space left on device"),
              f"a journal write on a full disk: {r.returncode} {r.stderr!r}")
        left = sorted(os.listdir(j2))  # the entries that fitted, whole: no temporary file
        check("KEY" in left and all(f == "KEY" or (f.startswith("run-") and f.endswith(".bin")) for f in left),
              f"a journal write on a full disk left {left}")
        check(not os.path.exists(os.path.join(d2, "out.h5")), "a journal write on a full disk left out.h5")
        print(f"ok: a journal write on a full disk: {r.stderr.strip()}", flush=True)
        os.remove(os.path.join(mnt, "filler"))
        for where in (d, d2):  # space again: each journal resumes to the uninterrupted file, no entry damaged
            r = govsim(where, BATCH)
            check(r.returncode == 0 and "computed again" not in r.stderr and
                  whole_equal(ref, os.path.join(where, "out.h5")), f"resumed after the disk was freed: {r.stderr}")
            os.remove(os.path.join(where, "out.h5"))
        print("ok: resumed after the disk was freed: the same file", flush=True)
    finally:
        umount(mnt)
    ro = os.path.join(WORK, PART, "ro")
    umount(ro)
    if mount_tmpfs(ro, "size=1m,ro"):
        try:
            cwd = os.path.dirname(ro)
            shutil.copy(os.path.join(HERE, "crash-base.toml"), cwd)
            shutil.copy(os.path.join(HERE, "crash-small-experiment.toml"), cwd)
            r = govsim(cwd, RUN[:3] + ["ro/x.h5"] + RUN[4:])
            check(r.returncode == 1 and r.stderr.strip() == "govsim run: error: cannot write ro/x.h5: read-only file "
                  "system", f"run into a read-only directory: {r.returncode} {r.stderr!r}")
            r = govsim(cwd, RUN[:3] + ["ro/sub/x.h5"] + RUN[4:])
            check(r.returncode == 1 and "cannot write ro/sub/x.h5: cannot create the directory ro/sub: read-only "
                  "file system" in r.stderr, f"run into a new directory of a read-only one: {r.stderr!r}")
            r = govsim(cwd, BATCH[:3] + ["ro/x.h5"] + BATCH[4:])
            check(r.returncode == 1 and r.stderr.strip() == "govsim batch: error: cannot write ro/x.h5.journal.lock: "
                  "read-only file system",
                  f"batch into a read-only directory: {r.returncode} {r.stderr!r}")
            print(f"ok: a read-only directory: {r.stderr.strip()}", flush=True)
        finally:
            umount(ro)


# ---------------------------------------------------------------- durability: the order of the system calls
def traced(d, args):
    """The system calls of `govsim ARGS` that make a write durable, in order: (call, path or fd, result)."""
    trace = os.path.join(d, "trace.txt")
    r = subprocess.run(["strace", "-f", "-qq", "-o", trace, "-e", "trace=openat,fsync,rename,renameat,renameat2,"
                        "unlink,unlinkat,close", GOVSIM] + args, cwd=d, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    calls, fds = [], {}
    import re
    for line in open(trace):
        m = re.match(r'\d+ +(\w+)\((.*)\) += (-?\d+)', line)
        if not m:
            continue
        name, a, ret = m.group(1), m.group(2), int(m.group(3))
        paths = re.findall(r'"([^"]*)"', a)
        if name == "openat" and ret >= 0:
            fds[ret] = os.path.normpath(os.path.join(d, paths[0]))
        elif name == "close":
            fds.pop(int(a.split(",")[0]), None)
        elif name == "fsync":
            calls.append(("fsync", fds.get(int(a), "?"), ret))
        elif name.startswith("rename"):
            calls.append(("rename", tuple(os.path.normpath(os.path.join(d, p)) for p in paths), ret))
        elif name.startswith("unlink"):
            calls.append(("unlink", os.path.normpath(os.path.join(d, paths[0])), ret))
    return calls


def check_durable(calls, final, what):
    """Each rename into place follows an fsync of the file renamed, and is followed by an fsync of its directory."""
    renames = [i for i, c in enumerate(calls) if c[0] == "rename" and c[2] == 0 and c[1][1] == final]
    if not check(len(renames) == 1, f"{what}: {final} renamed into place {len(renames)} times"):
        return -1
    i = renames[0]
    src = calls[i][1][0]
    check(any(c == ("fsync", src, 0) for c in calls[:i]), f"{what}: {src} not fsynced before its rename")
    check(any(c == ("fsync", os.path.dirname(final), 0) for c in calls[i:]),
          f"{what}: the directory of {final} not fsynced after the rename")
    return i


def part_durability():
    if not shutil.which("strace"):
        print("SKIPPED: strace not installed (scripts/install-deps.sh installs it)")
        sys.exit(77)
    d = fresh("durable-run")
    check_durable(traced(d, RUN), os.path.join(d, "out.h5"), "govsim run")
    d = fresh("durable-batch")
    calls = traced(d, BATCH[:-1] + ["1"])  # one thread: strace then prints each call whole, on one line
    journal = os.path.join(d, "out.h5.journal")
    for run in range(4):
        check_durable(calls, os.path.join(journal, f"run-{run:07d}.bin"), f"journal entry {run}")
    check_durable(calls, os.path.join(journal, "KEY"), "the journal's KEY")
    i = check_durable(calls, os.path.join(d, "out.h5"), "govsim batch")
    synced = next((k for k in range(i, len(calls)) if calls[k] == ("fsync", d, 0)), None)
    removed = [k for k, c in enumerate(calls) if c[0] == "unlink" and c[2] == 0 and c[1].startswith(journal + "/run-")]
    check(synced is not None and len(removed) == 4 and min(removed) > synced,
          "the journal's entries removed before the batch file's rename was made durable")
    print(f"ok: fsync before each rename and of the directory after it ({len(calls)} calls traced); the journal "
          "removed only after the batch file is durable", flush=True)


# ---------------------------------------------------------------- MPI
def part_mpi_kill():
    if not shutil.which("mpirun"):
        print("SKIPPED: mpirun not installed")
        sys.exit(77)
    ref = reference("batch")
    d = fresh("mpi")
    mpi = ["mpirun", "--allow-run-as-root", "--oversubscribe"]
    # rank 1 kills itself as its first entry is complete (before the rename); rank 0 runs on
    cmd = mpi + ["-np", "1", GOVSIM] + BATCH + [":", "-np", "1", "env", "GOVSIM_CRASH_AT=batch.entry.rename:1",
                                                 GOVSIM] + BATCH
    t0 = time.time()
    r = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=120)
    secs = time.time() - t0
    text = r.stdout + r.stderr
    check(r.returncode != 0, f"mpirun exits {r.returncode} when a rank is killed")
    check("signal 9" in text or "Killed" in text, f"mpirun names the killed rank: {text!r}")
    check(not os.path.exists(os.path.join(d, "out.h5")), "a killed rank left out.h5")
    check(secs < 60, f"the job took {secs:.0f} s to end after a rank was killed")
    print(f"ok: a rank killed under mpirun: exit {r.returncode} after {secs:.1f} s", flush=True)
    r = subprocess.run(mpi + ["-np", "2", GOVSIM] + BATCH, cwd=d, capture_output=True, text=True, timeout=300)
    check(r.returncode == 0, f"the resumed MPI batch exits {r.returncode}: {r.stdout + r.stderr}")
    check(whole_equal(ref, os.path.join(d, "out.h5")), "the resumed MPI batch differs from the uninterrupted one")
    with h5py.File(os.path.join(d, "out.h5"), "r") as f:
        check(f.attrs["ranks"] == 2, "govsim was not built with MPI")
        check(f.attrs["resumed_runs"] >= 1, "nothing was resumed from the journal")
    check(leftovers(d) == [], f"left {leftovers(d)}")
    print("ok: resumed on 2 ranks to the uninterrupted file", flush=True)


PARTS = {"journal-damage": part_journal_damage, "kill-run": part_kill_run, "kill-batch": part_kill_batch,
         "concurrency": part_concurrency, "full-disk": part_full_disk, "durability": part_durability,
         "mpi-kill": part_mpi_kill}

if __name__ == "__main__":
    t0 = time.time()
    PARTS[PART]()
    print(f"{PART}: {len(failures)} failure(s), {time.time() - t0:.0f} s")
    sys.exit(1 if failures else 0)
