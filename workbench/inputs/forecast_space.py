"""The search space of a forecast study's global model, declared as data like the tabular
families' (`search_spaces`): which past values it reads (lags), which rolling statistics, how
each series is scaled, whether it reads the calendar — and XGBoost's own parameters. A spec's
`tuning.space` narrows, widens or fixes any of them by name.

Lags and windows are named sets, made concrete for a study's season and horizon by
`workbench.science.global_model`:

- lags `recent` (1–4 periods back), `seasonal` (1, 2 and one season back, and a second
  season's length where the data has one), `full_season` (every period of the last season, for
  seasons up to 24 periods; else recent lags and the periods around one season back);
- windows `none`, `recent` (the mean of the last 4 periods), `season` (the means of the last
  season and of the last 4 periods);
- target transforms `none`, `scale` (each series standardised by its own history), `difference`
  (period-to-period changes, standardised);
- calendar: the period's weekday, week, month or quarter (whichever the frequency has).
"""

from __future__ import annotations

from typing import Any

from workbench.inputs.search_spaces import DEFAULTS, SPACES, Param, defaults_within

LAG_SETS = ("recent", "seasonal", "full_season")
WINDOW_SETS = ("none", "recent", "season")
TARGET_TRANSFORMS = ("none", "scale", "difference")

FEATURE_SPACE: dict[str, Param] = {
    "lags": Param("categorical", choices=LAG_SETS),
    "windows": Param("categorical", choices=WINDOW_SETS),
    "target_transform": Param("categorical", choices=TARGET_TRANSFORMS),
    "calendar": Param("categorical", choices=(True, False)),
}
# the first trial: XGBoost's own defaults with seasonal lags, the seasonal windows, each series
# scaled, the calendar read — the "untuned global model"
FEATURE_DEFAULTS: dict[str, Any] = {
    "lags": "seasonal",
    "windows": "season",
    "target_transform": "scale",
    "calendar": True,
}


def forecast_space(overrides: dict[str, Any]) -> dict[str, Param | Any]:
    """The global model's space with the spec's overrides (as `search_spaces.space_for`)."""
    from workbench.inputs.search_spaces import space_for

    features = {k: v for k, v in overrides.items() if k in FEATURE_SPACE}
    model = {k: v for k, v in overrides.items() if k not in FEATURE_SPACE}
    space: dict[str, Param | Any] = dict(FEATURE_SPACE)
    for name, value in features.items():
        if isinstance(value, dict) and "choices" in value:
            space[name] = Param("categorical", choices=tuple(value["choices"]))
        else:
            space[name] = value
    return {**space, **space_for("xgboost", "regression", model)}


def forecast_defaults(space: dict[str, Param | Any]) -> dict[str, Any]:
    """The first trial: the defaults of every searched parameter the space can hold."""
    return defaults_within(space, {**FEATURE_DEFAULTS, **DEFAULTS["xgboost"]})


def known_parameter(name: str) -> bool:
    return name in FEATURE_SPACE or name in SPACES["xgboost"]
