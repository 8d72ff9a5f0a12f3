//! Text normalisation: two views of a message, each keeping a map back to the original.
//!
//! * The **base view** removes invisible characters, applies NFKC (composing voiced marks,
//!   dropping other combining marks), folds case, width, katakana to hiragana, small kana to
//!   large kana, Cyrillic/Greek look-alikes to Latin, and reads kanji digits as ASCII digits
//!   one character at a time (〇九〇 → 090, but 十 stays). Punctuation and spacing are kept:
//!   the structural detectors (phone numbers, e-mail, URLs) need them.
//! * The **match view** is built from the base view for the lexicon: spacing and punctuation
//!   between letters are dropped (except a single space between two Latin words), leet and
//!   look-alike symbols are read as letters inside Latin runs only, and stretched Latin
//!   letters are collapsed ("kiiiill" → "kil"; lexicon terms go through the same function,
//!   so "kill" is stored as "kil").
//!
//! Every byte of a view records the original byte range of the character(s) it came from,
//! so a match in a view maps back to a range of the original text that always falls on
//! character boundaries.

use unicode_normalization::char::{compose, decompose_compatible, is_combining_mark};

/// A kind of obfuscation seen while normalising; shown to reviewers, never silently dropped.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Obfuscation {
    /// Zero-width, bidi-control or other invisible characters.
    Invisible,
    /// Spaces or punctuation inserted between letters.
    Spacing,
    /// Digits or symbols standing for Latin letters (k1ll, $ex).
    Leet,
    /// Cyrillic, Greek or Armenian letters that look like Latin ones, digits of another
    /// script (Thai ๐๘๐, Arabic-Indic ٠٧٧), simplified Chinese kanji for Japanese ones (强),
    /// 変体仮名 for plain kana (𛁄 for し).
    Homoglyph,
    /// Half-width katakana or full-width Latin letters.
    Width,
    /// Combining marks stacked on letters.
    Diacritics,
    /// A Latin letter repeated three or more times (kiiiill).
    Stretching,
    /// Text written backwards after a marker such as 逆から読んで or "read it backwards".
    Reversed,
    /// Latin text turned upside down (ʇɥƃıu pooƃ): flipped letters in reverse order.
    UpsideDown,
    /// Letters written in Braille cells (⠅⠊⠇⠇).
    Braille,
    /// A code the reader is to undo: Morse, rot13, atbash, A1Z26, a keyboard shifted by a
    /// key, pager and phone digits (ポケベル打ち, ガラケー打ち), 五十音 coordinates, たぬき言葉.
    Cipher,
    /// Text encoded as base64, binary or hexadecimal bytes, or escaped characters (HTML
    /// references, percent-encoding, \u escapes).
    Encoded,
    /// A word spelt by the first or last characters of lines or clauses (縦読み).
    Acrostic,
    /// Letters of another writing system standing for Latin ones or for romaji (Gothic
    /// 𐌺𐌿𐍄, Tifinagh ⴰⵏⵉⴽⵉ, Sinhala කුසුරි).
    OtherScript,
    /// Japanese whose bytes were read in another encoding (豁ｻ縺ｫ縺溘＞, ãƒªã‚¹ãƒˆ).
    Mojibake,
}

/// The base view: the message's characters after folding, each with the original byte
/// range it came from. Kept per character, as the match view and the structural detectors
/// read it by position.
#[derive(Debug, Default)]
pub(crate) struct Chars {
    pub c: Vec<char>,
    pub from: Vec<u32>,
    pub to: Vec<u32>,
}

impl Chars {
    fn clear(&mut self) {
        self.c.clear();
        self.from.clear();
        self.to.clear();
    }

    /// Releases the memory of an unusually large message.
    pub fn shrink(&mut self, max: usize) {
        if self.c.capacity() > max {
            *self = Chars::default();
        }
    }

    fn push(&mut self, c: char, from: u32, to: u32) {
        self.c.push(c);
        self.from.push(from);
        self.to.push(to);
    }

    /// Replaces the last character (used to compose a voiced sound mark onto it).
    fn replace_last(&mut self, c: char, to: u32) {
        if let (Some(last), Some(end)) = (self.c.last_mut(), self.to.last_mut()) {
            *last = c;
            *end = to;
        }
    }

    /// Widens the last character's original range to end at `to`.
    fn extend_last(&mut self, to: u32) {
        if let Some(end) = self.to.last_mut() {
            *end = to;
        }
    }

    /// The characters as a string.
    pub fn text(&self) -> String {
        self.c.iter().collect()
    }
}

/// The match view: its text and, per byte, the original byte range it came from.
#[derive(Debug, Default, Clone)]
pub(crate) struct View {
    pub text: String,
    /// Per byte of `text`: the original range `(from, to)`. One list, not two, as every
    /// character of every message is pushed here.
    map: Vec<(u32, u32)>,
    /// The characters of `text` but its spaces (the plain spaces between Latin words, its
    /// only spacing): what the learned model reads.
    pub letters: Vec<char>,
}

impl View {
    fn clear(&mut self) {
        self.text.clear();
        self.map.clear();
        self.letters.clear();
    }

    /// Releases the memory of an unusually large message kept in a reused buffer.
    pub fn shrink(&mut self, max: usize) {
        if self.text.capacity() > max {
            *self = View::default();
        }
    }

