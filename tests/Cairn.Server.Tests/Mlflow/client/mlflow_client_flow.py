"""Drives Cairn with the unmodified MLflow Python client.

Run by RealMlflowClientTests with MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN set. Every check
compares what the client reads back with what this script wrote; the first mismatch raises.
Prints "CAIRN-MLFLOW-OK <version>" at the end.
"""
import math
import os
import sys
import tempfile

import mlflow
from mlflow import MlflowClient


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def main():
    client = MlflowClient()
    experiment_id = mlflow.set_experiment("real-client").experiment_id

    with mlflow.start_run(run_name="baseline") as run:
        run_id = run.info.run_id
        mlflow.log_param("lr", "0.01")
        mlflow.log_params({"layers": 3, "optimizer": "adam"})
        for step in range(5):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        mlflow.log_metrics({"acc": 0.9, "nan_metric": float("nan")})
        mlflow.set_tag("team", "vision")
        mlflow.set_tags({"stage": "dev"})
        mlflow.log_dict({"a": 1}, "config/params.json")
        mlflow.log_text("hello cairn", "notes.txt")
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "weights.bin")
            with open(path, "wb") as f:
                f.write(bytes(range(256)) * 100)
            mlflow.log_artifact(path, artifact_path="model")
            mlflow.log_artifacts(folder, artifact_path="copy")

    stored = client.get_run(run_id)
    check(stored.info.status == "FINISHED", f"status {stored.info.status}")
    check(stored.data.params == {"lr": "0.01", "layers": "3", "optimizer": "adam"}, f"params {stored.data.params}")
    check(stored.data.metrics["loss"] == 0.2, f"latest loss {stored.data.metrics['loss']}")
    check(math.isnan(stored.data.metrics["nan_metric"]), "NaN round trip")
    check(stored.data.tags["team"] == "vision" and stored.data.tags["mlflow.runName"] == "baseline", "tags")

    history = client.get_metric_history(run_id, "loss")
    check([(m.step, m.value) for m in history] == [(s, 1.0 / (s + 1)) for s in range(5)], "loss history")

    found = mlflow.search_runs(
        experiment_ids=[experiment_id],
        filter_string="metrics.acc > 0.5 and params.lr = '0.01' and tags.team LIKE 'vis%'",
        order_by=["metrics.acc DESC"],
        output_format="list",
    )
    check([r.info.run_id for r in found] == [run_id], f"search found {[r.info.run_id for r in found]}")

    names = sorted(a.path for a in client.list_artifacts(run_id))
    check(names == ["config", "copy", "model", "notes.txt"], f"artifacts {names}")
    with tempfile.TemporaryDirectory() as folder:
        local = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="model/weights.bin", dst_path=folder)
        with open(local, "rb") as f:
            check(f.read() == bytes(range(256)) * 100, "downloaded bytes")
    check(mlflow.artifacts.load_dict(f"runs:/{run_id}/config/params.json") == {"a": 1}, "log_dict round trip")

    try:
        client.get_run("0" * 32)
        raise AssertionError("unknown run did not fail")
    except mlflow.exceptions.MlflowException as e:
        check(e.error_code == "RESOURCE_DOES_NOT_EXIST", f"error code {e.error_code}")

    print("CAIRN-MLFLOW-OK", mlflow.__version__)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the test prints the whole output on failure
        print("CAIRN-MLFLOW-FAILED", type(e).__name__, e, file=sys.stderr)
        raise
