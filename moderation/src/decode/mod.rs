//! Other readings of a message: codes a writer uses so that only someone who decodes them
//! understands (Morse, base64, binary, escaped characters, rot13, atbash, A1Z26, a keyboard
//! shifted by one key, pager and phone codes, 五十音 coordinates, たぬき言葉, acrostics,
//! mojibake). Each reading is classified like a message and its findings are mapped back
//! onto the original text.
//!
//! Codes with a shape of their own (Morse, base64, binary, escapes, A1Z26, 「r;g」 keys,
//! words joined by full stops, mojibake's 縺 and ã) are recognised by that shape; the
//! others would turn ordinary text into noise, so they are read only where the message
//! names them ("rot13", "caesar", "a=1", あ=1, ポケベル, たぬき, 縦読み, 1こおきに,
//! 1こ前にずらして, 業界用語, 16進数, ばびぶべぼ, "ubbi dubbi", javanais, 万葉仮名,
//! 和文モールス, 大文字だけ, かっこの中, 干支, "bacon cipher", "tap code", 行と段), as with
//! 逆から読んで.

mod bytes;
mod kana;
mod letters;
mod mojibake;
mod scripts;

use crate::normalize::{self, Obfuscation};

/// A decoded text and, for each of its characters, the original byte range it came from.
#[derive(Debug)]
pub(crate) struct Reading {
    pub text: String,
    /// (byte offset in `text`, original start, original end), in `text` order.
    origin: Vec<(usize, usize, usize)>,
    pub kind: Obfuscation,
    /// Sentences as someone would write them (romaji read as kana), which the learned model
    /// reads too; most codes decode to a word or two, too few for its n-grams.
    pub prose: bool,
}

impl Reading {
    fn new(kind: Obfuscation) -> Reading {
        Reading {
            text: String::new(),
            origin: Vec::new(),
            kind,
            prose: false,
        }
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.origin.push((self.text.len(), start, end));
        self.text.push(c);
    }

    /// Appends another reading's text, a space between them.
    fn append(&mut self, other: &Reading) {
        let Some(&(_, s, e)) = other.origin.first() else {
            return;
        };
        if !self.text.is_empty() {
            self.push(' ', s, e);
        }
        let shift = self.text.len();
        self.origin
            .extend(other.origin.iter().map(|&(b, s, e)| (b + shift, s, e)));
        self.text.push_str(&other.text);
    }

    /// The original range behind bytes `start..end` of the decoded text: from the first
    /// to the last character it covers.
    pub fn original_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        // `origin` is in text order; a reading may run backwards through the original
        // (mirrored text), hence the smallest start and the largest end.
        let from = self.origin.partition_point(|&(b, _, _)| b < start);
        let to = self.origin.partition_point(|&(b, _, _)| b < end);
        let covered = &self.origin[from..to];
        let s = covered.iter().map(|&(_, s, _)| s).min()?;
        let e = covered.iter().map(|&(_, _, e)| e).max()?;
        Some((s, e))
    }

    /// A reading of this reading's text (romaji in transliterated letters), its characters
    /// traced back through this one to the original message.
    fn through(&self, inner: Reading) -> Reading {
        let origin = inner
            .origin
            .iter()
            .filter_map(|&(b, s, e)| {
                let (s, e) = self.original_range(s, e)?;
                Some((b, s, e))
            })
            .collect();
        Reading {
            origin,
            kind: self.kind,
            prose: true,
            ..inner
        }
    }
}

/// Codes a message may name for its reader; matched by the classifier's automaton with the
/// lexicon, so looking for them costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// 逆から読んで, "read it backwards".
    Backwards,
    /// "rot13".
    Rot13,
    /// ポケベル打ち: two digits per kana (32 し, 52 に).
    Pager,
    /// たぬき言葉: drop every た.
    Tanuki,
    /// 縦読み, "first letters": the first character of each line or clause.
    FirstLetters,
    /// おしりの文字, "last letters": the last character of each line or clause.
    LastLetters,
    /// "atbash": a for z, b for y.
    Atbash,
    /// Typed one key off on a keyboard.
    KeyShift,
    /// ガラケー打ち, multi-tap: a digit pressed once per step along its row.
    MultiTap,
    /// 16進数, "hex".
    Hex,
    /// 「さ行2番目」: 五十音 coordinates.
    Coordinates,
    /// ローマ字: Japanese in Latin letters.
    Romaji,
    /// A word of the NATO phonetic alphabet: the alphabet names itself.
    Phonetic,
    /// ばびぶべぼ言葉: a ば-row kana after every kana.
    BaRow,
    /// Ubbi dubbi, javanais, eggy-peggy: a syllable ("ub", "av", "egg") before every vowel.
    Infixed,
    /// 万葉仮名: kanji standing for kana.
    Manyogana,
    /// 和文モールス: Morse code for kana.
    Wabun,
    /// 1こおきに読んで, "every other letter": noise between the letters.
    EveryOther,
    /// "a=1": A1Z26 letter numbers, one per letter.
    LetterNumbers,
    /// "shift each letter back one", "caesar": a Caesar shift of a few places.
    Caesar,
    /// "read the capitals only", 大文字だけ: the capital letters spell the message.
    Capitals,
    /// かっこの中だけ読んで, "in brackets": what stands in brackets spells the message.
    Brackets,
    /// 「あ=1」: kana numbered along the 五十音.
    KanaNumbers,
    /// 「1こ前にずらして」: each kana moved one place along the 五十音.
    GojuonShift,
    /// 業界用語: the halves of each word swapped.
    Gyokai,
    /// 干支: the twelve animals for digits, in their order (子 1 … 酉 10, written 0).
    Zodiac,
    /// Bacon's cipher: five A or B for each letter.
    Bacon,
    /// Tap code: a row and a column of a 5×5 square for each letter.
    TapCode,
    /// ななめ読み: the first character of the first line, the second of the second, …
    Diagonal,
    /// JIS 区点コード: row 4 is hiragana and row 5 katakana, the cell the kana's place.
    Kuten,
}

