"""Columns in and out through Arrow: pyarrow (utf8, large_utf8, utf8_view, chunked), polars and
pandas, with missing posts kept as null rows."""
import pytest

import kizuna

pa = pytest.importorskip("pyarrow", reason="pyarrow is installed by scripts/test")
pd = pytest.importorskip("pandas", reason="pandas is installed by scripts/test")
pl = pytest.importorskip("polars", reason="polars is installed by scripts/test")

POSTS = ["@sora_air 欠航って本当？", "Thank you so much, the crew were wonderful!", "解約します"]


def columns():
    yield pa.array(POSTS)
    yield pa.array(POSTS, type=pa.large_string())
    yield pa.array(POSTS, type=pa.string_view())
    yield pa.chunked_array([POSTS[:1], POSTS[1:]])
    yield pl.Series(POSTS)
    yield pd.Series(POSTS)
    yield pd.Series(POSTS, dtype="string[pyarrow]")


@pytest.mark.parametrize("column", list(columns()), ids=lambda c: type(c).__name__)
def test_every_column_kind_classifies_like_a_list(classifier, column):
    expected = classifier.classify_batch(POSTS)
    assert classifier.classify_batch(column) == expected
    table = classifier.classify_table(column)
    assert table.num_rows == len(POSTS)
    assert table.column("sentiment").to_pylist() == [c.sentiment for c in expected]
    assert table.column("intents").to_pylist() == [c.intents for c in expected]
    assert table.column("needs_reply").to_pylist() == [c.needs_reply for c in expected]
    assert table.column("score").to_pylist() == pytest.approx([c.score for c in expected])


def test_tables_go_to_pandas_and_polars(classifier):
    table = classifier.classify_table(pa.array(POSTS))
    frame = table.to_pandas()
    assert list(frame.columns) == ["language", "sentiment", "score", "intents", "urgency", "needs_reply", "flame_risk"]
    assert frame["language"].tolist() == ["ja", "en", "ja"]
    assert pl.from_arrow(table).height == len(POSTS)


def test_missing_posts_stay_as_null_rows(classifier):
    table = classifier.classify_table(pa.array([POSTS[0], None, POSTS[1]]))
    assert table.column("sentiment").to_pylist()[1] is None
    assert table.column("intents").to_pylist()[1] is None
    assert table.column("sentiment").null_count == 1
    normalized = kizuna.Normalizer().normalize_arrow(pl.Series(["ＡＢＣ", None]))
    assert normalized.to_pylist() == ["abc", None]
    # A list result has no place for a missing post: it says so instead of dropping it.
    with pytest.raises(TypeError, match="batch item 1 is missing"):
        classifier.classify_batch([POSTS[0], None])


def test_non_string_columns_are_refused(classifier):
    with pytest.raises(TypeError, match="holds strings"):
        classifier.classify_table(pa.array([1, 2, 3]))
    with pytest.raises(TypeError):
        classifier.classify_table(pl.Series([1.5, 2.5]))


def test_normalize_arrow_matches_one_by_one():
    normalizer = kizuna.Normalizer("neologdn")
    column = pa.array(["ﾊﾝｶｸｶﾅ", "ｗｗｗ", ""], type=pa.large_string())
    assert normalizer.normalize_arrow(column).to_pylist() == [normalizer.normalize(t) for t in column.to_pylist()]
