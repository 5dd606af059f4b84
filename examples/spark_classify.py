#!/usr/bin/env python3
"""Classifies mentions on a Spark cluster with kizuna, partition by partition through Arrow
(`DataFrame.mapInArrow`): each executor gets the pickled classifier (its configuration) once
and classifies whole Arrow batches without the GIL.

    python3 examples/spark_classify.py [EXPORT.jsonl]      # local[2] unless told otherwise

Needs `pip install "./bindings/python" pyspark` and Java 17+.
"""
import json
import os
import sys
from pathlib import Path

import pyarrow as pa

import kizuna

# What mapInArrow yields: the post's id and the classifier's table.
SCHEMA = (
    "id string, language string, sentiment string, score double, intents array<string>, "
    "urgency string, needs_reply boolean, flame_risk double"
)


def classify_partitions(classifier):
    """The function mapInArrow runs on every partition: record batches in, batches out."""

    def run(batches):
        for batch in batches:
            table = classifier.classify_table(batch.column("text"))
            columns = [column.combine_chunks() for column in table.columns]
            yield pa.RecordBatch.from_arrays([batch.column("id"), *columns], names=["id", *table.column_names])

    return run


def classify(spark, posts, classifier):
    """A Spark DataFrame of `posts` (dicts with `id` and `text`) with the classifier's columns."""
    frame = spark.createDataFrame([(p["id"], p["text"]) for p in posts], "id string, text string")
    return frame.mapInArrow(classify_partitions(classifier), SCHEMA)


def main():
    # The Python workers run this interpreter (the one with kizuna); the driver binds to
    # loopback rather than looking up the machine's name.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "data" / "sample_export.jsonl"
    posts = [json.loads(line) for line in path.open(encoding="utf-8")]
    spark = SparkSession.builder.master("local[2]").appName("kizuna").getOrCreate()
    try:
        classifier = kizuna.Classifier(brands=["ソラ航空", "Sora Air", "@sora_air", "リンクス", "Lynqs", "@lynqs_mobile"])
        result = classify(spark, [p for p in posts if not p["author"]["is_brand"]], classifier)
        result.groupBy("urgency").count().show()
        result.filter("needs_reply AND urgency = 'high'").select("id", "sentiment", "intents").show(5, truncate=False)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
