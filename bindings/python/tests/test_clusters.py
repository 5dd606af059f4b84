"""The Spark and Dask examples on small local clusters (Spark local[2], a Dask LocalCluster of 2
worker processes) give what the classifier gives in this process."""
import importlib.util
import json
import shutil
import sys

import pytest

import kizuna

from conftest import ROOT

EXAMPLES = ROOT / "examples"
BRANDS = ["ソラ航空", "Sora Air", "@sora_air", "リンクス", "Lynqs", "@lynqs_mobile"]


def example(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def customer_posts(count=400):
    with open(EXAMPLES / "data" / "sample_export.jsonl", encoding="utf-8") as f:
        posts = [json.loads(line) for line in f]
    return [p for p in posts if not p["author"]["is_brand"]][:count]


def expected(posts):
    classifier = kizuna.Classifier(brands=BRANDS)
    return {p["id"]: c for p, c in zip(posts, classifier.classify_batch([p["text"] for p in posts]))}


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java, and this machine has none")
def test_spark_example_in_local_mode(monkeypatch):
    pytest.importorskip("pyspark", reason="pyspark is installed by scripts/test")
    # Spark's Python workers must be this interpreter (with kizuna in it), and the driver
    # must not look up the machine's name on a network that may not answer.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark_example = example("spark_classify")
    posts = customer_posts()
    spark = (SparkSession.builder.master("local[2]").appName("kizuna-test")
             .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate())
    try:
        rows = spark_example.classify(spark, posts, kizuna.Classifier(brands=BRANDS)).collect()
    finally:
        spark.stop()
    want = expected(posts)
    assert len(rows) == len(posts)
    for row in rows:
        c = want[row["id"]]
        assert (row["sentiment"], row["urgency"], row["needs_reply"], list(row["intents"])) == (
            c.sentiment, c.urgency, c.needs_reply, c.intents)
        assert row["score"] == pytest.approx(c.score)


def test_dask_example_on_a_local_cluster():
    dd = pytest.importorskip("dask.dataframe", reason="dask is installed by scripts/test")
    distributed = pytest.importorskip("dask.distributed", reason="distributed is installed by scripts/test")
    pd = pytest.importorskip("pandas", reason="pandas is installed by scripts/test")

    dask_example = example("dask_classify")
    posts = customer_posts()
    frame = pd.DataFrame([{"id": p["id"], "text": p["text"]} for p in posts])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        # The worker processes import the example's functions from the file, as a user's
        # workers would import their own module.
        client.upload_file(str(EXAMPLES / "dask_classify.py"))
        work = dask_example.classify(dd.from_pandas(frame, npartitions=4), kizuna.Classifier(brands=BRANDS))
        result = client.compute(work).result(timeout=180)
    want = expected(posts)
    assert len(result) == len(posts)
    for row in result.itertuples():
        c = want[row.id]
        assert (row.sentiment, row.urgency, bool(row.needs_reply), list(row.intents)) == (
            c.sentiment, c.urgency, c.needs_reply, c.intents)
