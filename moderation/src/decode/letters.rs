//! Codes over Latin letters: rot13, Caesar shifts, atbash, a keyboard shifted by one key,
//! A1Z26 letter numbers, Morse and old-phone multi-tap.

use super::{Reading, Runs};
use crate::normalize::Obfuscation;

/// A Caesar shift: each letter `step` places along the alphabet (rot13 is a shift of 13).
pub(super) fn caesar(c: char, step: u8) -> char {
    match c {
        'a'..='z' => (b'a' + (c as u8 - b'a' + step) % 26) as char,
        'A'..='Z' => (b'A' + (c as u8 - b'A' + step) % 26) as char,
        _ => c,
    }
}

/// Atbash: a ↔ z, b ↔ y, …
pub(super) fn atbash(c: char) -> char {
    match c {
        'a'..='z' => (b'z' - (c as u8 - b'a')) as char,
        'A'..='Z' => (b'Z' - (c as u8 - b'A')) as char,
        _ => c,
    }
}

/// The letter a mirrored letter stands for, for the characters that mostly occur in mirrored
/// text (ɘ, ɿ, ɒ, ƨ …); b and d, p and q swap in [`mirror`].
fn mirror_only(c: char) -> Option<char> {
    Some(match c {
        'ɒ' => 'a',
        'ɔ' | 'Ɔ' | 'Ↄ' | 'ↄ' => 'c',
        'ɘ' | 'Ǝ' => 'e',
        'ꟻ' => 'f',
        'ʞ' => 'k',
        '⅃' => 'l',
        'ᴎ' => 'n',
        'ᴙ' | 'ɿ' => 'r',
        'ƨ' | 'Ƨ' | 'ꙅ' | 'Ꙅ' => 's',
        'ƚ' => 't',
        _ => return None,
    })
}

/// Each word spelt backwards where it stands ("dad dehcnup em"), read where the message
/// says to read it backwards: the words turned round, their order kept.
pub(super) fn words_reversed(text: &str) -> Reading {
    let mut out = Reading::new(Obfuscation::Reversed);
    let mut word: Vec<(usize, char)> = Vec::new();
    let flush = |word: &mut Vec<(usize, char)>, out: &mut Reading| {
        for (i, c) in word.drain(..).rev() {
            out.push(c, i, i + c.len_utf8());
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            word.push((i, c));
        } else {
            flush(&mut word, &mut out);
            out.push(c, i, i + c.len_utf8());
        }
    }
    flush(&mut word, &mut out);
    Reading { prose: true, ..out }
}

/// Tap code: each letter a row and a column of the 5×5 square without K (C stands for it),
/// written 「2-4」; `/` or a full stop between words; four letters or more.
pub(super) fn tap_code(text: &str) -> Option<Reading> {
    const SQUARE: &[u8; 25] = b"abcdefghijlmnopqrstuvwxyz";
    super::pairs(text, Obfuscation::Cipher, 4, |row, column| {
        let at = (row.checked_sub(1)? * 5 + column.checked_sub(1)?) as usize;
        (row <= 5 && column <= 5).then(|| char::from(SQUARE[at]))
    })
}

/// Text written in a mirror ("ƨɘʞil ybodon"): the characters in reverse order, each read
/// as the letter it mirrors; where two or more characters of mirrored text stand.
pub(super) fn mirrored(text: &str) -> Option<Reading> {
    let only = text
        .chars()
        .filter(|&c| !c.is_ascii() && mirror_only(c).is_some());
    if only.take(2).count() < 2 {
        return None;
    }
    let mut r = Reading::new(Obfuscation::UpsideDown);
    for (i, c) in text.char_indices().rev() {
        let m = mirror_only(c).unwrap_or(match c {
            'b' => 'd',
            'd' => 'b',
            'p' => 'q',
            'q' => 'p',
            _ => c,
        });
        r.push(m, i, i + c.len_utf8());
    }
    Some(Reading { prose: true, ..r })
}

/// The rows of a QWERTY keyboard, unshifted.
const KEY_ROWS: [&[u8]; 4] = [
    b"`1234567890-=",
    b"qwertyuiop[]\\",
    b"asdfghjkl;'",
    b"zxcvbnm,./",
];

