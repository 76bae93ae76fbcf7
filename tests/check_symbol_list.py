#!/usr/bin/env python3
"""check_symbol_list.py LIST SHARED_LIB AMALG_STATIC_LIB

The exported ABI is a reviewed list: lib/hooksock.symbols (one name a line,
sorted). Fails, printing the difference, if the shared library exports a
function that is not in the list (an export added without updating it) or
lacks one that is (an export removed or lost, e.g. a missing HK_API), or if
the amalgamated object's external definitions differ from the list. Before
judging, it proves that it can fail: the comparison must report a list with
one name dropped and one name added.

After a deliberate API change: regenerate the list with
  nm -D --defined-only build/gcc/libhooksock.so | awk 'NF==3{print $3}' |
    grep '^hk_' | LC_ALL=C sort > lib/hooksock.symbols
and let the diff be reviewed with the change.
"""
import subprocess
import sys

IGNORED = {"_init", "_fini", "__bss_start", "_edata", "_end"}


def defined(lib):
    if ".so" in lib.rsplit("/", 1)[-1]:
        cmd = ["nm", "-D", "--defined-only", lib]
    else:
        cmd = ["nm", "-g", "--defined-only", lib]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    syms = set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] not in IGNORED:
            syms.add(f[2].split("@")[0])
    return syms


def compare(expected, actual, what):
    missing = sorted(expected - actual)
    extra = sorted(actual - expected)
    msgs = []
    for s in missing:
        msgs.append("%s: missing export (in the list, not in the library): %s" % (what, s))
    for s in extra:
        msgs.append("%s: unlisted export (in the library, not in the list): %s" % (what, s))
    return msgs


def main():
    listfile, shared, amalg = sys.argv[1:4]
    lines = [l.strip() for l in open(listfile) if l.strip() and not l.startswith("#")]
    expected = set(lines)
    status = 0
    if lines != sorted(lines, key=lambda s: s.encode()) or len(lines) != len(expected):
        print("FAIL %s: not sorted (LC_ALL=C) or has duplicates" % listfile)
        status = 1
    so = defined(shared)
    a = defined(amalg)
    # Self-check: a list with one name dropped and a bogus one added must be
    # reported both ways, or this test could not fail.
    probe = set(expected)
    dropped = sorted(probe)[0]
    probe.discard(dropped)
    probe.add("hk_no_such_export")
    got = compare(probe, (probe | {dropped}) - {"hk_no_such_export"}, "probe")
    if len(got) != 2 or dropped not in got[1] or "hk_no_such_export" not in got[0]:
        print("FAIL: self-check did not detect a changed list: %r" % got)
        return 1
    for what, syms in (("shared " + shared, so), ("amalgamation " + amalg, a)):
        msgs = compare(expected, syms, what)
        if msgs:
            print("\n".join(msgs))
            status = 1
        else:
            print("ok %s: %d exports match %s" % (what, len(syms), listfile))
    return status


if __name__ == "__main__":
    sys.exit(main())
