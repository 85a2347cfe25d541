"""The table the scale benchmarks print: each figure at a small size and at the size measured,
their ratio (how the figure grows), and its goal at the size measured."""

from __future__ import annotations

from collections.abc import Mapping


def goal_text(value: float, goal: float | None, unit: str) -> str:
    """'< 100 ms  met' (or NOT MET), "" for a figure with no goal."""
    if goal is None:
        return ""
    return f"< {goal:.0f} {unit}  {'met' if value < goal else 'NOT MET'}"


def print_scale_table(
    small: Mapping[str, float],
    large: Mapping[str, float],
    sizes: tuple[str, str],
    goals: Mapping[str, float],
    *,
    unit: str = "ms",
    unitless: frozenset[str] = frozenset(),
    width: int = 20,
    decimals: int = 1,
) -> None:
    """One line per figure: its name with `unit` (none for those in `unitless`), both values,
    the ratio and the goal."""
    column = max(10, max(len(size) for size in sizes) + 2)
    header = f"{'figure':<{width}}{sizes[0]:>{column}}{sizes[1]:>{column}}{'ratio':>8}"
    print(f"\n{header}   goal at {sizes[1]}")
    for name in small:
        label = name if name in unitless else f"{name} {unit}"
        print(
            f"{label:<{width}}{small[name]:>{column},.{decimals}f}{large[name]:>{column},.{decimals}f}"
            f"{large[name] / small[name]:>8.2f}   {goal_text(large[name], goals.get(name), unit)}"
        )
