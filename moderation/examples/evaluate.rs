//! Prints precision and recall per category and the benign false-positive rate on the
//! labelled evaluation set: `cargo run -p moderation --release --example evaluate`.
//! Pass `--mistakes` to list every message whose categories differ from its labels.

use moderation::{eval, Classifier};

fn main() {
    let examples = eval::parse(eval::LABELLED).expect("the evaluation set is checked by tests");
    let classifier = Classifier::builtin();
    let report = eval::evaluate(&classifier, &examples);
    println!("ruleset {}", classifier.ruleset_version());
    print!("{report}");
    if std::env::args().any(|a| a == "--mistakes") {
        for m in &report.mistakes {
            println!("{m}");
        }
    }
}
