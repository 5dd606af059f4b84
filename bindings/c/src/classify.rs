//! Mention classification.

use std::ffi::c_char;

use kizuna::classify::{
    Classification, Classifier, ClassifierConfig, Context, Intent, Language, Sentiment, Urgency,
};

use crate::KzStatus;
use crate::ffi::{self, Failure, free_handle, give_handle, give_json, guard, handle, out};

/// A post's language, from its scripts.
///
/// A plain value: no thread-safety concerns.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub enum KzLanguage {
    /// No letters to tell.
    Unknown = 0,
    /// Japanese.
    Ja = 1,
    /// English.
    En = 2,
    /// Both, neither dominant.
    Mixed = 3,
}

/// A post's sentiment; the values order from negative to positive.
///
/// A plain value: no thread-safety concerns.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub enum KzSentiment {
    /// Negative.
    Negative = -1,
    /// Neutral.
    Neutral = 0,
    /// Positive.
    Positive = 1,
}

/// How soon a care team should act; the values order from low to high.
///
/// A plain value: no thread-safety concerns.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub enum KzUrgency {
    /// Praise, purchases, chatter, spam.
    Low = 0,
    /// Within the day.
    Normal = 1,
    /// Someone is stuck or harmed now, many are hit, or the post is spreading.
    High = 2,
}

/// Intent bit: dissatisfaction with the product, service, staff or policy.
pub const KZ_INTENT_COMPLAINT: u32 = 1;
/// Intent bit: asks for information or help.
pub const KZ_INTENT_QUESTION: u32 = 1 << 1;
/// Intent bit: thanks or compliments.
pub const KZ_INTENT_PRAISE: u32 = 1 << 2;
/// Intent bit: reports buying, ordering, using or trying.
pub const KZ_INTENT_PURCHASE: u32 = 1 << 3;
/// Intent bit: a failure happening now.
pub const KZ_INTENT_OUTAGE: u32 = 1 << 4;
/// Intent bit: suggests a change or asks for a feature.
pub const KZ_INTENT_REQUEST: u32 = 1 << 5;
/// Intent bit: threatens or announces leaving.
pub const KZ_INTENT_CHURN: u32 = 1 << 6;
/// Intent bit: promotion, bot output or unrelated.
pub const KZ_INTENT_SPAM: u32 = 1 << 7;
/// Intent bit: none of the above.
pub const KZ_INTENT_OTHER: u32 = 1 << 8;

/// What the classifier decided about a post, as plain fields. Evidence (which words fired,
/// where) is in `kz_classify_json`.
///
/// Plain data owned by the caller: no thread-safety concerns of its own.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct KzClassification {
    /// The post's language.
    pub language: KzLanguage,
    /// Its sentiment label.
    pub sentiment: KzSentiment,
    /// Its sentiment score, −1 to 1.
    pub sentiment_score: f64,
    /// Its intents, a bit set of `KZ_INTENT_*`.
    pub intents: u32,
    /// How soon to act.
    pub urgency: KzUrgency,
    /// Whether an active-support team should reply.
    pub needs_reply: bool,
    /// How likely the post is to spread, 0 to 1.
    pub flame_risk: f64,
}

impl KzClassification {
    const EMPTY: KzClassification = KzClassification {
        language: KzLanguage::Unknown,
        sentiment: KzSentiment::Neutral,
        sentiment_score: 0.0,
        intents: 0,
        urgency: KzUrgency::Low,
        needs_reply: false,
        flame_risk: 0.0,
    };

    fn from_core(c: &Classification) -> KzClassification {
        KzClassification {
            language: match c.language {
                Language::Ja => KzLanguage::Ja,
                Language::En => KzLanguage::En,
                Language::Mixed => KzLanguage::Mixed,
                Language::Unknown => KzLanguage::Unknown,
            },
            sentiment: match c.sentiment {
                Sentiment::Negative => KzSentiment::Negative,
                Sentiment::Neutral => KzSentiment::Neutral,
                Sentiment::Positive => KzSentiment::Positive,
            },
            sentiment_score: c.score,
            intents: c
                .intents
                .iter()
                .map(|&i| intent_bit(i))
                .fold(0, |a, b| a | b),
            urgency: match c.urgency {
                Urgency::Low => KzUrgency::Low,
                Urgency::Normal => KzUrgency::Normal,
                Urgency::High => KzUrgency::High,
            },
            needs_reply: c.needs_reply,
            flame_risk: c.flame_risk,
        }
    }
}

