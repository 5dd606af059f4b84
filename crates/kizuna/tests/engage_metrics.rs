//! Engagement metrics: empty and zero cases, bad counts, and the invariants every metric keeps.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use kizuna::Error;
use kizuna::engage::*;
use proptest::prelude::*;

fn post(id: &str, at: Timestamp, author: &str, likes: f64, impressions: Option<f64>) -> Post {
    Post {
        id: id.into(),
        platform: Some("twitter".into()),
        created_at: at,
        author: Author {
            id: author.into(),
            handle: None,
            followers: Some(1000.0),
            is_brand: author == "brand",
        },
        text: String::new(),
        in_reply_to: None,
        conversation_id: None,
        is_share: false,
        metrics: Metrics {
            likes: Some(likes),
            impressions,
            ..Metrics::default()
        },
    }
}

fn week() -> Window {
    Window::new(
        "2026-11-16T00:00:00Z".parse().expect("instant"),
        "2026-11-23T00:00:00Z".parse().expect("instant"),
        "UTC",
    )
    .expect("window")
}

#[test]
fn an_empty_window_gives_nones_not_nans() {
    let m = account_metrics(&[], "brand", &week()).expect("metrics");
    assert_eq!((m.posts, m.days, m.active_days), (0, 7, 0));
    assert_eq!(m.posts_per_day, Some(0.0));
    assert_eq!(m.weekday_coverage, Some(0.0));
    for rate in [
        m.follower_growth_per_day,
        m.conversation_rate,
        m.amplification_rate,
        m.applause_rate,
        m.engagement_rate,
        m.median_engagement_rate,
    ] {
        assert_eq!(rate, None);
    }
    let p = profile(&[], "brand", &week()).expect("profile");
    assert_eq!((p.dialogue_rate, p.mean_length), (None, None));
    let r = response_metrics(&[], "brand", "sora_air", &week(), None).expect("response");
    assert_eq!(
        (r.inbound, r.response_rate, r.response_time),
        (0, None, None)
    );
    assert!(repeat_engagers(&[], "brand", "sora_air", &week(), 1).is_empty());
}

#[test]
fn zero_impressions_give_no_rate() {
    let at: Timestamp = "2026-11-16T01:00:00Z".parse().expect("instant");
    let posts = [
        post("1", at, "brand", 5.0, Some(0.0)),
        post("2", at, "brand", 5.0, None),
    ];
    let m = account_metrics(&posts, "brand", &week()).expect("metrics");
    assert_eq!((m.engagement_rate, m.median_engagement_rate), (None, None));
    assert_eq!(m.applause_rate, Some(5.0));
    // One post: no growth can be measured between two posts.
    let one = account_metrics(&posts[..1], "brand", &week()).expect("metrics");
    assert_eq!(one.follower_growth_per_day, None);
}

