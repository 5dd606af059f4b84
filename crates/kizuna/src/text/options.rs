//! What a [`Normalizer`](super::Normalizer) does: one switch per step, and the named presets.
//!
//! Options deserialise from a config document (TOML or JSON) that names a preset and
//! overrides any step; unknown keys are an error, so a typo cannot pass unnoticed.
//!
//! ```
//! use kizuna::text::{NormalizerOptions, Preset, Tilde};
//!
//! let config = r#"{"preset": "neologdn", "tilde": "normalize", "repeat": 2}"#;
//! let options: NormalizerOptions = serde_json::from_str(config).unwrap();
//! assert_eq!(options, NormalizerOptions::preset(Preset::Neologdn).tilde(Tilde::Normalize).repeat(2));
//! ```

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

/// The named option sets.
///
/// ```
/// use kizuna::text::Preset;
///
/// assert_eq!("neologdn".parse::<Preset>().unwrap(), Preset::Neologdn);
/// assert_eq!(Preset::Search.name(), "search");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// The rules of the `neologdn` Python package (0.5.x), its defaults and its quirks, so that
    /// its users can switch without surprises: width conversion with its exceptions (`¥` → `\`),
    /// hyphens and long vowels unified, tildes removed, spaces removed between Japanese
    /// characters and after any non-ASCII letter. Entities are normalised as plain text and
    /// not reported, as the package knows none; ask for them with
    /// `entities(EntityOptions::all(EntityAction::Plain))` (or keep them whole with
    /// [`EntityAction::Keep`]).
    Neologdn,
    /// Folding for matching and classification: NFKC with Japanese exceptions, width,
    /// hyphens, long vowels after kana, tildes to `~`, lowercase, katakana to hiragana,
    /// repeats beyond two cut (digits never), spaces tidied. Entities stay whole.
    #[default]
    Search,
    /// Minimal and safe to show people: NFC, controls removed, whitespace tidied. Nothing
    /// visible changes.
    Display,
}

impl Preset {
    /// Every preset.
    pub const ALL: [Preset; 3] = [Preset::Neologdn, Preset::Search, Preset::Display];

    /// The preset's name as written in configs.
    ///
    /// ```
    /// assert_eq!(kizuna::text::Preset::Display.name(), "display");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Preset::Neologdn => "neologdn",
            Preset::Search => "search",
            Preset::Display => "display",
        }
    }
}

impl FromStr for Preset {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| Error::InvalidOption {
                option: "preset".into(),
                reason: format!("unknown preset {s:?}; expected neologdn, search or display"),
            })
    }
}

/// Unicode normalisation form applied to each character and its combining marks.
///
/// ```
/// use kizuna::text::{Normalizer, NormalizerOptions, UnicodeForm};
///
/// let nfkc = Normalizer::new(NormalizerOptions::none().unicode(UnicodeForm::Nfkc));
/// // ㈱ expands, and the kaomoji's ´ is not split into a space and a combining accent.
/// assert_eq!(nfkc.normalize("㈱ソラ (´・ω・`)").text(), "(株)ソラ (´・ω・`)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnicodeForm {
    /// Characters are left in the form they came in.
    None,
    /// Canonical composition (NFC): only invisible differences are removed.
    Nfc,
    /// Compatibility composition (NFKC), except where plain NFKC breaks Japanese text: a
    /// spacing mark that NFKC would turn into a space plus a combining mark (`゛`, `´`, `¨`,
    /// `￣`) is kept as it is.
    Nfkc,
}

/// Width conversion between full-width and half-width forms.
///
/// ```
/// use kizuna::text::{Normalizer, NormalizerOptions, Width};
///
/// let full = Normalizer::new(NormalizerOptions::none().width(Width::Full));
/// assert_eq!(full.normalize("ＡＢＣ１２３ｶﾞｯﾂ￥").text(), "ABC123ガッツ¥");
/// let neologdn = Normalizer::new(NormalizerOptions::none().width(Width::Neologdn));
/// assert_eq!(neologdn.normalize("¥１００").text(), "\\100");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Width {
    /// No width conversion.
    Off,
    /// neologdn's table: full-width Latin letters, digits and its list of symbols to ASCII
    /// (also `¥` → `\`, `’` → `'`, `“`/`”` → `"`, `‘` → `` ` ``), half-width katakana and
    /// punctuation to full-width, with `ﾞ`/`ﾟ` composed onto the kana before them. `＂`, `＇`,
    /// `｀`, `＼` stay full-width, as in the package.
    Neologdn,
    /// Every full-width ASCII form to ASCII, every half-width katakana, punctuation and symbol
    /// to its full-width form, voiced sound marks (`ﾞ`, `゛`, `ﾟ`, `゜`) composed onto the kana
    /// before them where a composed kana exists.
    Full,
}

