//! A small, repeatable workload for profilers (callgrind counts instructions, so figures
//! are comparable on a noisy machine): the benchmark's chat-sized labelled corpus
//! classified `ROUNDS` times (default 20, or the first argument); `--everyday` takes the
//! benchmark's everyday corpus instead, `--no-model` leaves the learned model out.
//!
//! `valgrind --tool=callgrind target/release/examples/profile 5`

use std::hint::black_box;

use moderation::{Classifier, Context, Ruleset};

#[path = "common/corpus.rs"]
mod corpus;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let flag = |name: &str| std::env::args().any(|a| a == name);
    let corpus = if flag("--everyday") {
        corpus::everyday()
    } else {
        corpus::labelled()
    };
    let classifier = if flag("--no-model") {
        Classifier::new(Ruleset::builtin().without_model())
    } else {
        Classifier::builtin()
    };
    let mut flagged = 0usize;
    for _ in 0..rounds {
        for m in &corpus {
            let v = classifier
                .classify(black_box(m), Context::Salon)
                .expect("short message");
            flagged += usize::from(!v.categories.is_empty());
        }
    }
    println!(
        "{} messages x {rounds} rounds, {flagged} verdicts with a category",
        corpus.len()
    );
}
