"""The spec's `routing` block: a triage study's cases a month and what a case routed to the
wrong team costs, in time and money (`workbench.science.triage` prices the model with it)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Routing(BaseModel):
    """Triage, where a model routes each case to one of several teams: how many cases come a
    month, and what one routed to the wrong team costs, in time and money."""

    model_config = ConfigDict(extra="forbid")

    cases_per_month: float = Field(gt=0, description="How many cases are routed a month.")
    minutes_to_reroute: float | None = Field(
        None, ge=0, description="A person's time to send a misrouted case on to the right team."
    )
    misroute_cost: float | None = Field(
        None, ge=0, description="What one misrouted case costs (every pair `costs` leaves out)."
    )
    costs: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="Per pair: the case's right team, then the team it was wrongly routed to, "
        "and what that costs (e.g. billing: {technical: 25}).",
    )
    review_minutes: float | None = Field(
        None, ge=0, description="A person's time to route one case the model is unsure of."
    )
    currency: str = Field("EUR", description="The currency of the costs.")
    default_queue: str | None = Field(
        None,
        description="Where routing without a model sends every case (default: the most "
        "frequent class).",
    )
    today: Literal["keyword_rule", "default_queue"] = Field(
        "keyword_rule",
        description="Today's routing, which page one compares the model with: a keyword rule "
        "(built from the training texts' most telling words) or everything to the default queue.",
    )

    @field_validator("costs")
    @classmethod
    def _pairs(cls, costs: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for actual, row in costs.items():
            for routed, cost in row.items():
                if routed == actual:
                    raise ValueError(
                        f"routing.costs.{actual}.{routed}: a case routed to its own team is "
                        "routed right and costs nothing; list only wrong routes"
                    )
                if cost < 0:
                    raise ValueError(f"routing.costs.{actual}.{routed} is negative ({cost:g})")
        return costs

    def cost(self, actual: str, routed: str) -> float | None:
        """What routing a case of `actual` to `routed` costs (None: no cost agreed)."""
        if actual == routed:
            return 0.0
        return self.costs.get(actual, {}).get(routed, self.misroute_cost)

    @property
    def priced(self) -> bool:
        return self.misroute_cost is not None or bool(self.costs)

    def classes_named(self) -> list[tuple[str, str]]:
        """(field, class) for every class the block names: they must be the target's."""
        named = [("routing.default_queue", self.default_queue)] if self.default_queue else []
        for actual, row in self.costs.items():
            named.append((f"routing.costs.{actual}", actual))
            named += [(f"routing.costs.{actual}.{routed}", routed) for routed in row]
        return named
