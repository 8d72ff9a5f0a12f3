//! Other readings of a message: codes a writer uses so that only someone who decodes them
//! understands (Morse, base64, rot13, pager codes, たぬき言葉, acrostics). Each reading is
//! classified like a message and its findings are mapped back onto the original text.
//!
//! Codes with a shape of their own (Morse, base64) are recognised by that shape; the
//! others would turn ordinary text into noise, so they are read only where the message
//! names them ("rot13", ポケベル, たぬき, 縦読み), as with 逆から読んで.

use crate::normalize::{self, Obfuscation};

/// A decoded text and, for each of its characters, the original byte range it came from.
#[derive(Debug)]
pub(crate) struct Reading {
    pub text: String,
    /// (byte offset in `text`, original start, original end), in `text` order.
    origin: Vec<(usize, usize, usize)>,
    pub kind: Obfuscation,
}

impl Reading {
    fn new(kind: Obfuscation) -> Reading {
        Reading {
            text: String::new(),
            origin: Vec::new(),
            kind,
        }
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.origin.push((self.text.len(), start, end));
        self.text.push(c);
    }

    /// The original range behind bytes `start..end` of the decoded text: from the first
    /// to the last character it covers.
    pub fn original_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let covered = self
            .origin
            .iter()
            .filter(|&&(b, _, _)| start <= b && b < end);
        let s = covered.clone().map(|&(_, s, _)| s).min()?;
        let e = covered.map(|&(_, _, e)| e).max()?;
        Some((s, e))
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
}

impl Hint {
    pub const ALL: [Hint; 6] = [
        Hint::Backwards,
        Hint::Rot13,
        Hint::Pager,
        Hint::Tanuki,
        Hint::FirstLetters,
        Hint::LastLetters,
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
                "頭文字",
                "最初の文字",
                "先頭の文字",
                "first letter",
                "first letters",
            ],
            Hint::LastLetters => &[
                "おしりの文字",
                "お尻の文字",
                "最後の文字",
                "末尾の文字",
                "last letter",
                "last letters",
            ],
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The hints a message gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Hints(u8);

impl Hints {
    pub fn add(&mut self, h: Hint) {
        self.0 |= h.bit();
    }

