#!/usr/bin/python3
# Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
"""An independent exact reference for the discrete Laplace noise.

Recomputes every vector in noise_vectors.txt from the mathematics and from
docs/INSIGHTS.md ("Noise") alone, never from the C++ code, with Python's
integers and fractions.Fraction only (no floating point anywhere):

  bernoulli_exp  the exact probability that CKS20 Algorithm 1 for gamma <= 1
                 answers 1 within `trials` trials, sum over odd K <= trials of
                 gamma^(K-1)/(K-1)! - gamma^K/K!, and the mass it leaves
                 undecided, gamma^trials/trials!;
  exp_minus      exp(-gamma) to 30 digits, from its Taylor series with the
                 remainder bounded;
  stream         the first samples of CKS20 Algorithm 2 under the documented
                 draw protocol, fed by CounterRandomSource (SplitMix64 over a
                 counter, reduced by randombytes_uniform's rule), and how many
                 64-bit words they used;
  pmf            P(X = x) = (1 - q)/(1 + q) q^|x| for the discrete Laplace
                 with q = exp(-1/scale), to 30 digits;
  interval       the smallest w with P(|X_1 + ... + X_terms| <= w) >= 9/10
                 for one term or two (pmf_of_two, a closed form checked
                 against a direct convolution), with the coverage of w and
                 of w - 1 to 30 digits.

Irrational values use a rational q within 1e-60 of exp(-1/scale), so the
30 printed digits are exact, and the choice of w is refused unless both
coverages are more than 1e-40 from 9/10.

Usage: noise_reference.py [--print] [path/to/noise_vectors.txt]
With --print, writes the vectors to stdout (to regenerate the file);
otherwise checks the file and exits 1 naming every vector that disagrees.
"""

import os
import sys
from fractions import Fraction

MAX_BOUND = 2**32 - 1
MASK64 = 2**64 - 1
DIGITS = 30  # significant digits printed for irrational values


# --- exact numbers ----------------------------------------------------------

def exp_minus(x, error=Fraction(1, 10**60)):
    """A Fraction within `error` of exp(-x), for a Fraction 0 <= x <= 64.

    The Taylor series of exp(-x) alternates with terms that fall once j > x,
    so after that the remainder is below the first term left out. The result
    is rounded to a denominator of 10^70 to keep later powers small.
    """
    assert 0 <= x <= 64
    total, term, j = Fraction(0), Fraction(1), 0
    while not (j > x and abs(term) < error / 2):
        total += term
        j += 1
        term = term * (-x) / j
    scale = 10**70
    return Fraction(round(total * scale), scale)


def decimal(v, digits=DIGITS):
    """A Fraction 0 < v < 1 as "0.000ddd", with `digits` significant digits."""
    assert 0 < v < 1
    zeros = 0
    while v * 10 ** (zeros + 1) < 1:
        zeros += 1
    mantissa = round(v * 10 ** (zeros + digits))
    if mantissa == 10**digits:  # rounded up to the next power of ten
        zeros, mantissa = zeros - 1, 10 ** (digits - 1)
        assert zeros >= 0
    return "0." + "0" * zeros + str(mantissa)


def factorial(n):
    out = 1
    for i in range(2, n + 1):
        out *= i
    return out


def bernoulli_exp_enumerated(gamma, trials):
    """(accept, undecided) of Algorithm 1 for gamma <= 1 within `trials`."""
    assert 0 <= gamma <= 1
    accept = Fraction(0)
    for k in range(1, trials + 1, 2):
        accept += gamma ** (k - 1) / factorial(k - 1) - gamma**k / factorial(k)
    return accept, gamma**trials / factorial(trials)


def pmf(q, x):
    """P(X = x) for the discrete Laplace of ratio q."""
    return (1 - q) / (1 + q) * q ** abs(x)


def pmf_of_two(q, s):
    """P(X_1 + X_2 = s): sum over x of q^(|x| + |s - x|), which is
    q^|s| (|s| + 1) for x between 0 and s and q^|s| q^2/(1 - q^2) on each side.
    """
    c = (1 - q) / (1 + q)
    return c * c * q ** abs(s) * (abs(s) + 1 + 2 * q * q / (1 - q * q))


def interval(q, terms):
    """(w, coverage of w, coverage of w - 1 or None) for one or two terms,
    adding the points -w and w to the coverage of w - 1, exactly in q."""
    assert terms in (1, 2)
    point = pmf if terms == 1 else pmf_of_two
    target = Fraction(9, 10)
    w, below, cover = 0, None, point(q, 0)
    while cover < target:
        w, below = w + 1, cover
        cover += 2 * point(q, w)
    assert cover - target > Fraction(1, 10**40)
    assert below is None or target - below > Fraction(1, 10**40)
    return w, cover, below


def check_closed_forms():
    """The one-term coverage and pmf_of_two against what they stand for, for
    rational q (the identities hold for every q in (0, 1)): the geometric
    tail, and the convolution of two pmfs cut at |x| <= 300."""
    for q in (Fraction(1, 2), Fraction(3, 5)):
        for w in range(0, 5):
            direct = sum(pmf(q, x) for x in range(-w, w + 1))
            assert direct == 1 - 2 * q ** (w + 1) / (1 + q), (q, w)
        single = {x: pmf(q, x) for x in range(-300, 301)}
        for s in range(0, 4):
            direct = sum(single[x] * single[s - x] for x in range(-300 + s, 301))
            assert abs(direct - pmf_of_two(q, s)) < Fraction(1, 10**50), (q, s)


