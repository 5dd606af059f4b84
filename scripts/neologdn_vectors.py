#!/usr/bin/env python3
"""Writes tests/vectors/neologdn.jsonl: inputs, neologdn options and what the real `neologdn`
package returns for them, so that kizuna's `neologdn` preset is checked against the package
itself (from Rust, Python and C alike).

Run it where neologdn is installed (`pip install neologdn==0.5.6`); CI does not need it, the
vectors are committed. Inputs are the hand cases below plus seeded random strings built from
the characters neologdn treats specially.
"""
import json
import random
import sys
from pathlib import Path

import neologdn

HAND = [
    "ﾊﾝｶｸｶﾅ", "全角記号！？＠＃", "全角記号例外「・」", "長音短縮ウェーーーーイ",
    "チルダ削除ウェ~∼∾〜〰～イ", "いろんなハイフン˗֊‐‑‒–⁃⁻₋−", "　　　ＰＲＭＬ　　副　読　本　　　",
    " Natural Language Processing ", "かわいいいいいいいいい", "無駄無駄無駄無駄ァ", "1995〜2001年",
    "10:00〜18:00", "café au lait", "¥1000", "1000000円", "#サポート #SALE", "#セール　開催中",
    "a * b", "−−", "a--b", "――", "ｗｗｗｗ", "ｗｗｗ", "か゛", "ｶﾞ", "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", "ｳﾞｧｲｵﾘﾝ",
    "＂＇｀＼～", "“quoted” ‘single’", "ゔ", "abababab", "  a  b  ", " ", "", "ｶ ﾞ", "a ｶﾞ",
    "a ー", "a　あ", "é あ", "ー ー", "a ~ b", "ｱ ﾞ", "@sora_air ﾌﾗｲﾄ遅延ｗｗｗ　最悪ーーー！！！！",
    "iPhone 買った", "Wi-Fi　繋がらない", "ﾛｸﾞｲﾝできません(´；ω；｀)", "https://example.com/a~b 見て",
    "１０：００〜１８：００営業", "ｽｰﾊﾟｰ　ｾｰﾙ", "今日は　 　雨", "A　B　C", "ｱ　ｲ ｳ", "x*  y",
    "ﾞﾟ", "ハﾞﾟ", "カ~ﾞ", "a\nb", "タ\tチ", "🙂 🙂", "ｗ ｗ", "#ソラ航空 の 対応",
]

ALPHABET = (
    list("abcXYZ019 *-~.,!?#@()") + list("ａＺ０９！？＠＃（）") + list("ｱｶﾊｳｦｰﾞﾟ｡｢") +
    list("あかはうがぱ゛゜アカハウガパー") + list("漢字航空") + list("˗‐–−﹣－—―─━") +
    list("∼∾〜〰～") + list("　é¥“”‘’") + ["🙂", "\n", "\t"]
)

OPTION_SETS = [
    {},
    {"remove_space": False},
    {"repeat": 2},
    {"repeat": 1, "max_repeat_substr_length": 3},
    {"tilde": "normalize"},
    {"tilde": "normalize_zenkaku"},
    {"tilde": "ignore"},
    {"remove_space": False, "repeat": 3, "tilde": "normalize"},
]


def random_inputs(count, seed=20261122):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 8)):
            chunk = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 4)))
            pieces.append(chunk * rng.choice([1, 1, 1, 2, 3, 5]))
        out.append("".join(pieces))
    return out


def main():
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors/neologdn.jsonl")
    inputs = HAND + random_inputs(2000)
    with target.open("w", encoding="utf-8") as f:
        for i, text in enumerate(inputs):
            for options in OPTION_SETS if i < len(HAND) else [OPTION_SETS[i % len(OPTION_SETS)]]:
                record = {"input": text, "options": options, "expected": neologdn.normalize(text, **options)}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {target} with neologdn {neologdn.__version__}")


if __name__ == "__main__":
    main()
