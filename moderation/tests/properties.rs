//! Properties that hold for any input: no panic, spans on character boundaries of the
//! original text, oversized input refused with a clear error.

use moderation::{Classifier, ClassifyError, Context, ParticipantWindow, MAX_INPUT_BYTES};
use proptest::prelude::*;
use std::sync::OnceLock;

fn classifier() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(Classifier::builtin)
}

/// Text that mixes the characters the normaliser treats specially with arbitrary Unicode.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("死".to_string()),
        Just("にたい".to_string()),
        Just("ｼﾆﾀｲ".to_string()),
        Just("ﾞ".to_string()),
        Just("\u{3099}".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("〇九〇".to_string()),
        Just("ー".to_string()),
        Just("k1ll".to_string()),
        Just(" ".to_string()),
        Just("@".to_string()),
        Just(".com".to_string()),
        Just("090".to_string()),
        Just("ぜろ".to_string()),
        Just("İ".to_string()),
        Just("ﬃ".to_string()),
        Just("中学".to_string()),
        // Block addresses: 長吉2-8-15, 東町(5)-(3).
        Just("(".to_string()),
        Just("2-8".to_string()),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    for context in [Context::Counseling, Context::Salon] {
        let v = classifier()
            .classify(text, context)
            .expect("small inputs are classified");
        for s in &v.spans {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start), "{s:?} in {text:?}");
            assert!(text.is_char_boundary(s.end), "{s:?} in {text:?}");
            assert_eq!(&text[s.start..s.end], s.text);
        }
        if context == Context::Counseling {
            assert!(!v.action.withholds());
        }
        if let Some(m) = &v.masked_text {
            assert_eq!(m.chars().count(), text.chars().count());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_unicode_is_classified_without_panic(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn tricky_text_keeps_spans_on_char_boundaries(text in tricky_text()) {
        check(&text);
    }

    #[test]
    fn the_window_never_panics(messages in proptest::collection::vec(tricky_text(), 0..8)) {
        let mut w = ParticipantWindow::new();
        for m in &messages {
            let v = w.classify(classifier(), m, Context::Salon).expect("small input");
            for s in &v.spans {
                prop_assert!(m.is_char_boundary(s.start) && m.is_char_boundary(s.end));
            }
        }
    }
}

#[test]
fn a_bracket_opened_at_the_very_end_is_classified() {
    // Found by `the_window_never_panics`: a number could start at a final 「(」.
    for text in ["090死(", "長吉(", "東町(5)-(", "桜木町2-("] {
        check(text);
    }
}

#[test]
fn one_megabyte_is_refused_not_processed() {
    for text in [
        "a".repeat(1_000_000),
        "死".repeat(400_000),
        "x".repeat(MAX_INPUT_BYTES + 1),
    ] {
        let err = classifier()
            .classify(&text, Context::Salon)
            .expect_err("over the limit");
        assert_eq!(
            err,
            ClassifyError::TooLong {
                len: text.len(),
                max: MAX_INPUT_BYTES
            }
        );
        let mut w = ParticipantWindow::new();
        assert!(w.classify(classifier(), &text, Context::Salon).is_err());
    }
}

#[test]
fn the_largest_accepted_input_is_processed() {
    let text = "死にたい。".repeat(MAX_INPUT_BYTES / "死にたい。".len());
    assert!(text.len() <= MAX_INPUT_BYTES);
    let v = classifier()
        .classify(&text, Context::Salon)
        .expect("at the limit");
    assert!(!v.spans.is_empty());
}

#[test]
fn adversarial_repetition_stays_fast() {
    // Repetitions that could make a detector rescan the rest of the message from every
    // position (quadratic: minutes at the size limit even when optimised). Linear work on
    // "line-" takes about 20 s in an unoptimised build on a slow, shared machine, so the
    // bound leaves room for that and still catches a rescan.
    for unit in ["line-", "insta:", "id.", "らいん_", "+1 ", "(415) "] {
        let text = unit.repeat(MAX_INPUT_BYTES / unit.len());
        let t = std::time::Instant::now();
        classifier()
            .classify(&text, Context::Salon)
            .expect("at the limit");
        assert!(
            t.elapsed() < std::time::Duration::from_secs(90),
            "{unit:?}: {:?}",
            t.elapsed()
        );
    }
}
