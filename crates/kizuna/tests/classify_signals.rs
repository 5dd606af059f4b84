//! One test per signal of the classifier, the dev-set evaluation with floors at what the code
//! reaches, and properties that hold for any input.

use kizuna::classify::eval::{LabelledRecord, evaluate, read_labelled};
use kizuna::classify::lexicon::Vocabulary;
use kizuna::classify::{
    Classifier, ClassifierConfig, Context, Intent, Language, Rule, Sentiment, Urgency,
};
use proptest::prelude::*;
use std::sync::LazyLock;

/// The built-in classifier, built once for every test (cloning shares it).
fn classifier() -> Classifier {
    static SHARED: LazyLock<Classifier> =
        LazyLock::new(|| Classifier::builder().build().expect("built-in lexicons"));
    SHARED.clone()
}

fn sentiment(text: &str) -> Sentiment {
    classifier().classify(text).sentiment
}

#[test]
fn negation_in_both_languages() {
    assert_eq!(sentiment("美味しい"), Sentiment::Positive);
    assert_eq!(sentiment("美味しくない"), Sentiment::Negative);
    assert_eq!(sentiment("good"), Sentiment::Positive);
    assert_eq!(sentiment("hardly helpful"), Sentiment::Negative);
    assert_eq!(sentiment("the app is barely useful"), Sentiment::Negative);
    assert_eq!(sentiment("not good"), Sentiment::Negative);
    assert_eq!(sentiment("isn't great"), Sentiment::Negative);
    // "still not" complains and negates what follows.
    assert_eq!(
        sentiment("still not happy with the service"),
        Sentiment::Negative
    );
    // A clause boundary ends the scope.
    assert_eq!(sentiment("not today. great service"), Sentiment::Positive);
}

#[test]
fn a_longer_term_that_is_no_whole_word_does_not_hide_a_shorter_one() {
    // "great job" (praise) matches inside "great jobs" but is not a whole word there;
    // "great" is.
    assert_eq!(sentiment("great jobs at your company"), Sentiment::Positive);
    assert_eq!(
        sentiment("really great jobsite, thanks"),
        Sentiment::Positive
    );
}

#[test]
fn everyday_feelings_beyond_customer_care() {
    assert_eq!(
        sentiment("so blessed and proud of this crew today"),
        Sentiment::Positive
    );
    assert_eq!(
        sentiment("feeling lonely and exhausted, what a tragic week"),
        Sentiment::Negative
    );
    // Words that name products or say neutral things in support posts stay out of it.
    for neutral in [
        "does the smart plug work with the hub?",
        "can't log into my Epic Games account",
        "does the relaxed fit come in 34 waist?",
        "I lost my password, how do I reset it?",
    ] {
        assert_eq!(sentiment(neutral), Sentiment::Neutral, "{neutral}");
    }
    assert_ne!(
        sentiment("payment was successful but my order still shows pending"),
        Sentiment::Positive
    );
    // Praise after a failure is sarcasm, not thanks.
    let c = classifier().classify("well done, another delayed flight");
    assert_eq!(c.sentiment, Sentiment::Negative);
    assert!(c.needs_reply);
}

#[test]
fn intensifiers_and_contrast() {
    let c = classifier();
    let plain = c.classify("good").score;
    assert!(c.classify("very good").score > plain);
    assert!(c.classify("kinda good").score < plain);
    // The clause after けど / but weighs more.
    assert_eq!(sentiment("美味しいけど高すぎ、最悪"), Sentiment::Negative);
    assert_eq!(
        sentiment("the app is slow but the staff were amazing"),
        Sentiment::Positive
    );
}

#[test]
fn too_much_strengthens_or_complains() {
    let c = classifier();
    assert!(c.classify("美味しすぎ").score > c.classify("美味しい").score);
    assert_eq!(sentiment("サイト重すぎ"), Sentiment::Negative);
}

#[test]
fn sarcasm_turns_praise_around() {
    assert_eq!(sentiment("さすがソラ航空、今日も遅延"), Sentiment::Negative);
    assert_eq!(
        sentiment("delayed again. can always count on them 👏"),
        Sentiment::Negative
    );
    assert_eq!(
        sentiment("さすがの対応、ありがとうございます"),
        Sentiment::Positive
    );
}

