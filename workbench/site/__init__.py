"""The study site: every run of a study on one static page — what changed between runs, what
each recommends and measured, its score and value across runs, the holdout ledger in plain
words — with each run's report linked (`pages`: the files; `history`: what they say;
`figure`: score and value across runs). `workbench site` writes it, and every run refreshes
it when it finishes.

May import: `workbench.store`, `workbench.inputs` (the metrics' names, the spec's dotted
fields), `workbench.science` (the figures' look). It reads the runs' results files, manifests
and spec copies through the store, and the saved judgements; it never judges (it does not
import `workbench.judge`), nor a stage, the report or the engine.
"""

from workbench.site.pages import Draft, Site, draft, publish

__all__ = ["Draft", "Site", "draft", "publish"]
