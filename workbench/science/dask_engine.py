"""Forecast studies on a Dask cluster (`forecast.engine: dask`): the statistical models fitted
on chunks of series by the cluster's workers, and the global model's XGBoost trained there with
XGBoost's own Dask interface; the features are computed as on one machine (mlforecast), so the
results are the same models'.

The scheduler's address comes from the environment variable the spec names
(`forecast.dask_address_env`, e.g. DASK_SCHEDULER=tcp://10.0.0.5:8786), never from a file; with
none, a local cluster of two single-threaded workers is started for the stage and closed after.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from workbench.errors import BadInput

LOCAL_WORKERS = 2


@contextmanager
def dask_client(settings) -> Iterator[object | None]:
    """A Dask client for a forecast study whose `engine` is dask, else None."""
    if settings is None or settings.engine != "dask":
        yield None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BadInput(
            "forecast.engine is dask but Dask is not installed",
            field="forecast.engine",
            fix="install the dask extra (uv sync --extra dask), or set forecast.engine: local",
        ) from None
    address = os.environ.get(settings.dask_address_env or "", "").strip()
    if settings.dask_address_env and not address:
        raise BadInput(
            f"the environment variable {settings.dask_address_env} named by "
            "forecast.dask_address_env is not set",
            field="forecast.dask_address_env",
            fix=f"export {settings.dask_address_env}=tcp://scheduler-host:8786, or remove the key "
            "to use a local cluster",
        )
    if address:
        with Client(address) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=LOCAL_WORKERS,
            threads_per_worker=1,
            processes=False,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def map_series(client, frame: pd.DataFrame, fn: Callable[[pd.DataFrame], pd.DataFrame]):
    """`fn` applied by the cluster's workers to chunks of whole series of `frame`
    (`unique_id`), the results concatenated in the series' order."""
    ids = frame["unique_id"].unique()
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    chunks = [c for c in np.array_split(ids, min(len(ids), 2 * workers)) if len(c)]
    futures = [client.submit(fn, frame[frame["unique_id"].isin(c)], pure=False) for c in chunks]
    return pd.concat(client.gather(futures), ignore_index=True)


def train_xgboost(client, X: pd.DataFrame, y: np.ndarray, params: dict, seed: int):
    """An XGBoost regressor trained on the cluster (XGBoost's Dask interface), returned as a
    local model."""
    import dask.dataframe as dd
    import xgboost
    from xgboost import dask as xgb_dask

    parts = max(1, len(client.scheduler_info().get("workers", {})))
    dx = dd.from_pandas(X.reset_index(drop=True), npartitions=parts)
    dy = dd.from_pandas(pd.Series(np.asarray(y), name="y"), npartitions=parts)
    model = xgb_dask.DaskXGBRegressor(**params, random_state=seed, tree_method="hist")
    model.client = client
    model.fit(dx, dy)
    local = xgboost.XGBRegressor()
    local.load_model(bytearray(model.get_booster().save_raw("ubj")))
    return local


def describe(client) -> dict:
    """What a stage ran on, for the manifest: the engine and, on Dask, how many workers."""
    if client is None:
        return {"engine": "local"}
    return {"engine": "dask", "workers": len(client.scheduler_info().get("workers", {}))}
