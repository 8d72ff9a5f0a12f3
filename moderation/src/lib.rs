//! Yorisoi's safety classifier: text in, verdict out. No I/O (except the [`cli`] helper,
//! which works on any `BufRead`/`Write`), no async, deterministic.
//!
//! # Layout
//!
//! | module | job |
//! |---|---|
//! | `normalize` | two views of a message (base, match) with a byte map back to the original; records obfuscation |
//! | [`ruleset`] | parses and checks the TOML rules files in `rules/` (lexicons, allow-list, escalations, policies) |
//! | `classify` | [`Classifier`]: Aho-Corasick over the match view, allow-list cancellation, escalation, verdict |
//! | `detect` | structural detectors on the base view: phone numbers, e-mail, URLs, @handles, school names, floods |
//! | `decode` | other readings of a message: codes by shape (Morse, base64, binary, escapes, A1Z26) or when named (rot13, atbash, hex, pager and phone digits, acrostics) |
//! | `model` | the learned second opinion: character n-gram logistic regression trained from the tuned evaluation sets and the training files (`train/`) |
//! | `window` | [`ParticipantWindow`]: a number split across messages, the same message sent again and again |
//! | `policy` | [`Context`] and the choice of one [`Action`] from the spans |
//! | `verdict` | [`Verdict`], [`Span`], [`Category`], [`Severity`], [`Action`] |
//! | [`cli`] | `yorisoi moderate`: one message per line in, one JSON verdict per line out |
//! | [`eval`] | the labelled evaluation sets, the training files and precision/recall figures |
//!
//! # Example
//!
//! ```
//! use moderation::{Action, Category, Classifier, Context};
//!
//! let classifier = Classifier::builtin();
//! let v = classifier.classify("もう 死 に た い", Context::Counseling).expect("short message");
//! assert_eq!(v.categories, vec![Category::SelfHarm]);
//! assert_eq!(v.action, Action::Alert); // counselling never withholds; it alerts staff
//! assert_eq!(&"もう 死 に た い"[v.spans[0].start..v.spans[0].end], "死 に た い");
//!
//! let v = classifier.classify("テスト死んだ、死ぬほど眠い", Context::Salon).expect("short message");
//! assert!(v.categories.is_empty());
//! ```
//!
//! # Reloading rules at run time
//!
//! The crate does no I/O. To let an administrator change rules without a restart, the
//! caller reads every `*.toml` file of its rules directory (the same names as
//! [`ruleset::BUILTIN_FILES`]: `ruleset.toml`, `ja.toml`, `en.toml`, `combos.toml`,
//! `world.toml`, `policy.toml`; more files with the same schema may be added), passes the
//! `(file name, contents)` pairs to [`Classifier::from_ruleset_files`], and swaps the
//! result in (e.g. behind an `Arc`). On error it keeps the previous classifier and shows
//! the error, which names the file and, for TOML errors, the line and column.
//!
//! ```
//! use moderation::{ruleset::BUILTIN_FILES, Classifier};
//!
//! let mut current = Classifier::builtin();
//! // In the backend these come from `std::fs::read_to_string` over the directory.
//! let files: Vec<(String, String)> = BUILTIN_FILES
//!     .iter()
//!     .map(|&(name, text)| (name.to_string(), text.to_string()))
//!     .collect();
//! match Classifier::from_ruleset_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
//!     Ok(next) => current = next,
//!     Err(e) => eprintln!("rules not reloaded, keeping {}: {e}", current.ruleset_version()),
//! }
//! # let _ = current;
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod classify;
pub mod cli;
mod decode;
mod detect;
pub mod eval;
mod model;
mod normalize;
mod policy;
pub mod ruleset;
mod verdict;
mod window;

pub use classify::{Classifier, ClassifyError, MAX_INPUT_BYTES};
pub use model::{Model, MODELLED};
pub use normalize::Obfuscation;
pub use policy::Context;
pub use ruleset::{Ruleset, RulesetError};
pub use verdict::{Action, Category, Severity, Span, Verdict};
pub use window::ParticipantWindow;

/// Entry points for the fuzz targets in `fuzz/`. Not a stable API: only built with the
/// `fuzzing` feature.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::normalize::views;

    /// Checks that both normalised views of `text` map every byte back to a non-empty,
    /// non-decreasing range on character boundaries of `text`.
    ///
    /// # Errors
    ///
    /// A description of the first broken promise.
    pub fn check_offset_maps(text: &str) -> Result<(), String> {
        crate::normalize::check_offset_maps(text)
    }
}