fn intent_bit(intent: Intent) -> u32 {
    match intent {
        Intent::Complaint => KZ_INTENT_COMPLAINT,
        Intent::Question => KZ_INTENT_QUESTION,
        Intent::Praise => KZ_INTENT_PRAISE,
        Intent::Purchase => KZ_INTENT_PURCHASE,
        Intent::Outage => KZ_INTENT_OUTAGE,
        Intent::Request => KZ_INTENT_REQUEST,
        Intent::Churn => KZ_INTENT_CHURN,
        Intent::Spam => KZ_INTENT_SPAM,
        Intent::Other => KZ_INTENT_OTHER,
    }
}

/// What a post carries besides its text; pass NULL for none. A zeroed struct means "nothing
/// known".
///
/// Plain data owned by the caller, only read during the call: threads may share one as long
/// as nobody changes it meanwhile.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct KzContext {
    /// Whether `followers` is known.
    pub has_followers: bool,
    /// The author's followers (finite, 0 or more).
    pub followers: f64,
    /// Whether `shares` is known.
    pub has_shares: bool,
    /// How many times the post was shared (finite, 0 or more).
    pub shares: f64,
    /// Whether the post replies to the brand.
    pub replies_to_brand: bool,
    /// Brand names and handles for this post, one per line (UTF-8), or NULL.
    pub brands: *const u8,
    /// Length of `brands` in bytes.
    pub brands_len: usize,
}

/// A built classifier: immutable, so one handle may be shared by any number of threads at
/// once. Create with `kz_classifier_new` or `kz_classifier_from_config`, free with
/// `kz_classifier_free`.
pub struct KzClassifier(Classifier);

/// Creates the built-in Japanese/English classifier.
///
/// # Safety
///
/// `out_classifier` is NULL or writable.
///
/// ```c
/// kz_classifier *classifier = NULL;
/// kz_status s = kz_classifier_new(&classifier);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_classifier_new(out_classifier: *mut *mut KzClassifier) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promise.
        let out = unsafe { out(out_classifier, std::ptr::null_mut(), "out_classifier") }?;
        give_handle(KzClassifier(Classifier::builder().build()?), out)
    })
}

/// Creates a classifier from a configuration document, JSON or TOML: `brands`, `lexicons`
/// (paths of lexicon files), `vocabularies` (shipped but not built in: `"japanese_general"`)
/// and `rules`, as in the Rust `ClassifierConfig`.
///
/// Returns `KZ_STATUS_CONFIG` for a document that does not parse or a rule that does not
/// compile.
///
/// # Safety
///
/// `config` points to `config_len` readable bytes (or is NULL with length 0);
/// `out_classifier` is NULL or writable.
///
/// ```c
/// const char *cfg = "brands = [\"Sora Air\", \"@sora_air\"]\n";
/// kz_classifier *c = NULL;
/// kz_status s = kz_classifier_from_config((const uint8_t *)cfg, strlen(cfg), &c);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_classifier_from_config(
    config: *const u8,
    config_len: usize,
    out_classifier: *mut *mut KzClassifier,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, config) = unsafe {
            (
                out(out_classifier, std::ptr::null_mut(), "out_classifier")?,
                ffi::text(config, config_len, "config")?,
            )
        };
        let config: ClassifierConfig = kizuna::config::parse(config, "classifier config")?;
        give_handle(KzClassifier(Classifier::from_config(&config)?), out)
    })
}

/// Frees a classifier. NULL is accepted.
///
/// # Safety
///
/// `classifier` is NULL or a live handle, used by no thread after this call.
///
/// ```c
/// kz_classifier_free(classifier);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_classifier_free(classifier: *mut KzClassifier) {
    // SAFETY: the caller's promise.
    unsafe { free_handle(classifier) }
}

