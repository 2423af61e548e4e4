"""From results to a recommendation: each acceptance criterion judged on its confidence
interval, then written rules (docs/decision-rules.md).

Rules, in order:
1. A critical leakage finding → `do_not_build` (until the named leak is fixed).
2. A performance criterion (primary score, lift over the best baseline) whose whole interval
   is on the wrong side of its threshold → `do_not_build`.
3. A performance criterion whose interval straddles its threshold → `inconclusive`, with the
   holdout size that would settle it.
4. Otherwise, any condition (leakage warnings, contract violations, a holdout scored more than
   once, a fairness gap or a robustness drop beyond the spec's bound) → `build_with_conditions`.
5. Otherwise → `build`.
"""

from workbench.judge.decision.criteria import SETTLE_FACTOR, judge, rows_to_settle
from workbench.judge.decision.rules import RunResults, decide, recommend

__all__ = ["SETTLE_FACTOR", "RunResults", "decide", "judge", "recommend", "rows_to_settle"]