/// Long-vowel mark unification (`ｰ`, `─`, `━`, `—`, `―`, `－` → `ー`, runs of `ー` → one).
///
/// ```
/// use kizuna::text::{LongVowels, Normalizer, NormalizerOptions};
///
/// let after_kana = Normalizer::new(NormalizerOptions::none().long_vowels(LongVowels::AfterKana));
/// assert_eq!(after_kana.normalize("ラ━メン A—B").text(), "ラーメン A—B");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LongVowels {
    /// Long-vowel marks and dashes are left alone.
    Off,
    /// neologdn's rule: every such mark becomes `ー` wherever it stands, runs collapse to one.
    Neologdn,
    /// Only marks that follow kana (or another `ー`) become `ー`; dashes in Latin text stay.
    AfterKana,
}

/// What happens to tildes and wave dashes (`~ ∼ ∾ 〜 〰 ～`); the names are neologdn's.
///
/// ```
/// use kizuna::text::{Normalizer, NormalizerOptions, Tilde};
///
/// let remove = Normalizer::new(NormalizerOptions::none().tilde(Tilde::Remove));
/// assert_eq!(remove.normalize("10:00〜18:00").text(), "10:0018:00");
/// let ascii = Normalizer::new(NormalizerOptions::none().tilde(Tilde::Normalize));
/// assert_eq!(ascii.normalize("10:00〜18:00").text(), "10:00~18:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tilde {
    /// Leave them as they are.
    Ignore,
    /// Remove them (neologdn's default).
    Remove,
    /// Unify them to ASCII `~`.
    Normalize,
    /// Unify them to the wave dash `〜` (U+301C).
    NormalizeZenkaku,
}

/// How spaces are treated.
///
/// ```
/// use kizuna::text::{Normalizer, NormalizerOptions, Spaces};
///
/// let tidy = Normalizer::new(NormalizerOptions::none().spaces(Spaces::Tidy));
/// assert_eq!(tidy.normalize("  副　読　本  café au lait ").text(), "副読本 café au lait");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Spaces {
    /// Spaces are ordinary characters.
    Keep,
    /// neologdn's rule for ` ` and `　`: runs collapse; with `remove_space`, a space is removed
    /// at the ends, after a Japanese character, before a Japanese character that follows an
    /// ASCII one, and after any character that is neither (so `café au` → `caféau`).
    Neologdn,
    /// Every whitespace run becomes one space; spaces at the ends go; with `remove_space`, a
    /// space between two Japanese characters goes. A space next to a kept entity always stays.
    Tidy,
    /// Horizontal whitespace runs become one space, line ends are tidied (CRLF → LF, at most
    /// one blank line, no trailing spaces), control characters go, the ends are trimmed.
    /// `　` (U+3000) is kept.
    Display,
}

/// Katakana/hiragana folding, for matching either script.
///
/// ```
/// use kizuna::text::{KanaFold, Normalizer, NormalizerOptions};
///
/// let fold = Normalizer::new(NormalizerOptions::none().kana(KanaFold::Hiragana));
/// assert_eq!(fold.normalize("サポート").text(), "さぽーと");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KanaFold {
    /// No folding.
    Off,
    /// Katakana to hiragana (`ヴ` → `ゔ`; katakana without a hiragana form stay).
    Hiragana,
    /// Hiragana to katakana.
    Katakana,
}

