#!/usr/bin/env python3
"""Writes examples/data/sample_export.jsonl: a reproducible, realistic-looking export of four
weeks of Japanese and English mentions of two brands (ソラ航空 / Sora Air, an airline, and
リンクス モバイル / Lynqs Mobile, a mobile carrier), the brands' own posts, and their replies.

    python3 scripts/make_sample_export.py [OUT]

Every text comes from the templates below (written for kizuna, not taken from any data set),
filled at random with a fixed seed, so the file is the same on every run. What it holds:
customers' complaints, questions, outages (with one flare-up on 2026-11-12 at Lynqs), praise,
purchases, churn threats, requests and spam, in the width, kana and laughter variants people
type; regulars who post often; brand replies that come quickly in business hours (Asia/Tokyo,
weekdays 09:00-18:00) and the next business morning otherwise, some never; follow-up questions
in the same thread; each brand's daily posts with likes, shares, replies and impressions.
"""
import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "data" / "sample_export.jsonl"
JST = dt.timezone(dt.timedelta(hours=9))
FIRST_DAY = dt.date(2026, 10, 26)
DAYS = 28
OUTAGE_DAY = dt.date(2026, 11, 12)
HOLIDAYS = {dt.date(2026, 11, 3), dt.date(2026, 11, 23)}

BRANDS = {
    "sora": {"id": "b_sora", "handle": "sora_air", "names_ja": ["ソラ航空", "ｿﾗ航空", "@sora_air"],
             "names_en": ["@sora_air", "Sora Air", "@SoraAir"], "followers": 182_000},
    "lynqs": {"id": "b_lynqs", "handle": "lynqs_mobile", "names_ja": ["リンクス", "ﾘﾝｸｽﾓﾊﾞｲﾙ", "@lynqs_mobile"],
              "names_en": ["@lynqs_mobile", "Lynqs", "Lynqs Mobile"], "followers": 96_000},
}

SLOTS = {
    "flight": ["SA123", "SA207", "SA45", "SA880", "ＳＡ３１２"],
    "airport": ["羽田", "成田", "伊丹", "新千歳", "那覇", "福岡"],
    "airport_en": ["Haneda", "Narita", "Itami", "Fukuoka", "Naha"],
    "hours": ["2", "3", "４", "5"],
    "minutes": ["30", "45", "６０", "90"],
    "face": ["(´；ω；｀)", "(´・ω・｀)", "orz", "(T_T)", "m(_ _)m", "😭", "😡", "🙏", "💢"],
    "laugh": ["ｗｗｗ", "www", "草", "ｗｗｗｗｗ", "笑"],
    "happy": ["😊", "👍", "✨", "(*´ω｀*)", "🎉", "!!", "！！"],
    "app": ["アプリ", "ｱﾌﾟﾘ", "マイページ", "ﾏｲﾍﾟｰｼﾞ"],
}