    pub fn has(self, h: Hint) -> bool {
        self.0 & h.bit() != 0
    }
}

/// Every reading the message's shape or its hints call for, apart from reading it
/// backwards (the classifier turns that around itself).
pub(crate) fn readings(text: &str, hints: Hints) -> Vec<Reading> {
    let mut out = Vec::new();
    let shape = Shape::of(text);
    if shape.upside_down_letters {
        out.extend(upside_down(text));
    }
    if shape.morse_symbols >= 6 {
        out.extend(morse(text));
    }
    if shape.base64_run {
        out.extend(base64(text));
    }
    if hints.has(Hint::Rot13) {
        out.push(map_chars(text, Obfuscation::Cipher, |c| Some(rot13(c))));
    }
    if hints.has(Hint::Tanuki) {
        out.push(map_chars(text, Obfuscation::Cipher, |c| {
            (!matches!(c, 'た' | 'タ')).then_some(c)
        }));
    }
    if hints.has(Hint::Pager) {
        out.extend(pager(text));
    }
    if hints.has(Hint::FirstLetters) {
        out.extend(acrostic(text, false));
    }
    if hints.has(Hint::LastLetters) {
        out.extend(acrostic(text, true));
    }
    out
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
    /// Characters from the blocks upside-down letters come from.
    upside_down_letters: bool,
    /// ASCII dots, dashes and underscores.
    morse_symbols: usize,
    /// A run of eight or more base64 characters that is not a plain word.
    base64_run: bool,
}

impl Shape {
    fn of(text: &str) -> Shape {
        // Per byte: a digit, `+` or `/` (bit 0), a capital (bit 1), a small letter (bit 2),
        // a Morse dot or dash (bit 3), the first byte of a character in the blocks of
        // upside-down letters (bit 4: U+0080–U+05FF, U+1000–U+2FFF, U+A000–U+AFFF).
        const KIND: [u8; 256] = {
            let mut t = [0u8; 256];
            let mut b = 0;
            while b < 256 {
                t[b] = match b as u8 {
                    b'0'..=b'9' | b'+' | b'/' => 1,
                    b'A'..=b'Z' => 2,
                    b'a'..=b'z' => 4,
                    b'.' | b'-' | b'_' => 8,
                    0xC2..=0xD7 | 0xE1 | 0xE2 | 0xEA => 16,
                    _ => 0,
                };
                b += 1;
            }
            t
        };
        let mut shape = Shape {
            upside_down_letters: false,
            morse_symbols: 0,
            base64_run: false,
        };
        // The current run of base64 characters: its length and the kinds it holds; `base64`
        // wants a digit, `+` or `/`, or both cases.
        let (mut run, mut kinds) = (0, 0u8);
        for &b in text.as_bytes() {
            let kind = KIND[b as usize];
            if kind & 7 != 0 {
                run += 1;
                kinds |= kind;
                shape.base64_run |= run >= 8 && (kinds & 1 != 0 || kinds == 6);
            } else {
                (run, kinds) = (0, 0);
                shape.morse_symbols += usize::from(kind >> 3 & 1);
                shape.upside_down_letters |= kind & 16 != 0;
            }
        }
        shape
    }
}

fn map_chars(text: &str, kind: Obfuscation, f: impl Fn(char) -> Option<char>) -> Reading {
    let mut r = Reading::new(kind);
    for (i, c) in text.char_indices() {
        if let Some(d) = f(c) {
            r.push(d, i, i + c.len_utf8());
        }
    }
    r
}

fn rot13(c: char) -> char {
    match c {
        'a'..='z' => (b'a' + (c as u8 - b'a' + 13) % 26) as char,
        'A'..='Z' => (b'A' + (c as u8 - b'A' + 13) % 26) as char,
        _ => c,
    }
}

/// A dot or a dash of Morse code, as people type them.
fn morse_symbol(c: char) -> Option<u8> {
    match c {
        '.' | '·' | '•' => Some(b'.'),
        '-' | '−' | '–' | '—' | '_' => Some(b'-'),
        _ => None,
    }
}

fn morse_letter(code: &[u8]) -> Option<char> {
    const TABLE: [(&str, char); 36] = [
        (".-", 'a'),
        ("-...", 'b'),
        ("-.-.", 'c'),
        ("-..", 'd'),
        (".", 'e'),
        ("..-.", 'f'),
        ("--.", 'g'),
        ("....", 'h'),
        ("..", 'i'),
        (".---", 'j'),
        ("-.-", 'k'),
        (".-..", 'l'),
        ("--", 'm'),
        ("-.", 'n'),
        ("---", 'o'),
        (".--.", 'p'),
        ("--.-", 'q'),
        (".-.", 'r'),
        ("...", 's'),
        ("-", 't'),
        ("..-", 'u'),
        ("...-", 'v'),
        (".--", 'w'),
        ("-..-", 'x'),
        ("-.--", 'y'),
        ("--..", 'z'),
        ("-----", '0'),
        (".----", '1'),
        ("..---", '2'),
        ("...--", '3'),
        ("....-", '4'),
        (".....", '5'),
        ("-....", '6'),
        ("--...", '7'),
        ("---..", '8'),
        ("----.", '9'),
    ];
    TABLE
        .iter()
        .find(|(m, _)| m.as_bytes() == code)
        .map(|&(_, c)| c)
}

/// Runs of three or more Morse letters (「-.- -.-- ...」), a `/` or `|` between words.
/// Fewer would find "..." and "--" in ordinary punctuation. Called only for messages with
/// six or more ASCII dots and dashes.
fn morse(text: &str) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut run = Reading::new(Obfuscation::Cipher);
    let mut letters = 0;
    let flush = |run: &mut Reading, letters: &mut usize, out: &mut Reading| {
        if *letters >= 3 {
            if !out.text.is_empty() {
                let &(_, s, e) = run.origin.first().expect("a run of letters");
                out.push(' ', s, e);
            }
            let shift = out.text.len();
            out.origin
                .extend(run.origin.iter().map(|&(b, s, e)| (b + shift, s, e)));
            out.text.push_str(&run.text);
        }
        *run = Reading::new(Obfuscation::Cipher);
        *letters = 0;
    };
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if morse_symbol(c).is_some() {
            let mut code = Vec::new();
            let mut end = i;
            while let Some(&(j, d)) = chars.peek() {
                let Some(s) = morse_symbol(d) else { break };
                code.push(s);
                end = j + d.len_utf8();
                chars.next();
            }
            match morse_letter(&code) {
                Some(l) => {
                    run.push(l, i, end);
                    letters += 1;
                }
                None => flush(&mut run, &mut letters, &mut out),
            }
        } else if c == ' ' || c == '　' {
            chars.next();
        } else if c == '/' || c == '|' {
            if !run.text.ends_with(' ') && !run.text.is_empty() {
                run.push(' ', i, i + 1);
            }
            chars.next();
        } else {
            flush(&mut run, &mut letters, &mut out);
            chars.next();
        }
    }
    flush(&mut run, &mut letters, &mut out);
    (!out.text.is_empty()).then_some(out)
}