/// What a normaliser does with one kind of entity.
///
/// ```
/// use kizuna::text::{EntityAction, EntityOptions, Normalizer, NormalizerOptions, Preset};
///
/// let options = NormalizerOptions::preset(Preset::Search)
///     .entities(EntityOptions::all(EntityAction::Keep).url(EntityAction::Mask).mention(EntityAction::Remove));
/// let out = Normalizer::new(options).normalize("@sora_air 詳細は https://sora.example/x へ");
/// assert_eq!(out.text(), "詳細は <url> へ");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityAction {
    /// Not treated specially: normalised like the text around it (neologdn's behaviour).
    Plain,
    /// Kept whole: URLs, emoji and kaomoji verbatim; mentions, hashtags and cashtags folded
    /// character by character (width, NFKC, case, kana) as identifiers. Never shortened,
    /// never glued to a neighbour: a space next to it stays.
    Keep,
    /// Replaced by a token: `<url>`, `<mention>`, `<hashtag>`, `<cashtag>`, `<emoji>`, `<kaomoji>`.
    Mask,
    /// Removed.
    Remove,
}

/// The action for each entity kind, and whether to report entities at all.
///
/// ```
/// use kizuna::text::{EntityAction, EntityKind, EntityOptions};
///
/// let options = EntityOptions::all(EntityAction::Keep).emoji(EntityAction::Remove);
/// assert_eq!(options.action(EntityKind::Emoji), EntityAction::Remove);
/// assert_eq!(options.action(EntityKind::Url), EntityAction::Keep);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EntityOptions {
    /// URLs.
    pub url: EntityAction,
    /// @mentions.
    pub mention: EntityAction,
    /// #hashtags.
    pub hashtag: EntityAction,
    /// $cashtags.
    pub cashtag: EntityAction,
    /// Emoji.
    pub emoji: EntityAction,
    /// Kaomoji and emoticons.
    pub kaomoji: EntityAction,
    /// Whether [`Normalized::entities`](super::Normalized::entities) lists the entities found.
    /// Finding them costs a scan even when every action is `plain`.
    pub report: bool,
}

impl Default for EntityOptions {
    fn default() -> Self {
        EntityOptions::all(EntityAction::Keep)
    }
}

impl EntityOptions {
    /// The same action for every kind, entities reported.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// assert_eq!(EntityOptions::all(EntityAction::Mask).hashtag, EntityAction::Mask);
    /// ```
    pub fn all(action: EntityAction) -> Self {
        EntityOptions {
            url: action,
            mention: action,
            hashtag: action,
            cashtag: action,
            emoji: action,
            kaomoji: action,
            report: true,
        }
    }

    /// The action for `kind`.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityKind, EntityOptions};
    ///
    /// assert_eq!(EntityOptions::default().action(EntityKind::Url), EntityAction::Keep);
    /// ```
    pub fn action(&self, kind: super::EntityKind) -> EntityAction {
        use super::EntityKind as K;
        match kind {
            K::Url => self.url,
            K::Mention => self.mention,
            K::Hashtag => self.hashtag,
            K::Cashtag => self.cashtag,
            K::Emoji => self.emoji,
            K::Kaomoji => self.kaomoji,
        }
    }

    /// Sets the action for URLs.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// let options = EntityOptions::all(EntityAction::Keep).url(EntityAction::Mask);
    /// assert_eq!(options.url, EntityAction::Mask);
    /// ```
    pub fn url(mut self, action: EntityAction) -> Self {
        self.url = action;
        self
    }

    /// Sets the action for @mentions.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// let options = EntityOptions::all(EntityAction::Keep).mention(EntityAction::Mask);
    /// assert_eq!(options.mention, EntityAction::Mask);
    /// ```
    pub fn mention(mut self, action: EntityAction) -> Self {
        self.mention = action;
        self
    }

    /// Sets the action for #hashtags.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// let options = EntityOptions::all(EntityAction::Keep).hashtag(EntityAction::Mask);
    /// assert_eq!(options.hashtag, EntityAction::Mask);
    /// ```
    pub fn hashtag(mut self, action: EntityAction) -> Self {
        self.hashtag = action;
        self
    }

    /// Sets the action for $cashtags.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// let options = EntityOptions::all(EntityAction::Keep).cashtag(EntityAction::Mask);
    /// assert_eq!(options.cashtag, EntityAction::Mask);
    /// ```
    pub fn cashtag(mut self, action: EntityAction) -> Self {
        self.cashtag = action;
        self
    }

