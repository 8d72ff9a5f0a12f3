//! A small, repeatable workload for profilers (callgrind counts instructions, so figures
//! are comparable on a noisy machine): the benchmark's chat-sized corpus classified
//! `ROUNDS` times (default 20, or the first argument); `--no-model` leaves the learned
//! model out.
//!
//! `valgrind --tool=callgrind target/release/examples/profile 5`

use std::hint::black_box;

use moderation::{eval, Classifier, Context, Ruleset};

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let examples = eval::parse(eval::LABELLED).expect("valid set");
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    // The same corpus as benches/classify.rs.
    let mut corpus = Vec::new();
    for i in 0..texts.len() {
        let mut m = String::from(texts[i]);
        let mut k = i + 1;
        while m.chars().count() < 20 && k < texts.len() {
            m.push(' ');
            m.push_str(texts[k]);
            k += 1;
        }
        let m: String = m.chars().take(200).collect();
        if m.chars().count() >= 20 {
            corpus.push(m);
        }
    }
    let classifier = if std::env::args().any(|a| a == "--no-model") {
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