    fn push(&mut self, c: char, from: u32, to: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.map.push((from, to));
        }
        if c != ' ' {
            self.letters.push(c);
        }
    }

    /// Widens the last character's original range to end at `to`.
    fn extend_last(&mut self, to: u32) {
        if let Some(c) = self.text.chars().next_back() {
            let n = self.map.len();
            for (_, t) in &mut self.map[n - c.len_utf8()..] {
                *t = to;
            }
        }
    }

    /// Original byte range `[start, end)` covered by the view's bytes `[start, end)`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.map.len());
        (self.map[start].0 as usize, self.map[end - 1].1 as usize)
    }
}

/// The letter a Braille cell stands for in uncontracted English Braille (the cells of
/// a to z; a number sign or contractions are not read).
fn braille_letter(c: char) -> Option<char> {
    const LETTERS: [(char, char); 26] = [
        ('⠁', 'a'),
        ('⠃', 'b'),
        ('⠉', 'c'),
        ('⠙', 'd'),
        ('⠑', 'e'),
        ('⠋', 'f'),
        ('⠛', 'g'),
        ('⠓', 'h'),
        ('⠊', 'i'),
        ('⠚', 'j'),
        ('⠅', 'k'),
        ('⠇', 'l'),
        ('⠍', 'm'),
        ('⠝', 'n'),
        ('⠕', 'o'),
        ('⠏', 'p'),
        ('⠟', 'q'),
        ('⠗', 'r'),
        ('⠎', 's'),
        ('⠞', 't'),
        ('⠥', 'u'),
        ('⠧', 'v'),
        ('⠺', 'w'),
        ('⠭', 'x'),
        ('⠽', 'y'),
        ('⠵', 'z'),
    ];
    if !matches!(c, '\u{2800}'..='\u{28FF}') {
        return None;
    }
    LETTERS
        .iter()
        .find(|&&(cell, _)| cell == c)
        .map(|&(_, l)| l)
}

/// Characters that render as nothing (or nearly nothing) and only serve to split words:
/// Unicode's Default_Ignorable_Code_Point, all of it (the shorthand format controls and the
/// unassigned tag-plane code points since `.29`), and other controls.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
        || (c.is_control() && !c.is_whitespace())
}

/// Emoji that stand in for a word people would otherwise filter on: 🍑の📸送って is
/// 写真送って, "trade 🌽 pics" is corn (porn) pics, "👻 me: yuki_07" is a Snapchat ID and
/// ホ別🍓 is paid dating's 苺 (15,000 yen), 👊 a blow, 🟣 a bruise and 💊 pills. Latin
/// words get spaces around them.
fn emoji_word(c: char, after_latin: bool) -> Option<&'static str> {
    Some(match c {
        // Pills in the language of the words around them: 「💊ぜんぶ飲む」, "took all my 💊".
        '💊' if after_latin => " pills ",
        '💊' => "薬",
        '📸' | '📷' => "写真",
        '🌽' => " corn ",
        '👻' => " snap ",
        '🍓' => "苺",
        // A fist for a blow and a purple square or circle for a bruise: "dad got the 👊
        // out again, my face is 🟣".
        '👊' | '🤛' | '🤜' => " punch ",
        '🟣' | '🟪' => " purple ",
        _ => return None,
    })
}

