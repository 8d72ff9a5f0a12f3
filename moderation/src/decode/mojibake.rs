//! Mojibake on purpose: Japanese whose UTF-8 bytes were read in another encoding, as a
//! 文字化け converter site makes them (「豁ｻ縺ｫ縺溘＞」 is 死にたい read as Shift_JIS,
//! 「ãƒªã‚¹ãƒˆã‚«ãƒƒãƒˆ」 リストカット read as Windows-1252). Writing the characters back in that
//! encoding gives the bytes again, and the bytes read as UTF-8 give the message. A byte
//! the converter lost only costs the character it belonged to.

use encoding_rs::{Encoding, SHIFT_JIS, WINDOWS_1252};

use super::Reading;
use crate::normalize::Obfuscation;

/// The message read back from Shift_JIS mojibake: at least two of 縺, 繧 and 繝, which
/// are what the lead bytes of hiragana and katakana (E3 81, E3 82, E3 83) become and which
/// Japanese prose hardly uses.
pub(super) fn from_shift_jis(text: &str) -> Option<Reading> {
    const MARKS: [&str; 3] = ["縺", "繧", "繝"];
    // A string needle is searched for a block of bytes at a time, a quick way to turn
    // away the many messages that hold none.
    if !MARKS.iter().any(|m| text.contains(m)) {
        return None;
    }
    let marks: usize = MARKS.iter().map(|m| text.matches(m).take(2).count()).sum();
    (marks >= 2).then(|| unread(text, SHIFT_JIS))
}

/// The message read back from Windows-1252 mojibake: at least two of ã, ä, å, æ and ç
/// (the lead bytes of kana and kanji, E3 to E7) each followed by a character a
/// continuation byte becomes.
pub(super) fn from_windows_1252(text: &str) -> Option<Reading> {
    // ã to ç are C3 A3 to C3 A7; most messages with other letters (… or ♪) have no C3.
    if !text.as_bytes().contains(&0xC3) {
        return None;
    }
    let mut chars = text.chars().peekable();
    let mut leads = 0;
    while let Some(c) = chars.next() {
        if matches!(c, 'ã'..='ç') && chars.peek().is_some_and(|&n| is_continuation(n)) {
            leads += 1;
        }
    }
    (leads >= 2).then(|| unread(text, WINDOWS_1252))
}

/// A character that byte 0x80–0xBF turns into in Windows-1252: one of the Latin-1 signs
/// and letters, one of the typographic marks it puts in 0x80–0x9F, or a replacement
/// character where a converter had none for the byte.
fn is_continuation(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{BF}' | '\u{152}'..='\u{2122}' | '\u{FFFD}')
}

/// Writes each character in `encoding` and reads the bytes as UTF-8; a character comes
/// from the characters its bytes were written from.
fn unread(text: &str, encoding: &'static Encoding) -> Reading {
    let mut bytes = Vec::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let encoded;
        let written: &[u8] = if c == '\u{FFFD}' && encoding == WINDOWS_1252 {
            // A byte the converter had no character for: 0x81 most often, as the
            // hiragana run E3 81 xx.
            &[0x81]
        } else {
            let unmappable;
            (encoded, _, unmappable) = encoding.encode(c.encode_utf8(&mut buf));
            if unmappable {
                continue;
            }
            &encoded
        };
        bytes.extend_from_slice(written);
        from.extend(std::iter::repeat_n((i, i + c.len_utf8()), written.len()));
    }
    let mut r = Reading::new(Obfuscation::Mojibake);
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        for (j, c) in chunk.valid().char_indices() {
            let (s, _) = from[at + j];
            let (_, e) = from[at + j + c.len_utf8() - 1];
            r.push(c, s, e);
        }
        at += chunk.valid().len() + chunk.invalid().len();
    }
    Reading { prose: true, ..r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_mojibake_reads_back() {
        let r = from_shift_jis("豁ｻ縺ｫ縺溘＞").expect("mojibake");
        assert_eq!(r.text, "死にたい");
        // に (E3 81 AB) was written as 縺 (E3 81) and ｫ (AB).
        let (s, e) = r.original_range(3, 6).expect("covered");
        assert_eq!(&"豁ｻ縺ｫ縺溘＞"[s..e], "縺ｫ");
        // A lost byte costs one character, not the message.
        let r = from_shift_jis("豸医∴縺溘＞縲√ｂ縺�辟｡逅�").expect("mojibake");
        assert!(r.text.starts_with("消えたい、も"), "{}", r.text);
        assert!(from_shift_jis("縺の字はまれ").is_none());
    }

    #[test]
    fn windows_1252_mojibake_reads_back() {
        let r = from_windows_1252("æ\u{AD}»ã�«ã�Ÿã�„").expect("mojibake");
        assert_eq!(r.text, "死にたい");
        let r = from_windows_1252("ãƒªã‚¹ãƒˆã‚«ãƒƒãƒˆ").expect("mojibake");
        assert_eq!(r.text, "リストカット");
        assert!(from_windows_1252("São Paulo ã ç").is_none());
    }
}
