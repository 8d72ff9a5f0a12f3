//! A second opinion beside the lexicon: one logistic regression per category over hashed
//! character 2–4-grams of the match view, learned from the tuned evaluation sets and the
//! training files compiled into the crate.
//!
//! The lexicon knows the phrasings someone wrote down; independent authors keep finding new
//! ones ("the family would cope fine without me", 明日とか来んでよか). Character n-grams
//! of thousands of labelled messages carry the tone of a disclosure beyond any one phrase.
//! The model only adds a category the lexicon did not find, and only above a threshold
//! chosen so that it adds few false positives (`docs/moderation.md`, "A learned second
//! opinion"). Which categories it may add, at what score and with what severity is data:
//! the `[[model]]` entries of the rules files.
//!
//! Deterministic: no randomness, training visits the sets in order, and the sets a model
//! is measured on ([`eval::Set::tuned`] false) are never trained on.

use std::sync::OnceLock;

use crate::eval;
use crate::normalize;
use crate::verdict::Category;

/// The categories the model scores; a `[[model]]` entry may name only these. Personal
/// details and spam have too few labelled messages to learn from, and their shapes (a
/// school's name, a repeated line) are the detectors' job.
pub const MODELLED: [Category; 5] = [
    Category::SelfHarm,
    Category::Abuse,
    Category::Sexual,
    Category::Contact,
    Category::Harassment,
];
const K: usize = MODELLED.len();

/// 2^18 buckets: collisions stay rare among the few hundred thousand distinct n-grams of
/// the training sets, and the table (1.25 MiB, a byte per weight) stays in a core's L2
/// cache.
const BUCKET_BITS: u32 = 18;

const EPOCHS: usize = 20;
const LEARNING_RATE: f32 = 4.0;
const L2: f32 = 3e-4;
/// Positive examples are rarer than negative ones; each counts this many times.
const POSITIVE_WEIGHT: f32 = 2.0;

/// Learned weights: per bucket one weight for each of [`MODELLED`], side by side so one
/// n-gram costs one memory access, each a signed byte in units of that category's `unit`.
/// The buckets are read in no order, so the table's size decides how often a read misses
/// the cache: in `f32` (4 MiB) the model cost a busy core three times as much, and
/// rounding to a byte moves a message's log-odds by about a hundredth.
pub struct Model {
    weights: Vec<[i8; K]>,
    unit: [f32; K],
    bias: [f32; K],
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("buckets", &self.weights.len())
            .field("bias", &self.bias)
            .finish()
    }
}

/// The model learned from every tuned set in [`eval::SETS`] and the training files
/// ([`eval::TRAINING`]), trained on first use (a few tenths of a second) and shared by every classifier
/// of the process.
pub(crate) fn builtin() -> &'static Model {
    static BUILTIN: OnceLock<Model> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let examples: Vec<eval::Example> = eval::SETS
            .iter()
            .filter(|s| s.tuned)
            .flat_map(|s| eval::parse(s.tsv).expect("the evaluation sets are checked by tests"))
            .chain(eval::training_examples())
            .collect();
        Model::train(&examples)
    })
}

/// Calls `f(first, last, bucket)` for every 2–4-gram of the non-space characters of a
/// match view, shortest first at each `last`; `first` and `last` index those characters.
fn for_each_gram(chars: &[char], mut f: impl FnMut(usize, usize, usize)) {
    // FNV-1a over the code points, seeded by the length. Written out per length rather than
    // looped over, which cost the model half its instructions per message.
    const SEED: u64 = 0xcbf2_9ce4_8422_2325;
    let step = |h: u64, c: char| (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
    // The bucket is taken from the top bits, which FNV's last multiplication fills mostly
    // from the high bits of the last code point — nearly the same for every kana. Without
    // this Fibonacci step, n-grams that differ only in their last character shared
    // buckets, and held-out recall at 0.25 % false positives was 9 points lower
    // (`docs/moderation.md`, "A learned second opinion").
    let bucket = |h: u64| (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BUCKET_BITS)) as usize;
    for last in 1..chars.len() {
        let (a, b) = (chars[last - 1], chars[last]);
        f(last - 1, last, bucket(step(step(SEED ^ 2, a), b)));
        if last >= 2 {
            let z = chars[last - 2];
            f(last - 2, last, bucket(step(step(step(SEED ^ 3, z), a), b)));
            if last >= 3 {
                let y = chars[last - 3];
                let h = step(step(step(step(SEED ^ 4, y), z), a), b);
                f(last - 3, last, bucket(h));
            }
        }
    }
}