impl Hint {
    pub const ALL: [Hint; 30] = [
        Hint::Backwards,
        Hint::Rot13,
        Hint::Pager,
        Hint::Tanuki,
        Hint::FirstLetters,
        Hint::LastLetters,
        Hint::Atbash,
        Hint::KeyShift,
        Hint::MultiTap,
        Hint::Hex,
        Hint::Coordinates,
        Hint::Romaji,
        Hint::Phonetic,
        Hint::BaRow,
        Hint::Infixed,
        Hint::Manyogana,
        Hint::Wabun,
        Hint::EveryOther,
        Hint::LetterNumbers,
        Hint::Caesar,
        Hint::Capitals,
        Hint::Brackets,
        Hint::KanaNumbers,
        Hint::GojuonShift,
        Hint::Gyokai,
        Hint::Zodiac,
        Hint::Bacon,
        Hint::TapCode,
        Hint::Diagonal,
        Hint::Kuten,
    ];

    /// How messages name the code, as the match view spells them (hiragana, lower case).
    pub fn markers(self) -> &'static [&'static str] {
        match self {
            Hint::Backwards => &[
                "逆から読",
                "ぎゃくから読",
                "逆に読んで",
                "逆さから読",
                "逆さに読",
                "さかさから読",
                "さかさに読",
                "反対から読",
                "後ろから読",
                "うしろから読",
                "逆読み",
                "backwards",
                "backward",
                "in reverse",
            ],
            Hint::Rot13 => &["rot13", "rot 13", "rot-13"],
            Hint::Pager => &["ぽけべる"],
            Hint::Tanuki => &["たぬき", "狸"],
            Hint::FirstLetters => &[
                "縦読み",
                "たてよみ",
                "縦に読",
                "たてに読",
                "頭の字",
                "あたまの字",
                "頭の文字",
                "頭だけ読",
                "あたまだけ読",
                "頭文字",
                "最初の文字",
                "先頭の文字",
                "first letter",
                "first letters",
            ],
            Hint::LastLetters => &[
                "おしりの文字",
                "お尻の文字",
                "おしりの字",
                "お尻の字",
                "お尻だけ読",
                "おしりだけ読",
                "最後の字",
                "末尾の字",
                "最後の文字",
                "末尾の文字",
                "last letter",
                "last letters",
            ],
            Hint::Atbash => &["atbash", "アトバシュ"],
            Hint::KeyShift => &[
                "キーボード",
                "keyboard",
                "one key",
                "key one",
                "1つずら",
                "一つずら",
                "ひとつずら",
                "キーずら",
            ],
            Hint::MultiTap => &[
                "ガラケー打ち",
                "ガラケー入力",
                "ケータイ打ち",
                "トグル入力",
                "multi-tap",
                "multitap",
                "old phone",
                "nokia",
            ],
            Hint::Hex => &[
                "16進",
                "十六進",
                "hex",
                "hexadecimal",
                "shift_jis",
                "shiftjis",
                "sjis",
                "文字コード",
            ],
            Hint::Coordinates => &["番目", "文字目", "行と段", "五十音表"],
            Hint::Romaji => &["ローマ字", "ろーま字", "romaji", "ro-maji"],
            Hint::Phonetic => &[
                "kilo", "lima", "sierra", "yankee", "foxtrot", "tango", "zulu",
            ],
            Hint::BaRow => &[
                "ばびぶべぼ",
                "ば行言葉",
                "ば行ことば",
                "ば行ぬ",
                "ば行抜",
                "ば行をぬ",
                "ば行を抜",
                "ば行とって",
                "ば行を取",
            ],
            Hint::Infixed => &[
                "ubbi dubbi",
                "ubbidubbi",
                "ubbi-dubbi",
                "javanais",
                "eggy peggy",
                "eggy-peggy",
                "eggypeggy",
            ],
            Hint::Manyogana => &["万葉仮名", "万葉がな", "万葉かな", "まんようがな"],
            Hint::Wabun => &["和文モールス", "和文のモールス", "わぶんもーるす", "wabun"],
            Hint::EveryOther => &[
                "1こおき",
                "1個おき",
                "1文字おき",
                "1もじおき",
                "1つおき",
                "ひとつおき",
                "1文字飛ばし",
                "1文字とばし",
                "every other",
                "every second letter",
            ],
            Hint::LetterNumbers => &["a=1", "a = 1", "a1z26", "1=a"],
            Hint::Caesar => &[
                "caesar",
                "しーざー",
                "each letter back",
                "each letter forward",
                "every letter back",
                "every letter forward",
                "letters back one",
                "letters forward one",
                "shift each letter",
                "shifted each letter",
                "shifted every letter",
            ],
            Hint::Capitals => &[
                "capitals only",
                "only the capitals",
                "capital letters only",
                "only the capital letters",
                "大文字だけ",
                "大文字のみ",
            ],
            Hint::Brackets => &[
                "かっこの中",
                "括弧の中",
                "in brackets",
                "in the brackets",
                "brackets only",
            ],
            Hint::KanaNumbers => &["あ=1", "あ＝1", "あが1", "あを1"],
            Hint::GojuonShift => &[
                "五十音ずらし",
                "五十音でずら",
                "ずらして読",
                "ひとつずつ前",
                "1つずつ前",
                "ひとつずつ後",
                "1つずつ後",
                "ひとつ戻して",
                "1つ戻して",
                "1こ前",
                "1個前",
                "1つ前",
                "ひとつ前",
                "1こ後",
                "1個後",
                "1つ後",
                "ひとつ後",
                "1こ先",
                "1つ先",
            ],
            Hint::Gyokai => &["業界用語", "ぎょうかいようご", "業界語"],
            Hint::Zodiac => &["干支", "えと順", "えとの順"],
            Hint::Bacon => &["bacon cipher", "baconian", "bacon code", "べーこん暗号"],
            Hint::TapCode => &["tap code", "tapcode", "polybius", "たっぷこーど"],
            Hint::Diagonal => &[
                "ななめに読",
                "斜めに読",
                "ななめ読み",
                "斜め読み",
                "ななめから読",
                "diagonal",
            ],
            Hint::Kuten => &["区点", "くてん", "kuten"],
        }
    }

    fn bit(self) -> u32 {
        1 << self as u8
    }
}