/// A phrase that wins the longest match keeps the sentiment of the word it covers.
#[test]
fn phrases_keep_the_sentiment_of_their_words() {
    let c = classifier().classify("great job team");
    assert_eq!(c.sentiment, Sentiment::Positive);
    assert!(c.intents.contains(&Intent::Praise));
    let c = classifier().classify("stuck at the gate for 3 hours");
    assert_eq!(
        (c.sentiment, c.urgency),
        (Sentiment::Negative, Urgency::High)
    );
    // A sarcasm cue is praise on its own and its opposite next to a failure.
    assert_eq!(
        sentiment("love that you fixed it so fast"),
        Sentiment::Positive
    );
    assert_eq!(
        sentiment("love how my flight got cancelled"),
        Sentiment::Negative
    );
    assert_eq!(sentiment("期待を裏切らない品質"), Sentiment::Positive);
    assert_eq!(sentiment("期待を裏切らない遅延"), Sentiment::Negative);
}

#[test]
fn emoji_kaomoji_and_punctuation() {
    assert_eq!(sentiment("今日のフライト😭"), Sentiment::Negative);
    assert_eq!(sentiment("届いた✨"), Sentiment::Positive);
    assert_eq!(sentiment("また止まってる(´；ω；｀)"), Sentiment::Negative);
    assert_eq!(sentiment("届いてないんだけど？？"), Sentiment::Negative);
    // Faces and hearts beyond the commonest, mild ones too; ambiguous ones say nothing.
    for (post, expected) in [
        ("going home 😀", Sentiment::Positive),
        ("going home 🙂", Sentiment::Positive),
        ("going home ♥", Sentiment::Positive),
        ("going home :P", Sentiment::Positive),
        ("going home 🥺", Sentiment::Negative),
        ("going home 🤦\u{200d}♀\u{fe0f}", Sentiment::Negative),
        ("going home 🤮", Sentiment::Negative),
        ("going home 🔥", Sentiment::Neutral),
        ("going home 🙏", Sentiment::Neutral),
    ] {
        assert_eq!(sentiment(post), expected, "{post}");
    }
}

#[test]
fn brands_are_not_sentiment() {
    let c = classifier();
    let context = Context {
        brands: vec!["Great Lakes Air".into()],
        ..Context::default()
    };
    assert_eq!(
        c.classify_with("flying Great Lakes Air tomorrow", &context)
            .sentiment,
        Sentiment::Neutral
    );
    assert_eq!(c.classify("@best_buy hi").sentiment, Sentiment::Neutral); // a handle is never a word
}

#[test]
fn purchases_requests_and_their_neighbours() {
    let c = classifier();
    let happy = c.classify("just got the new chair and I love it");
    assert!(happy.intents.contains(&Intent::Purchase) && happy.intents.contains(&Intent::Praise));
    // An order gone wrong is a complaint, not a purchase report.
    let broken = c.classify("ordered a lamp and it arrived broken, terrible");
    assert!(
        !broken.intents.contains(&Intent::Purchase),
        "{:?}",
        broken.intents
    );
    assert!(broken.intents.contains(&Intent::Complaint));
    assert!(
        c.classify("it would be nice if the app had a dark mode")
            .intents
            .contains(&Intent::Request)
    );
    assert!(
        c.classify("アプリで在庫を見れるようにしてくれないかな")
            .intents
            .contains(&Intent::Request)
    );
}

#[test]
fn a_failure_told_is_negative_a_failure_asked_is_not() {
    assert_eq!(
        sentiment("the site crashed twice during checkout"),
        Sentiment::Negative
    );
    assert_eq!(sentiment("アプリが落ちてる"), Sentiment::Negative);
    assert_eq!(sentiment("is the site down?"), Sentiment::Neutral);
}

#[test]
fn everyday_ways_of_asking_suggesting_and_spamming() {
    let c = classifier();
    for (text, intent) in [
        ("is it possible to change my seat", Intent::Question),
        (
            "it would be great if the app had dark mode",
            Intent::Request,
        ),
        ("check my bio for the best deals", Intent::Spam),
        ("just booked a trip to Sapporo", Intent::Purchase),
        ("cancelled my subscription, not coming back", Intent::Churn),
    ] {
        let out = c.classify(text);
        assert!(out.intents.contains(&intent), "{text}: {:?}", out.intents);
    }
}

