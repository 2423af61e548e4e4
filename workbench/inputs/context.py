"""What every stage opens first: the validated spec, its contract and the run directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.contract import Contract, load_contract
from workbench.inputs.forecast_contract import check_forecast_contract
from workbench.inputs.spec import LoadedSpec, load_spec
from workbench.store.run_directory import Run


@dataclass
class Context:
    loaded: LoadedSpec
    contract: Contract

    @property
    def spec(self):
        return self.loaded.spec

    @property
    def spec_file(self) -> str:
        return str(self.loaded.path)


def load_run_context(run: Run) -> Context:
    """The spec and contract a run was started with, from its own `inputs/` copies (the
    original files may have changed or live on another machine)."""
    return context_from_copies(
        run.dir / "inputs" / "spec.yaml", run.dir / "inputs" / "contract.yaml"
    )


def context_from_copies(spec_path: Path, contract_path: Path) -> Context:
    """The spec and contract as a run or a hand-off package keeps them, side by side (the data
    file the spec names need not exist)."""
    loaded = load_spec(spec_path, check_paths=False)
    loaded.contract_path = Path(contract_path)
    return _checked(loaded, load_contract(loaded.contract_path))


def load_context(spec_path: str | Path) -> Context:
    """Load spec and contract and check that they agree with each other."""
    loaded = load_spec(spec_path)
    return _checked(loaded, load_contract(loaded.contract_path))


def _checked(loaded: LoadedSpec, contract: Contract) -> Context:
    spec, cfile = loaded.spec, str(loaded.contract_path)
    target = spec.task.target
    if target not in contract.columns:
        raise BadInput(
            f"the target '{target}' is not a column of the contract.{did_you_mean(target, contract.columns)}",
            file=str(loaded.path),
            field="task.target",
            fix="name a column the contract lists, or add the target to the contract",
        )
    if contract.target and contract.target != target:
        raise BadInput(
            f"the contract's target is '{contract.target}' but the spec's is '{target}'",
            file=cfile,
            field=f"columns.{contract.target}.role",
            fix="make the two agree: one target per study",
        )
    if contract.columns[target].pii:
        raise BadInput(
            "the target is marked PII",
            file=cfile,
            field=f"columns.{target}.pii",
            fix="set pii: false on the target, or choose another target",
        )
    for field, col in [
        ("split.group_column", spec.split.group_column),
        ("split.time_column", spec.split.time_column),
    ]:
        if col and col not in contract.columns:
            raise BadInput(
                f"'{col}' is not a column of the contract.{did_you_mean(col, contract.columns)}",
                file=str(loaded.path),
                field=field,
                fix="name a column the contract lists",
            )
    if spec.split.time_column and contract.columns[spec.split.time_column].type != "datetime":
        raise BadInput(
            f"the time column '{spec.split.time_column}' has type "
            f"'{contract.columns[spec.split.time_column].type}' in the contract",
            file=cfile,
            field=f"columns.{spec.split.time_column}.type",
            fix="declare it as type: datetime",
        )
    check_forecast_contract(loaded, contract)
    return Context(loaded=loaded, contract=contract)


def open_stage(spec_path: str | Path, run_dir: str | Path) -> tuple[Context, Run]:
    """What a stage notebook's first cell calls."""
    run = Run(run_dir)
    run.create()
    return load_context(spec_path), run
