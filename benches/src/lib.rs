//! The reproducible corpus kizuna's benchmarks run on: social posts in Japanese and English,
//! generated from a fixed seed, so every run and every machine times the same text.
//!
//! Posts mix what the normaliser treats specially: kana and kanji, half-width katakana,
//! full-width ASCII, emoji (ZWJ families, skin tones, flags), kaomoji, URLs glued to Japanese,
//! @mentions, #hashtags, $cashtags, long-vowel and laughter runs, wave dashes and odd spaces.
//!
//! ```
//! let posts = kizuna_benches::mixed_corpus(64 * 1024);
//! assert!(posts.iter().map(String::len).sum::<usize>() >= 64 * 1024);
//! assert_eq!(posts, kizuna_benches::mixed_corpus(64 * 1024)); // same seed, same text
//! assert!(kizuna_benches::english_corpus(4096).iter().all(|p| p.is_ascii()));
//! ```

/// The criterion settings every bench here uses: ten samples of about four seconds after a
/// second's warm-up, enough for medians on a shared machine within a short CI budget.
///
/// ```
/// let _config = kizuna_benches::criterion_config();
/// ```
pub fn criterion_config() -> criterion::Criterion {
    criterion::Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(4))
}

/// The median wall time of `runs` calls of `work`, in seconds: what `benches/compare/` sets
/// beside the Python tools, timed the way they are.
///
/// ```
/// let seconds = kizuna_benches::median_seconds(3, || (0..1000u64).sum::<u64>());
/// assert!(seconds >= 0.0);
/// ```
pub fn median_seconds<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    let mut seconds: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = std::time::Instant::now();
            std::hint::black_box(work());
            start.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    seconds[seconds.len() / 2]
}

/// The `main` of a bench file: its bench function under [`criterion_config`].
///
/// ```
/// fn bench(c: &mut criterion::Criterion) {
///     c.bench_function("nothing", |b| b.iter(|| 1 + 1));
/// }
/// kizuna_benches::bench_main!(bench);
/// ```
#[macro_export]
macro_rules! bench_main {
    ($target:path) => {
        criterion::criterion_group! {
            name = benches;
            config = $crate::criterion_config();
            targets = $target
        }
        criterion::criterion_main!(benches);
    };
}

/// The size the benchmarks generate: 10 MiB of posts.
pub const BENCH_BYTES: usize = 10 * 1024 * 1024;

const SEED: u64 = 0x6b69_7a75_6e61_2026;

/// A small deterministic generator (SplitMix64): the corpora must not depend on a crate's
/// version of "random".
///
/// ```
/// let (mut a, mut b) = (kizuna_benches::Rng(7), kizuna_benches::Rng(7));
/// assert_eq!(a.next(), b.next());
/// assert!(a.below(10) < 10);
/// ```
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    #[allow(clippy::should_implement_trait)] // not an iterator: it never ends
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const HANDLES: &[&str] = &[
    "@sora_air",
    "@lynqs_mobile",
    "＠ｐｅｎｔａｓ＿ｊｐ",
    "@yorumiru_jp",
    "@kazenowa_store",
    "@SoraAir",
];
const HASHTAGS: &[&str] = &[
    "#拡散希望",
    "#ソラ航空",
    "#SALE",
    "＃セール開催中",
    "#リンクスモバイル",
    "#神対応",
    "#ootd",
];
const URLS: &[&str] = &[
    "https://status.sora.example/incident/42",
    "https://t.co/xY1aBc9",
    "www.lynqs.example.jp/help",
    "http://kazenowa.example/item?id=1234&utm=x",
];
const EMOJI: &[&str] = &["😭", "😡", "🙏", "👍🏽", "👨‍👩‍👧‍👦", "🇯🇵", "❤️", "✈️", "🔥", "1️⃣"];
const KAOMOJI: &[&str] = &[
    "(´；ω；｀)",
    "(^^;)",
    "m(_ _)m",
    "orz",
    "(*´▽`*)",
    "ヽ(`Д´)ﾉ",
    "^^",
    ":)",
];
const JAPANESE: &[&str] = &[
    "羽田の搭乗口に誰もいない…もう３０分待ってる",
    "ｱﾌﾟﾘにﾛｸﾞｲﾝできないんだけど",
    "対応が神すぎて泣いた",
    "解約ってどこからできますか？",
    "電話つながらない、どうなってるの",
    "新作のスニーカー買った！最高ーーー！！",
    "フライト遅延で乗り継ぎ間に合わない",
    "ﾎﾟｲﾝﾄが反映されてません",
    "ダークモードほしい〜",
    "返金まだですか？　もう２週間です",
    "ｽｰﾊﾟｰｾｰﾙ本日まで",
    "サポートの方、ありがとうございました",
];
const ENGLISH: &[&str] = &[
    "flight delayed 3 hours and noooo one at the desk",
    "worst customer service ever, switching carriers",
    "thanks for sorting out my refund so quickly",
    "anyone know if the app is down right now?",
    "just tried the new shiraz, lovely",
    "please add more vegan options to the menu",
    "ＦＲＥＥ ＳＨＩＰＰＩＮＧ today only",
    "my order #4521 never arrived",
    "$LYNQ up again after the outage news",
];
const TAILS: &[&str] = &[
    "ｗｗｗｗ",
    "草",
    "！！！！",
    "!!!",
    "??",
    "〜",
    "ーーー",
    "…",
    "。",
    "",
    "",
];
const ENGLISH_TAILS: &[&str] = &["!!!!", "??", "...", " lol", " :)", "", ""];
const SPACES: &[&str] = &[" ", " ", " ", "　", "  ", "\n"];