#[test]
fn thanks_for_a_fix_is_praise_not_an_outage() {
    let c = classifier();
    for text in [
        "thanks for fixing the outage so fast, great job!",
        "障害の復旧ありがとうございます！対応早くて助かりました",
    ] {
        let out = c.classify(text);
        assert!(
            out.intents.contains(&Intent::Praise),
            "{text}: {:?}",
            out.intents
        );
        assert!(
            !out.intents.contains(&Intent::Outage),
            "{text}: {:?}",
            out.intents
        );
    }
    // Still down, however politely said, is an outage.
    let down = c.classify("the app is down again, thanks for nothing");
    assert!(down.intents.contains(&Intent::Outage), "{:?}", down.intents);
}

#[test]
fn intents_urgency_and_reply() {
    let c = classifier();
    let spam = c.classify("フォロバ100%✨相互フォロー募集中！ #拡散希望");
    assert_eq!(
        (spam.intents.as_slice(), spam.urgency, spam.needs_reply),
        ([Intent::Spam].as_slice(), Urgency::Low, false)
    );
    assert_eq!(spam.sentiment, Sentiment::Neutral);
    for spam in [
        "follow me and I follow back 💯 #F4F",
        "make $300/day, link in bio 💵",
        "日給3万円！在宅ワークで誰でもできる",
    ] {
        assert_eq!(
            classifier().classify(spam).intents,
            [Intent::Spam],
            "{spam}"
        );
    }
    let stranded = c.classify("stranded at the gate, flight cancelled and nobody here");
    assert_eq!(stranded.urgency, Urgency::High);
    assert!(stranded.intents.contains(&Intent::Outage) && stranded.needs_reply);
    let legal = c.classify("説明と違う契約でした。消費者センターに相談します");
    assert_eq!(legal.urgency, Urgency::High);
    // An outage that hits many at once is urgent; one broken order is not.
    assert_eq!(
        c.classify("ネットバンキングで障害？ログインできない")
            .urgency,
        Urgency::High
    );
    assert_eq!(
        c.classify("is the app down for everyone").urgency,
        Urgency::High
    );
    assert_eq!(
        c.classify("my order never arrived").urgency,
        Urgency::Normal
    );
    let harmed = c.classify("my son had an allergic reaction to your cookies");
    assert_eq!(harmed.urgency, Urgency::High);
    let question = c.classify("how do I reset my password");
    assert!(question.intents.contains(&Intent::Question) && question.needs_reply);
    assert_eq!(question.urgency, Urgency::Normal);
    // Praise gets a reply only when it addresses the brand.
    assert!(!c.classify("this coffee is amazing, thank you").needs_reply);
    assert!(
        c.classify("@tsugumi_coffee this coffee is amazing, thank you")
            .needs_reply
    );
    let chatter = c.classify("rainy day in Tokyo");
    assert_eq!(
        (chatter.intents.as_slice(), chatter.urgency),
        ([Intent::Other].as_slice(), Urgency::Low)
    );
}

#[test]
fn flame_risk_grows_with_markers_and_reach() {
    let c = classifier();
    let calm = c.classify("遅延してます").flame_risk;
    let spread = c.classify("【拡散希望】対応が最悪 #拡散希望").flame_risk;
    assert!(spread > calm);
    let context = Context {
        shares: Some(500.0),
        ..Context::default()
    };
    assert!(c.classify_with("遅延してます", &context).flame_risk > calm);
    assert!(
        !c.classify_with("遅延してます", &context)
            .flame_reasons
            .is_empty()
    );
}

#[test]
fn language_by_script() {
    let c = classifier();
    assert_eq!(
        c.classify("@sora_air 荷物が届かない https://t.co/x")
            .language,
        Language::Ja
    );
    assert_eq!(c.classify("my order never arrived").language, Language::En);
}

