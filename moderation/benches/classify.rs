//! Throughput and latency of classification for typical chat messages (20–200 characters)
//! with the full built-in lexicon, side by side with a naive per-pattern `str::contains`
//! over the same lexicon and, on the English messages, with `rustrict` as a reference. The
//! mixed corpus is also classified without the learned model (`moderation_rules_only`), so
//! every run shows what the model costs. The mixed corpus is the labelled set: three in five
//! of its messages are risky and one in five is disguised, each disguise read through its
//! code, so it is harder than a day of chat; the everyday corpus (the messages of every
//! evaluation set labelled plain `benign`, nothing risky-looking in them) is the other end.
//!
//! `CARGO_TARGET_DIR=/work/target-moderation cargo bench -p moderation --bench classify`
//! After criterion's figures it prints per-message latency percentiles (p50/p99).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use moderation::{Classifier, Context, Ruleset};

#[path = "../examples/common/corpus.rs"]
mod corpus;

/// The naive approach: lowercase, then `str::contains` for every lexicon term.
struct Naive {
    terms: Vec<String>,
}

impl Naive {
    fn new(classifier: &Classifier) -> Naive {
        let terms = classifier
            .ruleset()
            .lexicon_terms()
            .map(|t| t.trim_matches('*').to_lowercase())
            .collect();
        Naive { terms }
    }

    fn count(&self, text: &str) -> usize {
        let lower = text.to_lowercase();
        self.terms
            .iter()
            .filter(|t| lower.contains(t.as_str()))
            .count()
    }
}

/// One pass of the classifier over `messages`, as a salon room would classify them.
fn classify_each(classifier: &Classifier, messages: &[String]) {
    for m in messages {
        black_box(
            classifier
                .classify(black_box(m), Context::Salon)
                .expect("short message"),
        );
    }
}

/// One pass of the naive approach over `messages`.
fn count_each(naive: &Naive, messages: &[String]) {
    for m in messages {
        black_box(naive.count(black_box(m)));
    }
}

fn benches(c: &mut Criterion, corpus: &[String], everyday: &[String], english: &[String]) {
    let classifier = Classifier::builtin();
    let naive = Naive::new(&classifier);
    let rules_only = Classifier::new(Ruleset::builtin().without_model());
    for (group, messages) in [
        ("classify_all_messages", corpus),
        ("classify_everyday_messages", everyday),
    ] {
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Elements(messages.len() as u64));
        for (name, classifier) in [
            ("moderation", &classifier),
            ("moderation_rules_only", &rules_only),
        ] {
            g.bench_function(name, |b| b.iter(|| classify_each(classifier, messages)));
        }
        g.bench_function("naive_contains", |b| {
            b.iter(|| count_each(&naive, messages))
        });
        g.finish();
    }

    let mut g = c.benchmark_group("classify_english_messages");
    g.throughput(Throughput::Elements(english.len() as u64));
    g.bench_function("moderation", |b| {
        b.iter(|| classify_each(&classifier, english))
    });
    g.bench_function("naive_contains", |b| b.iter(|| count_each(&naive, english)));
    g.bench_function("rustrict", |b| {
        b.iter(|| {
            for m in english {
                black_box(rustrict::Censor::from_str(black_box(m)).analyze());
            }
        })
    });
    g.finish();
}

/// Per-message latency over many rounds of the corpus, timed one call at a time.
fn latency(corpus: &[String]) {
    let classifier = Classifier::builtin();
    let mut samples: Vec<Duration> = Vec::with_capacity(corpus.len() * 200);
    for _ in 0..200 {
        for m in corpus {
            let t = Instant::now();
            black_box(
                classifier
                    .classify(black_box(m), Context::Salon)
                    .expect("short message"),
            );
            samples.push(t.elapsed());
        }
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
    println!(
        "latency per message over {} calls ({} messages, 20-200 chars): p50 {:?}, p99 {:?}, p99.9 {:?}, max {:?}",
        samples.len(),
        corpus.len(),
        pct(0.50),
        pct(0.99),
        pct(0.999),
        samples[samples.len() - 1]
    );
}

fn main() {
    let corpus = corpus::labelled();
    let everyday = corpus::everyday();
    let english: Vec<String> = corpus.iter().filter(|m| m.is_ascii()).cloned().collect();
    let mut c = Criterion::default()
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    benches(&mut c, &corpus, &everyday, &english);
    c.final_summary();
    latency(&corpus);
}