/// Typing with the hands one key off (「lo;; ,udr;g」 is "kill myself" typed one key to the
/// right): each key read as its neighbour `step` keys along the row, or the character
/// itself if it has none.
pub(super) fn keyboard_shift(c: char, step: isize) -> char {
    let lower = c.to_ascii_lowercase();
    KEY_ROWS
        .iter()
        .find_map(|row| {
            let at = row.iter().position(|&k| k as char == lower)?;
            let to = at.checked_add_signed(step)?;
            row.get(to).map(|&k| k as char)
        })
        .unwrap_or(c)
}

/// A1Z26: words of letter numbers joined by hyphens (「4-1-4 8-9-20-19 13-5」 = "dad hits
/// me"). A run of such words counts when it holds four or more numbers, every one from 1 to
/// 26 without a leading zero, so dates, scores and phone numbers stay as they are.
pub(super) fn a1z26(text: &str) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut run = Reading::new(Obfuscation::Cipher);
    let mut numbers = 0;
    let mut flush = |run: &mut Reading, numbers: &mut usize| {
        if *numbers >= 4 && run.text.contains(|c: char| c != ' ') {
            out.append(run);
        }
        *run = Reading::new(Obfuscation::Cipher);
        *numbers = 0;
    };
    let mut at = 0;
    for word in text.split_inclusive([' ', '/', '　']) {
        let start = at;
        at += word.len();
        let body = word.trim_end_matches([' ', '/', '　']);
        let letters: Option<Vec<(char, usize, usize)>> = body
            .split('-')
            .scan(start, |offset, n| {
                let s = *offset;
                *offset += n.len() + 1;
                Some((n, s))
            })
            .map(|(n, s)| letter_number(n).map(|l| (l, s, s + n.len())))
            .collect();
        match letters {
            Some(letters) if body.contains('-') || (numbers > 0 && !letters.is_empty()) => {
                if !run.text.is_empty() {
                    run.push(' ', start, start);
                }
                numbers += letters.len();
                for (l, s, e) in letters {
                    run.push(l, s, e);
                }
            }
            _ => flush(&mut run, &mut numbers),
        }
    }
    flush(&mut run, &mut numbers);
    (!out.text.is_empty()).then_some(out)
}

/// A1Z26 with one number per letter and `/` between words (「9 / 23 1 14 20」 = "i want",
/// or 「9 / 23-1-14-20」 with a word's numbers joined), read where the message says a=1:
/// without hyphens, numbers in ordinary text look alike.
pub(super) fn a1z26_spaced(text: &str) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut run = Reading::new(Obfuscation::Cipher);
    let mut numbers = 0;
    let mut at = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let start = at;
        at += token.len();
        let body = token.trim_end();
        let letters: Option<Vec<char>> = body.split('-').map(letter_number).collect();
        if let Some(letters) = letters {
            for &l in &letters {
                run.push(l, start, start + body.len());
            }
            numbers += letters.len();
        } else if matches!(body, "/" | "|" | "／") && numbers > 0 {
            run.push(' ', start, start);
        } else {
            if numbers >= 4 {
                out.append(&run);
                out.push(' ', start, start);
            }
            run = Reading::new(Obfuscation::Cipher);
            numbers = 0;
        }
    }
    if numbers >= 4 {
        out.append(&run);
    }
    (!out.text.trim().is_empty()).then_some(out)
}

fn letter_number(n: &str) -> Option<char> {
    if n.is_empty() || n.len() > 2 || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u8 = n.parse().ok()?;
    (1..=26).contains(&v).then(|| (b'a' + v - 1) as char)
}