# --- the documented draw protocol ---------------------------------------------

class CounterRandomSource:
    """tests/testing/counter_random_source.h, as its comment specifies."""

    def __init__(self, seed):
        self.state = seed & MASK64
        self.words = 0

    def next64(self):
        self.words += 1
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self, n):
        if n < 2:
            return 0
        low = (2**32 - n) % n
        while True:
            r = self.next64() & 0xFFFFFFFF
            if r >= low:
                return r % n


def bernoulli(a, b, src):
    """Bernoulli(a/b): one draw uniform(b), true when it is below a."""
    return src.uniform(b) < a


def trial(a, b, k, src):
    """The k-th trial of Algorithm 1, Bernoulli(a/(b k))."""
    if b * k <= MAX_BOUND:
        return bernoulli(a, b * k, src)
    return bernoulli(a, b, src) and bernoulli(1, k, src)


def bernoulli_exp(a, b, src):
    """Bernoulli(exp(-a/b)), CKS20 Algorithm 1."""
    if a > b:
        for _ in range(a // b):
            if not bernoulli_exp(1, 1, src):
                return False
        return bernoulli_exp(a % b, b, src)
    k = 1
    while trial(a, b, k, src):
        k += 1
    return k % 2 == 1


def discrete_laplace(t, s, src):
    """CKS20 Algorithm 2 for the scale t/s (in lowest terms)."""
    while True:
        u = src.uniform(t)
        if not bernoulli_exp(u, t, src):
            continue
        v = 0
        while bernoulli_exp(1, 1, src):
            v += 1
        y = (u + t * v) // s
        negative = bernoulli(1, 2, src)
        if negative and y == 0:
            continue
        return -y if negative else y


# --- the vectors -----------------------------------------------------------

def compute(kind, fields):
    """The fields a vector of `kind` must have, from its inputs."""
    if kind == "bernoulli_exp":
        accept, undecided = bernoulli_exp_enumerated(Fraction(fields["gamma"]), int(fields["trials"]))
        return {"accept": str(accept), "undecided": str(undecided)}
    if kind == "exp_minus":
        return {"value": decimal(exp_minus(Fraction(fields["gamma"])))}
    if kind == "stream":
        scale = Fraction(fields["scale"])
        src = CounterRandomSource(int(fields["seed"]))
        values = [discrete_laplace(scale.numerator, scale.denominator, src) for _ in range(int(fields["n"]))]
        return {"values": ",".join(map(str, values)), "words": str(src.words)}
    if kind == "pmf":
        q = exp_minus(1 / Fraction(fields["scale"]))
        return {"value": decimal(pmf(q, int(fields["x"])))}
    if kind == "interval":
        q = exp_minus(1 / Fraction(fields["scale"]))
        w, cover, below = interval(q, int(fields["terms"]))
        return {"w": str(w), "coverage": decimal(cover), "coverage_below": decimal(below) if below else "none"}
    raise ValueError(f"unknown vector kind {kind}")


INPUTS = [
    ("bernoulli_exp", ["gamma", "trials"], [
        ("0", "4"), ("1/2", "8"), ("7/10", "7"), ("1", "9"), ("2/3", "8")]),
    ("exp_minus", ["gamma"], [("3/2",), ("5/2",), ("12/5",)]),
    ("stream", ["scale", "seed", "n"], [
        ("10/7", "1", "40"), ("20", "2", "40"), ("1/2", "3", "40"), ("3", "4", "40"),
        ("4294967291/3", "5", "20")]),
    ("pmf", ["scale", "x"], [
        ("10/7", "0"), ("10/7", "1"), ("10/7", "-3"), ("10/7", "12"), ("20", "0"), ("20", "-7"),
        ("20", "100"), ("1/2", "0"), ("1/2", "2"), ("3", "5")]),
    ("interval", ["scale", "terms"], [
        ("10/7", "1"), ("10/7", "2"), ("20", "1"), ("20", "2"), ("1/2", "1"), ("1/2", "2"),
        ("3", "1"), ("3", "2"), ("100", "1"), ("100", "2"), ("1/20", "1"), ("2/5", "2")]),
]


def vectors():
    for kind, names, rows in INPUTS:
        for row in rows:
            fields = dict(zip(names, row))
            fields.update(compute(kind, fields))
            yield kind + " " + " ".join(f"{k}={v}" for k, v in fields.items())


def check(path):
    failures = 0
    count = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            kind, *pairs = line.split()
            fields = dict(p.split("=", 1) for p in pairs)
            count += 1
            for key, want in compute(kind, fields).items():
                if fields.get(key) != want:
                    print(f"{kind} {pairs[0]}: {key} is {fields.get(key)}, expected {want}")
                    failures += 1
    if count == 0:
        print(f"no vectors in {path}")
        return 1
    print(f"{count} vectors checked, {failures} disagree")
    return 1 if failures else 0


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    check_closed_forms()
    args = [a for a in argv[1:] if a != "--print"]
    if "--print" in argv:
        for v in vectors():
            print(v)
        return 0
    return check(args[0] if args else os.path.join(here, "noise_vectors.txt"))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