// One bit per hint.
const _: () = assert!(Hint::ALL.len() <= 32);

/// The hints a message gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Hints(u32);

impl Hints {
    pub fn add(&mut self, h: Hint) {
        self.0 |= h.bit();
    }

    pub fn has(self, h: Hint) -> bool {
        self.0 & h.bit() != 0
    }
}

/// The ASCII letter a full-width Latin letter (U+FF21–U+FF3A, U+FF41–U+FF5A) stands for.
fn fullwidth_latin(c: char) -> Option<char> {
    match c {
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Every reading the message's shape or its hints call for, apart from reading it
/// backwards (the classifier turns that around itself).
pub(crate) fn readings(text: &str, hints: Hints) -> Vec<Reading> {
    let mut out = Vec::new();
    let shape = Shape::of(text);
    if shape.other_letters {
        out.extend(upside_down(text));
        out.extend(letters::mirrored(text));
        out.extend(kana::hangul(text));
    }
    if shape.other_letters {
        out.extend(mojibake::from_windows_1252(text));
    }
    if shape.kanji_e7 {
        out.extend(mojibake::from_shift_jis(text));
    }
    if shape.other_letters || shape.far_letters {
        if let Some(latin) = scripts::transliterated(text) {
            out.extend(kana::romaji(&latin.text).map(|r| latin.through(r)));
            out.push(latin);
        }
    }
    if shape.morse_symbols >= 6 {
        out.extend(letters::morse(text));
    }
    if shape.base64_run {
        out.extend(bytes::base64(text));
        out.extend(bytes::binary(text));
    }
    if shape.escapes {
        out.extend(bytes::escapes(text));
    }
    if shape.hyphens && has_letter_numbers(text) {
        out.extend(letters::a1z26(text));
    }
    if (shape.slipped_keys && looks_key_shifted(text)) || hints.has(Hint::KeyShift) {
        // Which way the hands slipped is seldom said; both ways are read.
        for step in [-1, 1] {
            out.push(map_chars(text, Obfuscation::Cipher, |c| {
                Some(letters::keyboard_shift(c, step))
            }));
        }
    }
    if hints.has(Hint::Rot13) {
        out.push(map_chars(text, Obfuscation::Cipher, |c| {
            Some(letters::caesar(c, 13))
        }));
    }
    if hints.has(Hint::Caesar) {
        // "Back one" or "forward two": the direction and the distance are read from the
        // hint's words less reliably than every small shift is tried.
        for step in [1, 2, 3, 23, 24, 25] {
            out.push(map_chars(text, Obfuscation::Cipher, |c| {
                Some(letters::caesar(c, step))
            }));
        }
    }
    if hints.has(Hint::Atbash) {
        out.push(map_chars(text, Obfuscation::Cipher, |c| {
            Some(letters::atbash(c))
        }));
    }
    if hints.has(Hint::LetterNumbers) {
        out.extend(letters::a1z26_spaced(text));
    }
    if hints.has(Hint::EveryOther) {
        out.extend([0, 1].map(|parity| every_other(text, parity)));
    }
    if hints.has(Hint::Hex) {
        out.extend(bytes::hex(text));
    }
    // A raccoon dog emoji names the game too; the match view drops emoji.
    if hints.has(Hint::Tanuki) || text.contains('🦝') {
        out.push(map_chars(text, Obfuscation::Cipher, |c| {
            (!matches!(c, 'た' | 'タ')).then_some(c)
        }));
    }
    if hints.has(Hint::Pager) {
        out.extend(kana::pager(text));
    }
    if hints.has(Hint::MultiTap) {
        out.extend(kana::multi_tap(text));
        out.extend(letters::multi_tap(text));
    }
    if hints.has(Hint::Coordinates) {
        out.extend(kana::coordinates(text));
        out.extend(kana::row_column(text));
    }
    if hints.has(Hint::Kuten) {
        out.extend(kana::kuten(text));
    }
    if hints.has(Hint::TapCode) {
        out.extend(letters::tap_code(text));
    }
    if hints.has(Hint::Backwards) {
        // The message reversed as a whole is the classifier's own reading; this one
        // turns each word round where it stands.
        out.push(letters::words_reversed(text));
    }
    if hints.has(Hint::Romaji) {
        out.extend(kana::romaji(text).map(|r| Reading { prose: true, ..r }));
    } else if shape.small_letters {
        out.extend(kana::romaji_sentence(text).map(|r| Reading { prose: true, ..r }));
    }
    // Romaji typed with the input method left in full width (ｋｕｂｉｔｓｕｒｕ): the
    // letters are read as ASCII, every other character kept where it stands.
    if shape.full_width && text.contains(|c| fullwidth_latin(c).is_some()) {
        let ascii = map_chars(text, Obfuscation::Cipher, |c| {
            Some(fullwidth_latin(c).unwrap_or(c))
        });
        let read = if hints.has(Hint::Romaji) {
            kana::romaji(&ascii.text)
        } else {
            kana::romaji_sentence(&ascii.text)
        };
        out.extend(read.map(|r| ascii.through(r)));
    }
    if hints.has(Hint::Phonetic) {
        out.extend(letters::phonetic_alphabet(text));
    }
    if hints.has(Hint::BaRow) {
        out.extend(kana::ba_row(text).map(|r| Reading { prose: true, ..r }));
    }
    if hints.has(Hint::Infixed) {
        for infix in ["ub", "av", "egg"] {
            out.extend(letters::infixed(text, infix).map(|r| Reading { prose: true, ..r }));
        }
    }
    if hints.has(Hint::Manyogana) {
        out.extend(kana::manyogana(text).map(|r| Reading { prose: true, ..r }));
    }
    if hints.has(Hint::Wabun) {
        out.extend(kana::wabun(text));
    }
    if shape.dots_between_words >= 3 {
        out.extend(dotted_words(text));
    }
    if hints.has(Hint::KanaNumbers) {
        out.extend(kana::kana_numbers(text));
    }
    if hints.has(Hint::GojuonShift) {
        out.extend([-1, 1].map(|step| kana::gojuon_shift(text, step)));
    }
    if hints.has(Hint::Zodiac) {
        out.push(map_chars(text, Obfuscation::Cipher, |c| {
            Some(zodiac_digit(c).unwrap_or(c))
        }));
    }
    if hints.has(Hint::Bacon) {
        out.extend(letters::bacon(text));
    }
    if hints.has(Hint::Gyokai) {
        out.push(kana::swapped_halves(text));
    }
    if hints.has(Hint::Capitals) {
        out.extend(capitals(text));
    }
    if hints.has(Hint::Brackets) {
        out.extend(bracketed(text));
    }
    if hints.has(Hint::FirstLetters) {
        out.extend(acrostic(text, Pick::First));
    }
    if hints.has(Hint::LastLetters) {
        out.extend(acrostic(text, Pick::Last));
    }
    if hints.has(Hint::Diagonal) {
        out.extend(acrostic(text, Pick::Diagonal));
    }
    // Romaji and transliterations grow as they decode (a letter becomes a kana of three
    // bytes); a reading over the size limit of a message is left unread, the message
    // itself is not.
    out.retain(|r| r.text.len() <= crate::MAX_INPUT_BYTES);
    out
}

/// Every other character of each run of letters, starting with the first (`parity` 0) or
/// the second (1): 「がぴっぷこぺう」 is 「がっこう」 with noise between its kana.
fn every_other(text: &str, parity: usize) -> Reading {
    let mut r = Reading::new(Obfuscation::Cipher);
    let mut k = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if k % 2 == parity {
                r.push(c, i, i + c.len_utf8());
            }
            k += 1;
        } else {
            r.push(' ', i, i + c.len_utf8());
            k = 0;
        }
    }
    r
}

