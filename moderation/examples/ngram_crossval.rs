//! Would a small trained model help the lexicon? A measurement, not part of the classifier.
//!
//! Trains one logistic regression per measured category over hashed character 1–3-grams of
//! the normalised match view, leaving one evaluation set out at a time, and scores the
//! left-out set: the model alone, and the lexicon with the model's finding added (`or`),
//! at several thresholds, with the benign false-positive rate of that combination. Only a
//! set the lexicon was not tuned on says anything about the combination on unseen text.
//!
//! `cargo run -p moderation --release --features fuzzing --example ngram_crossval`
//! (the `fuzzing` feature exposes the normaliser's views). Deterministic: no randomness,
//! examples are visited in file order.

use moderation::{eval, fuzzing::views, Category, Classifier, Context};

const BUCKET_BITS: u32 = 18;
const EPOCHS: usize = 20;
const LEARNING_RATE: f32 = 0.5;
const L2: f32 = 1e-4;
/// Positive examples are rarer than negative ones; each counts this many times.
const POSITIVE_WEIGHT: f32 = 2.0;
const THRESHOLDS: [f32; 4] = [0.5, 0.7, 0.8, 0.9];
const MEASURED: [Category; 4] = [
    Category::SelfHarm,
    Category::Abuse,
    Category::Sexual,
    Category::Contact,
];

/// Distinct hashed character 1–3-grams of the match view, whitespace dropped.
fn features(text: &str) -> Vec<u32> {
    let (_, matched) = views(text);
    let chars: Vec<char> = matched.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for n in 1..=3 {
        for gram in chars.windows(n) {
            // FNV-1a over the code points.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ n as u64;
            for &c in gram {
                h ^= u64::from(c);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            out.push((h >> (64 - BUCKET_BITS)) as u32);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

struct Model {
    weights: Vec<f32>,
    bias: f32,
}

impl Model {
    fn probability(&self, features: &[u32]) -> f32 {
        let sum: f32 = features.iter().map(|&i| self.weights[i as usize]).sum();
        let z = sum / (features.len().max(1) as f32).sqrt() + self.bias;
        1.0 / (1.0 + (-z).exp())
    }

    /// Plain stochastic gradient descent on the weighted log loss.
    fn train(data: &[(&[u32], bool)]) -> Model {
        let mut m = Model {
            weights: vec![0.0; 1 << BUCKET_BITS],
            bias: 0.0,
        };
        for _ in 0..EPOCHS {
            for &(features, positive) in data {
                let norm = (features.len().max(1) as f32).sqrt();
                let error = m.probability(features) - if positive { 1.0 } else { 0.0 };
                let g = error * if positive { POSITIVE_WEIGHT } else { 1.0 };
                for &i in features {
                    let w = &mut m.weights[i as usize];
                    *w -= LEARNING_RATE * (g / norm + L2 * *w);
                }
                m.bias -= LEARNING_RATE * g;
            }
        }
        m
    }
}

struct Message {
    labels: Vec<Category>,
    features: Vec<u32>,
    lexicon: Vec<Category>,
}

fn ratio(n: usize, of: usize) -> f64 {
    n as f64 / of.max(1) as f64
}

fn main() {
    let classifier = Classifier::builtin();
    println!("ruleset {}", classifier.ruleset_version());
    let sets: Vec<(&str, Vec<Message>)> = eval::SETS
        .iter()
        .map(|&eval::Set { name, tsv, .. }| {
            let messages = eval::parse(tsv)
                .expect("valid set")
                .into_iter()
                .map(|e| Message {
                    features: features(&e.text),
                    lexicon: classifier
                        .classify(&e.text, Context::Counseling)
                        .expect("short message")
                        .categories,
                    labels: e.labels,
                })
                .collect();
            (name, messages)
        })
        .collect();
    for (held, test) in &sets {
        let models: Vec<Model> = MEASURED
            .iter()
            .map(|c| {
                let train: Vec<(&[u32], bool)> = sets
                    .iter()
                    .filter(|(name, _)| name != held)
                    .flat_map(|(_, messages)| messages)
                    .map(|m| (m.features.as_slice(), m.labels.contains(c)))
                    .collect();
                Model::train(&train)
            })
            .collect();
        println!("\n== left out: {held} ({} messages)", test.len());
        println!("category    labels  lexicon | threshold: model alone, lexicon or model");
        for (c, model) in MEASURED.iter().zip(&models) {
            let positives: Vec<&Message> = test.iter().filter(|m| m.labels.contains(c)).collect();
            let lexicon = positives.iter().filter(|m| m.lexicon.contains(c)).count();
            let mut line = format!(
                "{:11} {:6}  {:.3}  ",
                c.name(),
                positives.len(),
                ratio(lexicon, positives.len())
            );
            for t in THRESHOLDS {
                let fires = |m: &Message| model.probability(&m.features) >= t;
                let alone = positives.iter().filter(|m| fires(m)).count();
                let either = positives
                    .iter()
                    .filter(|m| m.lexicon.contains(c) || fires(m))
                    .count();
                line += &format!(
                    "| {t}: {:.3}, {:.3} ",
                    ratio(alone, positives.len()),
                    ratio(either, positives.len())
                );
            }
            println!("{line}");
        }
        let benign: Vec<&Message> = test.iter().filter(|m| m.labels.is_empty()).collect();
        let flagged = benign.iter().filter(|m| !m.lexicon.is_empty()).count();
        let mut line = format!(
            "benign FP   {:6}  {:.3}  ",
            benign.len(),
            ratio(flagged, benign.len())
        );
        for t in THRESHOLDS {
            let any_model = |m: &Message| models.iter().any(|x| x.probability(&m.features) >= t);
            let self_harm_model = |m: &Message| models[0].probability(&m.features) >= t;
            let all = benign
                .iter()
                .filter(|m| !m.lexicon.is_empty() || any_model(m))
                .count();
            let self_harm_only = benign
                .iter()
                .filter(|m| !m.lexicon.is_empty() || self_harm_model(m))
                .count();
            line += &format!(
                "| {t}: {:.3} (self_harm model only {:.3}) ",
                ratio(all, benign.len()),
                ratio(self_harm_only, benign.len())
            );
        }
        println!("{line}");
    }
}
