#!/usr/bin/env python3
"""Classifies mentions on a Dask cluster with kizuna (`map_partitions`): the classifier
travels to the worker processes pickled as its configuration, and each partition's text column
goes through Arrow without the GIL.

    python3 examples/dask_classify.py [EXPORT.jsonl]   # a LocalCluster of 2 worker processes

Needs `pip install "./bindings/python" "dask[distributed]"`.
"""
import json
import sys
from pathlib import Path

import pandas as pd

import kizuna

COLUMNS = ["language", "sentiment", "score", "intents", "urgency", "needs_reply", "flame_risk"]


def classify_partition(frame, classifier):
    """One partition: its posts and the classifier's columns beside them."""
    table = classifier.classify_table(frame["text"]).to_pandas()
    table.index = frame.index
    return pd.concat([frame[["id"]], table], axis=1)


def classify(posts_frame, classifier):
    """A Dask DataFrame of posts (columns `id`, `text`) with the classifier's columns."""
    meta = pd.DataFrame({
        "id": pd.Series(dtype="object"),
        "language": pd.Series(dtype="object"),
        "sentiment": pd.Series(dtype="object"),
        "score": pd.Series(dtype="float64"),
        "intents": pd.Series(dtype="object"),
        "urgency": pd.Series(dtype="object"),
        "needs_reply": pd.Series(dtype="bool"),
        "flame_risk": pd.Series(dtype="float64"),
    })
    return posts_frame.map_partitions(classify_partition, classifier, meta=meta)


def main():
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "data" / "sample_export.jsonl"
    posts = [json.loads(line) for line in path.open(encoding="utf-8")]
    frame = pd.DataFrame([{"id": p["id"], "text": p["text"]} for p in posts if not p["author"]["is_brand"]])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster, Client(cluster):
        classifier = kizuna.Classifier(brands=["ソラ航空", "Sora Air", "@sora_air", "リンクス", "Lynqs", "@lynqs_mobile"])
        result = classify(dd.from_pandas(frame, npartitions=4), classifier).compute()
    print(result["urgency"].value_counts())
    print(result[result.needs_reply & (result.urgency == "high")].head())


if __name__ == "__main__":
    main()
