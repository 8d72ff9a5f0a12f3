//! Disguises read by the normaliser and the structural detectors rather than by lexicon
//! entries: formal kanji numerals, romaji digit words, capital look-alike letters and
//! upside-down text. Each is checked with an everyday neighbour that must stay unflagged.

use std::sync::LazyLock;

use moderation::{Category, Classifier, Context, Obfuscation};

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(Classifier::builtin);

fn cats(text: &str) -> Vec<Category> {
    CLASSIFIER
        .classify(text, Context::Salon)
        .expect("short message")
        .categories
}

#[test]
fn a_phone_number_in_formal_kanji_numerals_is_contact() {
    assert_eq!(
        cats("電話して 〇九〇 壱弐参肆 伍陸漆捌"),
        vec![Category::Contact]
    );
    assert!(cats("陸上部の練習、伍長の役やった").is_empty());
}

#[test]
fn a_phone_number_in_romaji_digit_words_is_contact() {
    assert_eq!(
        cats("denwa shite ne: zero kyuu zero, ichi ni san yon, go roku nana hachi"),
        vec![Category::Contact]
    );
    assert!(cats("ichi ni san, let's go! san ni ichi, go go go").is_empty());
}

#[test]
fn capital_look_alike_letters_are_read_and_shown() {
    let v = CLASSIFIER
        .classify("i want to КІLL МYSЕLF", Context::Salon)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::SelfHarm]);
    assert!(v.obfuscation.contains(&Obfuscation::Homoglyph));
}

#[test]
fn upside_down_text_is_turned_the_right_way_up() {
    let text = "ɟlǝsʎɯ llıʞ oʇ ʇuɐʍ ı";
    let v = CLASSIFIER
        .classify(text, Context::Salon)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::SelfHarm]);
    assert!(v.obfuscation.contains(&Obfuscation::UpsideDown));
    // The span covers the upside-down words, on character boundaries of the original.
    let span = &v.spans[0];
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    assert!(span.text.contains("llıʞ"), "{span:?}");
    // Upside-down chat about nothing risky stays unflagged.
    assert!(cats("¡ʎɐpɥʇɹıq ʎddɐɥ").is_empty());
}
