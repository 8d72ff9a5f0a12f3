//! Letters of other writing systems standing for Latin ones: a message spelt in Gothic,
//! Ogham, Tifinagh, Sinhala or any of a hundred scripts a teen can copy from a converter
//! site (「𐌄𐌊𐌉 𐌃𐌄 𐌕𐌏𐌁𐌉𐌊𐌏𐌌𐌉𐌕𐌀𐌉」 is "eki de tobikomitai"). One transliteration table
//! covers them all, so a script nobody has used on the platform yet is read like the rest;
//! the Latin it gives is read as English and, where its words spell out, as romaji.

use unicode_normalization::char::is_combining_mark;

use super::Reading;
use crate::normalize::Obfuscation;

/// The message with the letters of other scripts written in Latin letters, in lower case;
/// where at least three such letters stand (a kaomoji's lone Д is not writing).
pub(super) fn transliterated(text: &str) -> Option<Reading> {
    let letters = text
        .chars()
        .filter(|&c| is_other_script(c) && c.is_alphabetic());
    if letters.take(3).count() < 3 {
        return None;
    }
    let mut r = Reading::new(Obfuscation::OtherScript);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        if let Some(sound) = ipa_sound(c) {
            for b in sound.bytes() {
                r.push(char::from(b), i, end);
            }
            continue;
        }
        if !is_other_script(c) {
            r.push(c, i, end);
            continue;
        }
        // Ejectives and glottal stops come out as apostrophes (Georgian კ is k'), which
        // would split a romaji word in two.
        let latin = any_ascii::any_ascii_char(c);
        for b in latin.bytes().filter(|&b| b != b'\'') {
            r.push(char::from(b.to_ascii_lowercase()), i, end);
        }
        // The table gives a consonant of an abugida without the vowel it carries unless
        // a sign follows: Malayalam തതക is "tataka", not "ttk".
        let next_is_sign = chars.peek().is_some_and(|&(_, n)| is_combining_mark(n));
        let bare_consonant = latin.bytes().last().is_some_and(|b| {
            b.is_ascii_alphabetic() && !b"aeiou".contains(&b.to_ascii_lowercase())
        });
        if is_abugida(c) && !is_combining_mark(c) && bare_consonant && !next_is_sign {
            r.push('a', i, end);
        }
    }
    Some(Reading { prose: true, ..r })
}

/// The letters of the phonetic alphabet as English spells their sounds, where the table
/// gives a letter's name or look (「/maɪ dæd hɪts miː/」 is "mai dad hits mi", not
/// "maI daed hIts mi:"); length and stress marks are dropped.
fn ipa_sound(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' | 'ɑ' | 'ɐ' | 'ə' => "a",
        'ɛ' | 'ɜ' => "e",
        'ɪ' | 'ɨ' => "i",
        'ɔ' | 'ɒ' => "o",
        'ʊ' | 'ʌ' | 'ʉ' => "u",
        'ð' | 'θ' => "th",
        'ʃ' => "sh",
        'ʒ' => "s",
        'ɹ' | 'ɾ' | 'ʁ' => "r",
        'ɡ' => "g",
        'ː' | 'ˈ' | 'ˌ' => "",
        _ => return None,
    })
}

/// Scripts whose letters are transliterated, and the Latin letters with accents, hooks and
/// strokes of "fancy text" generators. Plain Latin, Greek (its look-alikes and its symbols
/// are the normaliser's), the small capitals and phonetic letters (ᴋɪʟʟ, likewise), kana,
/// kanji and Hangul (read as Japanese spelt in it) are left as they are, and so are emoji
/// and symbols. Latin letters in circles, squares or mathematical styles are written plain
/// here too: the normaliser folds them for the lexicon, but romaji is read from ASCII.
fn is_other_script(c: char) -> bool {
    matches!(c as u32,
        0x0100..=0x02AF // Latin with accents, hooks and strokes (ą, ŋ, ɗ, ɱ): "fancy text"
        | 0x0400..=0x052F // Cyrillic
        | 0x0530..=0x10FF // Armenian, Hebrew, Arabic, Indic and South-East Asian scripts, Georgian
        | 0x1200..=0x1CFF // Ethiopic, Cherokee, Canadian syllabics, Ogham, Runic, Baybayin, …
        | 0x2460..=0x24FF // letters in circles and brackets (ⓟⓐⓝ), which are Latin to read
        | 0x2C00..=0x2C5F // Glagolitic
        | 0x2C80..=0x2DDF // Coptic, Georgian supplement, Tifinagh, Ethiopic extended
        | 0xA4D0..=0xA6FF // Lisu, Vai, Cyrillic extended, Bamum
        | 0xA800..=0xAB2F // Syloti Nagri, Saurashtra, Javanese, Cham, Tai Viet, Meetei, …
        | 0xAB70..=0xABFF // Cherokee supplement, Meetei Mayek
        | 0x10000..=0x1AFFF // Gothic, Old Italic, Deseret, Shavian and the other historic scripts
        | 0x1B000..=0x1B16F // 変体仮名
        | 0x1D400..=0x1D7FF // mathematical bold, script and double-struck letters (𝐩𝐚𝐧)
        | 0x1E000..=0x1E95F // Glagolitic supplement, Wancho, Adlam, …
        | 0x1F130..=0x1F189 // letters in squares (🅿🅰🅽)
    )
}

/// Scripts whose consonants carry an "a" unless a vowel sign or a virama follows: the
/// scripts of India and Sri Lanka, Myanmar, Baybayin and its neighbours, Khmer, Balinese,
/// Sundanese, Javanese, Brahmi.
fn is_abugida(c: char) -> bool {
    matches!(c as u32,
        0x0900..=0x0DFF | 0x1000..=0x109F | 0x1700..=0x17FF | 0x1A00..=0x1BFF
        | 0xA980..=0xA9DF | 0x11000..=0x111FF
    )
}
