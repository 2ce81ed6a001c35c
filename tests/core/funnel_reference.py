#!/usr/bin/python3
# Copyright 2026 The Candour Authors. Licensed under the Apache License 2.0.
"""An independent reference for the funnel examples in funnel_test.cc.

Recomputes the hotspot funnel of docs/INSIGHTS.md ("Hotspots") from the
definitions alone, in plain Python floats, by a different route from the C++
code (core/noisy_count_distribution.cc walks C's pmf outward from its mode by
ratios and uses X's closed-form CDF; core/overdispersion.cc uses closed-form
chi-square tails):

  * every pmf is evaluated from its closed form (Poisson and negative
    binomial through lgamma, discrete Laplace as (1 - q)/(1 + q) q^|x|) on a
    range wide enough that what is left out is below 1e-18;
  * Y = C + D + X is their direct convolution, and its CDF a running sum;
  * the limits are the points where the mid-distribution function
    P(Y < y) + P(Y = y)/2, joined linearly between integers, equals
    0.002, 0.05, 0.95 and 0.998;
  * the chi-square tail is 1 - P(a, x) from the series of the regularised
    lower incomplete gamma function.

Prints, for each example, the organisation's rate, phi, the p-value and
whether the negative binomial is used, then each unit's expected count,
z-score, the four limits as counts and the flag, to the digits that
funnel_test.cc pastes.

Usage: funnel_reference.py
"""

import math

UNIT_SCALE = 10 / 7  # the unit-total table, epsilon 0.7
ORG_SCALE = 20.0  # the organisation-total table, epsilon 0.05
LEVELS = (0.002, 0.05, 0.95, 0.998)
MIN_REPORTS = 0.5

EXAMPLES = {
    # A small organisation of four units (2000 staff): a plain Poisson year.
    "small": {
        "headcounts": [11, 40, 350, 1599],
        "counts": [1, 8, 16, 81],
        "total": 104,
    },
    # Sixteen units of 60 whose counts spread far more than Poisson allows.
    "overdispersed": {
        "headcounts": [60] * 16,
        "counts": [-3, -1, 0, 1, 1, 2, 3, 4, 5, 7, 9, 11, 13, 16, 19, 24],
        "total": 109,
    },
}


def laplace_pmf(scale, half_width):
    """{x: P(X = x)} for discrete Laplace noise of `scale` on [-w, w]."""
    q = math.exp(-1 / scale)
    return {x: (1 - q) / (1 + q) * q ** abs(x) for x in range(-half_width, half_width + 1)}


def laplace_variance(scale):
    q = math.exp(-1 / scale)
    return 2 * q / (1 - q) ** 2


def reach(scale):
    """A half-width beyond which discrete Laplace mass is below 1e-18."""
    return int(42 * scale) + 3


def count_pmf(mean, extra_variance):
    top = int(mean + 40 * math.sqrt(mean + extra_variance) + 40)
    if extra_variance == 0:
        return {k: math.exp(k * math.log(mean) - mean - math.lgamma(k + 1)) for k in range(top + 1)}
    size = mean * mean / extra_variance
    p = extra_variance / (mean + extra_variance)
    return {
        k: math.exp(math.lgamma(k + size) - math.lgamma(size) - math.lgamma(k + 1) + size * math.log1p(-p) +
                    k * math.log(p))
        for k in range(top + 1)
    }


def convolve(a, b):
    out = {}
    for x, px in a.items():
        for y, py in b.items():
            out[x + y] = out.get(x + y, 0.0) + px * py
    return out


def limits(mean, extra_variance, d_scale):
    y = convolve(count_pmf(mean, extra_variance), laplace_pmf(UNIT_SCALE, reach(UNIT_SCALE)))
    y = convolve(y, laplace_pmf(d_scale, reach(d_scale)))
    lo, hi = min(y), max(y)
    mid, running = {}, 0.0
    for v in range(lo, hi + 1):
        mid[v] = running + y[v] / 2
        running += y[v]
    out = []
    for level in LEVELS:
        c = next(v for v in range(lo + 1, hi + 1) if mid[v] >= level)
        out.append(c - (mid[c] - level) / (mid[c] - mid[c - 1]))
    return out


def chi_square_tail(df, x):
    """Q(df/2, x/2) = 1 - P(a, x), P by its series."""
    a, h = df / 2, x / 2
    term = 1 / a
    total = term
    n = 1
    while term > total * 1e-17:
        term *= h / (a + n)
        total += term
        n += 1
    return 1 - total * math.exp(-h + a * math.log(h) - math.lgamma(a))


def winsorised_phi(z):
    w = sorted(z)
    cut = len(w) // 10
    if cut:
        w[:cut] = [w[cut]] * cut
        w[-cut:] = [w[-1 - cut]] * cut
    return sum(v * v for v in w) / len(w)


def funnel(example):
    headcounts, counts = example["headcounts"], example["counts"]
    staff = sum(headcounts)
    reports = example["total"] if example["total"] > 0 else MIN_REPORTS
    rate = reports / staff
    d_scales = [ORG_SCALE * n / staff for n in headcounts]
    variances = [rate * n + laplace_variance(UNIT_SCALE) + laplace_variance(d) for n, d in zip(headcounts, d_scales)]
    z = [(y - rate * n) / math.sqrt(v) for y, n, v in zip(counts, headcounts, variances)]
    phi = winsorised_phi(z)
    p_value = chi_square_tail(len(z) - 1, len(z) * phi)
    overdispersed = p_value < 0.05
    print(f"  rate per 100 {100 * rate:.10g}  phi {phi:.10g}  p {p_value:.6g}  negative binomial {overdispersed}")
    for n, y, v, zi, d in zip(headcounts, counts, variances, z, d_scales):
        extra = (phi - 1) * v if overdispersed else 0.0
        red_lo, amber_lo, amber_hi, red_hi = limits(rate * n, extra, d)
        flag = "red" if y > red_hi else "amber" if y > amber_hi else "none"
        print(f"  n {n:5d} y {y:4d} expected {rate * n:.10g} z {zi:.8f} "
              f"limits {{{red_lo:.8f}, {amber_lo:.8f}, {amber_hi:.8f}, {red_hi:.8f}}} {flag}")


def main():
    for name, example in EXAMPLES.items():
        print(name)
        funnel(example)


if __name__ == "__main__":
    main()