/// Reads the optional context, checking its counts.
///
/// # Safety
///
/// `context` is NULL or points to a readable `KzContext` whose `brands` points to
/// `brands_len` readable bytes (or is NULL with length 0).
unsafe fn read_context(context: *const KzContext) -> Result<Context, Failure> {
    if context.is_null() {
        return Ok(Context::default());
    }
    if !context.is_aligned() {
        return Err(Failure::new(
            KzStatus::InvalidArgument,
            "context is not aligned for kz_context",
        ));
    }
    // Fields are read one by one, flags as bytes: C code may leave a `bool` holding any
    // byte (a struct filled by memset or memcpy), which is not a valid Rust `bool`; any
    // non-zero byte counts as true.
    // SAFETY: the caller guarantees a readable, (now checked) aligned struct.
    let (has_followers, followers, has_shares, shares, replies_to_brand, brands, brands_len) = unsafe {
        let flag = |field: *const bool| field.cast::<u8>().read() != 0;
        (
            flag(&raw const (*context).has_followers),
            (&raw const (*context).followers).read(),
            flag(&raw const (*context).has_shares),
            (&raw const (*context).shares).read(),
            flag(&raw const (*context).replies_to_brand),
            (&raw const (*context).brands).read(),
            (&raw const (*context).brands_len).read(),
        )
    };
    // SAFETY: the caller's promise on `brands`.
    let brands = unsafe { ffi::text(brands, brands_len, "context brands") }?;
    let context = Context {
        brands: brands
            .lines()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(str::to_owned)
            .collect(),
        followers: has_followers.then_some(followers),
        shares: has_shares.then_some(shares),
        replies_to_brand,
    };
    context.check()?;
    Ok(context)
}

/// Classifies one post into plain fields.
///
/// Thread-safe on a shared classifier. Returns `KZ_STATUS_OUT_OF_RANGE` for a negative or
/// non-finite count in the context.
///
/// # Safety
///
/// `classifier` is NULL or live; `text` points to `text_len` readable bytes (or is NULL with
/// length 0); `context` is NULL or readable (see `KzContext`); `out` is NULL or writable.
///
/// ```c
/// kz_classification c;
/// const char *post = "@sora_air 欠航って本当？返金は？";
/// if (kz_classify(classifier, (const uint8_t *)post, strlen(post), NULL, &c) == KZ_STATUS_OK
///     && c.needs_reply && (c.intents & KZ_INTENT_QUESTION)) queue(post);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_classify(
    classifier: *const KzClassifier,
    text: *const u8,
    text_len: usize,
    context: *const KzContext,
    out_classification: *mut KzClassification,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, classifier, input, context) = unsafe {
            (
                out(
                    out_classification,
                    KzClassification::EMPTY,
                    "out_classification",
                )?,
                handle(classifier, "classifier")?,
                ffi::text(text, text_len, "text")?,
                read_context(context)?,
            )
        };
        out.set(KzClassification::from_core(
            &classifier.0.classify_with(input, &context),
        ));
        Ok(())
    })
}

/// Classifies one post into a JSON document: `language`, `sentiment`, `score`, `intents`,
/// `urgency`, `needs_reply`, `flame_risk`, `flame_reasons` and `evidence` (each signal that
/// fired, its term, contribution and span in the original text, in bytes and chars).
///
/// Thread-safe on a shared classifier.
///
/// # Safety
///
/// As for `kz_classify`; `out_json` is NULL or writable; `out_len` is NULL or writable.
///
/// ```c
/// char *json = NULL;
/// kz_classify_json(classifier, (const uint8_t *)post, strlen(post), NULL, &json, NULL);
/// kz_string_free(json);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_classify_json(
    classifier: *const KzClassifier,
    text: *const u8,
    text_len: usize,
    context: *const KzContext,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (len, out, classifier, input, context) = unsafe {
            (
                ffi::out_len(out_len)?,
                out(out_json, std::ptr::null_mut(), "out_json")?,
                handle(classifier, "classifier")?,
                ffi::text(text, text_len, "text")?,
                read_context(context)?,
            )
        };
        give_json(&classifier.0.classify_with(input, &context), out, len)
    })
}