#[test]
fn bad_counts_name_the_post() {
    let at: Timestamp = "2026-11-16T01:00:00Z".parse().expect("instant");
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        let posts = [post("42", at, "brand", bad, Some(10.0))];
        match account_metrics(&posts, "brand", &week()) {
            Err(Error::Record { id, .. }) => assert_eq!(id, "42"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    // Another account's bad post does not stop the brand's figures.
    let posts = [
        post("1", at, "brand", 1.0, Some(10.0)),
        post("2", at, "taro", -5.0, None),
    ];
    assert!(account_metrics(&posts, "brand", &week()).is_ok());
}

#[test]
fn the_x_length_of_mixed_posts() {
    assert_eq!(weighted_length_without_urls(""), 0);
    assert_eq!(weighted_length_without_urls("ok 👍🏽"), 3 + 2);
    assert_eq!(weighted_length_without_urls("👨‍👩‍👧‍👦"), 2);
    assert_eq!(weighted_length_without_urls("ｶﾀｶﾅ"), 8);
    assert_eq!(weighted_length_without_urls("https://t.co/x only"), 5);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rates_are_never_negative(
        likes in prop::collection::vec((0.0f64..1e6, prop::option::of(0.0f64..1e7), 0i64..604_800), 0..30)
    ) {
        let start: Timestamp = "2026-11-16T00:00:00Z".parse().expect("instant");
        let posts: Vec<Post> = likes.iter().enumerate().map(|(i, &(l, imp, offset))| {
            post(&i.to_string(), start + jiff::SignedDuration::from_secs(offset), "brand", l, imp)
        }).collect();
        let m = account_metrics(&posts, "brand", &week()).expect("metrics");
        for rate in [m.posts_per_day, m.weekday_coverage, m.weekend_coverage, m.applause_rate,
                     m.engagement_rate, m.median_engagement_rate].into_iter().flatten() {
            prop_assert!(rate >= 0.0 && rate.is_finite());
        }
        for coverage in [m.weekday_coverage, m.weekend_coverage].into_iter().flatten() {
            prop_assert!(coverage <= 1.0);
        }
    }

    #[test]
    fn streaming_matches_the_batch(
        items in prop::collection::vec(
            (0.0f64..1e4, prop::option::of(0.0f64..1e6), -86_400i64..700_000, prop::bool::weighted(0.8)),
            0..60,
        ),
        split in 0usize..60,
    ) {
        let start: Timestamp = "2026-11-16T00:00:00Z".parse().expect("instant");
        let posts: Vec<Post> = items.iter().enumerate().map(|(i, &(likes, imp, offset, own))| {
            let mut p = post(&i.to_string(), start + jiff::SignedDuration::from_secs(offset),
                             if own { "brand" } else { "taro" }, likes, imp);
            // Followers grow with time, so posts at the same instant agree on them.
            p.author.followers = Some(1000.0 + offset as f64 / 100.0);
            p
        }).collect();
        let batch = account_metrics(&posts, "brand", &week()).expect("batch");
        // Two chunks, the later one pushed first, merged.
        let (early, late) = posts.split_at(split.min(posts.len()));
        let mut whole = AccountAccumulator::new("brand", week());
        for p in late { whole.push(p).expect("valid"); }
        let mut rest = AccountAccumulator::new("brand", week());
        for p in early { rest.push(p).expect("valid"); }
        whole.merge(&rest);
        let streamed = whole.finish();
        prop_assert_eq!((streamed.posts, streamed.days, streamed.active_days), (batch.posts, batch.days, batch.active_days));
        prop_assert_eq!((streamed.weekday_coverage, streamed.weekend_coverage), (batch.weekday_coverage, batch.weekend_coverage));
        let close = |a: Option<f64>, b: Option<f64>, tolerance: f64| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= tolerance * a.abs().max(b.abs()) + 1e-12,
            (a, b) => a == b,
        };
        for (got, want) in [
            (streamed.posts_per_day, batch.posts_per_day),
            (streamed.follower_growth_per_day, batch.follower_growth_per_day),
            (streamed.applause_rate, batch.applause_rate),
            (streamed.conversation_rate, batch.conversation_rate),
            (streamed.engagement_rate, batch.engagement_rate),
        ] {
            prop_assert!(close(got, want, 1e-9), "{got:?} != {want:?}");
        }
        prop_assert!(close(streamed.median_engagement_rate, batch.median_engagement_rate, RateSketch::ACCURACY));
    }

    #[test]
    fn the_sketch_median_keeps_its_accuracy(
        values in prop::collection::vec(prop_oneof![1 => Just(0.0), 9 => 1e-6f64..1e3], 1..300)
    ) {
        let mut sketch = RateSketch::default();
        values.iter().for_each(|v| sketch.insert(*v).expect("a rate"));
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let exact = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
        let got = sketch.median().expect("not empty");
        prop_assert!((got - exact).abs() <= exact * RateSketch::ACCURACY * (1.0 + 1e-9), "{got} vs {exact}");
    }

    #[test]
    fn nps_stays_within_its_bounds(scores in prop::collection::vec(0u8..=10, 0..200)) {
        let result = nps(&scores).expect("valid scores");
        prop_assert_eq!(result.promoters + result.passives + result.detractors, scores.len());
        if let (Some(score), Some((low, high))) = (result.score, result.interval_95) {
            prop_assert!((-100.0..=100.0).contains(&score));
            prop_assert!(low <= score && score <= high);
            prop_assert!(low >= -100.0 && high <= 100.0);
        }
    }

    #[test]
    fn series_sum_to_their_totals(items in prop::collection::vec((0i64..5_000_000, 0.0f64..100.0), 0..100)) {
        let start: Timestamp = "2026-01-01T00:00:00Z".parse().expect("instant");
        let values: Vec<(Timestamp, f64)> = items.iter()
            .map(|&(s, v)| (start + jiff::SignedDuration::from_secs(s), v)).collect();
        let total: f64 = values.iter().map(|(_, v)| v).sum();
        for bucket in [Bucket::Day, Bucket::Week] {
            let tz = TimeZone::get("Asia/Tokyo").expect("zone");
            let s = series(values.iter().copied(), bucket, &tz);
            let sum: f64 = s.iter().map(|(_, v)| v).sum();
            prop_assert!((sum - total).abs() < 1e-6 * total.max(1.0));
            prop_assert!(s.windows(2).all(|w| w[0].0 < w[1].0));
        }
    }
}