    /// Sets the action for emoji.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// let options = EntityOptions::all(EntityAction::Keep).emoji(EntityAction::Mask);
    /// assert_eq!(options.emoji, EntityAction::Mask);
    /// ```
    pub fn emoji(mut self, action: EntityAction) -> Self {
        self.emoji = action;
        self
    }

    /// Sets the action for kaomoji and emoticons.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// let options = EntityOptions::all(EntityAction::Keep).kaomoji(EntityAction::Mask);
    /// assert_eq!(options.kaomoji, EntityAction::Mask);
    /// ```
    pub fn kaomoji(mut self, action: EntityAction) -> Self {
        self.kaomoji = action;
        self
    }

    /// Sets whether entities are reported.
    ///
    /// ```
    /// use kizuna::text::{EntityAction, EntityOptions};
    ///
    /// assert!(!EntityOptions::all(EntityAction::Plain).report(false).report);
    /// ```
    pub fn report(mut self, report: bool) -> Self {
        self.report = report;
        self
    }
}

/// Every step of normalisation, each switchable. Start from [`NormalizerOptions::preset`] (or
/// [`NormalizerOptions::none`]) and change what you need; the setters are named like the
/// fields, and neologdn's own options (`repeat`, `remove_space`, `max_repeat_substr_length`,
/// `tilde`) keep their names and meanings.
///
/// Steps run in this order for each character: entities (found on the original first),
/// spaces, hyphens, long vowels and tildes (on the character as typed), then Unicode form,
/// width, case and kana folding, then repeat limits; neologdn's substring `repeat` runs last
/// over the whole text, as in the package.
///
/// ```
/// use kizuna::text::{Normalizer, NormalizerOptions, Preset};
///
/// let options = NormalizerOptions::preset(Preset::Neologdn).repeat(1);
/// assert_eq!(Normalizer::new(options).normalize("無駄無駄無駄無駄ァ").text(), "無駄ァ");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "OptionsConfig")]
#[non_exhaustive]
pub struct NormalizerOptions {
    /// Unicode normalisation form.
    pub unicode: UnicodeForm,
    /// Width conversion.
    pub width: Width,
    /// Unify hyphens and minus signs (`˗ ֊ ‐ ‑ ‒ – ⁃ ⁻ ₋ −`) to `-`, a run of them to one.
    pub hyphens: bool,
    /// Long-vowel mark unification.
    pub long_vowels: LongVowels,
    /// Tildes and wave dashes.
    pub tilde: Tilde,
    /// neologdn's `repeat`: cut any substring (up to `max_repeat_substr_length` chars) repeated
    /// more than this many times in a row down to this many (`0`: off). It shortens numbers
    /// too (`1000000円` → `100円` with 2), as the package does.
    pub repeat: u32,
    /// neologdn's `max_repeat_substr_length` for `repeat` (`0`: no limit).
    pub max_repeat_substr_length: u32,
    /// Cut a run of one repeated character to at most this many (`ｗｗｗｗ` → `ww` with 2);
    /// digits are never cut (`0`: off).
    pub repeat_limit: u32,
    /// Space handling.
    pub spaces: Spaces,
    /// neologdn's `remove_space`, used by [`Spaces::Neologdn`] and [`Spaces::Tidy`].
    pub remove_space: bool,
    /// Unicode lowercase mapping.
    pub lowercase: bool,
    /// Katakana/hiragana folding.
    pub kana: KanaFold,
    /// What to do with each kind of entity.
    pub entities: EntityOptions,
}

impl Default for NormalizerOptions {
    fn default() -> Self {
        NormalizerOptions::preset(Preset::default())
    }
}