#[test]
fn user_lexicons_and_their_errors() {
    let custom = Classifier::builder()
        .lexicon(
            "sentiment\tぴえん\t-2\nintent\t機種変\tpurchase\n",
            "mine.tsv",
        )
        .and_then(|b| b.build())
        .expect("valid");
    assert_eq!(custom.classify("ぴえん").sentiment, Sentiment::Negative);
    assert!(
        custom
            .classify("機種変しました")
            .intents
            .contains(&Intent::Purchase)
    );
    let err = Classifier::builder()
        .lexicon("sentiment\tx\n", "bad.tsv")
        .unwrap_err();
    assert!(err.to_string().contains("bad.tsv, line 1"), "{err}");
}

#[test]
fn rules_take_the_place_of_the_words_they_span() {
    let post = "this sale is RIDICULOUS!!! so cheap";
    assert_eq!(classifier().classify(post).sentiment, Sentiment::Negative);
    let ruled = Classifier::builder()
        .rule(Rule::new(
            "so cheap it hurts",
            r"\bridiculous(ly)?\b.{0,10}\bcheap\b",
            "sentiment",
            "2.5",
        ))
        .and_then(|b| b.build())
        .expect("rule");
    let c = ruled.classify(post);
    assert_eq!(c.sentiment, Sentiment::Positive);
    let e = c
        .evidence
        .iter()
        .find(|e| e.term == "so cheap it hurts")
        .expect("rule evidence");
    assert_eq!(&post[e.span.bytes.clone()], "RIDICULOUS!!! so cheap");
    assert!(c.evidence.iter().all(|e| e.term != "ridiculous"));
}

