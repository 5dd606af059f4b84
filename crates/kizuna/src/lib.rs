//! # kizuna
//!
//! kizuna (絆, "bond") is an embeddable engine for social customer care: it finds, among brand
//! mentions on X/Twitter, Facebook and Instagram, the customers who need help now, in Japanese
//! and English, and measures how well and how fast a brand answers them.
//!
//! This release ships the foundation every other capability stands on: text normalisation
//! ([`text`]) with entity extraction and an offset map back to the original post; and the
//! reply SLAs ([`sla`]): business calendars, Japanese holidays, threads, policies and scores;
//! and engagement metrics ([`engage`]).
//!
//! ```
//! use kizuna::text::{Normalizer, Preset};
//!
//! let search = Normalizer::from_preset(Preset::Search);
//! let post = "@sora_air ﾌﾗｲﾄ遅延ｗｗｗｗ　最悪ーーー！！！！";
//! let out = search.normalize(post);
//! assert_eq!(out.text(), "@sora_air ふらいと遅延ww 最悪ー!!");
//! // Every normalised span maps back to the characters the customer typed.
//! let at = out.text().find("ふらいと").unwrap();
//! let span = out.original_span(at..at + "ふらいと".len()).unwrap();
//! assert_eq!(&post[span.bytes], "ﾌﾗｲﾄ");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod classify;
pub mod config;
pub mod engage;
pub mod error;
pub mod sla;
pub mod text;

pub use error::{Error, Result};

/// The README's examples run as doctests, so the front door never rots.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
