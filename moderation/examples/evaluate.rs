//! Prints precision and recall per category and the benign false-positive rate on the
//! labelled evaluation set, the held-out set, the fresh set, the validation set (round 3),
//! the round-4 to round-10 sets: `cargo run -p moderation --release --example evaluate`.
//! The sets not tuned on yet are read here with `include_str!` because their authors did not
//! touch the crate's source.
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
        ("round8", eval::ROUND8),
        ("round9", eval::ROUND9),
        ("round10", include_str!("../eval/round10.tsv")),
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
