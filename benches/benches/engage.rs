//! Account metrics over a million posts of ten accounts in a month, Tokyo time: the batch
//! `account_metrics` (exact median, one Vec of rates) against the streaming
//! `AccountAccumulator` (bounded memory, sketched median).
//!
//! ```sh
//! cargo bench -p kizuna-benches --bench engage
//! ```

use criterion::{Criterion, Throughput};
use jiff::{SignedDuration, Timestamp};
use kizuna::engage::{AccountAccumulator, Author, Metrics, Post, Window, account_metrics};
use kizuna_benches::Rng;

const POSTS: usize = 1_000_000;
const ACCOUNTS: usize = 10;

fn posts(start: Timestamp) -> Vec<Post> {
    let mut rng = Rng(0x656e_6761_6765);
    let month = 30 * 86_400;
    (0..POSTS)
        .map(|i| {
            let mut count = |most: usize| Some(rng.below(most) as f64);
            let metrics = Metrics {
                likes: count(500),
                shares: count(50),
                replies: count(20),
                impressions: count(20_000),
                ..Metrics::default()
            };
            Post {
                id: i.to_string(),
                platform: None,
                created_at: start + SignedDuration::from_secs(rng.below(month) as i64),
                author: Author {
                    id: format!("account{}", rng.below(ACCOUNTS)),
                    handle: None,
                    followers: Some(50_000.0 + i as f64 / 100.0),
                    is_brand: true,
                },
                text: String::new(),
                in_reply_to: None,
                conversation_id: None,
                is_share: false,
                metrics,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let start: Timestamp = "2026-10-31T15:00:00Z".parse().expect("instant");
    let window = Window::new(
        start,
        start + SignedDuration::from_hours(30 * 24),
        "Asia/Tokyo",
    )
    .expect("window");
    let posts = posts(start);
    let mut group = c.benchmark_group("account_metrics");
    group.throughput(Throughput::Elements(POSTS as u64));
    group.bench_function("batch", |b| {
        b.iter(|| account_metrics(&posts, "account3", &window).expect("valid"))
    });
    group.bench_function("streaming", |b| {
        b.iter(|| {
            let mut account = AccountAccumulator::new("account3", window.clone());
            for post in &posts {
                account.push(post).expect("valid");
            }
            account.finish()
        })
    });
    group.finish();
}

kizuna_benches::bench_main!(bench);