/// The capital letters of a message, in order and in lower case, a space where the words
/// they stand in are apart: 「jhdTksEdkwL」 is "tel".
fn capitals(text: &str) -> Option<Reading> {
    let mut r = Reading::new(Obfuscation::Acrostic);
    for (i, c) in text.char_indices() {
        if c.is_ascii_uppercase() {
            r.push(c.to_ascii_lowercase(), i, i + 1);
        } else if c.is_whitespace() && !r.text.is_empty() && !r.text.ends_with(' ') {
            r.push(' ', i, i + c.len_utf8());
        }
    }
    (r.text.chars().filter(char::is_ascii_lowercase).count() >= 3).then_some(r)
}

/// What stands inside brackets, in order: 「(ち)ょっと(ち)かく」 is 「ちち」.
fn bracketed(text: &str) -> Option<Reading> {
    let mut r = Reading::new(Obfuscation::Acrostic);
    let mut inside = false;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '[' | '［' | '「' | '【' | '『' => inside = true,
            ')' | '）' | ']' | '］' | '」' | '】' | '』' => inside = false,
            _ if inside => r.push(c, i, i + c.len_utf8()),
            _ => {}
        }
    }
    (r.text.chars().count() >= 3).then_some(r)
}

/// Words joined by full stops instead of spaces (「mum.burnt.my.hand.on.the.hob」), read as
/// a sentence: the lexicon's English terms need their word boundaries back, and the model
/// reads it as prose. Messages with spaces are left alone: their full stops end sentences
/// or belong to addresses.
fn dotted_words(text: &str) -> Option<Reading> {
    if text.contains(char::is_whitespace) {
        return None;
    }
    let mut r = Reading::new(Obfuscation::Spacing);
    for (i, c) in text.char_indices() {
        r.push(if c == '.' { ' ' } else { c }, i, i + c.len_utf8());
    }
    Some(Reading { prose: true, ..r })
}

/// 「ɟlǝsʎɯ llıʞ」 turned the right way up: the characters in reverse order, each flipped.
fn upside_down(text: &str) -> Option<Reading> {
    if !normalize::looks_upside_down(text) {
        return None;
    }
    let mut r = Reading::new(Obfuscation::UpsideDown);
    for (i, c) in text.char_indices().rev() {
        r.push(normalize::flipped(c), i, i + c.len_utf8());
    }
    Some(r)
}

/// What one pass over the bytes says about which codes a message could hold: every
/// message is checked, so the codes' own scans run only where they can find something.
struct Shape {
    /// Characters from the blocks upside-down and mirrored letters and Hangul come from.
    other_letters: bool,
    /// Characters from the blocks of Arabic, the scripts of India and the supplementary
    /// planes (historic scripts, and emoji): with `other_letters`, where other writing
    /// systems can stand.
    far_letters: bool,
    /// A kanji between U+7000 and U+7FFF, among them the marks of Shift_JIS mojibake.
    kanji_e7: bool,
    /// Small Latin letters, which romaji is written in.
    small_letters: bool,
    /// A character of U+F000–U+FFFF, the block of full-width letters (and of full-width
    /// punctuation and half-width katakana).
    full_width: bool,
    /// ASCII dots, dashes and underscores.
    morse_symbols: usize,
    /// A run of eight or more base64 characters that is not a plain word (binary digits
    /// make such a run too).
    base64_run: bool,
    /// `&`, `%` or a backslash, which escaped characters start with.
    escapes: bool,
    /// A hyphen, which joins A1Z26 letter numbers.
    hyphens: bool,
    /// `;`, `[` or a comma, which keys typed one off turn letters into.
    slipped_keys: bool,
    /// Full stops with a small letter on either side (「mum.burnt.my.hand」).
    dots_between_words: usize,
}

