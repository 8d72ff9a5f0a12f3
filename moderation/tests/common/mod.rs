//! Shared by the test files: the built-in classifier, compiled once per test binary
//! (building the automaton is the slow part of a test), and the categories it gives a
//! salon message.

use std::sync::LazyLock;

use moderation::{Category, Classifier, Context};

pub static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(Classifier::builtin);

pub fn cats(text: &str) -> Vec<Category> {
    CLASSIFIER
        .classify(text, Context::Salon)
        .expect("short message")
        .categories
}
