#!/usr/bin/env python3
"""Golden values for runtime/libm.ts: glibc's exp, log, pow (and fma) on this machine.

Writes test/golden/libm.json: for each function a list of "args... result" strings, every double as
its 16-hex-digit IEEE-754 bit pattern, so nothing is lost in decimal conversion.

The reference is glibc's libm itself. Each value is computed by calling libm.so.6 through ctypes
(exp@GLIBC_2.29 and friends, the same entry points a C program such as NEURON links) and, where
Python's math module returns a value instead of raising (math.exp overflow, math.log(0), ...),
checked to be identical to math.exp / math.log / math.pow, which call the same functions.

glibc picks its exp/log/pow implementation at load time (ifunc): on x86_64 CPUs with FMA and AVX2
it runs __exp_fma / __log_fma / __pow_fma, whose results differ in the last bit from the SSE2
variants for some inputs. runtime/libm.ts reproduces the FMA variants (what NEURON gets on any
current x86_64), so this script refuses to run on a CPU without FMA/AVX2. Generated with glibc 2.36
(Debian 12); the algorithms have not changed since 2.28.

Usage: python3 test/golden/make_libm.py   (deterministic: fixed seed)
"""

import ctypes
import json
import math
import os
import platform
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "libm.json")

libm = ctypes.CDLL("libm.so.6")
for name, nargs in (("exp", 1), ("log", 1), ("pow", 2), ("fma", 3)):
    fn = getattr(libm, name)
    fn.restype = ctypes.c_double
    fn.argtypes = [ctypes.c_double] * nargs


def check_cpu():
    flags = set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                flags.update(line.split(":", 1)[1].split())
                break
    if not {"fma", "avx2"} <= flags:
        raise SystemExit("this CPU lacks FMA/AVX2: glibc would not use its FMA variants")


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def same(a, b):
    return bits(a) == bits(b) or (a != a and b != b)


rng = random.Random(20240611)
U = rng.uniform


def logu(lo, hi):
    """log-uniform in [lo, hi] (lo, hi > 0)"""
    return math.exp(U(math.log(lo), math.log(hi)))


def rand_bits():
    return from_bits(rng.getrandbits(64))


def nextafter(x, y):
    return math.nextafter(x, y)


INF = math.inf
NAN = math.nan
TINY = 5e-324
MAXD = 1.7976931348623157e308
MINN = 2.2250738585072014e-308

mismatch_math = 0


def ref1(name, x):
    global mismatch_math
    r = getattr(libm, name)(x)
    try:
        m = getattr(math, name)(x)
    except (ValueError, OverflowError):
        m = None
    if m is not None and not same(m, r):
        mismatch_math += 1
    return r


def ref_pow(x, y):
    global mismatch_math
    r = libm.pow(x, y)
    try:
        m = math.pow(x, y)
    except (ValueError, OverflowError, ZeroDivisionError):
        m = None
    if m is not None and not same(m, r):
        mismatch_math += 1
    return r


def exp_inputs():
    xs = []
    xs += [U(-50, 50) for _ in range(8000)]  # rate functions, Boltzmann factors
    xs += [U(-1e-3, 1e-3) for _ in range(1500)]
    xs += [rng.choice((-1, 1)) * logu(1e-20, 1e-3) for _ in range(1000)]
    xs += [rng.choice((-1, 1)) * logu(1e-300, 2 ** -50) for _ in range(300)]  # the 1 + x path
    for dt in (0.025, 0.01, 0.005, 0.1, 0.0125):  # exp(-dt/tau) integrator factors
        xs += [-dt / logu(0.01, 100) for _ in range(600)]
    for _ in range(1500):  # HH-style rate arguments
        v = U(-100, 60)
        xs.append(rng.choice((-(v + 65) / 18, -(v + 65) / 20, -(v + 40) / 10, -(v + 35) / 10, (v + 55) / 10)))
    xs += [U(-750, 750) for _ in range(3000)]
    xs += [U(700, 710) for _ in range(500)]  # near overflow
    xs += [U(-746, -700) for _ in range(1000)]  # subnormal results and underflow
    xs += [rand_bits() for _ in range(1000)]
    sp = [0.0, -0.0, INF, -INF, NAN, 1.0, -1.0, 0.5, TINY, -TINY, MINN, MAXD, -MAXD,
          2 ** -54, -(2 ** -54), 2 ** -53, nextafter(2 ** -54, 0), 512.0, -512.0, nextafter(512.0, 0),
          1024.0, -1024.0, nextafter(1024.0, 0), 709.782712893384, 709.7827128933841,
          -708.3964185322641, -708.3964185322642, -745.1332191019411, -745.1332191019412,
          -744.4400719213812, math.log(2), -math.log(2), 1e-300, -1e-300]
    for k in range(-40, 41):  # near multiples of ln2/128 (the reduction's ties)
        c = k * math.log(2) / 128
        xs += [c, nextafter(c, INF), nextafter(c, -INF)]
    return sp + xs


