//! Prints precision and recall per category and the benign false-positive rate on the
//! labelled evaluation set, the held-out set, the fresh set, the validation set (round 3),
//! the round-4 to round-15 sets (`eval::SETS`): `cargo run -p moderation --release --example
//! evaluate`.
//! Pass `--mistakes` to list every message whose categories differ from its labels, and set
//! names (`-- --mistakes validation fresh`) to print only those sets, `--no-model` to measure
//! the lexicon and the detectors without the learned second opinion.

use moderation::{eval, Classifier, Ruleset};

fn main() {
    let chosen: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let classifier = if std::env::args().any(|a| a == "--no-model") {
        Classifier::new(Ruleset::builtin().without_model())
    } else {
        Classifier::builtin()
    };
    println!("ruleset {}", classifier.ruleset_version());
    for eval::Set { name, tsv: set, .. } in eval::SETS {
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