impl NormalizerOptions {
    /// The options of a named preset.
    ///
    /// ```
    /// use kizuna::text::{NormalizerOptions, Preset, Tilde};
    ///
    /// assert_eq!(NormalizerOptions::preset(Preset::Neologdn).tilde, Tilde::Remove);
    /// ```
    pub fn preset(preset: Preset) -> Self {
        match preset {
            Preset::Neologdn => NormalizerOptions {
                width: Width::Neologdn,
                hyphens: true,
                long_vowels: LongVowels::Neologdn,
                tilde: Tilde::Remove,
                spaces: Spaces::Neologdn,
                entities: EntityOptions::all(EntityAction::Plain).report(false),
                ..NormalizerOptions::none()
            },
            Preset::Search => NormalizerOptions {
                unicode: UnicodeForm::Nfkc,
                width: Width::Full,
                hyphens: true,
                long_vowels: LongVowels::AfterKana,
                tilde: Tilde::Normalize,
                repeat_limit: 2,
                spaces: Spaces::Tidy,
                lowercase: true,
                kana: KanaFold::Hiragana,
                ..NormalizerOptions::none()
            },
            Preset::Display => NormalizerOptions {
                unicode: UnicodeForm::Nfc,
                spaces: Spaces::Display,
                ..NormalizerOptions::none()
            },
        }
    }

    /// Every step off: the text comes out as it went in (entities are still found and kept).
    ///
    /// ```
    /// use kizuna::text::{Normalizer, NormalizerOptions};
    ///
    /// let post = "ｿﾗ航空　ｗｗｗ～";
    /// assert_eq!(Normalizer::new(NormalizerOptions::none()).normalize(post).text(), post);
    /// ```
    pub fn none() -> Self {
        NormalizerOptions {
            unicode: UnicodeForm::None,
            width: Width::Off,
            hyphens: false,
            long_vowels: LongVowels::Off,
            tilde: Tilde::Ignore,
            repeat: 0,
            max_repeat_substr_length: 8,
            repeat_limit: 0,
            spaces: Spaces::Keep,
            remove_space: true,
            lowercase: false,
            kana: KanaFold::Off,
            entities: EntityOptions::default(),
        }
    }
}

/// Generates the chainable setter of each field.
macro_rules! setters {
    ($($(#[$doc:meta])* $field:ident: $ty:ty = $example:expr),* $(,)?) => {
        impl NormalizerOptions {
            $(
                $(#[$doc])*
                ///
                /// ```
                /// use kizuna::text::*;
                ///
                #[doc = concat!("let options = NormalizerOptions::none().", stringify!($field), "(", stringify!($example), ");")]
                #[doc = concat!("assert_eq!(options.", stringify!($field), ", ", stringify!($example), ");")]
                /// ```
                pub fn $field(mut self, $field: $ty) -> Self {
                    self.$field = $field;
                    self
                }
            )*
        }

        /// A config document: a preset and any steps to override.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct OptionsConfig {
            #[serde(default)]
            preset: Preset,
            $($field: Option<$ty>,)*
        }

        impl From<OptionsConfig> for NormalizerOptions {
            fn from(config: OptionsConfig) -> Self {
                let mut options = NormalizerOptions::preset(config.preset);
                $(if let Some(value) = config.$field {
                    options.$field = value;
                })*
                options
            }
        }
    };
}

setters! {
    /// Sets [`unicode`](Self::unicode).
    unicode: UnicodeForm = UnicodeForm::Nfkc,
    /// Sets [`width`](Self::width).
    width: Width = Width::Full,
    /// Sets [`hyphens`](Self::hyphens).
    hyphens: bool = true,
    /// Sets [`long_vowels`](Self::long_vowels).
    long_vowels: LongVowels = LongVowels::AfterKana,
    /// Sets [`tilde`](Self::tilde).
    tilde: Tilde = Tilde::Remove,
    /// Sets neologdn's [`repeat`](Self::repeat).
    repeat: u32 = 2,
    /// Sets neologdn's [`max_repeat_substr_length`](Self::max_repeat_substr_length).
    max_repeat_substr_length: u32 = 4,
    /// Sets [`repeat_limit`](Self::repeat_limit).
    repeat_limit: u32 = 3,
    /// Sets [`spaces`](Self::spaces).
    spaces: Spaces = Spaces::Tidy,
    /// Sets neologdn's [`remove_space`](Self::remove_space).
    remove_space: bool = false,
    /// Sets [`lowercase`](Self::lowercase).
    lowercase: bool = true,
    /// Sets [`kana`](Self::kana).
    kana: KanaFold = KanaFold::Hiragana,
    /// Sets [`entities`](Self::entities).
    entities: EntityOptions = EntityOptions::all(EntityAction::Mask),
}
