"""What the benchmarks print: the nearest-rank percentile (the p95 both scripts report)."""


def percentile(values: list[float], fraction: float) -> float:
    """The value `fraction` of the way through `values` once sorted (nearest rank)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
