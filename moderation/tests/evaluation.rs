//! The labelled evaluation set and, as regression guards, every later set tuned on meet the
//! targets; `cargo run -p moderation --release --example evaluate` prints the same figures.

use moderation::{eval, Category, Classifier};

#[test]
fn evaluation_set_is_large_and_balanced() {
    let examples = eval::parse(eval::LABELLED).expect("valid set");
    assert!(examples.len() >= 400, "{} messages", examples.len());
    let benign = examples.iter().filter(|e| e.is_benign()).count();
    assert!(benign * 3 >= examples.len(), "{benign} benign");
    assert!(examples.iter().any(|e| e.kind == "evasion"));
    assert!(examples.iter().any(|e| e.text.is_ascii()));
}

#[test]
fn validation_set_is_large_mixed_and_parses() {
    // Its first run (round 3) is recorded in docs/moderation.md; it has been tuned on since
    // round 4, so its figures are guarded with the other tuned sets below.
    let examples = eval::parse(eval::VALIDATION).expect("valid set");
    assert!(examples.len() >= 200, "{} messages", examples.len());
    let benign = examples.iter().filter(|e| e.is_benign()).count();
    assert!(benign * 3 >= examples.len(), "{benign} benign");
    assert!(examples.iter().any(|e| e.kind == "evasion"));
    assert!(examples.iter().any(|e| e.text.is_ascii()));
    assert!(examples.iter().any(|e| !e.text.is_ascii()));
}

#[test]
fn round4_set_is_large_mixed_and_parses() {
    let examples = eval::parse(eval::ROUND4).expect("valid set");
    assert!(examples.len() >= 250, "{} messages", examples.len());
    let benign = examples.iter().filter(|e| e.is_benign()).count();
    assert!(benign * 5 >= examples.len() * 2, "{benign} benign");
    let risk = examples.len() - benign;
    let evasion = examples.iter().filter(|e| e.kind == "evasion").count();
    assert!(evasion * 10 >= risk * 2, "{evasion} evasion of {risk}");
    assert!(examples.iter().any(|e| e.text.is_ascii()));
    assert!(examples.iter().any(|e| !e.text.is_ascii()));
}

#[test]
fn tuned_sets_meet_the_targets() {
    // Rules were written from the misses of every set marked tuned (docs/moderation.md,
    // "Round 4" to "Round 13: tuning"): these are regression guards, not estimates for unseen
    // messages.
    let classifier = Classifier::builtin();
    for set in eval::SETS.iter().filter(|s| s.tuned) {
        let name = set.name;
        let examples = eval::parse(set.tsv).expect("valid set");
        let report = eval::evaluate(&classifier, &examples);
        let recall = |c| report.counts(c).recall();
        assert!(recall(Category::SelfHarm) >= 0.95, "{name}: {report}");
        for c in [Category::Abuse, Category::Sexual, Category::Contact] {
            assert!(recall(c) >= 0.9, "{name} {}: {report}", c.name());
        }
        assert!(report.benign_fp_rate() <= 0.03, "{name}: {report}");
    }
}

#[test]
fn every_set_parses() {
    for set in eval::SETS {
        let examples = eval::parse(set.tsv).unwrap_or_else(|e| panic!("{}: {e}", set.name));
        assert!(
            examples.len() >= 100,
            "{}: {} messages",
            set.name,
            examples.len()
        );
    }
}

#[test]
fn training_files_parse_teach_every_modelled_category_and_stay_out_of_the_sets() {
    let training = eval::training_examples();
    assert!(training.len() >= 2000, "{} messages", training.len());
    for c in [
        Category::SelfHarm,
        Category::Abuse,
        Category::Sexual,
        Category::Contact,
    ] {
        let n = training.iter().filter(|e| e.labels.contains(&c)).count();
        assert!(n >= 100, "{}: {n} messages", c.name());
    }
    let benign = training.iter().filter(|e| e.is_benign()).count();
    assert!(benign * 3 >= training.len(), "{benign} benign");
    // A training message that is also in a set would be learned from and then scored as if
    // unseen.
    let evaluated: std::collections::HashSet<String> = eval::SETS
        .iter()
        .flat_map(|s| eval::parse(s.tsv).expect("valid set"))
        .map(|e| e.text.trim().to_string())
        .collect();
    for e in &training {
        assert!(!evaluated.contains(e.text.trim()), "in a set: {}", e.text);
    }
}
