//! The chat-sized corpora of the benchmark (`benches/classify.rs`), shared with the
//! profiling example so both measure the same messages.

use moderation::eval;

/// The labelled set's messages, made chat-sized ([`chat_sized`]): three in five risky, one
/// in five disguised.
pub fn labelled() -> Vec<String> {
    let examples = eval::parse(eval::LABELLED).expect("valid set");
    chat_sized(&examples.iter().map(|e| e.text.as_str()).collect::<Vec<_>>())
}

/// Everyday chat: the messages of every evaluation set labelled plain `benign`, made
/// chat-sized.
pub fn everyday() -> Vec<String> {
    let texts: Vec<String> = eval::SETS
        .iter()
        .flat_map(|s| eval::parse(s.tsv).expect("valid set"))
        .filter(|e| e.kind == "benign")
        .map(|e| e.text)
        .collect();
    chat_sized(&texts.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Each text joined with the next ones until it reaches at least 20 characters, capped at
/// 200.
fn chat_sized(texts: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..texts.len() {
        let mut m = String::from(texts[i]);
        let mut k = i + 1;
        while m.chars().count() < 20 && k < texts.len() {
            m.push(' ');
            m.push_str(texts[k]);
            k += 1;
        }
        let m: String = m.chars().take(200).collect();
        if m.chars().count() >= 20 {
            out.push(m);
        }
    }
    out
}
