"""govsim_analysis: read, compare, plot and analyse govsim output.

    import govsim_analysis as ga
    ds = ga.open_result("results/default.h5")          # xarray Dataset, labelled
    ga.fan_chart(ds, "satisfaction_mean")

Modules: io (open files, labels), compare (scenario minus baseline, paired by
replicate), targets (attainment of document targets), plots (fan charts, small
multiples, unit maps, the resolution ladder), sensitivity (Sobol indices, Morris
elementary effects), prim (scenario discovery), lang (Chinese units, words and a
CJK font for lang="zh"), report (govsim-report).
"""
from .io import (open_result, open_batch, design_frame, label, units, is_batch, milestones, milestone_years, headlines,
                 kind, indicators)
from .compare import paired_difference, compare_scenarios
from .targets import targets_table, target_attainment, targets_met
from .plots import fan_chart, small_multiples, unit_map, ladder_chart
from .sensitivity import sobol_indices, sobol_from_batch, morris_effects, morris_from_batch
from .prim import prim, discover, discover_targets

__all__ = [
    "open_result", "open_batch", "design_frame", "label", "units", "is_batch", "milestones", "milestone_years",
    "headlines", "kind", "indicators",
    "paired_difference", "compare_scenarios",
    "targets_table", "target_attainment", "targets_met",
    "fan_chart", "small_multiples", "unit_map", "ladder_chart",
    "sobol_indices", "sobol_from_batch", "morris_effects", "morris_from_batch",
    "prim", "discover", "discover_targets",
]
__version__ = "0.1.0"