/// Whether text right after an app's emoji makes it the app's name: an ID, an account
/// (垢, アカ) or a search in the app.
fn names_an_account(rest: &str) -> bool {
    let rest = rest.strip_prefix('の').unwrap_or(rest);
    ["ID", "id", "Id", "ＩＤ", "垢", "アカ", "あか", "で検索"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// The number a circled digit stands for where NFKC leaves it alone: the dingbat and
/// negative circled digits (❶ ➀ ➊ ⓿ ⓫) and the double circled ones (⓵). NFKC reads ① and ⑪.
fn circled_number(c: char) -> Option<u32> {
    let c = c as u32;
    Some(match c {
        0x2776..=0x277F => c - 0x2776 + 1,
        0x2780..=0x2789 => c - 0x2780 + 1,
        0x278A..=0x2793 => c - 0x278A + 1,
        0x24EB..=0x24F4 => c - 0x24EB + 11,
        0x24F5..=0x24FE => c - 0x24F5 + 1,
        0x24FF | 0x1F10B | 0x1F10C => 0,
        _ => return None,
    })
}

fn is_width_trick(c: char) -> bool {
    // Full-width digits are what a Japanese IME types by default, so only letters and
    // half-width katakana count as a trick worth showing.
    matches!(c, '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' | '\u{FF66}'..='\u{FF9F}')
}

/// Capital Cyrillic and Greek letters whose small forms look like a different Latin letter
/// or none: Н and Η are H (н and η are not), В is B, М is M, Т is T, Υ is Y.
fn capital_homoglyph(c: char) -> Option<char> {
    if let Some(l) = cherokee(c) {
        return Some(l);
    }
    Some(match c {
        'Н' | 'Η' => 'h',
        'В' => 'b',
        'М' | 'Μ' => 'm',
        'Т' | 'Τ' => 't',
        'Υ' | 'Ү' => 'y',
        'Ζ' => 'z',
        'Ν' => 'n',
        'Ι' | 'І' | 'Ӏ' => 'i',
        _ => return None,
    })
}

/// Cherokee letters that look like Latin capitals (ᎷᎽ ᎠᎪᎠ = MY DAD), and their small forms,
/// which lower-casing turns them into.
fn cherokee(c: char) -> Option<char> {
    let capital = match c as u32 {
        0xAB70..=0xABBF => char::from_u32(c as u32 - 0xAB70 + 0x13A0)?,
        0x13F8..=0x13FD => char::from_u32(c as u32 - 8)?,
        0x13A0..=0x13F5 => c,
        _ => return None,
    };
    Some(match capital {
        'Ꭺ' => 'a',
        'Ᏼ' => 'b',
        'Ꮯ' => 'c',
        'Ꭰ' => 'd',
        'Ꭼ' => 'e',
        'Ꮐ' => 'g',
        'Ꮋ' => 'h',
        'Ꭵ' => 'i',
        'Ꭻ' => 'j',
        'Ꮶ' => 'k',
        'Ꮮ' => 'l',
        'Ꮇ' => 'm',
        'Ꮲ' => 'p',
        'Ꭱ' | 'Ꮢ' => 'r',
        'Ꮪ' => 's',
        'Ꭲ' => 't',
        'Ꮩ' => 'v',
        'Ꮃ' => 'w',
        'Ꮍ' => 'y',
        'Ꮓ' => 'z',
        _ => return None,
    })
}

/// Lisu letters that look like Latin capitals (ꓟꓬ ꓓꓮꓓ = MY DAD).
fn lisu(c: char) -> Option<char> {
    if !('\u{A4D0}'..='\u{A4F7}').contains(&c) {
        return None;
    }
    Some(match c {
        'ꓮ' => 'a',
        'ꓐ' => 'b',
        'ꓚ' => 'c',
        'ꓓ' => 'd',
        'ꓰ' => 'e',
        'ꓝ' => 'f',
        'ꓖ' => 'g',
        'ꓧ' => 'h',
        'ꓲ' => 'i',
        'ꓙ' => 'j',
        'ꓗ' => 'k',
        'ꓡ' => 'l',
        'ꓟ' => 'm',
        'ꓠ' => 'n',
        'ꓳ' => 'o',
        'ꓑ' => 'p',
        'ꓣ' => 'r',
        'ꓢ' => 's',
        'ꓔ' => 't',
        'ꓴ' => 'u',
        'ꓦ' => 'v',
        'ꓪ' => 'w',
        'ꓫ' => 'x',
        'ꓬ' => 'y',
        'ꓜ' => 'z',
        _ => return None,
    })
}

/// Cyrillic, Greek and Armenian letters that look like Latin ones. Mapped everywhere: on a
/// Japanese platform real text in those scripts is rare, while these are a classic filter
/// dodge.
fn homoglyph(c: char) -> Option<char> {
    if let Some(l) = cherokee(c).or_else(|| lisu(c)) {
        return Some(l);
    }
    Some(match c {
        'а' | 'α' => 'a',
        'в' | 'β' | 'ь' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'ɡ' | 'ց' => 'g',
        'һ' | 'н' | 'հ' => 'h',
        'і' | 'ι' | 'ı' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'п' | 'η' | 'ո' => 'n',
        'о' | 'ο' | 'σ' | 'օ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' | 'զ' => 'q',
        'г' => 'r',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'ս' => 'u',
        'ν' | 'ѵ' => 'v',
        'ш' | 'ω' | 'ԝ' | 'ա' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        // Small capitals (ᴋɪʟʟ ᴍʏꜱᴇʟꜰ, ᴡᴇᴀʀɪɴɢ): NFKC leaves them as they are.
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        // Regional-indicator letters (🇩 🇮 🇪), drawn as boxed capitals when they do not
        // pair into a flag.
        '\u{1F1E6}'..='\u{1F1FF}' => char::from_u32(c as u32 - 0x1F1E6 + 'a' as u32)?,
        // Negative circled and negative squared capitals (🅐, 🅼🆈), which NFKC leaves as
        // they are.
        '\u{1F150}'..='\u{1F169}' => char::from_u32(c as u32 - 0x1F150 + 'a' as u32)?,
        '\u{1F170}'..='\u{1F189}' => char::from_u32(c as u32 - 0x1F170 + 'a' as u32)?,
        _ => return None,
    })
}

/// The letter an upside-down letter stands for, for the characters that only occur in
/// upside-down text (ɐ, ǝ, ɹ, ʇ, …); letters that are their own or another Latin letter's
/// flip (o, s, x, z; d and p, b and q, n and u) are in [`flipped`].
fn upside_down_only(c: char) -> Option<char> {
    Some(match c {
        'ɐ' | '∀' => 'a',
        'ɔ' | 'Ɔ' => 'c',
        'ǝ' | 'Ǝ' => 'e',
        'ɟ' | 'Ⅎ' => 'f',
        'ƃ' | 'ᵷ' | '⅁' => 'g',
        'ɥ' => 'h',
        'ı' | 'ᴉ' => 'i',
        'ɾ' | 'ſ' => 'j',
        'ʞ' | 'ꓘ' => 'k',
        'ן' | '˥' => 'l',
        'ɯ' => 'm',
        'ɹ' | 'ᴚ' => 'r',
        'ʇ' | '⊥' => 't',
        '∩' => 'u',
        'ʌ' | 'Λ' => 'v',
        'ʍ' => 'w',
        'ʎ' | '⅄' => 'y',
        'Ԁ' => 'p',
        '˙' => '.',
        '¿' => '?',
        '¡' => '!',
        _ => return None,
    })
}

/// What a character of upside-down text reads as once the text is turned the right way up.
pub(crate) fn flipped(c: char) -> char {
    upside_down_only(c).unwrap_or(match c {
        'b' => 'q',
        'q' => 'b',
        'd' => 'p',
        'p' => 'd',
        'n' => 'u',
        'u' => 'n',
        'W' => 'M',
        'M' => 'W',
        '6' => '9',
        '9' => '6',
        _ => c,
    })
}

/// Whether a message looks written upside down: two or more characters that only occur
/// in upside-down text (one ı or ǝ may be Turkish or phonetics).
pub(crate) fn looks_upside_down(text: &str) -> bool {
    // Every message is checked: the blocks those characters live in (Latin-1 to Hebrew,
    // phonetic extensions to mathematical operators, Lisu) are tested before the table.
    text.chars()
        .filter(|&c| {
            matches!(c as u32, 0xA1..=0x5FF | 0x1D00..=0x22FF | 0xA4D0..=0xA4FF)
                && upside_down_only(c).is_some()
        })
        .count()
        >= 2
}

fn kanji_digit(c: char) -> Option<char> {
    Some(match c {
        '〇' | '零' => '0',
        '一' | '壱' => '1',
        '二' | '弐' => '2',
        '三' | '参' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        // The formal numerals (大字) of cheques and contracts, a way to write a phone
        // number that no digit filter reads: 〇九〇 壱弐参肆 伍陸漆捌.
        '肆' => '4',
        '伍' => '5',
        '陸' => '6',
        '漆' | '柒' => '7',
        '捌' => '8',
        '玖' => '9',
        _ => return None,
    })
}

/// The digits of other scripts (Arabic-Indic ٠٧٧, Thai ๐๘๐, Javanese ꧐꧙꧐ …) as ASCII
/// digits: Unicode keeps each script's ten decimal digits consecutive from its zero, so
/// the zeros (every decimal digit zero outside ASCII up to Unicode 16, but for the
/// full-width and mathematical ones NFKC has already folded) are all it takes. Also the
/// 蘇州数字 (〡〢〣, with 〇 for zero) and counting rods (𝍠𝍡𝍢), one to nine.
fn script_digit(c: char) -> Option<char> {
    const ZEROS: [u32; 67] = [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
        0xAA50, 0xABF0, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
        0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50,
        0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1E140,
        0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950,
    ];
    let n = c as u32;
    match n {
        0x3021..=0x3029 => char::from_digit(n - 0x3020, 10),
        0x1D360..=0x1D368 => char::from_digit(n - 0x1D35F, 10),
        0x1D369..=0x1D371 => char::from_digit(n - 0x1D368, 10),
        // Latin, kana, kanji, Hangul, emoji: most of what a message holds, and no digits
        // among them.
        0..=0x065F | 0x1C5A..=0xA61F | 0xAC00..=0x1049F | 0x1E95A.. => None,
        _ => {
            let z = ZEROS[ZEROS.partition_point(|&z| z <= n).max(1) - 1];
            (n < z + 10).then(|| char::from_digit(n - z, 10)).flatten()
        }
    }
}

/// Small kana as full-size ones, and the old kana ゐ and ゑ (歴史的仮名遣い: 生きてゐる) as
/// い and え.
fn plain_kana(c: char) -> char {
    match c {
        'ゐ' => 'い',
        'ゑ' => 'え',
        'ぁ' => 'あ',
        'ぃ' => 'い',
        'ぅ' => 'う',
        'ぇ' => 'え',
        'ぉ' => 'お',
        'っ' => 'つ',
        'ゃ' => 'や',
        'ゅ' => 'ゆ',
        'ょ' => 'よ',
        'ゎ' => 'わ',
        'ゕ' => 'か',
        'ゖ' => 'け',
        _ => c,
    }
}

fn small_katakana_extension(c: char) -> char {
    const KANA: [char; 16] = [
        'く', 'し', 'す', 'と', 'ぬ', 'は', 'ひ', 'ふ', 'へ', 'ほ', 'む', 'ら', 'り', 'る', 'れ',
        'ろ',
    ];
    KANA[(c as usize - 0x31F0) % 16]
}

/// Simplified Chinese kanji used in place of the Japanese ones they look like (强奸 for
/// 強姦); only characters of the lexicon's risk words, so Chinese text is otherwise left
/// as it is.
fn japanese_kanji(c: char) -> Option<char> {
    Some(match c {
        '强' => '強',
        '奸' => '姦',
        '杀' => '殺',
        '药' => '薬',
        '伤' => '傷',
        '飞' => '飛',
        '买' => '買',
        '卖' => '売',
        '约' => '約',
        '缢' => '縊',
        _ => return None,
    })
}

/// 変体仮名 and the archaic kana beside them (U+1B000–U+1B122, 𛁄 for し) as the plain
/// hiragana they are read as; NFKC leaves them alone. One 3-byte hiragana per code point.
fn hentaigana(c: char) -> Option<char> {
    const KANA: &str = "\
    ええああああいいいいうううううえええええおおおか\
    かかかかかかかかかかかききききききききくくくくく\
    くくけけけけけけここここささささささささしししし\
    ししすすすすすすすすせせせせせそそそそそそそたた\
    たたちちちちちちちつつつつつてててててててててと\
    ととととととなななななななななににににににににぬ\
    ぬぬねねねねねねねのののののはははははははははは\
    はひひひひひひひふふふへへへへへへへほほほほほほ\
    ほほまままままままみみみみみみみむむむむめめめも\
    もももももややややややゆゆゆゆよよよよよよららら\
    らりりりりりりりるるるるるるれれれれろろろろろろ\
    わわわわわいいいいいええええをををををををんんう\
    いえう\
    ";
    let i = (c as usize).checked_sub(0x1B000)? * 3;
    KANA.get(i..i + 3)?.chars().next()
}

/// Folds one NFKC-decomposed, non-combining character. Returns the folded character and
/// whether a look-alike was replaced.
fn fold(d: char) -> (char, bool) {
    let d = if d.is_ascii() {
        return (d.to_ascii_lowercase(), false);
    } else if d.is_uppercase() {
        if let Some(l) = capital_homoglyph(d) {
            return (l, true);
        }
        d.to_lowercase().next().unwrap_or(d)
    } else {
        d
    };
    let folded = match d {
        // Katakana to hiragana: the blocks are laid out in parallel, 0x60 apart.
        '\u{30A1}'..='\u{30F6}' => plain_kana(char::from_u32(d as u32 - 0x60).unwrap_or(d)),
        'ヽ' => 'ゝ',
        'ヾ' => 'ゞ',
        // The small katakana of the phonetic extensions (ㇳ, ㇾ), which NFKC leaves alone.
        '\u{31F0}'..='\u{31FF}' => small_katakana_extension(d),
        'ぁ'..='ゖ' => plain_kana(d),
        // Long-vowel marks and the wave dashes people use for them become one mark,
        // which the match view then treats as spacing.
        '〜' | '～' | '〰' => 'ー',
        _ => {
            if let Some(k) = kanji_digit(d) {
                k
            } else if let Some(k) = script_digit(d) {
                return (k, true);
            } else if let Some(k) = japanese_kanji(d).or_else(|| hentaigana(d)) {
                return (k, true);
            } else if let Some(l) = homoglyph(d) {
                return (l, true);
            } else {
                d
            }
        }
    };
    (folded, false)
}

/// [`fold`] for a character of [`is_plain_japanese`], skipping the letters of other
/// scripts that cannot be among them: most characters of a Japanese message come here.
fn fold_japanese(c: char) -> (char, bool) {
    match c {
        '\u{30A1}'..='\u{30F6}' => (
            plain_kana(char::from_u32(c as u32 - 0x60).unwrap_or(c)),
            false,
        ),
        '\u{3041}'..='\u{3096}' => (plain_kana(c), false),
        _ => match (kanji_digit(c), japanese_kanji(c)) {
            (Some(d), _) => (d, false),
            (None, Some(k)) => (k, true),
            (None, None) => (c, false),
        },
    }
}

/// Builds the base view; obfuscation events are appended as (original byte, kind).
pub(crate) fn base_view(text: &str, events: &mut Vec<(u32, Obfuscation)>) -> Chars {
    let mut out = Chars::default();
    base_view_into(text, events, &mut out);
    out
}

/// Kana and kanji that NFKC leaves as they are (a voiced kana decomposes and composes back
/// to itself), so `fold` alone gives the same result as the full path.
fn is_plain_japanese(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30F6}' | '\u{4E00}'..='\u{9FFF}')
}

/// [`base_view`] into a reused view.
pub(crate) fn base_view_into(text: &str, events: &mut Vec<(u32, Obfuscation)>, out: &mut Chars) {
    out.clear();
    let mut buf: Vec<char> = Vec::new();
    for (i, c) in text.char_indices() {
        let (from, to) = (i as u32, (i + c.len_utf8()) as u32);
        if c.is_ascii() && !c.is_ascii_control() {
            out.push(c.to_ascii_lowercase(), from, to);
            continue;
        }
        if is_plain_japanese(c) {
            let (f, look_alike) = fold_japanese(c);
            if look_alike {
                events.push((from, Obfuscation::Homoglyph));
            }
            out.push(f, from, to);
            continue;
        }
        if matches!(c, '゛' | '゜') {
            // The spacing sound marks after a bare kana (ほ゛こ): NFKC would turn them into
            // a space and a combining mark, which could no longer compose.
            let mark = if c == '゛' { '\u{3099}' } else { '\u{309A}' };
            if let Some(composed) = out.c.last().and_then(|&p| compose(p, mark)) {
                events.push((from, Obfuscation::Diacritics));
                out.replace_last(composed, to);
                continue;
            }
        }
        if matches!(c, '📸' | '📷') && names_an_account(&text[to as usize..]) {
            // 「📸のID」「📸垢」: the camera stands for Instagram, not for a photo.
            for w in "いんすた".chars() {
                out.push(w, from, to);
            }
            continue;
        }
        let after_latin = out
            .c
            .iter()
            .rfind(|p| !p.is_whitespace())
            .is_some_and(|p| p.is_ascii_alphabetic());
        if let Some(word) = emoji_word(c, after_latin) {
            for w in word.chars() {
                out.push(w, from, to);
            }
            continue;
        }
        if is_invisible(c) {
            events.push((from, Obfuscation::Invisible));
            continue;
        }
        if let Some(n) = circled_number(c) {
            for d in n.to_string().chars() {
                out.push(d, from, to);
            }
            continue;
        }
        if let Some(letter) = braille_letter(c) {
            events.push((from, Obfuscation::Braille));
            out.push(letter, from, to);
            continue;
        }
        if is_width_trick(c) {
            events.push((from, Obfuscation::Width));
        }
        buf.clear();
        decompose_compatible(c, |d| buf.push(d));
        for &d in &buf {
            if d == '\u{3099}' || d == '\u{309A}' {
                // Voiced sound marks compose onto the kana before them (ｶﾞ → が);
                // a stray one is dropped.
                if let Some(composed) = out.c.last().and_then(|&p| compose(p, d)) {
                    out.replace_last(composed, to);
                }
                continue;
            }
            if is_combining_mark(d) {
                if buf.len() == 1 || c.is_ascii() {
                    events.push((from, Obfuscation::Diacritics));
                }
                out.extend_last(to);
                continue;
            }
            let (f, look_alike) = fold(d);
            if look_alike {
                events.push((from, Obfuscation::Homoglyph));
            }
            out.push(f, from, to);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Latin,
    Digit,
    /// A symbol that may stand for a Latin letter inside a Latin run.
    Symbol,
    /// Any other letter: kana, kanji, hangul, ...; no word boundaries apply.
    Other,
    Separator,
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' => Class::Latin,
        // Kana and kanji are letters; skip the slow Unicode table for them, for the marks
        // of Japanese sentences (、。「」) and for ASCII punctuation.
        '\u{3041}'..='\u{3096}' | '\u{4E00}'..='\u{9FFF}' => Class::Other,
        '0'..='9' => Class::Digit,
        '@' | '$' | '!' | '|' | '+' => Class::Symbol,
        'ー' | '、' | '。' | '「' | '」' | '『' | '』' => Class::Separator,
        _ if c.is_ascii() && !c.is_ascii_alphabetic() => Class::Separator,
        _ if c.is_alphanumeric() => Class::Other,
        _ => Class::Separator,
    }
}

fn leet(c: char, prev_out: Option<char>) -> char {
    match c {
        '0' => 'o',
        // "k1ll" and "ki11" both read as kill: after an i or l, a 1 is an l.
        '1' | '|' | '!' => {
            if matches!(prev_out, Some('i') | Some('l')) {
                'l'
            } else {
                'i'
            }
        }
        '2' => 'z',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '6' | '9' => 'g',
        '7' | '+' => 't',
        '8' => 'b',
        other => other,
    }
}

/// Working memory of [`match_view_into`], kept between calls to avoid allocations.
#[derive(Debug, Default)]
pub(crate) struct MatchScratch {
    cls: Vec<Class>,
    leet_at: Vec<bool>,
    words: Vec<(usize, usize)>,
    joined: Vec<bool>,
}

impl MatchScratch {
    /// Releases the memory of an unusually large message.
    pub fn shrink(&mut self, max: usize) {
        if self.cls.capacity() > max {
            *self = MatchScratch::default();
        }
    }
}

/// Builds the match view from the base view.
#[cfg(test)]
pub(crate) fn match_view(base: &Chars, events: &mut Vec<(u32, Obfuscation)>) -> View {
    let mut out = View::default();
    match_view_into(base, events, &mut MatchScratch::default(), &mut out);
    out
}

/// Builds the match view from the base view into a reused view.
pub(crate) fn match_view_into(
    base: &Chars,
    events: &mut Vec<(u32, Obfuscation)>,
    scratch: &mut MatchScratch,
    out: &mut View,
) {
    let MatchScratch {
        cls,
        leet_at,
        words,
        joined,
    } = scratch;
    let chars = &base.c;
    let n = chars.len();
    cls.clear();
    cls.extend(chars.iter().map(|&c| class(c)));

    // Latin runs: contiguous Latin letters, digits and symbols containing at least one
    // letter. Only there are digits and symbols read as letters, so 090 stays a number.
    leet_at.clear();
    leet_at.resize(n, false);
    let mut i = 0;
    while i < n {
        if !matches!(cls[i], Class::Latin | Class::Digit | Class::Symbol) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && matches!(cls[i], Class::Latin | Class::Digit | Class::Symbol) {
            i += 1;
        }
        let run = start..i;
        let has_letter = run.clone().any(|k| cls[k] == Class::Latin);
        for k in run {
            match cls[k] {
                Class::Digit if has_letter => leet_at[k] = true,
                Class::Symbol => {
                    // A symbol is a letter only when a letter or digit follows it in the
                    // run; "die!" keeps its exclamation mark as punctuation.
                    let next_ok = k + 1 < i && matches!(cls[k + 1], Class::Latin | Class::Digit);
                    // 「好き！LINE追加して」: an exclamation mark right after Japanese text
                    // ends that sentence; it is not an i at the start of the Latin word.
                    let ends_japanese = k == start
                        && start > 0
                        && cls[start - 1] == Class::Other
                        && matches!(chars[k], '!' | '|');
                    if has_letter && next_ok && !ends_japanese {
                        leet_at[k] = true;
                    } else {
                        cls[k] = Class::Separator;
                    }
                }
                _ => {}
            }
            // Only the characters after `k` are looked at from here on.
            if leet_at[k] {
                cls[k] = Class::Latin;
            }
        }
    }

    // Words: maximal runs of non-separators.
    words.clear();
    let mut k = 0;
    while k < n {
        if cls[k] == Class::Separator {
            k += 1;
            continue;
        }
        let s = k;
        while k < n && cls[k] != Class::Separator {
            k += 1;
        }
        words.push((s, k));
    }
    // Single Latin letters in a chain of three or more ("k i l l") are joined.
    let single = |w: (usize, usize)| w.1 - w.0 == 1 && cls[w.0] == Class::Latin;
    joined.clear();
    joined.resize(words.len(), false); // joined[w]: no space before word w
    let mut w = 0;
    while w < words.len() {
        if !single(words[w]) {
            w += 1;
            continue;
        }
        let s = w;
        while w < words.len() && single(words[w]) && (w == s || words[w].0 - words[w - 1].1 <= 3) {
            w += 1;
        }
        if w - s >= 3 {
            // "k i l l  m y s e l f": a gap wider than the chain's narrowest one still
            // separates words.
            let gap = |j: usize| words[j].0 - words[j - 1].1;
            let narrowest = (s + 1..w).map(gap).min().unwrap_or(1);
            // "d.a.d l.o.c.k.e.d m.e": when dots join the letters, a space separates words.
            let spaced = |j: usize| (words[j - 1].1..words[j].0).any(|g| chars[g].is_whitespace());
            let dotted = (s + 1..w).any(|j| !spaced(j));
            for (j, slot) in joined.iter_mut().enumerate().take(w).skip(s + 1) {
                *slot = gap(j) <= narrowest && !(dotted && spaced(j));
            }
        }
    }

    out.clear();
    // At most four bytes per character and a space between words: no growing while pushing.
    out.text.reserve(4 * n + words.len());
    out.map.reserve(4 * n + words.len());
    out.letters.reserve(n);
    let mut prev_out: Option<char> = None;
    let mut stretch = 0usize;
    for (wi, &(ws, we)) in words.iter().enumerate() {
        if wi > 0 {
            let (ps, pe) = words[wi - 1];
            let _ = ps;
            let gap = pe..ws;
            let latin_both = cls[pe - 1] == Class::Latin && cls[ws] == Class::Latin;
            let has_space = gap.clone().any(|g| chars[g].is_whitespace());
            let only_long_vowel = gap.clone().all(|g| chars[g] == 'ー');
            if latin_both && has_space && !joined[wi] {
                let g = gap
                    .clone()
                    .find(|&g| chars[g].is_whitespace())
                    .unwrap_or(pe);
                out.push(' ', base.from[g], base.to[g]);
                prev_out = Some(' ');
            } else if !only_long_vowel {
                events.push((base.from[pe], Obfuscation::Spacing));
            }
        }
        let (from, to) = (&base.from[ws..we], &base.to[ws..we]);
        let (word, leet_in_word, cls_in_word) = (&chars[ws..we], &leet_at[ws..we], &cls[ws..we]);
        for j in 0..word.len() {
            let (c, from, to) = (word[j], from[j], to[j]);
            let c = if leet_in_word[j] {
                events.push((from, Obfuscation::Leet));
                leet(c, prev_out)
            } else {
                c
            };
            if cls_in_word[j] == Class::Latin && prev_out == Some(c) {
                stretch += 1;
                if stretch == 2 {
                    events.push((from, Obfuscation::Stretching));
                }
                out.extend_last(to);
                continue;
            }
            stretch = 0;
            out.push(c, from, to);
            prev_out = Some(c);
        }
    }
}

/// Normalises a lexicon term exactly as message text is normalised for matching.
pub(crate) fn normalize_term(term: &str) -> String {
    let mut sink = Vec::new();
    let base = base_view(term, &mut sink);
    let mut out = View::default();
    match_view_into(&base, &mut sink, &mut MatchScratch::default(), &mut out);
    out.text
}

/// Checks the promises of both views' byte maps for `text`: every view byte maps to a
/// non-empty range of the original that lies on character boundaries, and the ranges never
/// go backwards, so any slice of a view maps to a valid slice of the original. Returns a
/// description of the first broken promise. Used by the property tests and the fuzzer.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn check_offset_maps(text: &str) -> Result<(), String> {
    let mut events = Vec::new();
    let base = base_view(text, &mut events);
    let mut matched = View::default();
    match_view_into(
        &base,
        &mut events,
        &mut MatchScratch::default(),
        &mut matched,
    );
    let (mut last_from, mut last_to) = (0u32, 0u32);
    for k in 0..base.c.len() {
        let (f, t) = (base.from[k], base.to[k]);
        let (fu, tu) = (f as usize, t as usize);
        if f >= t || tu > text.len() || !text.is_char_boundary(fu) || !text.is_char_boundary(tu) {
            return Err(format!("base view: character {k} maps to {f}..{t}"));
        }
        if f < last_from || t < last_to {
            return Err(format!(
                "base view: character {k} maps to {f}..{t}, before {last_from}..{last_to}"
            ));
        }
        (last_from, last_to) = (f, t);
    }
    for (name, view) in [("match", &matched)] {
        if view.map.len() != view.text.len() {
            return Err(format!("{name} view: map length differs from text length"));
        }
        let (mut last_from, mut last_to) = (0u32, 0u32);
        for (i, _) in view.text.char_indices() {
            let (f, t) = view.map[i];
            let (fu, tu) = (f as usize, t as usize);
            if f >= t || tu > text.len() || !text.is_char_boundary(fu) || !text.is_char_boundary(tu)
            {
                return Err(format!("{name} view: byte {i} maps to {f}..{t}"));
            }
            if f < last_from || t < last_to {
                return Err(format!(
                    "{name} view: byte {i} maps to {f}..{t}, before {last_from}..{last_to}"
                ));
            }
            (last_from, last_to) = (f, t);
        }
        let (s, e) = (0, view.text.len());
        if e > 0 {
            let (os, oe) = view.original_range(s, e);
            if os >= oe {
                return Err(format!("{name} view: whole range maps to {os}..{oe}"));
            }
        }
    }
    for &(pos, _) in &events {
        if pos as usize > text.len() || !text.is_char_boundary(pos as usize) {
            return Err(format!(
                "obfuscation event at byte {pos}, not a char boundary"
            ));
        }
    }
    Ok(())
}

/// The normalised views of a message (base, match), for the learned model's training, the
/// fuzzer and people studying a verdict.
pub fn views(text: &str) -> (String, String) {
    let mut events = Vec::new();
    let base = base_view(text, &mut events);
    let mut matched = View::default();
    match_view_into(
        &base,
        &mut events,
        &mut MatchScratch::default(),
        &mut matched,
    );
    (base.text(), matched.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        normalize_term(s)
    }

    #[test]
    fn plain_japanese_folds_as_any_character_does() {
        let japanese = ('\u{3041}'..='\u{30F6}').chain('\u{4E00}'..='\u{9FFF}');
        for c in japanese.filter(|&c| is_plain_japanese(c)) {
            assert_eq!(fold_japanese(c), fold(c), "{c}");
        }
    }

    #[test]
    fn width_kana_and_spacing_fold_together() {
        assert_eq!(m("死にたい"), m("死 に た い"));
        assert_eq!(m("シニタイ"), "しにたい");
        assert_eq!(m("ｼﾆﾀｲ"), "しにたい");
        assert_eq!(m("し\u{200B}に\u{200D}た\u{FEFF}い"), "しにたい");
        assert_eq!(m("リストカット"), "りすとかつと");
        assert_eq!(m("ﾊﾟﾊﾟ活"), "ぱぱ活");
        assert_eq!(m("ロ－プ"), m("ロープ"));
    }

    #[test]
    fn digits_are_read_one_character_at_a_time() {
        assert_eq!(m("〇九〇"), "090");
        assert_eq!(m("⓿❾⓿-❻❷❽❹-❸❶❼❺"), "09062843175");
        assert_eq!(m("➀➉⓫⓵"), "110111");
        assert_eq!(m("０９０"), "090");
        assert_eq!(m("九十"), "9十");
        assert_eq!(m("〇九〇 壱弐参肆 伍陸漆捌"), "09012345678");
        // Digits of other scripts are digits, and a sign of disguise.
        assert_eq!(m("٠٩٠ ๑๒๓๔ ०९"), "090123409");
        // Every script's decimal digits (Javanese, Osmanya), 蘇州数字 and counting rods.
        assert_eq!(m("꧐꧙꧐ 𐒠𐒩"), "09009");
        assert_eq!(m("〇〩〇-〤〥"), "09045");
        assert_eq!(m("𝍡𝍠𝍢"), "213");
        assert_eq!(m("🅼🆈 🅳🅰🅳"), "my dad");
        let mut events = Vec::new();
        base_view("๐๘๐", &mut events);
        assert!(events.iter().any(|e| e.1 == Obfuscation::Homoglyph));
    }

    #[test]
    fn leet_only_inside_latin_runs() {
        assert_eq!(m("k1ll"), "kil");
        assert_eq!(m("ki11"), "kil");
        assert_eq!(m("$ex"), "sex");
        assert_eq!(m("090 1234"), "0901234");
        assert_eq!(m("die!"), "die");
        assert_eq!(m("KILL   MYSELF"), "kil myself");
        assert_eq!(m("k i l l myself"), "kil myself");
        assert_eq!(m("kiiiiill"), "kil");
        assert_eq!(m("ｋｉｌｌ"), "kil");
        assert_eq!(m("kіll"), "kil"); // Cyrillic і
    }

    #[test]
    fn capital_look_alikes_read_as_the_letter_they_look_like() {
        // Cyrillic Н and Greek Η look like H, though their small forms н and η do not.
        assert_eq!(m("SНOOT"), m("shoot"));
        assert_eq!(m("ΗANG"), "hang");
        assert_eq!(m("КІLL МYSЕLF"), "kil myself");
        assert_eq!(m("ԁie"), "die");
        // Cherokee capitals, and the small forms lower-casing gives them.
        assert_eq!(m("ᎷᎽ ᎠᎪᎠ ᎻᎥᎢ ᎷᎬ"), "my dad hit me");
        assert_eq!(m("ꮇꮍ ꭰꭺꭰ"), "my dad");
        // Lisu letters.
        assert_eq!(m("ꓟꓬ ꓓꓮꓓ ꓧꓲꓔꓢ ꓟꓰ"), "my dad hits me");
    }

    #[test]
    fn braille_letters_read_as_letters() {
        assert_eq!(m("⠅⠊⠇⠇ ⠍⠽⠎⠑⠇⠋"), "kil myself");
        let mut events = Vec::new();
        base_view("⠅⠍⠎", &mut events);
        assert!(events.iter().any(|&(_, k)| k == Obfuscation::Braille));
        // A cell that is no letter (the number sign) is not read as one.
        let mut events = Vec::new();
        assert_eq!(base_view("⠼⠁", &mut events).text(), "⠼a");
    }

    #[test]
    fn small_capitals_read_as_letters() {
        assert_eq!(m("ᴋɪʟʟ ᴍʏꜱᴇʟꜰ"), "kil myself");
        assert_eq!(m("ᴡᴇᴀʀɪɴɢ"), "wearing");
        let mut events = Vec::new();
        base_view("ᴋɪᴇᴛᴀɪ", &mut events);
        assert!(events.iter().any(|&(_, k)| k == Obfuscation::Homoglyph));
    }

    #[test]
    fn offsets_map_back_to_char_boundaries() {
        let text = "ａ死\u{200B}に たい!";
        let mut ev = Vec::new();
        let b = base_view(text, &mut ev);
        let v = match_view(&b, &mut ev);
        let pos = v.text.find("死にたい").expect("term present");
        let (s, e) = v.original_range(pos, pos + "死にたい".len());
        assert_eq!(&text[s..e], "死\u{200B}に たい");
        assert!(ev.iter().any(|&(_, k)| k == Obfuscation::Invisible));
    }

    #[test]
    fn offset_maps_hold_for_known_tricky_text() {
        for text in [
            "",
            "ｶﾞｷﾞ\u{3099}\u{3099}",
            "\u{0301}a\u{0301}\u{0301}",
            "k i l l  m y s e l f",
            "kiiiiilllll 〇九〇 ﬃ İ ẞ",
            "死\u{200B}に ー た〜い!!",
            "@$!|+ a@b 1|1",
        ] {
            assert_eq!(check_offset_maps(text), Ok(()), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn offset_maps_hold_for_any_unicode(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(check_offset_maps(&text), Ok(()));
        }
    }
}