#[test]
fn a_toml_config_with_lexicon_files_and_rules() {
    let dir = std::env::temp_dir().join(format!("kizuna-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let lexicon = dir.join("care.tsv");
    std::fs::write(
        &lexicon,
        "sentiment\tぴえん\t-1.5\nintent\t機種変\tpurchase\n",
    )
    .expect("write");
    let document = format!(
        r#"
brands = ["ソラ航空"]
lexicons = ["{}"]

[[rules]]
name = "lost bag"
pattern = "(荷物|スーツケース)が(出てこない|届かない)"
kind = "urgent"
value = "stranded"
"#,
        lexicon.display()
    );
    let config: ClassifierConfig = toml::from_str(&document).expect("config");
    let classifier = Classifier::from_config(&config).expect("classifier");
    let c = classifier.classify("ソラ航空 ｽｰﾂｹｰｽが出てこない ぴえん");
    assert_eq!(c.sentiment, Sentiment::Negative);
    assert_eq!(c.urgency, Urgency::High);
    assert!(
        classifier
            .classify("機種変しました")
            .intents
            .contains(&Intent::Purchase)
    );

    // Bad documents and bad lexicon lines are named.
    std::fs::write(&lexicon, "sentiment\tぴえん\n").expect("write");
    let err = Classifier::from_config(&config).unwrap_err().to_string();
    assert!(err.contains("care.tsv, line 1"), "{err}");
    let err = toml::from_str::<ClassifierConfig>("rulez = []")
        .unwrap_err()
        .to_string();
    assert!(err.contains("rulez"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The development set's two parts: the four records in five the lexicons were written
/// against, and every fifth, kept aside.
fn development_parts() -> (Vec<LabelledRecord>, Vec<LabelledRecord>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/mentions_dev.jsonl"
    );
    let records =
        read_labelled(&std::fs::read_to_string(path).expect("dev data")).expect("labelled");
    let (kept, dev): (Vec<_>, Vec<_>) = records
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 5 == 4);
    let records = |part: Vec<(usize, LabelledRecord)>| part.into_iter().map(|(_, r)| r).collect();
    (records(dev), records(kept))
}

/// Japanese words that hold a shorter term but mean something else are not that term.
#[test]
fn place_names_and_set_phrases_are_not_their_parts() {
    for post in [
        "神奈川の店舗に行きました",
        "最低気温は5度",
        "届くはずの荷物",
        "雑誌で見た",
    ] {
        assert_eq!(sentiment(post), Sentiment::Neutral, "{post}");
    }
}

/// The optional Japanese vocabulary, asked for by name, reads everyday words the built-in
/// lexicons do not know; on the development set it keeps the gain it was measured with.
#[test]
fn the_optional_japanese_vocabulary_reads_everyday_words() {
    let with = Classifier::builder()
        .vocabulary(Vocabulary::JapaneseGeneral)
        .and_then(|b| b.build())
        .expect("builds");
    // The config door reads the same vocabulary.
    let config: ClassifierConfig =
        serde_json::from_str(r#"{"vocabularies": ["japanese_general"]}"#).expect("parses");
    let configured = Classifier::from_config(&config).expect("builds");
    assert_eq!(
        configured.classify("対応に呆れた").sentiment,
        Sentiment::Negative
    );
    assert!(serde_json::from_str::<ClassifierConfig>(r#"{"vocabularies": ["klingon"]}"#).is_err());
    for (post, expected) in [
        ("対応に呆れた", Sentiment::Negative),
        ("店員さんに癒された", Sentiment::Positive),
        ("この機能ほんと使いづらい", Sentiment::Negative),
        ("説明が紛らわしい", Sentiment::Negative),
    ] {
        assert_eq!(sentiment(post), Sentiment::Neutral, "built in: {post}");
        assert_eq!(with.classify(post).sentiment, expected, "{post}");
    }
    let (dev, kept) = development_parts();
    let ja = |part: &[LabelledRecord]| evaluate(&with, part).by_language["ja"].sentiment.macro_f1;
    let (dev, kept) = (ja(&dev), ja(&kept));
    assert!(
        dev >= 0.88 && kept >= 0.80,
        "ja sentiment {dev:.3} / {kept:.3}"
    );
}

/// The development set: every fifth record is kept aside as an own check. Floors sit just
/// below what the classifier reaches (printed by `examples/eval_dev.rs`); they are far from
/// issue 3's targets yet.
#[test]
fn development_set_floors() {
    let (dev, kept) = development_parts();
    let c = classifier();
    let (d, k) = (evaluate(&c, &dev), evaluate(&c, &kept));
    let floors = [
        (
            "dev ja sentiment",
            d.by_language["ja"].sentiment.macro_f1,
            0.85,
        ),
        (
            "dev en sentiment",
            d.by_language["en"].sentiment.macro_f1,
            0.90,
        ),
        ("dev intents", d.overall.intents.macro_f1, 0.78),
        (
            "dev needs_reply",
            d.overall.needs_reply.per_class["true"].f1,
            0.90,
        ),
        (
            "kept ja sentiment",
            k.by_language["ja"].sentiment.macro_f1,
            0.77,
        ),
        (
            "kept en sentiment",
            k.by_language["en"].sentiment.macro_f1,
            0.68,
        ),
        ("kept intents", k.overall.intents.macro_f1, 0.60),
        (
            "kept needs_reply",
            k.overall.needs_reply.per_class["true"].f1,
            0.81,
        ),
    ];
    let high = |s: &kizuna::classify::eval::Scores| s.urgency.per_class["high"].recall;
    let floors = floors.into_iter().chain([
        ("dev en high recall", high(&d.by_language["en"]), 0.90),
        ("dev ja high recall", high(&d.by_language["ja"]), 0.95),
        ("kept en high recall", high(&k.by_language["en"]), 0.70),
        ("kept ja high recall", high(&k.by_language["ja"]), 0.95),
    ]);
    for (name, got, floor) in floors {
        assert!(got >= floor, "{name}: {got:.3} below its floor {floor}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_input_classifies_and_evidence_points_into_it(text in any::<String>()) {
        let c = classifier();
        let out = c.classify(&text);
        prop_assert!((-1.0..=1.0).contains(&out.score));
        prop_assert!((0.0..=1.0).contains(&out.flame_risk));
        prop_assert!(!out.intents.is_empty());
        for e in &out.evidence {
            prop_assert!(text.get(e.span.bytes.clone()).is_some(), "{:?}", e);
        }
    }

    #[test]
    fn social_text_evidence_points_into_it(pieces in prop::collection::vec(prop::sample::select(vec![
        "最悪", "美味しく", "ない", "けど", "すぎ", "さすが", "遅延", "？？", "!!", "😭", "(´；ω；｀)", "not", "good",
        "but", "@sora_air", "#拡散希望", "https://t.co/x", "ｶﾞ", "ＡＢＣ", " ", "　", "ありがとう", "ｗｗｗ",
    ]), 0..20)) {
        let text = pieces.concat();
        let out = classifier().classify(&text);
        for e in &out.evidence {
            prop_assert!(text.get(e.span.bytes.clone()).is_some(), "{:?}", e);
        }
    }
}