/// Old-phone multi-tap: each group of one repeated digit is a letter (「44 444」 = "hi", 2
/// for abc … 9 for wxyz).
pub(super) fn multi_tap(text: &str) -> Option<Reading> {
    const KEYS: [&str; 10] = [
        " ", "", "abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz",
    ];
    super::taps(text, Obfuscation::Cipher, |key, presses| {
        let letters = KEYS[key];
        letters.chars().nth((presses - 1) % letters.len().max(1))
    })
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
pub(super) fn morse(text: &str) -> Option<Reading> {
    morse_with(text, morse_letter)
}

/// Morse read with the code table `letter` (the Latin one, or 和文モールス for kana).
pub(super) fn morse_with(text: &str, letter: impl Fn(&[u8]) -> Option<char>) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut run = Reading::new(Obfuscation::Cipher);
    let mut letters = 0;
    let flush = |run: &mut Reading, letters: &mut usize, out: &mut Reading| {
        if *letters >= 3 {
            out.append(run);
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
            match letter(&code) {
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

/// The NATO phonetic alphabet, each code word standing for its first letter.
const PHONETIC: [&str; 30] = [
    "alfa", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
    "juliet", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
    "sierra", "tango", "uniform", "victor", "whiskey", "whisky", "x-ray", "xray", "yankee", "zulu",
];

/// The phonetic alphabet spelling a word (「kilo india lima lima」 = "kill"): runs of four or
/// more code words in a row, the letters run together. Fewer are ordinary words ("golf at
/// the hotel").
pub(super) fn phonetic_alphabet(text: &str) -> Option<Reading> {
    let mut runs = Runs::new(Obfuscation::Cipher, 4);
    let mut at = 0;
    for word in text.split_inclusive(|c: char| c.is_whitespace() || c == '/') {
        let start = at;
        at += word.len();
        let bare = word.trim_end_matches(|c: char| c.is_whitespace() || c == '/');
        if bare.is_empty() {
            continue;
        }
        let body = bare.trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
        let code = body.to_ascii_lowercase();
        if PHONETIC.contains(&code.as_str()) {
            runs.letter(char::from(code.as_bytes()[0]), start, start + body.len());
            if body.len() == bare.len() {
                continue;
            }
        }
        // A word that is no code word, or punctuation after one, ends the run.
        runs.end();
    }
    runs.finish()
}

/// Bacon's cipher: each group of five A and B (or a and b) is a letter, B a one-bit, in
/// the 26-letter alphabet (AAAAA a, BBAAB z); four groups or more in a row.
pub(super) fn bacon(text: &str) -> Option<Reading> {
    let mut runs = Runs::new(Obfuscation::Cipher, 4);
    let mut at = 0;
    for token in text.split_inclusive(' ') {
        let start = at;
        at += token.len();
        let group = token.trim_end();
        let letter = (group.len() == 5)
            .then(|| {
                group
                    .bytes()
                    .try_fold(0u8, |n, b| match b.to_ascii_uppercase() {
                        b'A' => Some(n << 1),
                        b'B' => Some(n << 1 | 1),
                        _ => None,
                    })
            })
            .flatten()
            .filter(|&n| n < 26);
        match letter {
            Some(n) => runs.letter(char::from(b'a' + n), start, start + 5),
            None => runs.end(),
        }
    }
    runs.finish()
}

/// A syllable before every vowel sound: ubbi dubbi's "ub" (「kubill mubysubelf」 = "kill
/// myself"), javanais' "av" (「savend」 = "send"), eggy-peggy's "egg"; each `infix`
/// before a vowel (y counts) is dropped.
pub(super) fn infixed(text: &str, infix: &str) -> Option<Reading> {
    let bytes = text.as_bytes();
    let n = infix.len();
    let mut out = Reading::new(Obfuscation::Cipher);
    // The end of the last infix and vowel read, whose bytes are skipped.
    let (mut dropped, mut skip_to) = (0, 0);
    for (at, c) in text.char_indices() {
        if at < skip_to {
            continue;
        }
        let is_infix = bytes
            .get(at..at + n)
            .is_some_and(|b| b.eq_ignore_ascii_case(infix.as_bytes()));
        let vowel = bytes
            .get(at + n)
            .copied()
            .filter(|b| b"aeiouyAEIOUY".contains(b));
        if let (true, Some(v)) = (is_infix, vowel) {
            out.push(char::from(v), at, at + n + 1);
            dropped += 1;
            skip_to = at + n + 1;
            continue;
        }
        out.push(c, at, at + c.len_utf8());
    }
    (dropped >= 3).then_some(out)
}
