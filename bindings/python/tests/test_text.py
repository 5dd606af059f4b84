"""Normalisation and entities from Python: results, options, offsets, batches, errors."""
import pickle

import pytest

import kizuna


def test_presets_give_what_their_users_expect():
    assert kizuna.normalize("ﾌﾗｲﾄ遅延ｗｗｗｗ　最悪ーーー！！！！") == "ふらいと遅延ww 最悪ー!!"
    assert kizuna.normalize("ﾊﾝｶｸｶﾅ", preset="neologdn") == "ハンカクカナ"
    assert kizuna.normalize("ＡＢＣ", preset="display") == "ＡＢＣ"
    assert kizuna.normalize("") == ""


def test_options_override_a_preset():
    assert kizuna.Normalizer("neologdn", repeat=1).normalize("無駄無駄無駄無駄ァ") == "無駄ァ"
    assert kizuna.Normalizer("search", repeat_limit=3).normalize("ｗｗｗｗｗ") == "www"
    assert kizuna.Normalizer("neologdn", tilde="normalize").normalize("わ〜い") == "わ~い"


def test_configs_read_json_and_toml_alike():
    json = kizuna.Normalizer.from_config('{"preset": "neologdn", "repeat": 2}')
    toml = kizuna.Normalizer.from_config('preset = "neologdn"\nrepeat = 2\n')
    assert json.options == toml.options
    assert json.options["repeat"] == 2


def test_offsets_map_back_to_what_was_typed():
    post = "@sora_air ﾌﾗｲﾄ遅延"
    out = kizuna.Normalizer("search").normalize_full(post)
    assert out.text == "@sora_air ふらいと遅延"
    assert out.original == post
    start = out.text.index("ふらいと")
    s, e = out.original_span(start, start + 4)
    assert post[s:e] == "ﾌﾗｲﾄ"
    assert [e.kind for e in out.entities] == ["mention"]
    with pytest.raises(kizuna.InvalidRangeError):
        out.original_span(5, 999)


def test_entities_carry_char_offsets_into_the_original():
    post = "@sora_air 欠航って本当？😭 #拡散希望 https://sora.example/info"
    found = kizuna.extract_entities(post)
    assert [e.kind for e in found] == ["mention", "emoji", "hashtag", "url"]
    for entity in found:
        assert post[entity.start:entity.end] == entity.text
        s, e = entity.byte_span
        assert post.encode()[s:e].decode() == entity.text
    assert found[0] == kizuna.extract_entities(post)[0]
    assert len({*found, *kizuna.extract_entities(post)}) == 4
    assert "Entity(kind='mention'" in repr(found[0])


@pytest.mark.parametrize("parallel", [True, False])
def test_batches_match_one_by_one(parallel):
    normalizer = kizuna.Normalizer("search")
    texts = ["ＡＢＣ", "ｗｗｗｗ", "", "ﾊﾟﾋﾟﾌﾟ"] * 50
    assert normalizer.normalize_batch(texts, parallel=parallel) == [normalizer.normalize(t) for t in texts]
    assert normalizer.normalize_batch(tuple(texts[:3])) == ["abc", "ww", ""]
    assert normalizer.normalize_batch(t for t in ["ＡＢＣ"]) == ["abc"]


def test_wrong_types_raise_type_error():
    normalizer = kizuna.Normalizer()
    with pytest.raises(TypeError):
        normalizer.normalize(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="batch item 1 is int"):
        normalizer.normalize_batch(["a", 1])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not one str"):
        normalizer.normalize_batch("abc")
    with pytest.raises(TypeError):
        kizuna.Normalizer("search", repeat=object())


def test_bad_options_raise_kizuna_errors_that_say_what_to_fix():
    with pytest.raises(kizuna.InvalidOptionError, match="neologdn"):
        kizuna.normalize("x", preset="loud")
    with pytest.raises(kizuna.ConfigError, match="repaet"):
        kizuna.Normalizer("search", repaet=2)
    with pytest.raises(kizuna.ConfigError):
        kizuna.Normalizer.from_config("preset = ")
    assert issubclass(kizuna.ConfigError, kizuna.KizunaError)
    assert issubclass(kizuna.KizunaError, ValueError)


def test_normalizers_pickle_as_their_options():
    normalizer = kizuna.Normalizer("neologdn", repeat=2)
    again = pickle.loads(pickle.dumps(normalizer))
    assert again.options == normalizer.options
    assert again.normalize("ﾊﾝｶｸｶﾅ　ｶﾅ") == normalizer.normalize("ﾊﾝｶｸｶﾅ　ｶﾅ")