impl Shape {
    fn of(text: &str) -> Shape {
        // Per byte: a digit, `+` or `/` (bit 0), a capital (bit 1), a small letter (bit 2),
        // a Morse dot or dash (bit 3), the first byte of a character in the blocks of
        // upside-down or mirrored letters or Hangul (bit 4: U+0080–U+05FF, U+1000–U+2FFF,
        // U+A000–U+DFFF), the first byte of an escape (bit 5), a key a slipped letter turns
        // into (bit 6), a hyphen (bit 7), the first byte of a character in the farther
        // blocks (bit 8: U+0600–U+0FFF, U+10000 and up), the first byte of a kanji in
        // U+7000–U+7FFF, where Shift_JIS mojibake's 縺, 繧 and 繝 are (bit 9), the first
        // byte of a character in U+F000–U+FFFF (bit 10).
        const KIND: [u16; 256] = {
            let mut t = [0u16; 256];
            let mut b = 0;
            while b < 256 {
                t[b] = match b as u8 {
                    b'0'..=b'9' | b'+' | b'/' => 1,
                    b'A'..=b'Z' => 2,
                    b'a'..=b'z' => 4,
                    b'-' => 8 | 128,
                    b'.' | b'_' => 8,
                    0xC2..=0xD7 | 0xE1 | 0xE2 | 0xEA..=0xED => 16,
                    0xD8..=0xE0 | 0xF0 => 256,
                    0xE7 => 512,
                    0xEF => 1024,
                    b'&' | b'%' | b'\\' => 32,
                    b';' | b'[' | b',' => 64,
                    _ => 0,
                };
                b += 1;
            }
            t
        };
        let mut shape = Shape {
            other_letters: false,
            far_letters: false,
            kanji_e7: false,
            small_letters: false,
            full_width: false,
            morse_symbols: 0,
            base64_run: false,
            escapes: false,
            hyphens: false,
            slipped_keys: false,
            dots_between_words: 0,
        };
        // The current run of base64 characters: its length and the kinds it holds; `base64`
        // wants a digit, `+` or `/`, or both cases.
        let (mut run, mut kinds) = (0, 0u16);
        // The kinds of the bytes outside runs, and of every byte.
        let (mut others, mut all) = (0u16, 0u16);
        for &b in text.as_bytes() {
            let kind = KIND[b as usize];
            all |= kind;
            if kind & 7 != 0 {
                run += 1;
                kinds |= kind;
                shape.base64_run |= run >= 8 && (kinds & 1 != 0 || kinds == 6);
            } else {
                (run, kinds) = (0, 0);
                shape.morse_symbols += usize::from(kind >> 3 & 1);
                others |= kind;
            }
        }
        // Full stops are counted with the Morse symbols; only where there are a few is
        // it worth looking at what stands on either side of them.
        if shape.morse_symbols >= 3 {
            shape.dots_between_words = text
                .as_bytes()
                .windows(3)
                .filter(|w| w[1] == b'.' && w[0].is_ascii_lowercase() && w[2].is_ascii_lowercase())
                .count();
        }
        shape.other_letters = others & 16 != 0;
        shape.far_letters = others & 256 != 0;
        shape.small_letters = all & 4 != 0;
        shape.kanji_e7 = all & 512 != 0;
        shape.full_width = all & 1024 != 0;
        shape.escapes = others & 32 != 0;
        shape.slipped_keys = others & 64 != 0;
        shape.hyphens = others & 128 != 0;
        shape
    }
}

/// Letters decoded token by token, kept only where enough stand in a row to be a code
/// rather than a stray token of ordinary text (a lone 「2-4」 is a score).
struct Runs {
    out: Reading,
    run: Reading,
    letters: usize,
    min: usize,
}

impl Runs {
    fn new(kind: Obfuscation, min: usize) -> Runs {
        Runs {
            out: Reading::new(kind),
            run: Reading::new(kind),
            letters: 0,
            min,
        }
    }

    fn letter(&mut self, c: char, start: usize, end: usize) {
        self.run.push(c, start, end);
        self.letters += 1;
    }

    /// A space between words, inside a run.
    fn space(&mut self, at: usize) {
        if self.letters > 0 {
            self.run.push(' ', at, at);
        }
    }

    /// A token that is no part of the code ends the run.
    fn end(&mut self) {
        if self.letters >= self.min {
            self.out.append(&self.run);
        }
        self.run = Reading::new(self.run.kind);
        self.letters = 0;
    }

    fn finish(mut self) -> Option<Reading> {
        self.end();
        (!self.out.text.is_empty()).then_some(self.out)
    }
}

/// Pairs of numbers written 「2-4」, each read by `cell` as a row and a column; a `/` or a
/// full stop between pairs is a space. Runs of `min` characters or more.
fn pairs(
    text: &str,
    kind: Obfuscation,
    min: usize,
    cell: impl Fn(u8, u8) -> Option<char>,
) -> Option<Reading> {
    let mut runs = Runs::new(kind, min);
    let mut at = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let mut start = at;
        at += token.len();
        let mut body = token.trim_end();
        // A code straight after a word (「読んで：4-23」): the word ends any run.
        if let Some((i, c)) = body.char_indices().rev().find(|(_, c)| !c.is_ascii()) {
            runs.end();
            start += i + c.len_utf8();
            body = &body[i + c.len_utf8()..];
        }
        // One or two digits on either side of the hyphen: 「2-2」, 「4-31」.
        let number = |t: &str| {
            (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u8>().ok())
                .flatten()
        };
        let found = body
            .split_once('-')
            .and_then(|(a, b)| Some((number(a)?, number(b)?)))
            .and_then(|(a, b)| cell(a, b));
        match found {
            Some(c) => runs.letter(c, start, start + body.len()),
            None if matches!(body, "/" | "." | "|") => runs.space(start),
            None if body.is_empty() => {}
            None => runs.end(),
        }
    }
    runs.finish()
}

