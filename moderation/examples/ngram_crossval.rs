//! How well does the learned second opinion (`moderation::Model`) generalise, and at what
//! threshold? The measurement behind the `[[model]]` thresholds in `rules/ruleset.toml`.
//!
//! Leaves one tuned evaluation set out at a time, trains the model on all the other tuned
//! sets and the training files, and scores the left-out set: the lexicon alone (the
//! built-in rules without `[[model]]`), the model alone, and the lexicon with the model's
//! findings added, at several thresholds, and the share of benign messages the model adds
//! to the lexicon's false positives. The lexicon was tuned on every one of these sets, so
//! its columns are optimistic; the model-alone columns and the added false positives are
//! honest. The last lines pool every left-out set.
//!
//! `cargo run -p moderation --release --example ngram_crossval`. Deterministic.

use moderation::{eval, Category, Classifier, Context, Model, Ruleset, MODELLED};

const THRESHOLDS: [f32; 6] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

struct Message {
    labels: Vec<Category>,
    /// Categories found by the lexicon and the detectors.
    lexicon: Vec<Category>,
    text: String,
}

fn ratio(n: usize, of: usize) -> f64 {
    n as f64 / of.max(1) as f64
}

fn main() {
    let classifier = Classifier::new(Ruleset::builtin().without_model());
    println!("ruleset {}", classifier.ruleset_version());
    // The sets not tuned on stay unseen: neither trained on nor scored here.
    let sets: Vec<(&str, Vec<eval::Example>, Vec<Message>)> = eval::SETS
        .iter()
        .filter(|s| s.tuned)
        .map(|s| {
            let examples = eval::parse(s.tsv).expect("valid set");
            let messages = examples
                .iter()
                .map(|e| Message {
                    labels: e.labels.clone(),
                    lexicon: classifier
                        .classify(&e.text, Context::Counseling)
                        .expect("short message")
                        .categories,
                    text: e.text.clone(),
                })
                .collect();
            (s.name, examples, messages)
        })
        .collect();
    let (mut benign_total, mut added_total) = (0, [0usize; THRESHOLDS.len()]);
    // Per modelled category: its messages, and those the model alone finds at each threshold.
    let mut pooled = [(0usize, [0usize; THRESHOLDS.len()]); MODELLED.len()];
    // Per modelled category: the benign messages the lexicon left alone that the model
    // gives that category at each threshold, so each category's threshold has its price.
    let mut benign_added = [[0usize; THRESHOLDS.len()]; MODELLED.len()];
    for (held, _, test) in &sets {
        let training: Vec<eval::Example> = sets
            .iter()
            .filter(|(name, _, _)| name != held)
            .flat_map(|(_, examples, _)| examples.iter().cloned())
            .chain(eval::training_examples())
            .collect();
        let model = Model::train(&training);
        let scores: Vec<[(Category, f32); MODELLED.len()]> =
            test.iter().map(|m| model.scores(&m.text)).collect();
        println!("\n== left out: {held} ({} messages)", test.len());
        println!("category    labels  lexicon | threshold: model alone, lexicon or model");
        for (k, &c) in MODELLED.iter().enumerate() {
            let positives: Vec<usize> = (0..test.len())
                .filter(|&i| test[i].labels.contains(&c))
                .collect();
            let lexicon = positives
                .iter()
                .filter(|&&i| test[i].lexicon.contains(&c))
                .count();
            let mut line = format!(
                "{:11} {:6}  {:.3}  ",
                c.name(),
                positives.len(),
                ratio(lexicon, positives.len())
            );
            pooled[k].0 += positives.len();
            for (j, t) in THRESHOLDS.into_iter().enumerate() {
                let alone = positives.iter().filter(|&&i| scores[i][k].1 >= t).count();
                pooled[k].1[j] += alone;
                let either = positives
                    .iter()
                    .filter(|&&i| test[i].lexicon.contains(&c) || scores[i][k].1 >= t)
                    .count();
                line += &format!(
                    "| {t}: {:.3}, {:.3} ",
                    ratio(alone, positives.len()),
                    ratio(either, positives.len())
                );
            }
            println!("{line}");
        }
        // Benign messages the lexicon left alone and the model flags for any category.
        let benign: Vec<usize> = (0..test.len())
            .filter(|&i| test[i].labels.is_empty())
            .collect();
        let flagged = benign
            .iter()
            .filter(|&&i| !test[i].lexicon.is_empty())
            .count();
        let mut line = format!(
            "benign FP   {:6}  {:.3}  | added by the model:",
            benign.len(),
            ratio(flagged, benign.len())
        );
        for (j, t) in THRESHOLDS.into_iter().enumerate() {
            let added = benign
                .iter()
                .filter(|&&i| test[i].lexicon.is_empty() && scores[i].iter().any(|s| s.1 >= t))
                .count();
            added_total[j] += added;
            line += &format!(" {t}: {:.3}", ratio(added, benign.len()));
            for (k, count) in benign_added.iter_mut().enumerate() {
                count[j] += benign
                    .iter()
                    .filter(|&&i| test[i].lexicon.is_empty() && scores[i][k].1 >= t)
                    .count();
            }
        }
        benign_total += benign.len();
        println!("{line}");
    }
    println!("\nall sets, model alone: recall / benign messages it adds");
    for (k, (messages, found)) in pooled.iter().enumerate() {
        let mut line = format!("{:11} {messages:6} ", MODELLED[k].name());
        for (j, t) in THRESHOLDS.into_iter().enumerate() {
            line += &format!(
                "| {t}: {:.3} / {} ",
                ratio(found[j], *messages),
                benign_added[k][j]
            );
        }
        println!("{line}");
    }
    let mut line = format!("all sets: {benign_total} benign, added by the model:");
    for (j, t) in THRESHOLDS.into_iter().enumerate() {
        line += &format!(" {t}: {:.4}", ratio(added_total[j], benign_total));
    }
    println!("{line}");
}
