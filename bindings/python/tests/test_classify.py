"""Classification from Python: results, context, evidence, batches, evaluation, pickling."""
import json
import pickle

import pytest

import kizuna

from conftest import DEV_SET


def test_a_japanese_question_about_a_cancellation_needs_a_reply(classifier):
    c = classifier.classify("@sora_air 欠航って本当？返金はどうなりますか")
    assert c.language == "ja"
    assert "question" in c.intents
    assert c.needs_reply
    assert "Classification(language='ja'" in repr(c)
    assert "<table>" in c._repr_html_()


def test_an_english_complaint_is_negative(classifier):
    c = classifier.classify("Flight delayed again and nobody at the desk. Worst airline ever!!!")
    assert (c.language, c.sentiment) == ("en", "negative")
    assert -1.0 <= c.score < 0.0
    assert "complaint" in c.intents
    assert 0.0 <= c.flame_risk <= 1.0


def test_evidence_points_into_the_original_text(classifier):
    post = "ｻｲｱｸ、not good at all"
    c = classifier.classify(post)
    good = next(e for e in c.evidence if e.term == "good")
    assert post[good.start:good.end] == "good"
    assert good.contribution < 0  # negated


def test_context_raises_flame_risk_and_is_checked(classifier):
    post = "Flight delayed again and nobody at the desk. Worst airline ever!!!"
    quiet = classifier.classify(post)
    loud = classifier.classify(post, followers=250_000, shares=4_000)
    assert loud.flame_risk > quiet.flame_risk
    assert loud.flame_reasons
    with pytest.raises(kizuna.OutOfRangeError, match="followers"):
        classifier.classify(post, followers=-1)
    with pytest.raises(kizuna.OutOfRangeError):
        classifier.classify(post, shares=float("nan"))


def test_brand_names_are_not_sentiment():
    plain = kizuna.Classifier()
    branded = kizuna.Classifier(brands=["Great Wall Tea"])
    post = "Great Wall Tea opened today"
    assert branded.classify(post).sentiment == "neutral"
    assert plain.classify(post, brands=["Great Wall Tea"]).sentiment == "neutral"


def test_rules_add_signals():
    refund = {"name": "refund missing", "pattern": "refund.{0,20}(still|not)", "kind": "intent", "value": "complaint"}
    classifier = kizuna.Classifier(rules=[refund])
    c = classifier.classify("my refund is still not here")
    assert "complaint" in c.intents
    assert any(e.term == "refund missing" for e in c.evidence)
    with pytest.raises(kizuna.ConfigError):
        kizuna.Classifier(rules=[{"name": "bad", "pattern": "(", "kind": "intent", "value": "spam"}])
    with pytest.raises(kizuna.ConfigError):
        kizuna.Classifier(rules=[{"nam": "typo"}])


def test_batches_match_one_by_one(classifier):
    posts = ["欠航って本当？", "thank you so much!", "解約します", "", "F4F follow me"] * 40
    one_by_one = [classifier.classify(p) for p in posts]
    assert classifier.classify_batch(posts) == one_by_one
    assert classifier.classify_batch(posts, parallel=False) == one_by_one
    with pytest.raises(TypeError):
        classifier.classify_batch([b"bytes"])  # type: ignore[list-item]


def test_results_and_classifiers_pickle(classifier):
    c = classifier.classify("@sora_air 欠航って本当？")
    assert pickle.loads(pickle.dumps(c)) == c
    again = pickle.loads(pickle.dumps(classifier))
    assert again.classify("@sora_air 欠航って本当？") == c
    assert c.to_dict()["needs_reply"] is True
    assert kizuna.Classification.from_json(json.dumps(c.to_dict())) == c


def test_evaluation_on_the_development_set(classifier):
    text = DEV_SET.read_text(encoding="utf-8")
    report = classifier.evaluate(text)
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert classifier.evaluate(records) == report
    assert report["overall"]["records"] == len(records)
    assert 0.0 <= report["overall"]["sentiment"]["accuracy"] <= 1.0
    with pytest.raises(kizuna.ParseError, match="line 1"):
        classifier.evaluate('{"id": "1"}')


def test_custom_lexicons_load_from_files(tmp_path):
    lexicon = tmp_path / "care.tsv"
    lexicon.write_text("# our own words\nsentiment\tsuperb-ish\t2\nintent\tmileage claim\tquestion\n", encoding="utf-8")
    classifier = kizuna.Classifier(lexicons=[lexicon])
    c = classifier.classify("how does the mileage claim work")
    assert "question" in c.intents
    assert any(e.term == "mileage claim" for e in c.evidence)
    with pytest.raises(kizuna.KizunaError):
        kizuna.Classifier(lexicons=[tmp_path / "missing.tsv"])


def test_shipped_vocabularies_are_asked_for_by_name():
    plain = kizuna.Classifier()
    wider = kizuna.Classifier(vocabularies=["japanese_general"])
    assert plain.classify("対応に呆れた").sentiment == "neutral"
    assert wider.classify("対応に呆れた").sentiment == "negative"
    assert "vocabularies=['japanese_general']" in repr(wider)
    # The config door and pickling keep it.
    from_config = kizuna.Classifier.from_config('vocabularies = ["japanese_general"]')
    assert from_config.classify("店員さんに癒された").sentiment == "positive"
    assert pickle.loads(pickle.dumps(wider)).classify("説明が紛らわしい").sentiment == "negative"
    with pytest.raises(kizuna.ConfigError, match="japanese_general"):
        kizuna.Classifier(vocabularies=["klingon"])
    with pytest.raises(TypeError):
        kizuna.Classifier(vocabularies="japanese_general")  # a list of names, not one


def test_scalar_results_render_in_notebooks(classifier):
    c = classifier.classify("@sora_air 欠航って本当？")
    assert "<table>" in c.evidence[0]._repr_html_()
    assert "mention" in kizuna.Normalizer().normalize_full("@sora_air hi")._repr_html_()
    assert "<table>" in kizuna.extract_entities("#SALE")[0]._repr_html_()
    assert "25.0" in kizuna.nps([10, 9, 8, 3])._repr_html_()
    assert "&lt;b&gt;" in kizuna.Normalizer("display").normalize_full("<b>")._repr_html_()