/// Posts of mixed Japanese and English social text, at least `bytes` long in all, from the
/// fixed seed.
pub fn mixed_corpus(bytes: usize) -> Vec<String> {
    let mut rng = Rng(SEED);
    generate(bytes, || mixed_post(&mut rng))
}

/// Plain English posts, ASCII only (mentions, hashtags and URLs included), at least `bytes`
/// long in all: the input of the ASCII fast path.
pub fn english_corpus(bytes: usize) -> Vec<String> {
    let mut rng = Rng(SEED ^ 0xA5C1);
    generate(bytes, || english_post(&mut rng))
}

fn generate(bytes: usize, mut post: impl FnMut() -> String) -> Vec<String> {
    let mut posts = Vec::new();
    let mut total = 0;
    while total < bytes {
        let p = post();
        total += p.len();
        posts.push(p);
    }
    posts
}

fn mixed_post(rng: &mut Rng) -> String {
    let mut post = String::new();
    if rng.chance(60) {
        post.push_str(rng.pick(HANDLES));
        post.push(' ');
    }
    for _ in 0..1 + rng.below(3) {
        let sentence = if rng.chance(65) {
            rng.pick(JAPANESE)
        } else {
            rng.pick(ENGLISH)
        };
        post.push_str(sentence);
        post.push_str(rng.pick(TAILS));
        if rng.chance(30) {
            post.push_str(rng.pick(KAOMOJI));
        }
        if rng.chance(30) {
            post.push_str(rng.pick(EMOJI));
        }
        post.push_str(rng.pick(SPACES));
    }
    if rng.chance(25) {
        post.push_str(rng.pick(URLS));
        if rng.chance(50) {
            post.push_str("見て");
        }
        post.push(' ');
    }
    if rng.chance(40) {
        post.push_str(rng.pick(HASHTAGS));
    }
    post
}

fn english_post(rng: &mut Rng) -> String {
    let mut post = String::new();
    if rng.chance(60) {
        post.push_str(rng.pick(&["@sora_air", "@SoraAir", "@lynqs_mobile", "@kazenowa"]));
        post.push(' ');
    }
    for _ in 0..1 + rng.below(3) {
        let sentence = rng.pick(ENGLISH);
        if sentence.is_ascii() {
            post.push_str(sentence);
            post.push_str(rng.pick(ENGLISH_TAILS));
            post.push_str(". ");
        }
    }
    if rng.chance(25) {
        post.push_str(rng.pick(&["https://t.co/xY1aBc9", "http://kazenowa.example/item?id=12"]));
        post.push(' ');
    }
    if rng.chance(30) {
        post.push_str(rng.pick(&["#travel", "#fail", "#ootd", "#CustomerService"]));
    }
    post
}
