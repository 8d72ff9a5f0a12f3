//! Text written as bytes: base64, binary and hexadecimal ASCII, and escaped characters
//! (HTML references, URL percent-encoding, \u escapes).

use super::Reading;
use crate::normalize::Obfuscation;

/// Tokens of base64 (「5q2744Gr44Gf44GE」) that decode to text: valid UTF-8 without control
/// characters. A token needs eight or more characters, a length that is a multiple of four
/// and a digit, `+` or `/` or both cases of letters, so ordinary words are left alone.
pub(super) fn base64(text: &str) -> Option<Reading> {
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

/// Bytes decoded from a code become text only if they are UTF-8 without control characters.
fn as_text(bytes: Vec<u8>) -> Option<String> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Bytes that are not UTF-8 may be Shift_JIS, the older encoding of Japanese
        // (「82D4 82BD 82EA 82BD」 = ぶたれた); only a reading with kana or kanji counts.
        Err(e) => encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(e.as_bytes())
            .filter(|t| {
                t.chars()
                    .any(|c| matches!(c, '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
            })?
            .into_owned(),
    };
    (text.chars().count() >= 2 && !text.chars().any(char::is_control)).then_some(text)
}

/// Binary ASCII or UTF-8 (「01100100 01101001 01100101」 = "die"): runs of 0s and 1s, each a
/// whole number of bytes, three bytes or more in all.
pub(super) fn binary(text: &str) -> Option<Reading> {
    groups(
        text,
        |token| token.len() % 8 == 0 && token.bytes().all(|b| b == b'0' || b == b'1'),
        24,
        |bits| {
            bits.as_bytes()
                .chunks(8)
                .map(|byte| byte.iter().fold(0u8, |acc, &b| acc << 1 | (b - b'0')))
                .collect()
        },
    )
}

/// Hexadecimal ASCII or UTF-8 (「6d 69 6c 6c 79」), read where the message says so: runs of
/// hex digits, each a whole number of bytes, three bytes or more in all.
pub(super) fn hex(text: &str) -> Option<Reading> {
    groups(
        text,
        |token| {
            let digits = token.strip_prefix("0x").unwrap_or(token);
            !digits.is_empty()
                && digits.len() % 2 == 0
                && digits.bytes().all(|b| b.is_ascii_hexdigit())
        },
        6,
        |digits| {
            digits
                .as_bytes()
                .chunks(2)
                .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
                .collect()
        },
    )
}

/// Runs of space-separated tokens that `is_token` accepts, each run decoded by `decode`
/// from its tokens' digits joined (at least `min_digits` of them) and read in place with
/// the words around it (「i want to 01100100 01101001 01100101 tonight」); a run that does
/// not decode to text is kept as written.
fn groups(
    text: &str,
    is_token: impl Fn(&str) -> bool,
    min_digits: usize,
    decode: impl Fn(&str) -> Vec<u8>,
) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Encoded);
    let mut decoded_any = false;
    let keep = |out: &mut Reading, start: usize, written: &str| {
        for (i, c) in written.char_indices() {
            out.push(c, start + i, start + i + c.len_utf8());
        }
    };
    // The current run: start, end, digits.
    let mut run: Option<(usize, usize, String)> = None;
    let mut flush = |run: &mut Option<(usize, usize, String)>, out: &mut Reading| {
        let Some((start, end, digits)) = run.take() else {
            return;
        };
        let decoded = (digits.len() >= min_digits)
            .then(|| as_text(decode(&digits)))
            .flatten();
        match decoded {
            Some(decoded) => {
                for c in decoded.chars() {
                    out.push(c, start, end);
                }
                decoded_any = true;
            }
            None => keep(out, start, &text[start..end]),
        }
        out.push(' ', end, end);
    };
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let mut start = at;
        at += word.len();
        let mut token = word.trim_end();
        // Codes often follow a word with no space (「父に82D4 82BD」): the word is kept and
        // the code after it starts the run.
        if !is_token(token) {
            if let Some((i, c)) = token.char_indices().rev().find(|(_, c)| !c.is_ascii()) {
                let tail = &token[i + c.len_utf8()..];
                if !tail.is_empty() && is_token(tail) {
                    flush(&mut run, &mut out);
                    keep(&mut out, start, &token[..i + c.len_utf8()]);
                    start += i + c.len_utf8();
                    token = tail;
                }
            }
        }
        if !token.is_empty() && is_token(token) {
            let digits = token.strip_prefix("0x").unwrap_or(token);
            let entry = run.get_or_insert_with(|| (start, start, String::new()));
            entry.1 = start + token.len();
            entry.2.push_str(digits);
        } else {
            flush(&mut run, &mut out);
            keep(&mut out, start, word);
        }
    }
    flush(&mut run, &mut out);
    decoded_any.then_some(out)
}