def log_inputs():
    xs = []
    xs += [U(0, 1e6) for _ in range(7000)]
    xs += [U(0, 1) for _ in range(2000)]
    xs += [logu(1e-300, 1e300) for _ in range(3000)]
    xs += [U(0.9375, 1.0645) for _ in range(2500)]  # log's near-1 branch
    xs += [1 + U(-1e-6, 1e-6) for _ in range(1000)]
    xs += [U(0.5, 2) for _ in range(1500)]
    xs += [logu(TINY, MINN) for _ in range(800)]  # subnormals
    xs += [from_bits(rng.getrandbits(63)) for _ in range(1000)]  # any positive double (and nans)
    xs += [U(1, 1000) * 1e-3 for _ in range(1000)]  # concentrations in mM
    sp = [0.0, -0.0, -1.0, -TINY, INF, -INF, NAN, 1.0, nextafter(1.0, 0), nextafter(1.0, 2), 2.0, 0.5,
          TINY, MINN, nextafter(MINN, 0), MAXD, math.e, 10.0, 1 - 2 ** -4, nextafter(1 - 2 ** -4, 0),
          1 + 0x109 / 2 ** 12, nextafter(1 + 0x109 / 2 ** 12, 0), 0x16 / 32, 0x16 / 16]
    for e in range(-1074, 1024, 7):
        xs.append(2.0 ** e)
    return sp + xs


def pow_inputs():
    ps = []
    for _ in range(3000):  # temperature factors q10^((celsius - 6.3)/10)
        c = U(-20, 50)
        ps.append((3.0, (c - 6.3) / 10))
    for c10 in range(-200, 501):  # celsius on a 0.1 degree grid
        c = c10 / 10
        ps.append((3.0, (c - 6.3) / 10))
        ps.append((rng.choice((2.0, 2.3, 2.5, 3.0, 4.5, 1.5)), (c - rng.choice((6.3, 16.0, 22.0, 36.0))) / 10))
    ps += [(U(0, 100), U(-20, 20)) for _ in range(6000)]
    ps += [(U(-20, 20), float(rng.randint(-60, 60))) for _ in range(2000)]  # incl. negative x
    ps += [(U(0, 50), rng.randint(-80, 80) / 2) for _ in range(2000)]  # half-integer y
    ps += [(1 + U(-1e-3, 1e-3), U(-1e5, 1e5)) for _ in range(1500)]
    ps += [(logu(1e-300, 1e300), U(-10, 10)) for _ in range(2000)]
    ps += [(U(0, 4), U(-2000, 2000)) for _ in range(1000)]  # overflow / underflow region
    ps += [(-U(1, 4), float(rng.randint(-1100, 1100))) for _ in range(500)]  # signed over/underflow
    ps += [(U(0, 1e3), U(-1, 1) * 1e-3) for _ in range(500)]
    ps += [(rand_bits(), rand_bits()) for _ in range(700)]
    ps += [(rand_bits(), U(-5, 5)) for _ in range(700)]
    xs_sp = [0.0, -0.0, 1.0, -1.0, INF, -INF, NAN, 0.5, -0.5, 2.0, -2.0, 3.0, TINY, -TINY, MINN,
             MAXD, -MAXD, 10.0, 1e-300]
    ys_sp = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, -3.0, 3.5, INF, -INF, NAN, 2.0 ** -70,
             -(2.0 ** -70), 2.0 ** 64, -(2.0 ** 64), 2.0 ** 53 + 2, 2.0 ** 53 + 1, 1e300, -1e300,
             1075.0, -1075.0, 1023.5, 0.1]
    sp = [(x, y) for x in xs_sp for y in ys_sp]
    return sp + ps


def fma_inputs():
    ts = []
    for _ in range(3000):
        a = U(-1, 1) * 2.0 ** rng.randint(-100, 100)
        b = U(-1, 1) * 2.0 ** rng.randint(-100, 100)
        ts.append((a, b, U(-1, 1) * abs(a * b) * 2.0 ** rng.randint(-60, 60)))
    for _ in range(3000):  # a*b + c within a few ulps of a rounding midpoint
        c = rng.choice((-1, 1)) * (1 + rng.getrandbits(52) * 2.0 ** -52)
        a = rng.choice((-1, 1)) * 2.0 ** -53 * (1 + rng.randint(-8, 8) * 2.0 ** -40) * rng.choice((1, 2))
        b = 1 + rng.randint(-8, 8) * 2.0 ** -40
        ts.append((a, b, c))
    for _ in range(1000):  # cancellation
        a, b = U(1, 2), U(1, 2)
        ts.append((a, b, -(a * b) * (1 + rng.randint(-4, 4) * 2.0 ** -52)))
    return ts


def main():
    check_cpu()
    out = {
        "about": "glibc libm results (bit patterns); see make_libm.py",
        "glibc": platform.libc_ver()[1],
        "machine": platform.machine(),
    }
    out["exp"] = [bits(x) + " " + bits(ref1("exp", x)) for x in exp_inputs()]
    out["log"] = [bits(x) + " " + bits(ref1("log", x)) for x in log_inputs()]
    out["pow"] = [bits(x) + " " + bits(y) + " " + bits(ref_pow(x, y)) for x, y in pow_inputs()]
    out["fma"] = [" ".join(bits(v) for v in (a, b, c, libm.fma(a, b, c))) for a, b, c in fma_inputs()]
    if mismatch_math:
        raise SystemExit("math module and ctypes libm disagree on %d values" % mismatch_math)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=0)
        f.write("\n")
    print("wrote", OUT, {k: len(v) for k, v in out.items() if isinstance(v, list)})


if __name__ == "__main__":
    main()