# (intent, language, brand or None for either, template)
TEMPLATES = [
    ("complaint", "ja", "sora", "{name} {airport}の搭乗口に誰もいない…もう{minutes}分待ってる{face}"),
    ("complaint", "ja", "sora", "{name}の預けた荷物が出てこないんだけど？？{face}"),
    ("complaint", "ja", "sora", "{name} {flight}便また遅延。最悪ーーー"),
    ("complaint", "ja", "lynqs", "{name}の電波ほんと入らない{face} 毎月高いのに"),
    ("complaint", "ja", "lynqs", "{name} 二重に請求されてるんですけど{face}"),
    ("complaint", "en", "sora", "{name} flight {flight} delayed {hours} hours and nobody at the desk!!! {face}"),
    ("complaint", "en", "sora", "{name} lost my luggage at {airport_en}. Worst airline experience ever"),
    ("complaint", "en", "lynqs", "{name} charged twice this month and support keeps hanging up {face}"),
    ("question", "ja", "sora", "{name} {flight}便って予定通り飛びますか？"),
    ("question", "ja", "sora", "{name} 座席の変更ってアプリからできますか？"),
    ("question", "ja", "lynqs", "{name} eSIMへの切り替えはどこから手続きできますか？"),
    ("question", "ja", "lynqs", "＠ｌｙｎｑｓ＿ｍｏｂｉｌｅ 海外ローミングの料金っていくらですか"),
    ("question", "en", "sora", "{name} can I change my seat on {flight} online? Thanks"),
    ("question", "en", "lynqs", "{name} how do I move my number to eSIM? anyone know?"),
    ("outage", "ja", "sora", "{name}の{app}、ログインできない{laugh}"),
    ("outage", "ja", "lynqs", "{name} 圏外のまま復旧しない{face} 障害ですか？"),
    ("outage", "ja", "lynqs", "{name} 通信障害？全然繋がらない{face}"),
    ("outage", "en", "lynqs", "{name} is the network down? no signal since this morning {face}"),
    ("outage", "en", "sora", "{name} app keeps crashing at check-in, can't get my boarding pass"),
    ("praise", "ja", "sora", "{name} {airport}のスタッフさん神対応でした！ありがとうございました{happy}"),
    ("praise", "ja", "lynqs", "{name} ショップの方が丁寧に説明してくれて助かりました{happy}"),
    ("praise", "en", "sora", "Thank you {name}, the crew on {flight} were wonderful {happy}"),
    ("praise", "en", "lynqs", "Thanks {name}, support fixed my eSIM in 5 minutes {happy} you rock"),
    ("purchase", "ja", "sora", "{name}で年末の沖縄行き予約した〜{happy}"),
    ("purchase", "ja", "lynqs", "{name}の新プランに変えました！安くなった{happy}"),
    ("purchase", "en", "sora", "Just booked {name} to {airport_en} for the holidays {happy}"),
    ("churn", "ja", "lynqs", "{name} もう解約します。乗り換え決定{face}"),
    ("churn", "ja", "sora", "{name} 二度と使わない。次からは別の航空会社にする"),
    ("churn", "en", "lynqs", "{name} switching carriers next month, done with this"),
    ("request", "ja", "sora", "{name} アプリで領収書をダウンロードできるようにしてほしい"),
    ("request", "ja", "lynqs", "{name} 家族割をもっと分かりやすくしてください"),
    ("request", "en", "lynqs", "{name} please add Apple Watch support, would be nice"),
    ("spam", "ja", None, "フォロバ100%✨相互フォロー募集中！！！ www.free-gift.example #{hashtag}"),
    ("spam", "en", None, "F4F 🔥 free followers, link in bio #{hashtag}"),
]
HASHTAGS = ["拡散希望", "相互フォロー", "giveaway", "followback"]

BRAND_POSTS = {
    "sora": [
        "【運航情報】本日の{airport}発の便は通常通り運航しています✈️ #ソラ航空",
        "冬の旅はソラ航空で。年末年始のご予約受付中です https://sora.example/winter",
        "皆さんの冬のおすすめ旅行先はどこですか？コメントで教えてください✈️",
        "Our winter timetable starts 1 December. Details: https://sora.example/timetable",
    ],
    "lynqs": [
        "【お知らせ】eSIMの手続きがアプリから24時間可能になりました https://lynqs.example/esim",
        "新しい家族割、もうチェックしましたか？ #リンクスモバイル",
        "皆さんはスマホで何を一番よく使いますか？",
        "Roaming tip: turn on Wi-Fi calling before you fly. https://lynqs.example/roaming",
    ],
}

REPLIES = {
    "ja": [
        "@{user} ご不便をおかけし申し訳ございません。詳細をDMでお知らせいただけますでしょうか。",
        "@{user} お問い合わせありがとうございます。こちらのページからお手続きいただけます。",
        "@{user} 温かいお言葉ありがとうございます！スタッフにも共有いたします。",
        "@{user} ご迷惑をおかけしております。現在復旧作業中です。",
    ],
    "en": [
        "@{user} We're sorry about this. Could you DM us your booking details?",
        "@{user} Thanks for reaching out! You can do this from the app under Settings.",
        "@{user} Thank you so much for the kind words, we'll pass them on!",
        "@{user} We're aware of the issue and working on it. Sorry for the trouble.",
    ],
}
FOLLOW_UPS = {"ja": ["DMしました。確認お願いします", "まだ解決しません{face}"], "en": ["Sent a DM.", "Still not fixed {face}"]}


def business_day(day):
    return day.weekday() < 5 and day not in HOLIDAYS


def next_reply_time(rng, asked):
    """When a brand agent answers: within minutes to two hours in business hours, otherwise
    the next business morning."""
    local = asked.astimezone(JST)
    if business_day(local.date()) and 9 <= local.hour < 17:
        return asked + dt.timedelta(minutes=rng.choice([4, 8, 15, 25, 40, 70, 110, 180]))
    day = local.date() + dt.timedelta(days=1 if local.hour >= 9 else 0)
    while not business_day(day):
        day += dt.timedelta(days=1)
    morning = dt.datetime.combine(day, dt.time(9, 0), JST)
    return morning + dt.timedelta(minutes=rng.randrange(5, 150))


