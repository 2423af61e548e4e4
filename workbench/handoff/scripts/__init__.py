"""The scripts a hand-off package carries beside its model: `train.py` refits the promoted
configuration on labelled rows, `score.py` scores rows with the promoted model. `promote`
copies them as they are; they read `config.yaml` and `contract.yaml` beside themselves."""