/// The digit an animal of the 干支 stands for: its place in the order, the tenth (酉)
/// written 0 as on a phone's keypad.
fn zodiac_digit(c: char) -> Option<char> {
    let place = "子丑寅卯辰巳午未申酉".chars().position(|z| z == c)?;
    char::from_digit((place as u32 + 1) % 10, 10)
}

/// A digit, a hyphen and a digit, as in A1Z26 letter numbers (「4-9-5」).
fn has_letter_numbers(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[1] == b'-' && w[0].is_ascii_digit() && w[2].is_ascii_digit())
}

/// A letter after `;`, `[` or a comma with no space (「r;g」, 「 ,u」): typed one key off,
/// which ordinary prose seldom has.
fn looks_key_shifted(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| {
        matches!(w[1], b';' | b'[' | b',')
            && w[2].is_ascii_alphabetic()
            && (w[0].is_ascii_alphabetic() || (w[1] == b',' && w[0] == b' '))
    })
}

/// A reading of the whole message character by character (a cipher, たぬき言葉): what it
/// decodes to is written as prose, so the model reads it too.
fn map_chars(text: &str, kind: Obfuscation, f: impl Fn(char) -> Option<char>) -> Reading {
    let mut r = Reading::new(kind);
    for (i, c) in text.char_indices() {
        if let Some(d) = f(c) {
            r.push(d, i, i + c.len_utf8());
        }
    }
    Reading { prose: true, ..r }
}

/// Groups of one digit pressed again and again (「2222 9」), each read by `letter` from the
/// key and the number of presses; a group of mixed digits ends the run.
fn taps(
    text: &str,
    kind: Obfuscation,
    letter: impl Fn(usize, usize) -> Option<char>,
) -> Option<Reading> {
    let mut out = Reading::new(kind);
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += word.len();
        let group = word.trim_end();
        let Some(key) = group.chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        if !group.bytes().all(|b| b == group.as_bytes()[0]) {
            continue;
        }
        if let Some(l) = letter(key as usize, group.len()) {
            out.push(l, start, start + group.len());
        }
    }
    (out.text.chars().count() >= 3).then_some(out)
}

/// Which character of each line or clause an acrostic takes.
#[derive(Clone, Copy)]
enum Pick {
    /// 縦読み: the first.
    First,
    /// おしりの文字: the last.
    Last,
    /// ななめ読み: the first of the first clause, the second of the second, …
    Diagonal,
}

/// One character of each line or clause, in order, as `pick` says.
fn acrostic(text: &str, pick: Pick) -> Option<Reading> {
    let is_break = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '。' | '、'
                    | '．'
                    | '，'
                    | '.'
                    | ','
                    | '!'
                    | '！'
                    | '?'
                    | '？'
                    | '/'
                    | '／'
                    | '|'
                    | '｜'
                    | '←'
                    | '→'
                    | '・'
            )
    };
    let mut clauses: Vec<Vec<(usize, char)>> = vec![Vec::new()];
    for (i, c) in text.char_indices() {
        match clauses.last_mut() {
            Some(clause) if !is_break(c) => clause.push((i, c)),
            Some(clause) if !clause.is_empty() => clauses.push(Vec::new()),
            _ => {}
        }
    }
    let mut out = Reading::new(Obfuscation::Acrostic);
    for (k, clause) in clauses.iter().filter(|c| !c.is_empty()).enumerate() {
        let picked = match pick {
            Pick::First => clause.first(),
            Pick::Last => clause.last(),
            Pick::Diagonal => clause.get(k),
        };
        if let Some(&(i, c)) = picked {
            out.push(normalize_letter(c), i, i + c.len_utf8());
        }
    }
    (out.text.chars().count() >= 3).then_some(out)
}