/// Characters escaped as a program would write them, read in place with the text around
/// them: HTML references (「&#27572;られた」, &#x6BB4;), URL percent-encoding
/// (%E6%AD%BB%E3%81%AD) and \u escapes (\u30d1\u30d1).
pub(super) fn escapes(text: &str) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Encoded);
    let mut decoded_any = false;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if let Some((chars, len)) = html_reference(rest)
            .or_else(|| unicode_escapes(rest))
            .or_else(|| percent_run(rest))
        {
            // Each decoded character keeps the part of the code it came from.
            let step = len / chars.len().max(1);
            for (k, c) in chars.iter().enumerate() {
                let end = if k + 1 == chars.len() {
                    i + len
                } else {
                    i + (k + 1) * step
                };
                out.push(*c, i + k * step, end);
            }
            decoded_any = true;
            i += len;
            continue;
        }
        let c = rest.chars().next().expect("inside the text");
        out.push(c, i, i + c.len_utf8());
        i += c.len_utf8();
    }
    decoded_any.then_some(out)
}

/// 「&#27572;」 or 「&#x6BB4;」 at the start of `rest`.
fn html_reference(rest: &str) -> Option<(Vec<char>, usize)> {
    let body = rest.strip_prefix("&#")?;
    let end = body.find(';')?;
    let number = &body[..end];
    let value = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    let c = char::from_u32(value).filter(|c| !c.is_control())?;
    Some((vec![c], 2 + end + 1))
}

/// A run of 「\uXXXX」 escapes at the start of `rest` (surrogate pairs joined).
fn unicode_escapes(rest: &str) -> Option<(Vec<char>, usize)> {
    let mut units = Vec::new();
    let mut len = 0;
    while let Some(hex) = rest[len..]
        .strip_prefix("\\u")
        .or_else(|| rest[len..].strip_prefix("\\U"))
    {
        let Some(unit) = hex.get(..4).and_then(|h| u16::from_str_radix(h, 16).ok()) else {
            break;
        };
        units.push(unit);
        len += 6;
    }
    let chars: Vec<char> = char::decode_utf16(units).collect::<Result<_, _>>().ok()?;
    (!chars.is_empty() && !chars.iter().any(|c| c.is_control())).then_some((chars, len))
}

/// A run of 「%XX」 bytes at the start of `rest` that is UTF-8 text with something beyond
/// ASCII in it (a URL's %20 and %2F stay as they are).
fn percent_run(rest: &str) -> Option<(Vec<char>, usize)> {
    let mut bytes = Vec::new();
    let mut len = 0;
    while let Some(hex) = rest[len..].strip_prefix('%') {
        let Some(byte) = hex.get(..2).and_then(|h| u8::from_str_radix(h, 16).ok()) else {
            break;
        };
        bytes.push(byte);
        len += 3;
    }
    let text = String::from_utf8(bytes).ok()?;
    (!text.is_ascii() && !text.chars().any(char::is_control)).then(|| (text.chars().collect(), len))
}