/// Tokens of base64 (「5q2744Gr44Gf44GE」) that decode to text: valid UTF-8 without control
/// characters. A token needs eight or more characters, a length that is a multiple of four
/// and a digit, `+` or `/` or both cases of letters, so ordinary words are left alone.
fn base64(text: &str) -> Option<Reading> {
    let bytes = text.as_bytes();
    let is_b64 = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
    let mut out = Reading::new(Obfuscation::Encoded);
    let mut i = 0;
    while i < bytes.len() {
        if !is_b64(bytes[i]) || (i > 0 && is_b64(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_b64(bytes[i]) {
            i += 1;
        }
        let body = i;
        while i < bytes.len() && i - body < 2 && bytes[i] == b'=' {
            i += 1;
        }
        let token = &bytes[start..body];
        let padded = i - start;
        let mixed = token
            .iter()
            .any(|b| b.is_ascii_digit() || !b.is_ascii_alphanumeric())
            || (token.iter().any(u8::is_ascii_uppercase)
                && token.iter().any(u8::is_ascii_lowercase));
        if padded < 8 || padded % 4 != 0 || !mixed {
            continue;
        }
        let Some(decoded) = decode_base64(token) else {
            continue;
        };
        let Ok(decoded) = String::from_utf8(decoded) else {
            continue;
        };
        if decoded.chars().count() < 2 || decoded.chars().any(char::is_control) {
            continue;
        }
        if !out.text.is_empty() {
            out.push(' ', start, i);
        }
        for c in decoded.chars() {
            out.push(c, start, i);
        }
    }
    (!out.text.is_empty()).then_some(out)
}

fn decode_base64(token: &[u8]) -> Option<Vec<u8>> {
    let value = |b: u8| -> Option<u32> {
        Some(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(token.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in token {
        acc = (acc << 6) | value(b)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// ポケベル打ち: runs of an even number of digits, two per kana (row, then column of the
/// 五十音 table: 32 し, 52 に, 41 た, 12 い).
fn pager(text: &str) -> Option<Reading> {
    const ROWS: [&str; 10] = [
        "わをんﾞﾟ",
        "あいうえお",
        "かきくけこ",
        "さしすせそ",
        "たちつてと",
        "なにぬねの",
        "はひふへほ",
        "まみむめも",
        "や(ゆ)よ",
        "らりるれろ",
    ];
    let mut out = Reading::new(Obfuscation::Cipher);
    let digits: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < digits.len() {
        let run_end = (i..digits.len())
            .find(|&j| !digits[j].1.is_ascii_digit())
            .unwrap_or(digits.len());
        let run = &digits[i..run_end];
        if run.len() >= 4 && run.len() % 2 == 0 {
            if !out.text.is_empty() {
                out.push(' ', run[0].0, run[0].0 + 1);
            }
            for pair in run.chunks(2) {
                let row = pair[0].1.to_digit(10).unwrap_or(0) as usize;
                let column = pair[1].1.to_digit(10).unwrap_or(0) as usize;
                let kana = column
                    .checked_sub(1)
                    .and_then(|c| ROWS[row].chars().nth(c))
                    .unwrap_or(' ');
                out.push(kana, pair[0].0, pair[1].0 + 1);
            }
        }
        i = run_end + 1;
    }
    (!out.text.is_empty()).then_some(out)
}

/// The first (or last) character of each line or clause, in order: 縦読み.
fn acrostic(text: &str, last: bool) -> Option<Reading> {
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
    let mut out = Reading::new(Obfuscation::Acrostic);
    let mut clause: Option<(usize, char)> = None; // first or last character so far
    let mut emit = |clause: &mut Option<(usize, char)>| {
        if let Some((i, c)) = clause.take() {
            out.push(normalize_letter(c), i, i + c.len_utf8());
        }
    };
    for (i, c) in text.char_indices() {
        if is_break(c) {
            emit(&mut clause);
        } else if last || clause.is_none() {
            clause = Some((i, c));
        }
    }
    emit(&mut clause);
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
            decoded(morse("-.- .. .-.. .-.. / -- . (morse lol)")),
            "kill me"
        );
        assert_eq!(decoded(morse("-.- -.-- ... , seriously")), "kys");
        assert_eq!(decoded(morse("wait... what -- no... ok")), "");
        assert_eq!(decoded(morse("2024-05-06 ... 10:30")), "");
    }

    #[test]
    fn base64_tokens_that_decode_to_text() {
        assert_eq!(decoded(base64("5q2744Gr44Gf44GE ←base64")), "死にたい");
        assert_eq!(decoded(base64("aGVscCBtZQ== pls")), "help me");
        // Words, IDs and numbers stay as they are.
        assert_eq!(
            decoded(base64("password1234 Sakura2007abc 09012345678")),
            ""
        );
        assert_eq!(decoded(base64("internationalization")), "");
    }

    #[test]
    fn pager_codes_two_digits_a_kana() {
        assert_eq!(decoded(pager("32524112 ←ポケベル")), "しにたい");
        assert_eq!(decoded(pager("123")), "");
    }

    #[test]
    fn acrostics_read_first_or_last_characters() {
        let text = "しゅくだい終わらん。にんじん残した。たいいく嫌。いぬの散歩。←縦読み";
        assert!(decoded(acrostic(text, false)).starts_with("しにたい"));
        let text = "ひまだし／カレーだったのに／ゲームしてた／寒い　←おしりの文字";
        assert!(decoded(acrostic(text, true)).starts_with("しにたい"));
    }

    #[test]
    fn spans_map_back_to_the_code() {
        let text = "x -.- .. .-.. .-..";
        let r = morse(text).expect("morse");
        let (s, e) = r.original_range(0, r.text.len()).expect("covered");
        assert_eq!(&text[s..e], "-.- .. .-.. .-..");
    }
}
