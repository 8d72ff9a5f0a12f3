//! Prints precision and recall per category and the benign false-positive rate on the
//! labelled evaluation set, the held-out set, the fresh set, the validation set (round 3),
//! the round-4 to round-9 sets: `cargo run -p moderation --release --example evaluate`.
//! The round-8 set is read here with `include_str!` because it has not been tuned on yet;
//! round 9 is `eval::ROUND9` since its tuning.
//! Pass `--mistakes` to list every message whose categories differ from its labels, and set
//! names (`-- --mistakes validation fresh`) to print only those sets.

use moderation::{eval, Classifier};

fn main() {
    let chosen: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let classifier = Classifier::builtin();
    println!("ruleset {}", classifier.ruleset_version());
    for (name, set) in [
        ("labelled", eval::LABELLED),
        ("holdout", eval::HOLDOUT),
        ("fresh", eval::FRESH),
        ("validation", eval::VALIDATION),
        ("round4", eval::ROUND4),
        ("round5", eval::ROUND5),
        ("round6", eval::ROUND6),
        ("round7", eval::ROUND7),
        ("round8", include_str!("../eval/round8.tsv")),
        ("round9", eval::ROUND9),
    ] {
        if !chosen.is_empty() && !chosen.iter().any(|c| c == name) {
            continue;
        }
        let examples = eval::parse(set).expect("the evaluation sets are checked by tests");
        let report = eval::evaluate(&classifier, &examples);
        println!("\n== {name} ==");
        print!("{report}");
        if std::env::args().any(|a| a == "--mistakes") {
            for m in &report.mistakes {
                println!("{m}");
            }
        }
    }
}
