//! Prints precision and recall per category and the benign false-positive rate on the
//! labelled evaluation set, the held-out set, the fresh set, the validation set (round 3),
//! the round-4 to round-46 sets (`eval::SETS`): `cargo run -p moderation --release --example
//! evaluate`.
//!
//! - set names (`-- validation fresh`) print only those sets;
//! - `--mistakes` lists every message whose categories differ from its labels;
//! - `--no-model` measures the lexicon and the detectors without the learned second opinion;
//! - `--rules DIR` measures the `*.toml` rules files of a directory instead of the built-in
//!   ones (an earlier ruleset taken out of git, or an edit not yet reloaded).

#[path = "common/rules_dir.rs"]
mod rules_dir;

use moderation::{eval, Classifier, Ruleset};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rules_dir = args
        .iter()
        .position(|a| a == "--rules")
        .map(|i| args.get(i + 1).expect("--rules needs a directory").clone());
    let chosen: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with("--") && Some(*a) != rules_dir.as_ref())
        .collect();
    let ruleset = match &rules_dir {
        Some(dir) => rules_dir::load(dir),
        None => Ruleset::builtin(),
    };
    let classifier = if args.iter().any(|a| a == "--no-model") {
        Classifier::new(ruleset.without_model())
    } else {
        Classifier::new(ruleset)
    };
    println!("ruleset {}", classifier.ruleset_version());
    for eval::Set { name, tsv: set, .. } in eval::SETS {
        if !chosen.is_empty() && !chosen.iter().any(|c| *c == name) {
            continue;
        }
        let examples = eval::parse(set).expect("the evaluation sets are checked by tests");
        let report = eval::evaluate(&classifier, &examples);
        println!("\n== {name} ==");
        print!("{report}");
        if args.iter().any(|a| a == "--mistakes") {
            for m in &report.mistakes {
                println!("{m}");
            }
        }
    }
}
