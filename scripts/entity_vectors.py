#!/usr/bin/env python3
"""Writes tests/vectors/entities.jsonl: posts and the entities kizuna must find in them, by
hand. Each expected entity is written as (kind, text); this script adds its char span (found
left to right in the input), so the Rust, Python and C suites can check spans as well.

Run from the repository root: python3 scripts/entity_vectors.py
"""
import json
from pathlib import Path

U, M, H, C, E, K = "url", "mention", "hashtag", "cashtag", "emoji", "kaomoji"

CASES = [
    # URLs
    ("https://example.com/A~B見て", [(U, "https://example.com/A~B")], "Japanese glued after a URL"),
    ("詳細→https://sora.example/info（公式）", [(U, "https://sora.example/info")], "full-width bracket after a URL"),
    ("see (https://x.example/a_(b)).", [(U, "https://x.example/a_(b)")], "balanced brackets stay, the closing one goes"),
    ("www.lynqs.example.jp/help を見て", [(U, "www.lynqs.example.jp/help")], "www without a scheme"),
    ("sora-air.com/status見て", [(U, "sora-air.com/status")], "generic TLD without a scheme"),
    ("sora.co.jp です", [(U, "sora.co.jp")], "second-level country domain"),
    ("goo.gl/abc12", [(U, "goo.gl/abc12")], "country domain with a path"),
    ("main.py and e.g. Node.js", [], "file names and abbreviations are not URLs"),
    ("mail taro@example.com", [], "an e-mail address is neither URL nor mention"),
    ("HTTP://LOCALHOST:8080/x?y=1#z", [(U, "HTTP://LOCALHOST:8080/x?y=1#z")], "scheme, port, query, fragment"),
    ("https://t.co/abc！！", [(U, "https://t.co/abc")], "trailing full-width punctuation"),
    # mentions
    ("@sora_air 助けて", [(M, "@sora_air")], "mention"),
    ("宛先@sora_airありがとう", [(M, "@sora_air")], "mention glued to Japanese on both sides"),
    ("＠ＳＯＲＡ＿ＡＩＲ 返信ください", [(M, "＠ＳＯＲＡ＿ＡＩＲ")], "full-width mention"),
    ("@a_name_that_is_too_long hi", [], "longer than any handle"),
    ("RT @lynqs_mobile: 障害のお知らせ", [(M, "@lynqs_mobile")], "retweet prefix"),
    # hashtags
    ("#拡散希望 お願いします", [(H, "#拡散希望")], "Japanese hashtag"),
    ("#ソラ航空の対応、最悪", [(H, "#ソラ航空の対応")], "ends at punctuation, not at the script change"),
    ("#サポート #SALE", [(H, "#サポート"), (H, "#SALE")], "two hashtags"),
    ("#トロピカル～ジュ!", [(H, "#トロピカル～ジュ")], "a wave dash inside a hashtag"),
    ("＃セール開催中。", [(H, "＃セール開催中")], "full-width sign"),
    ("#スーパー・セール", [(H, "#スーパー・セール")], "middle dot"),
    ("今日は#セール", [], "glued to the word before: not a hashtag on X"),
    ("order #4521 never arrived", [], "digits only"),
    ("#1位 とった", [(H, "#1位")], "digits and a letter"),
    # cashtags
    ("$LYNQ up after the news", [(C, "$LYNQ")], "cashtag"),
    ("buy $brk.b now", [(C, "$brk.b")], "class suffix"),
    ("price $7203 / US$ABC", [], "digits, or glued to a word"),
    # emoji
    ("😭😭", [(E, "😭"), (E, "😭")], "each emoji is one entity"),
    ("家族👨‍👩‍👧‍👦で", [(E, "👨‍👩‍👧‍👦")], "ZWJ family stays whole"),
    ("OK👍🏽", [(E, "👍🏽")], "skin tone"),
    ("🇯🇵🇯🇵", [(E, "🇯🇵"), (E, "🇯🇵")], "flags are pairs"),
    ("❤️ありがとう", [(E, "❤️")], "variation selector"),
    ("1️⃣位", [(E, "1️⃣")], "keycap"),
    ("✈ 遅延", [(E, "✈")], "dingbat shown as emoji"),
    ("TM™ ©2026 ★☆♪ →", [], "symbols that are text"),
    # kaomoji
    ("待ってる(´；ω；｀)", [(K, "(´；ω；｀)")], "crying face"),
    ("すみません(^^;)", [(K, "(^^;)")], "sweat"),
    ("お願いしますm(_ _)m", [(K, "m(_ _)m")], "bowing, with arms"),
    ("ヽ(`Д´)ﾉ怒", [(K, "ヽ(`Д´)ﾉ")], "angry, arms up"),
    ("（＾＿＾）", [(K, "（＾＿＾）")], "full-width face"),
    ("もう無理orz", [(K, "orz")], "orz glued to Japanese"),
    ("ありがとう^^", [(K, "^^")], "bare face"),
    ("T_T まだ", [(K, "T_T")], "letter eyes"),
    ("thanks :) see you", [(K, ":)")], "Western emoticon"),
    ("(笑) (2) (see above) (株)", [], "remarks in brackets are not faces"),
    ("at 10:30 note:)", [], "a time and a glued colon are not emoticons"),
    # together
    ("@sora_air 欠航って本当？😭 #拡散希望 https://sora.example/info",
     [(M, "@sora_air"), (E, "😭"), (H, "#拡散希望"), (U, "https://sora.example/info")], "a real post"),
    ("＠ｓｏｒａ＿ａｉｒ ﾛｸﾞｲﾝできません(´；ω；｀)#ﾛｸﾞｲﾝ障害",
     [(M, "＠ｓｏｒａ＿ａｉｒ"), (K, "(´；ω；｀)"), (H, "#ﾛｸﾞｲﾝ障害")], "half-width and full-width mix"),
]


def spans(text, expected):
    out, cursor = [], 0
    for kind, piece in expected:
        at = text.index(piece, cursor)
        start = len(text[:at])
        out.append({"kind": kind, "text": piece, "chars": [start, start + len(piece)]})
        cursor = at + len(piece)
    return out


def main():
    target = Path("tests/vectors/entities.jsonl")
    with target.open("w", encoding="utf-8") as f:
        for text, expected, why in CASES:
            record = {"input": text, "entities": spans(text, expected), "why": why}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(CASES)} cases to {target}")


if __name__ == "__main__":
    main()
