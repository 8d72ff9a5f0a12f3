//! Prints precision and recall per category and the benign false-positive rate on the
//! labelled evaluation set, the held-out set, the fresh set and the validation set
//! (never tuned on): `cargo run -p moderation --release --example evaluate`.
//! Pass `--mistakes` to list every message whose categories differ from its labels.

use moderation::{eval, Classifier};

fn main() {
    let classifier = Classifier::builtin();
    println!("ruleset {}", classifier.ruleset_version());
    for (name, set) in [
        ("labelled", eval::LABELLED),
        ("holdout", eval::HOLDOUT),
        ("fresh", eval::FRESH),
        ("validation", eval::VALIDATION),
    ] {
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
