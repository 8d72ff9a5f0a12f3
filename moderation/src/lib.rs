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
//! | `window` | [`ParticipantWindow`]: a number split across messages, the same message sent again and again |
//! | `policy` | [`Context`] and the choice of one [`Action`] from the spans |
//! | `verdict` | [`Verdict`], [`Span`], [`Category`], [`Severity`], [`Action`] |
//! | [`cli`] | `yorisoi moderate`: one message per line in, one JSON verdict per line out |
//! | [`eval`] | the labelled evaluation set and precision/recall figures |
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
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod classify;
pub mod cli;
mod detect;
pub mod eval;
mod normalize;
mod policy;
pub mod ruleset;
mod verdict;
mod window;

pub use classify::{Classifier, ClassifyError, MAX_INPUT_BYTES};
pub use normalize::Obfuscation;
pub use policy::Context;
pub use ruleset::{Ruleset, RulesetError};
pub use verdict::{Action, Category, Severity, Span, Verdict};
pub use window::ParticipantWindow;
