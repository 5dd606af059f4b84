# mypy: disable-error-code="arg-type,list-item"
# (The wrong types below are the point: mypy refuses them from the stubs, and so must the module at run time.)
"""Every public function refuses bad input with a KizunaError subclass or TypeError, never a
crash or a silent result."""
import datetime as dt

import pytest

import kizuna

UTC = dt.timezone.utc
START, END = dt.datetime(2026, 11, 16, tzinfo=UTC), dt.datetime(2026, 11, 23, tzinfo=UTC)
GOOD_POST = {"id": "1", "created_at": "2026-11-16T01:00:00Z", "author": {"id": "brand"}}
NO_DATE = {"id": "1", "author": {"id": "brand"}}


def test_configs_from_documents_name_what_is_wrong():
    with pytest.raises(kizuna.ConfigError, match="classifier config"):
        kizuna.Classifier.from_config("brand = ['typo']")
    assert kizuna.Classifier.from_config('brands = ["Sora Air"]').classify("Sora Air").sentiment == "neutral"
    with pytest.raises(kizuna.ConfigError, match="calendar config"):
        kizuna.Calendar.from_config('{"time_zone": "UTC", "hourz": {}}')
    with pytest.raises(kizuna.ConfigError, match="SLA policy"):
        kizuna.SlaPolicy.from_config("rules = 3")
    with pytest.raises(kizuna.ParseError):
        kizuna.Classification.from_json('{"language": "ja"}')


@pytest.mark.parametrize("call", [
    lambda: kizuna.extract_entities(3),
    lambda: kizuna.normalize(None),
    lambda: kizuna.Classifier(brands="Sora Air"),
    lambda: kizuna.Classifier().classify("x", followers="many"),
    lambda: kizuna.Calendar(3),
    lambda: kizuna.Calendar.japan().add_business("2026-11-20", 60),
    lambda: kizuna.nps(["10"]),
    lambda: kizuna.nps_from_sentiment([1]),
    lambda: kizuna.series([object()]),
    lambda: kizuna.share_series([START], "yes"),
    lambda: kizuna.SlaMonitor("policy"),
    lambda: kizuna.score_events(3, kizuna.SlaPolicy([])),
    lambda: kizuna.account_metrics(3, "brand", START, END),
], ids=range(13))
def test_wrong_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize("call, error", [
    (lambda: kizuna.Calendar.japan().add_business(START, -60), kizuna.OrderError),
    (lambda: kizuna.Calendar.japan().add_business(START, float("nan")), kizuna.OutOfRangeError),
    (lambda: kizuna.Calendar.japan().holiday("2026-13-01"), kizuna.ConfigError),
    (lambda: kizuna.profile([NO_DATE], "brand", START, END), kizuna.ConfigError),
    (lambda: kizuna.profile([GOOD_POST], "brand", END, START), kizuna.OrderError),
    (lambda: kizuna.repeat_engagers([NO_DATE], "brand", "h", START, END), kizuna.ConfigError),
    (lambda: kizuna.repeat_engagers([GOOD_POST], "brand", "h", START, END, "Nowhere/City"), kizuna.TimeZoneError),
    (lambda: kizuna.response_metrics([NO_DATE], "brand", "h", START, END), kizuna.ConfigError),
    (lambda: kizuna.response_metrics([GOOD_POST], "brand", "h", START, END, "Nowhere/City"), kizuna.TimeZoneError),
    (lambda: kizuna.share_series([START], [True, False]), kizuna.InvalidOptionError),
    (lambda: kizuna.share_series([START], [True], time_zone="Nowhere/City"), kizuna.TimeZoneError),
    (lambda: kizuna.detect_spikes([("not a date", 1.0)]), kizuna.ConfigError),
    (lambda: kizuna.series([dt.datetime(2026, 11, 16)]), kizuna.TimeZoneError),
    (lambda: kizuna.SlaMonitor(kizuna.SlaPolicy([])).push(NO_DATE), kizuna.ConfigError),
    (lambda: kizuna.Normalizer().normalize_full("abc").original_span(2, 1), kizuna.InvalidRangeError),
], ids=range(15))
def test_bad_values_raise_kizuna_errors(call, error):
    with pytest.raises(error):
        call()