/// Acrostic letters are read in lower case (an English acrostic capitalises each line).
fn normalize_letter(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(r: Option<Reading>) -> String {
        r.map(|r| r.text).unwrap_or_default()
    }

    #[test]
    fn morse_needs_three_letters_in_a_row() {
        assert_eq!(
            decoded(letters::morse("-.- .. .-.. .-.. / -- . (morse lol)")),
            "kill me"
        );
        assert_eq!(decoded(letters::morse("-.- -.-- ... , seriously")), "kys");
        assert_eq!(decoded(letters::morse("wait... what -- no... ok")), "");
        assert_eq!(decoded(letters::morse("2024-05-06 ... 10:30")), "");
    }

    #[test]
    fn base64_tokens_that_decode_to_text() {
        assert_eq!(
            decoded(bytes::base64("5q2744Gr44Gf44GE ←base64")),
            "死にたい"
        );
        assert_eq!(decoded(bytes::base64("aGVscCBtZQ== pls")), "help me");
        // Words, IDs and numbers stay as they are.
        assert_eq!(
            decoded(bytes::base64("password1234 Sakura2007abc 09012345678")),
            ""
        );
        assert_eq!(decoded(bytes::base64("internationalization")), "");
    }

    #[test]
    fn pager_codes_two_digits_a_kana() {
        assert_eq!(decoded(kana::pager("32524112 ←ポケベル")), "しにたい");
        assert_eq!(decoded(kana::pager("123")), "");
    }

    #[test]
    fn acrostics_read_first_or_last_characters() {
        let text = "しゅくだい終わらん。にんじん残した。たいいく嫌。いぬの散歩。←縦読み";
        assert!(decoded(acrostic(text, Pick::First)).starts_with("しにたい"));
        let text = "ひまだし／カレーだったのに／ゲームしてた／寒い　←おしりの文字";
        assert!(decoded(acrostic(text, Pick::Last)).starts_with("しにたい"));
        let text = "しずかな夜 / ひにち変わって / あしたは休み / ねむたいよ";
        assert!(decoded(acrostic(text, Pick::Diagonal)).starts_with("しにたい"));
    }

    #[test]
    fn escapes_keep_the_text_around_them() {
        assert_eq!(
            decoded(bytes::escapes("ねえ&#27515;&#x306D;って")),
            "ねえ死ねって"
        );
        assert_eq!(decoded(bytes::escapes(r"\u6d88\u3048た")), "消えた");
        assert_eq!(decoded(bytes::escapes("%E6%AD%BB!")), "死!");
        // ASCII escapes in links, a lone ampersand, broken references: nothing to read.
        assert_eq!(decoded(bytes::escapes("a%20b&c &#zz; \\uXYZ1")), "");
    }

    #[test]
    fn shapes_that_call_for_a_code() {
        let shape = Shape::of("drmf ,r mifrd");
        assert!(shape.slipped_keys && !shape.hyphens && !shape.escapes);
        assert!(looks_key_shifted("drmf ,r mifrd"));
        assert!(!looks_key_shifted("ok, see you; bye"));
        assert!(Shape::of("4-9-5").hyphens && has_letter_numbers("4-9-5"));
        assert!(!has_letter_numbers("a-b 4 - 5"));
        assert!(Shape::of("&#27515;").escapes);
    }

    #[test]
    fn keypad_and_letter_numbers() {
        assert_eq!(decoded(kana::multi_tap("33 55 4 11")), "しにたい");
        assert_eq!(decoded(letters::multi_tap("44 444 555")), "hil");
        assert_eq!(decoded(letters::a1z26("8-9 20-8-5-18-5")), "hi there");
        assert_eq!(decoded(letters::a1z26("2024-11-26 3-1")), "");
        assert_eq!(decoded(kana::coordinates("な行5番目、か行3番目")), "のく");
    }

    #[test]
    fn romaji_and_the_phonetic_alphabet() {
        assert_eq!(
            decoded(kana::romaji("ローマ字で: kyou kusuri zenbu nonde")),
            "きょうくすりぜんぶのんで"
        );
        assert_eq!(
            decoded(kana::romaji("kitte, shinitai, matcha")),
            "きってしにたいまっちゃ"
        );
        // English words that are no romaji are left out.
        assert_eq!(decoded(kana::romaji("i'll send it")), "");
        assert_eq!(
            decoded(letters::phonetic_alphabet(
                "kilo india lima lima / mike echo. ok?"
            )),
            "killme"
        );
        assert_eq!(
            decoded(letters::phonetic_alphabet(
                "golf at the hotel, then echo delta"
            )),
            ""
        );
    }

    #[test]
    fn spans_map_back_to_the_code() {
        let text = "x -.- .. .-.. .-..";
        let r = letters::morse(text).expect("morse");
        let (s, e) = r.original_range(0, r.text.len()).expect("covered");
        assert_eq!(&text[s..e], "-.- .. .-.. .-..");
    }

    #[test]
    fn ba_row_kana_are_dropped_after_their_vowel() {
        assert_eq!(
            decoded(kana::ba_row("ばびぶべぼ言葉で言うね。きびえべたばいび")),
            "ばびぶべぼ言葉で言うね。きえたい"
        );
        assert_eq!(decoded(kana::ba_row("シビニビタバイビ")), "シニタイ");
        // One or two chance pairs (あば, いび) are no code.
        assert_eq!(decoded(kana::ba_row("あばれる猫といびきの犬")), "");
    }

    #[test]
    fn manyogana_kanji_are_read_as_their_kana() {
        assert_eq!(
            decoded(kana::manyogana("万葉仮名で書く→志仁多以")),
            "ま葉仮名で書く→しにたい"
        );
        assert_eq!(
            decoded(kana::manyogana("毎晩父爾奈具良礼流")),
            "毎晩父になぐられる"
        );
        assert_eq!(decoded(kana::manyogana("父と本屋")), "");
    }

    #[test]
    fn wabun_morse_reads_kana_and_voicing() {
        assert_eq!(
            decoded(kana::wabun("和文モールスでしか言えない。--.-. -.-. -. .-")),
            "シニタイ"
        );
        // ク and a voicing mark: グ (composed when the reading is normalised).
        assert_eq!(
            decoded(kana::wabun("...- .. -.--. --.--")),
            "ク\u{3099}ルア"
        );
    }

    #[test]
    fn infixed_syllables_are_dropped() {
        assert_eq!(
            decoded(letters::infixed(
                "ubbi dubbi: Ubi'm gubonnuba kubill mubysubelf",
                "ub"
            )),
            "ubbi dubbi: i'm gonna kill myself"
        );
        assert_eq!(decoded(letters::infixed("a tub of rubber ducks", "ub")), "");
        assert_eq!(
            decoded(letters::infixed("in javanais: kavill mavysavelf", "av")),
            // The name of the game is read too.
            "in janais: kill myself"
        );
    }

    #[test]
    fn tap_code_row_and_column_pairs_and_words_reversed() {
        assert_eq!(
            decoded(letters::tap_code("tap code: 2-3 1-5 3-1 3-5 / 3-2 1-5")),
            "help me"
        );
        assert_eq!(decoded(kana::row_column("2-2 7-5 1-2 (行と段)")), "きもい");
        assert_eq!(decoded(letters::tap_code("score 2-1 then 3-0")), "");
        assert_eq!(
            letters::words_reversed("mum sehcnup em, read each word backwards").text,
            "mum punches me, daer hcae drow sdrawkcab"
        );
    }

    #[test]
    fn zodiac_animals_and_bacon_groups_are_read() {
        let mut hints = Hints::default();
        hints.add(Hint::Zodiac);
        let r = readings("干支で: 酉申酉-寅卯子巳", hints);
        assert!(r.iter().any(|r| r.text.ends_with("090-3416")));
        assert_eq!(decoded(letters::bacon("AABBB ABBBA AABAA AAABB")), "hoed");
    }

    #[test]
    fn letters_of_other_scripts_are_written_in_latin() {
        assert_eq!(
            decoded(scripts::transliterated("𐌄𐌊𐌉 𐌃𐌄 𐌕𐌏𐌁𐌉𐌊𐌏𐌌𐌉𐌕𐌀𐌉")),
            "eki de tobikomitai"
        );
        assert_eq!(
            decoded(scripts::transliterated("𐌹 𐌺𐌿𐍄 𐌰𐌲𐌰𐌹𐌽")),
            "i kut again"
        );
        // An abugida's consonants carry their vowel; apostrophes do not split words.
        assert_eq!(decoded(scripts::transliterated("തതകരെത")), "tatakareta");
        assert_eq!(decoded(scripts::transliterated("კუსური ok")), "kusuri ok");
        // A kaomoji's letter is no writing.
        assert_eq!(decoded(scripts::transliterated("(´Д｀)つかれた")), "");
    }

    #[test]
    fn romaji_is_read_where_every_word_spells_out() {
        assert_eq!(
            decoded(kana::romaji_sentence("eki de tobikomitai")),
            "えきでとびこみたい"
        );
        assert_eq!(decoded(kana::romaji_sentence("i want to go home")), "");
        assert_eq!(decoded(kana::romaji_sentence("go go")), "");
    }

    #[test]
    fn jis_kuten_codes_read_as_kana() {
        assert_eq!(decoded(kana::kuten("4-23 4-43 4-31 4-04")), "しにたい");
        assert_eq!(decoded(kana::kuten("5-42 5-83 5-13")), "ナンキ");
        // Rows other than the kana's, and cells past their end, are not read.
        assert_eq!(decoded(kana::kuten("3-16 4-84 2-1")), "");
    }

    #[test]
    fn full_width_romaji_is_read_as_ascii_letters() {
        let texts = |t: &str| {
            readings(t, Hints::default())
                .into_iter()
                .map(|r| r.text)
                .collect::<Vec<_>>()
        };
        assert!(texts("パイプで ｋｕｂｉｔｓｕｒｕ つもり").contains(&"くびつる".to_string()));
        assert!(texts("ＯＫ！ありがとう").is_empty());
    }

    #[test]
    fn hangul_blocks_read_as_the_kana_they_spell() {
        assert_eq!(decoded(kana::hangul("시니타이")), "しにたい");
        assert_eq!(
            decoded(kana::hangul("주쿠노 센세이 사와라레타")),
            "じゅくの せんせい さわられた"
        );
        // ㄱ starts a word as か and is が inside one; ㅡ after ㅅ or ㅊ is す or つ.
        assert_eq!(decoded(kana::hangul("가기 스츠")), "かぎ すつ");
        assert_eq!(decoded(kana::hangul("라인 갓코")), "らいん かっこ");
        assert_eq!(decoded(kana::hangul("ok 네")), "");
    }

    #[test]
    fn mirrored_text_is_read_back_to_front() {
        assert_eq!(decoded(letters::mirrored("ƨɘʞil ybodon")), "nobody likes");
        // One mirrored-looking letter is not enough.
        assert_eq!(decoded(letters::mirrored("the ɔ in phonetics")), "");
    }

    #[test]
    fn capitals_and_bracketed_characters_spell_a_message() {
        assert_eq!(decoded(capitals("xxHyyEzzLwwP me")), "help ");
        assert_eq!(decoded(capitals("rHrEr xMxE")), "he me");
        assert_eq!(decoded(capitals("No")), "");
        assert_eq!(
            decoded(bracketed("(し)ずかな(に)わで(た)のしい(い)ちにち")),
            "しにたい"
        );
        assert_eq!(decoded(bracketed("今日(月)は晴れ")), "");
    }

    #[test]
    fn kana_numbers_shifts_and_swapped_halves() {
        assert_eq!(
            decoded(kana::kana_numbers("あ=1: 12 22 16 2 ok")),
            "しにたい"
        );
        assert_eq!(decoded(kana::kana_numbers("12時 22日 16 2")), "");
        assert_eq!(kana::gojuon_shift("べせ くやう", -1).text, "ぶす きもい");
        assert_eq!(kana::gojuon_shift("さにたい", 1).text, "しぬちう");
        assert_eq!(
            kana::swapped_halves("業界用語: たいしに、あいう").text,
            "業界用語: しにたい、いうあ"
        );
    }

    #[test]
    fn every_other_character_of_each_run() {
        let text = "しぴにぷたぺいぽ、1こおきに";
        assert_eq!(every_other(text, 0).text, "しにたい 1おに");
        assert_eq!(every_other(text, 1).text, "ぴぷぺぽ こき");
    }

    #[test]
    fn letter_numbers_one_per_letter_with_slashes_between_words() {
        assert_eq!(
            decoded(letters::a1z26_spaced("8 5 12 16 / 13 5 (a=1)")),
            "help me "
        );
        assert_eq!(
            decoded(letters::a1z26_spaced("a=1: 9 / 8-21-18-20 / 13-5")),
            "i hurt me"
        );
        // Fewer than four numbers, or numbers past 26, are not a code.
        assert_eq!(decoded(letters::a1z26_spaced("a=1, b=2: 3 / 4")), "");
        assert_eq!(decoded(letters::a1z26_spaced("room 31 42 7 9 a=1")), "");
    }

    #[test]
    fn caesar_shifts_wrap_around_the_alphabet() {
        let shift = |t: &str, step| {
            t.chars()
                .map(|c| letters::caesar(c, step))
                .collect::<String>()
        };
        assert_eq!(shift("Zoo", 1), "App");
        assert_eq!(shift("j xbou", 25), "i want");
        assert_eq!(shift("uryc", 13), "help");
    }

    #[test]
    fn words_joined_by_full_stops_are_read_as_a_sentence() {
        let text = "mum.burnt.my.hand.on.the.hob";
        assert!(Shape::of(text).dots_between_words >= 3);
        assert_eq!(decoded(dotted_words(text)), "mum burnt my hand on the hob");
        assert_eq!(
            Shape::of("see you at 3.30 in the cafe. ok?").dots_between_words,
            0
        );
        assert_eq!(decoded(dotted_words("go to example.com. it is fun")), "");
    }
}
