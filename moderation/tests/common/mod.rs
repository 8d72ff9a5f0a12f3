//! Shared by the test files: the built-in classifier, compiled once per test binary
//! (building the automaton is the slow part of a test), and the categories it gives a
//! salon message.

// Each test binary uses part of this module.
#![allow(dead_code)]

use std::sync::LazyLock;

use moderation::{Category, Classifier, Context};

pub static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(Classifier::builtin);

pub fn cats(text: &str) -> Vec<Category> {
    CLASSIFIER
        .classify(text, Context::Salon)
        .expect("short message")
        .categories
}

/// The same for the lexicon and the detectors without the learned model: the rule
/// families' tests check the narrowness of the rules themselves, down to look-alikes
/// written to sit one word away from a rule, which a model of character n-grams cannot
/// tell apart (its false positives are measured on the unseen sets' benign messages).
pub mod lexicon {
    use std::sync::LazyLock;

    use moderation::{Category, Classifier, Context, Ruleset};

    pub static CLASSIFIER: LazyLock<Classifier> =
        LazyLock::new(|| Classifier::new(Ruleset::builtin().without_model()));

    pub fn cats(text: &str) -> Vec<Category> {
        CLASSIFIER
            .classify(text, Context::Salon)
            .expect("short message")
            .categories
    }
}
