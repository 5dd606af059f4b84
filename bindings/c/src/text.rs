//! Normalisation and entities.

use std::ffi::c_char;

use kizuna::text::{Normalizer, NormalizerOptions, Preset, extract_entities};

use crate::ffi::{
    self, Failure, KzStatus, free_handle, give_handle, give_json, give_string, guard, handle, out,
};

/// The named normalisation presets, for `kz_normalizer_new`.
///
/// A plain value: no thread-safety concerns.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub enum KzPreset {
    /// The rules of the `neologdn` Python package.
    Neologdn = 0,
    /// Folding for matching and classification.
    Search = 1,
    /// Minimal and safe to show people.
    Display = 2,
}

/// A compiled normaliser: immutable, so one handle may be shared by any number of threads
/// at once. Create with `kz_normalizer_new` or `kz_normalizer_from_config`, free with
/// `kz_normalizer_free`.
pub struct KzNormalizer(Normalizer);

/// Creates a normaliser from a preset (`KZ_PRESET_NEOLOGDN`, `KZ_PRESET_SEARCH`,
/// `KZ_PRESET_DISPLAY`).
///
/// Returns `KZ_STATUS_INVALID_ARGUMENT` for any other value, `KZ_STATUS_NULL_POINTER` when
/// `out` is NULL.
///
/// # Safety
///
/// `out` is NULL or points to writable memory for a pointer.
///
/// ```c
/// kz_normalizer *search = NULL;
/// kz_status s = kz_normalizer_new(KZ_PRESET_SEARCH, &search);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_normalizer_new(
    preset: u32,
    out_normalizer: *mut *mut KzNormalizer,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promise on `out_normalizer`.
        let out = unsafe { out(out_normalizer, std::ptr::null_mut(), "out_normalizer") }?;
        let preset = match preset {
            0 => Preset::Neologdn,
            1 => Preset::Search,
            2 => Preset::Display,
            other => {
                return Err(Failure::new(
                    KzStatus::InvalidArgument,
                    format!(
                        "preset {other} is not one of KZ_PRESET_NEOLOGDN (0), KZ_PRESET_SEARCH (1), KZ_PRESET_DISPLAY (2)"
                    ),
                ));
            }
        };
        give_handle(KzNormalizer(Normalizer::from_preset(preset)), out)
    })
}

/// Creates a normaliser from a configuration document, JSON or TOML: a preset and any steps
/// to override, as in the Rust `NormalizerOptions` (`{"preset": "neologdn", "repeat": 2}`).
///
/// Returns `KZ_STATUS_CONFIG` for a document that does not parse or names an unknown
/// option.
///
/// # Safety
///
/// `config` points to `config_len` readable bytes (or is NULL with length 0); `out` is NULL
/// or writable.
///
/// ```c
/// const char *cfg = "{\"preset\": \"neologdn\", \"tilde\": \"normalize\"}";
/// kz_normalizer *n = NULL;
/// kz_status s = kz_normalizer_from_config((const uint8_t *)cfg, strlen(cfg), &n);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_normalizer_from_config(
    config: *const u8,
    config_len: usize,
    out_normalizer: *mut *mut KzNormalizer,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, config) = unsafe {
            (
                out(out_normalizer, std::ptr::null_mut(), "out_normalizer")?,
                ffi::text(config, config_len, "config")?,
            )
        };
        let options: NormalizerOptions = kizuna::config::parse(config, "normaliser config")?;
        give_handle(KzNormalizer(Normalizer::new(options)), out)
    })
}

/// Frees a normaliser. NULL is accepted.
///
/// # Safety
///
/// `normalizer` is NULL or a live handle, used by no thread after this call.
///
/// ```c
/// kz_normalizer_free(search);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_normalizer_free(normalizer: *mut KzNormalizer) {
    // SAFETY: the caller's promise.
    unsafe { free_handle(normalizer) }
}

/// Normalises `text`; the result is a new NUL-terminated string (free it with
/// `kz_string_free`) and its length in bytes through `out_len` when that is not NULL.
///
/// Thread-safe on a shared normaliser.
///
/// # Safety
///
/// `normalizer` is NULL or live; `text` points to `text_len` readable bytes (or is NULL with
/// length 0); `out_text` is NULL or writable; `out_len` is NULL or writable.
///
/// ```c
/// char *folded = NULL;
/// size_t len = 0;
/// kz_normalize(search, (const uint8_t *)"ｗｗｗｗ", 12, &folded, &len); // "ww", 2
/// kz_string_free(folded);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_normalize(
    normalizer: *const KzNormalizer,
    text: *const u8,
    text_len: usize,
    out_text: *mut *mut c_char,
    out_len: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (len, out, normalizer, input) = unsafe {
            (
                ffi::out_len(out_len)?,
                out(out_text, std::ptr::null_mut(), "out_text")?,
                handle(normalizer, "normalizer")?,
                ffi::text(text, text_len, "text")?,
            )
        };
        give_string(normalizer.0.normalize(input).text(), out, len)
    })
}

/// Normalises `text` and describes the result as JSON: `{"text": …, "entities": [{"kind",
/// "text", "original": {"bytes", "chars"}, "normalized"}, …]}`, spans as `{"start", "end"}`.
///
/// Thread-safe on a shared normaliser.
///
/// # Safety
///
/// As for `kz_normalize`.
///
/// ```c
/// char *json = NULL;
/// kz_normalize_json(search, (const uint8_t *)"@sora_air help", 14, &json, NULL);
/// kz_string_free(json);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_normalize_json(
    normalizer: *const KzNormalizer,
    text: *const u8,
    text_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (len, out, normalizer, input) = unsafe {
            (
                ffi::out_len(out_len)?,
                out(out_json, std::ptr::null_mut(), "out_json")?,
                handle(normalizer, "normalizer")?,
                ffi::text(text, text_len, "text")?,
            )
        };
        let normalized = normalizer.0.normalize(input);
        let document = serde_json::json!({
            "text": normalized.text(),
            "entities": normalized.entities(),
        });
        give_json(&document, out, len)
    })
}

/// Finds every entity (URLs, mentions, hashtags, cashtags, emoji, kaomoji) in `text`, as a
/// JSON array of `{"kind", "text", "original": {"bytes", "chars"}, "normalized": null}`.
///
/// Thread-safe.
///
/// # Safety
///
/// `text` points to `text_len` readable bytes (or is NULL with length 0); `out_json` and
/// `out_len` as for `kz_normalize`.
///
/// ```c
/// char *json = NULL;
/// kz_entities_json((const uint8_t *)"#拡散希望", 13, &json, NULL);
/// kz_string_free(json);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_entities_json(
    text: *const u8,
    text_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (len, out, input) = unsafe {
            (
                ffi::out_len(out_len)?,
                out(out_json, std::ptr::null_mut(), "out_json")?,
                ffi::text(text, text_len, "text")?,
            )
        };
        give_json(&extract_entities(input), out, len)
    })
}