def main():
    rng = random.Random(20261122)
    users = [
        {"id": f"u{i}", "handle": rng.choice(["taro", "mika", "yuki", "ken", "hana", "sam", "emma", "leo",
                                               "aoi", "riku", "mei", "sora_fan", "travel", "kenji"])
         + f"_{i:03d}", "followers": int(rng.lognormvariate(5.5, 1.4))}
        for i in range(1, 601)
    ]
    regulars = users[:20]
    records = []
    counter = iter(range(1, 10**9))

    def add(created, author, text, platform, in_reply_to=None, conversation=None, metrics=None):
        post_id = str(next(counter))
        records.append({
            "id": post_id,
            "platform": platform,
            "created_at": created.astimezone(JST).isoformat(),
            "author": author,
            "text": text,
            "in_reply_to": in_reply_to,
            "conversation_id": conversation or post_id,
            "metrics": metrics or {"likes": rng.randrange(0, 6), "shares": rng.randrange(0, 2),
                                   "replies": rng.randrange(0, 2)},
        })
        return post_id

    def fill(template, brand, language):
        names = BRANDS[brand]["names_ja" if language == "ja" else "names_en"] if brand else ["@x"]
        values = {k: rng.choice(v) for k, v in SLOTS.items()}
        return template.format(name=rng.choice(names), hashtag=rng.choice(HASHTAGS), **values)

    for offset in range(DAYS):
        day = FIRST_DAY + dt.timedelta(days=offset)
        for brand, info in BRANDS.items():
            author = {"id": info["id"], "handle": info["handle"], "followers": info["followers"] + 40 * offset,
                      "is_brand": True}
            for _ in range(rng.randint(1, 3) if business_day(day) else rng.randint(0, 1)):
                at = dt.datetime.combine(day, dt.time(rng.randint(9, 19), rng.randrange(60)), JST)
                impressions = int(info["followers"] * rng.uniform(0.05, 0.2))
                add(at, author, fill(rng.choice(BRAND_POSTS[brand]), brand, "ja"), "twitter",
                    metrics={"likes": int(impressions * rng.uniform(0.005, 0.03)),
                             "shares": int(impressions * rng.uniform(0.001, 0.006)),
                             "replies": rng.randrange(0, 40), "quotes": rng.randrange(0, 8),
                             "impressions": impressions})
        mentions = rng.randint(70, 130) + (250 if day == OUTAGE_DAY else 0)
        for _ in range(mentions):
            outage = day == OUTAGE_DAY and rng.random() < 0.7
            if outage:
                intent, language, brand, template = rng.choice([t for t in TEMPLATES if t[0] == "outage" and t[2] == "lynqs"])
            else:
                intent, language, brand, template = rng.choice(TEMPLATES)
            brand = brand or rng.choice(list(BRANDS))
            hour = rng.choices(range(24), weights=[1, 1, 1, 1, 1, 2, 4, 6, 8, 8, 7, 7, 8, 7, 7, 7, 7, 8, 9, 10, 10, 9, 6, 3])[0]
            at = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)), JST)
            user = rng.choice(regulars) if rng.random() < 0.25 else rng.choice(users)
            author = {"id": user["id"], "handle": user["handle"], "followers": user["followers"], "is_brand": False}
            platform = rng.choices(["twitter", "facebook", "instagram"], weights=[7, 2, 1])[0]
            asked = add(at, author, fill(template, brand, language), platform)
            if intent in {"spam", "purchase"} or rng.random() < 0.2:
                continue  # no reply: spam, chatter, and the ones the team missed
            info = BRANDS[brand]
            agent = {"id": info["id"], "handle": info["handle"], "followers": info["followers"], "is_brand": True}
            replied_at = next_reply_time(rng, at)
            reply_text = rng.choice(REPLIES[language]).format(user=user["handle"])
            reply = add(replied_at, agent, reply_text, platform, in_reply_to=asked, conversation=asked)
            if rng.random() < 0.25:
                later = replied_at + dt.timedelta(minutes=rng.randrange(10, 300))
                follow = rng.choice(FOLLOW_UPS[language]).format(face=rng.choice(SLOTS["face"]))
                question = add(later, author, follow, platform, in_reply_to=reply, conversation=asked)
                if rng.random() < 0.7:
                    add(next_reply_time(rng, later), agent, rng.choice(REPLIES[language]).format(user=user["handle"]),
                        platform, in_reply_to=question, conversation=asked)
    records.sort(key=lambda r: (r["created_at"], int(r["id"])))
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"wrote {len(records)} posts to {OUT}")


if __name__ == "__main__":
    main()