fn logistic(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// Trains one model per [`MODELLED`] category on `examples` by plain stochastic
    /// gradient descent on the weighted log loss.
    pub fn train(examples: &[eval::Example]) -> Model {
        // Every message's buckets in one buffer: one allocation rather than one per message,
        // which left the heap strewn with small free blocks that classification's own
        // allocations then searched through (a tenth of the time per message, callgrind).
        let mut buckets: Vec<u32> = Vec::new();
        // Per message: its place in the shuffle, the range of its buckets, its labels.
        let mut messages: Vec<(u64, usize, usize, [bool; K])> = Vec::with_capacity(examples.len());
        for e in examples {
            let start = buckets.len();
            for_each_gram(&match_chars(&e.text), |_, _, b| buckets.push(b as u32));
            // Stochastic gradient descent follows the order it is given: a run of one
            // file's benign messages at the end would pull every bias down. A fixed shuffle
            // (by a hash of the message's n-grams) mixes the files and keeps training
            // deterministic.
            let shuffle = buckets[start..]
                .iter()
                .fold(0x9e37_79b9_7f4a_7c15u64, |h, &b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
            let labels = MODELLED.map(|c| e.labels.contains(&c));
            messages.push((shuffle, start, buckets.len(), labels));
        }
        messages.sort_by_key(|m| m.0);
        let mut weights = vec![[0.0f32; K]; 1 << BUCKET_BITS];
        let mut bias = [0.0f32; K];
        for _ in 0..EPOCHS {
            for &(_, start, end, labels) in &messages {
                let buckets = &buckets[start..end];
                let mut sum = [0.0f32; K];
                for &b in buckets {
                    for k in 0..K {
                        sum[k] += weights[b as usize][k];
                    }
                }
                let norm = (buckets.len().max(1) as f32).sqrt();
                let mut g = [0.0; K];
                for k in 0..K {
                    let target = if labels[k] { 1.0 } else { 0.0 };
                    let weight = if labels[k] { POSITIVE_WEIGHT } else { 1.0 };
                    g[k] = (logistic(sum[k] / norm + bias[k]) - target) * weight;
                    bias[k] -= LEARNING_RATE * g[k];
                }
                for &b in buckets {
                    let w = &mut weights[b as usize];
                    for k in 0..K {
                        w[k] -= LEARNING_RATE * (g[k] / norm + L2 * w[k]);
                    }
                }
            }
        }
        // Each category's largest weight becomes ±127.
        let unit: [f32; K] = std::array::from_fn(|k| {
            weights
                .iter()
                .map(|w| w[k].abs())
                .fold(f32::MIN_POSITIVE, f32::max)
                / 127.0
        });
        Model {
            weights: weights
                .iter()
                .map(|w| std::array::from_fn(|k| (w[k] / unit[k]).round() as i8))
                .collect(),
            unit,
            bias,
        }
    }

    /// The probability of each [`MODELLED`] category for the non-space characters of a
    /// message's match view.
    pub(crate) fn probabilities(&self, chars: &[char]) -> [f32; K] {
        let mut sum = [0i32; K];
        let mut n = 0usize;
        for_each_gram(chars, |_, _, b| {
            let w = &self.weights[b];
            for k in 0..K {
                sum[k] += i32::from(w[k]);
            }
            n += 1;
        });
        // Dividing by the square root of the number of n-grams keeps long messages from
        // scoring high on length alone.
        let norm = (n.max(1) as f32).sqrt();
        std::array::from_fn(|k| logistic(sum[k] as f32 * self.unit[k] / norm + self.bias[k]))
    }

    /// The probability of each [`MODELLED`] category for a message, in that order.
    pub fn scores(&self, text: &str) -> [(Category, f32); K] {
        let p = self.probabilities(&match_chars(text));
        std::array::from_fn(|k| (MODELLED[k], p[k]))
    }

    /// The run of characters that speaks most for `category` (the largest sum of the
    /// n-gram weights, each shared by the characters it covers), as `first..=last`
    /// indices into `chars`: what a reviewer is shown as the span.
    pub(crate) fn strongest_run(&self, chars: &[char], category: Category) -> (usize, usize) {
        let k = MODELLED
            .iter()
            .position(|&c| c == category)
            .expect("only modelled categories are asked for");
        let mut weight = vec![0.0f32; chars.len()];
        for_each_gram(chars, |first, last, b| {
            let share = f32::from(self.weights[b][k]) / (last + 1 - first) as f32;
            for w in &mut weight[first..=last] {
                *w += share;
            }
        });
        // The maximum-sum run (Kadane).
        let (mut best, mut best_run) = (f32::MIN, (0, 0));
        let (mut sum, mut start) = (0.0f32, 0);
        for (i, &w) in weight.iter().enumerate() {
            if sum <= 0.0 {
                sum = 0.0;
                start = i;
            }
            sum += w;
            if sum > best {
                best = sum;
                best_run = (start, i);
            }
        }
        best_run
    }
}

/// The non-space characters of the match view of `text`.
fn match_chars(text: &str) -> Vec<char> {
    let (_, matched) = normalize::views(text);
    matched.chars().filter(|&c| c != ' ').collect()
}
