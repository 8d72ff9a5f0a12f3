//! Codes over kana: ポケベル打ち, ガラケー打ち, 五十音 coordinates, romaji, ばびぶべぼ言葉,
//! 万葉仮名, 和文モールス, Japanese spelt in Hangul, kana numbers, 五十音 shifts and 業界用語.

use super::{Reading, Runs};
use crate::normalize::Obfuscation;

/// The 五十音 table by rows (あ行 … わ行), as pager and phone keys number them.
const ROWS: [&str; 10] = [
    "わをん",
    "あいうえお",
    "かきくけこ",
    "さしすせそ",
    "たちつてと",
    "なにぬねの",
    "はひふへほ",
    "まみむめも",
    "やゆよ",
    "らりるれろ",
];

/// ポケベル打ち: runs of an even number of digits, two per kana (row, then column of the
/// 五十音 table: 32 し, 52 に, 41 た, 12 い).
pub(super) fn pager(text: &str) -> Option<Reading> {
    // A pager puts や, ゆ, よ in columns 1, 3 and 5, and the voiced marks after わをん.
    const PAGER_ROWS: [&str; 10] = [
        "わをんﾞﾟ",
        ROWS[1],
        ROWS[2],
        ROWS[3],
        ROWS[4],
        ROWS[5],
        ROWS[6],
        ROWS[7],
        "や(ゆ)よ",
        ROWS[9],
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
                    .and_then(|c| PAGER_ROWS[row].chars().nth(c))
                    .unwrap_or(' ');
                out.push(kana, pair[0].0, pair[1].0 + 1);
            }
        }
        i = run_end + 1;
    }
    (!out.text.is_empty()).then_some(out)
}

/// ガラケー打ち: each group of one repeated digit is a kana, the digit its row and the
/// number of presses its column (「2222 9 9999 999」 = けられる).
pub(super) fn multi_tap(text: &str) -> Option<Reading> {
    super::taps(text, Obfuscation::Cipher, |key, presses| {
        let row = ROWS[key];
        row.chars().nth((presses - 1) % row.chars().count())
    })
}

/// 五十音 coordinates as two numbers, row and column of the table (「2-2 7-5 1-2」 is
/// きもい: か行 is the second row, counted from あ行); three kana or more.
pub(super) fn row_column(text: &str) -> Option<Reading> {
    super::pairs(text, Obfuscation::Cipher, 3, |row, column| {
        // The pager's rows, with わ行 the tenth rather than the zeroth.
        let row = (1..=10)
            .contains(&row)
            .then(|| ROWS[usize::from(row % 10)])?;
        row.chars().nth(usize::from(column).checked_sub(1)?)
    })
}

/// JIS 区点 codes: 「4-31 4-31 4-11」 = たたか (row 4 is hiragana from ぁ, row 5 katakana
/// from ァ, in the order of their code points).
pub(super) fn kuten(text: &str) -> Option<Reading> {
    super::pairs(text, Obfuscation::Cipher, 3, |row, cell| {
        let (first, cells) = match row {
            4 => (0x3040, 83),
            5 => (0x30A0, 86),
            _ => return None,
        };
        (1..=cells)
            .contains(&cell)
            .then(|| char::from_u32(first + u32::from(cell)))?
    })
}

/// 五十音 coordinates: 「さ行2番目、な行2番目」 = しに. Each coordinate names a row by its
/// first kana and a column by number; the decoded kana run together.
pub(super) fn coordinates(text: &str) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Cipher);
    for (i, _) in text.match_indices('行') {
        let Some(first) = text[..i].chars().next_back() else {
            continue;
        };
        let start = i - first.len_utf8();
        let Some(row) = ROWS.iter().find(|r| r.starts_with(first)) else {
            continue;
        };
        let rest = &text[i + '行'.len_utf8()..];
        let Some(column) = rest.chars().next().and_then(column_number) else {
            continue;
        };
        let after = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        let Some(suffix) = ["番目", "文字目", "つ目", "個目"]
            .iter()
            .find(|s| after.starts_with(**s))
        else {
            continue;
        };
        let end = text.len() - after.len() + suffix.len();
        if let Some(kana) = column.checked_sub(1).and_then(|c| row.chars().nth(c)) {
            out.push(kana, start, end);
        }
    }
    (out.text.chars().count() >= 2).then_some(out)
}

fn column_number(c: char) -> Option<usize> {
    match c {
        '1'..='5' => c.to_digit(10).map(|d| d as usize),
        '１'..='５' => Some(c as usize - '１' as usize + 1),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        _ => None,
    }
}

/// Japanese written in Latin letters (「kyou kusuri zenbu nonde」), read as hiragana: every
/// word that spells out as Hepburn or Kunrei syllables, run together; other words are
/// left out. Read only where the message says ローマ字, as English words spell out too.
pub(super) fn romaji(text: &str) -> Option<Reading> {
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut at = 0;
    for word in text.split_inclusive(|c: char| !c.is_ascii_alphabetic() && c != '\'') {
        let start = at;
        at += word.len();
        let letters = word.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
        if letters.len() >= 2 {
            if let Some(kana) = spell_romaji(&letters.to_ascii_lowercase()) {
                for (c, s, e) in kana {
                    out.push(c, start + s, start + e);
                }
            }
        }
    }
    (out.text.chars().count() >= 3).then_some(out)
}

/// A message in romaji that does not say so (「eki de tobikomitai」): read as
/// [`romaji`] where every word of two or more Latin letters spells out as syllables, and
/// they make four kana or more. English seldom passes: most of its sentences have a word
/// ending in a consonant other than n ("i", "so" and "no" do spell out).
pub(super) fn romaji_sentence(text: &str) -> Option<Reading> {
    // Each letter may become a kana of three bytes: past a third of the size limit the
    // reading could not be read (`readings` drops it), so it is not worth spelling out.
    if text.len() > crate::MAX_INPUT_BYTES / 3 {
        return None;
    }
    let mut kana = 0;
    for word in text.split(|c: char| !c.is_ascii_alphabetic() && c != '\'') {
        if word.len() < 2 {
            continue;
        }
        // Every romaji word ends in a vowel or ん: most English sentences stop here, before
        // anything is spelt.
        if !word.ends_with(['a', 'i', 'u', 'e', 'o', 'n', 'A', 'I', 'U', 'E', 'O', 'N']) {
            return None;
        }
        kana += spell_romaji(&word.to_ascii_lowercase())?.len();
    }
    if kana < 4 {
        return None;
    }
    romaji(text)
}

/// The kana of one romaji word, each with the byte range of the letters it came from; None
/// when some letters are no syllable.
fn spell_romaji(word: &str) -> Option<Vec<(char, usize, usize)>> {
    const VOWELS: &str = "aiueo";
    let b = word.as_bytes();
    let vowel = |i: usize| b.get(i).and_then(|&c| VOWELS.find(c as char));
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if let Some(v) = vowel(i) {
            out.push((ROWS[1].chars().nth(v)?, i, i + 1));
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied();
        if b[i] == b'n' && vowel(i + 1).is_none() && next != Some(b'y') {
            // ん before a consonant, at the end, or marked off by an apostrophe (kan'i).
            let end = if next == Some(b'\'') { i + 2 } else { i + 1 };
            out.push(('ん', i, end));
            i = end;
            continue;
        }
        if next == Some(b[i]) || (b[i] == b't' && next == Some(b'c')) {
            // A doubled consonant is a small っ (kitte, matcha).
            out.push(('っ', i, i + 1));
            i += 1;
            continue;
        }
        // The consonants before the vowel: one to three letters (k, sh, ky, ts).
        let consonants = (1..=3).find(|&n| vowel(i + n).is_some())?;
        let v = vowel(i + consonants)?;
        let end = i + consonants + 1;
        for c in syllable(&word[i..i + consonants], v)?.chars() {
            out.push((c, i, end));
        }
        i = end;
    }
    Some(out)
}

/// The kana for consonants `c` and the vowel of column `v` (0 a … 4 o).
fn syllable(c: &str, v: usize) -> Option<String> {
    const PLAIN: [(&str, &str); 17] = [
        ("k", "かきくけこ"),
        ("g", "がぎぐげご"),
        ("s", "さしすせそ"),
        ("z", "ざじずぜぞ"),
        ("t", "たちつてと"),
        ("d", "だぢづでど"),
        ("n", "なにぬねの"),
        ("h", "はひふへほ"),
        ("b", "ばびぶべぼ"),
        ("p", "ぱぴぷぺぽ"),
        ("m", "まみむめも"),
        ("r", "らりるれろ"),
        ("y", "やいゆえよ"),
        ("w", "わいうえを"),
        ("l", "らりるれろ"),
        ("f", "はひふへほ"),
        ("v", "ばびぶべぼ"),
    ];
    // Hepburn's own spellings of single kana.
    match (c, v) {
        ("sh", 1) => return Some("し".into()),
        ("ch", 1) => return Some("ち".into()),
        ("ts", 2) => return Some("つ".into()),
        ("j", 1) => return Some("じ".into()),
        _ => {}
    }
    if let Some((_, row)) = PLAIN.iter().find(|(p, _)| *p == c) {
        return row.chars().nth(v).map(String::from);
    }
    // 拗音: the い-column kana and a small ゃ, ゅ or ょ (kyo, sha, ju).
    let (i_kana, rest) = match c {
        "sh" => ('し', None),
        "ch" => ('ち', None),
        "j" => ('じ', None),
        _ if c.len() == 2 && c.ends_with('y') => ('\0', Some(&c[..1])),
        _ => return None,
    };
    let i_kana = match rest {
        Some(p) => PLAIN.iter().find(|(q, _)| *q == p)?.1.chars().nth(1)?,
        None => i_kana,
    };
    let small = match v {
        0 => 'ゃ',
        2 => 'ゅ',
        3 => 'ぇ',
        4 => 'ょ',
        _ => return None,
    };
    Some([i_kana, small].iter().collect())
}

/// The 五十音 in order, as 「あ=1」 numbers them and 五十音 shifts step along it.
const GOJUON: &str =
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん";

/// Kana numbered along the 五十音 (「あ=1」: 12 22 16 2 is しにたい): runs of three or more
/// numbers from 1 to 46.
pub(super) fn kana_numbers(text: &str) -> Option<Reading> {
    let mut runs = Runs::new(Obfuscation::Cipher, 3);
    let mut at = 0;
    for token in text.split_inclusive(|c: char| c.is_whitespace() || matches!(c, ',' | '、' | '/'))
    {
        let start = at;
        at += token.len();
        let body =
            token.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '、' | '/'));
        let kana = body
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=46).contains(n) && !body.starts_with('0'))
            .and_then(|n| GOJUON.chars().nth(n - 1));
        match kana {
            Some(k) => runs.letter(k, start, start + body.len()),
            None => runs.end(),
        }
    }
    runs.finish()
}

/// Each kana moved `step` places along the 五十音, keeping its voicing where the kana it
/// lands on has one (「べせ」 one back is 「ぶす」).
pub(super) fn gojuon_shift(text: &str, step: isize) -> Reading {
    const VOICED: [(&str, &str); 2] = [
        (
            "かきくけこさしすせそたちつてとはひふへほ",
            "がぎぐげござじずぜぞだぢづでどばびぶべぼ",
        ),
        ("はひふへほ", "ぱぴぷぺぽ"),
    ];
    let order: Vec<char> = GOJUON.chars().collect();
    let mut out = Reading::new(Obfuscation::Cipher);
    for (at, c) in text.char_indices() {
        let h = to_hiragana(c);
        // The plain kana and which voicing table it came from, if any.
        let (plain, voicing) = VOICED
            .iter()
            .enumerate()
            .find_map(|(v, (plain, voiced))| {
                let i = voiced.chars().position(|x| x == h)?;
                Some((plain.chars().nth(i)?, Some(v)))
            })
            .unwrap_or((h, None));
        let moved = order
            .iter()
            .position(|&k| k == plain)
            .and_then(|i| i.checked_add_signed(step))
            .and_then(|i| order.get(i).copied())
            .map(|k| {
                voicing
                    .and_then(|v| {
                        let (plain, voiced) = VOICED[v];
                        voiced.chars().nth(plain.chars().position(|x| x == k)?)
                    })
                    .unwrap_or(k)
            });
        out.push(moved.unwrap_or(c), at, at + c.len_utf8());
    }
    Reading { prose: true, ..out }
}

/// 業界用語: each run of kana with its halves swapped (「たいしに」 is 「しにたい」).
pub(super) fn swapped_halves(text: &str) -> Reading {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_kana = |c: char| matches!(c, 'ぁ'..='ゖ' | 'ァ'..='ヺ' | 'ー');
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|(_, c)| is_kana(*c)).count();
        if run == 0 {
            let (at, c) = chars[i];
            out.push(c, at, at + c.len_utf8());
            i += 1;
            continue;
        }
        let word = &chars[i..i + run];
        let (front, back) = word.split_at(run / 2);
        for &(at, c) in back.iter().chain(front) {
            out.push(c, at, at + c.len_utf8());
        }
        i += run;
    }
    Reading { prose: true, ..out }
}

/// Japanese spelt in Hangul (「사와라레타」 = さわられた): each syllable block read as the
/// kana it spells, as Korean writes Japanese names. A plain ㄱ or ㄷ starts a word as か or
/// た and is が or だ inside one (the aspirated ㅋ and ㅌ are か and た there); a final ㄴ, ㅇ
/// or ㅁ is ん, a final ㄱ, ㄷ, ㅂ or ㅅ a small っ. Three blocks or more.
pub(super) fn hangul(text: &str) -> Option<Reading> {
    // The 19 initial consonants in Unicode order (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ
    // ㅋ ㅌ ㅍ ㅎ), as romaji.
    const INITIALS: [&str; 19] = [
        "g", "k", "n", "d", "t", "r", "m", "b", "p", "s", "s", "", "j", "j", "ch", "k", "t", "p",
        "h",
    ];
    // The 21 vowels (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ): a glide and
    // the column of the 五十音 table (0 a … 4 o).
    const VOWELS: [(&str, usize); 21] = [
        ("", 0),
        ("", 3),
        ("y", 0),
        ("y", 3),
        ("", 4),
        ("", 3),
        ("y", 4),
        ("y", 3),
        ("", 4),
        ("w", 0),
        ("w", 3),
        ("w", 3),
        ("y", 4),
        ("", 2),
        ("w", 4),
        ("w", 3),
        ("w", 1),
        ("y", 2),
        ("", 2),
        ("", 1),
        ("", 1),
    ];
    let is_block = |c: &char| ('\u{AC00}'..='\u{D7A3}').contains(c);
    if text.chars().filter(is_block).take(3).count() < 3 {
        return None;
    }
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let Some(s) = (c as u32).checked_sub(0xAC00).filter(|&s| s < 11_172) else {
            out.push(c, at, end);
            in_word = false;
            continue;
        };
        let (initial, vowel, last) = ((s / 588) as usize, (s % 588 / 28) as usize, s % 28);
        let consonant = match (initial, in_word) {
            (0, false) => "k",
            (3, false) => "t",
            _ => INITIALS[initial],
        };
        let (glide, column) = VOWELS[vowel];
        let spelt = match (consonant, glide) {
            // ず, す and つ take ㅡ: 즈, 스, 쓰 or 츠.
            ("j", "") if vowel == 18 => "z".to_string(),
            ("ch" | "s", "") if vowel == 18 && initial != 9 => "ts".to_string(),
            ("", g) => g.to_string(),
            ("ch" | "j", _) | (_, "w") => consonant.to_string(),
            (c, g) => format!("{c}{g}"),
        };
        let kana = if spelt.is_empty() {
            ROWS[1].chars().nth(column).map(String::from)
        } else {
            syllable(&spelt, column)
        };
        for k in kana.iter().flat_map(|k| k.chars()) {
            out.push(k, at, end);
        }
        match last {
            4 | 16 | 21 => out.push('ん', at, end),
            1 | 7 | 17 | 19 | 20 => out.push('っ', at, end),
            _ => {}
        }
        in_word = true;
    }
    Some(Reading { prose: true, ..out })
}

/// ばびぶべぼ言葉: after each kana, the kana of the ば row with its vowel (「きびえべたばいび」 =
/// きえたい). Each such pair is read as its first kana; the rest of the message is kept.
pub(super) fn ba_row(text: &str) -> Option<Reading> {
    const BA_ROW: [char; 5] = ['ば', 'び', 'ぶ', 'べ', 'ぼ'];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Reading::new(Obfuscation::Cipher);
    let (mut pairs, mut i) = (0, 0);
    while i < chars.len() {
        let (at, c) = chars[i];
        let inserted = chars
            .get(i + 1)
            .filter(|&&(_, next)| vowel(c).is_some_and(|v| to_hiragana(next) == BA_ROW[v]));
        match inserted {
            Some(&(next_at, next)) => {
                out.push(c, at, next_at + next.len_utf8());
                pairs += 1;
                i += 2;
            }
            None => {
                out.push(c, at, at + c.len_utf8());
                i += 1;
            }
        }
    }
    (pairs >= 3).then_some(out)
}

fn to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// The vowel of a kana as an index into あいうえお; small ゃゅょ give the vowel of the
/// syllable they end (きゃ is read as a).
fn vowel(c: char) -> Option<usize> {
    const COLUMNS: [&str; 5] = [
        "あかさたなはまやらわがざだばぱぁゃゎ",
        "いきしちにひみりぎじぢびぴぃ",
        "うくすつぬふむゆるぐずづぶぷぅゅゔ",
        "えけせてねへめれげぜでべぺぇ",
        "おこそとのほもよろをごぞどぼぽぉょ",
    ];
    let c = to_hiragana(c);
    COLUMNS.iter().position(|column| column.contains(c))
}

/// 万葉仮名: kanji used for their sound, one per kana (「志仁多以」 = しにたい). Each kanji of
/// the table is read as its kana, the others are kept (「父爾奈具良礼流」 = 父になぐられる).
/// Read only where the message names the code, so 以上 or 本 elsewhere keep their meaning.
pub(super) fn manyogana(text: &str) -> Option<Reading> {
    // The kanji the hiragana grew from and the commonest other man'yōgana, each above its
    // kana.
    #[rustfmt::skip]
    const TABLE: [(char, char); 119] = [
        ('安', 'あ'), ('阿', 'あ'), ('以', 'い'), ('伊', 'い'), ('宇', 'う'), ('有', 'う'), ('衣', 'え'),
        ('江', 'え'), ('於', 'お'), ('加', 'か'), ('可', 'か'), ('幾', 'き'), ('支', 'き'), ('伎', 'き'),
        ('久', 'く'), ('計', 'け'), ('介', 'け'), ('己', 'こ'), ('古', 'こ'), ('許', 'こ'), ('左', 'さ'),
        ('佐', 'さ'), ('之', 'し'), ('志', 'し'), ('斯', 'し'), ('寸', 'す'), ('須', 'す'), ('世', 'せ'),
        ('勢', 'せ'), ('曽', 'そ'), ('曾', 'そ'), ('蘇', 'そ'), ('太', 'た'), ('多', 'た'), ('知', 'ち'),
        ('智', 'ち'), ('川', 'つ'), ('州', 'つ'), ('都', 'つ'), ('天', 'て'), ('弖', 'て'), ('止', 'と'),
        ('登', 'と'), ('等', 'と'), ('奈', 'な'), ('那', 'な'), ('仁', 'に'), ('爾', 'に'), ('尓', 'に'),
        ('奴', 'ぬ'), ('祢', 'ね'), ('禰', 'ね'), ('乃', 'の'), ('能', 'の'), ('野', 'の'), ('波', 'は'),
        ('八', 'は'), ('者', 'は'), ('比', 'ひ'), ('非', 'ひ'), ('不', 'ふ'), ('布', 'ふ'), ('部', 'へ'),
        ('倍', 'へ'), ('保', 'ほ'), ('本', 'ほ'), ('末', 'ま'), ('麻', 'ま'), ('満', 'ま'), ('万', 'ま'),
        ('美', 'み'), ('三', 'み'), ('武', 'む'), ('牟', 'む'), ('女', 'め'), ('売', 'め'), ('米', 'め'),
        ('毛', 'も'), ('母', 'も'), ('茂', 'も'), ('也', 'や'), ('夜', 'や'), ('耶', 'や'), ('由', 'ゆ'),
        ('遊', 'ゆ'), ('与', 'よ'), ('余', 'よ'), ('良', 'ら'), ('羅', 'ら'), ('利', 'り'), ('理', 'り'),
        ('留', 'る'), ('流', 'る'), ('類', 'る'), ('礼', 'れ'), ('例', 'れ'), ('呂', 'ろ'), ('路', 'ろ'),
        ('和', 'わ'), ('王', 'わ'), ('遠', 'を'), ('乎', 'を'), ('无', 'ん'), ('我', 'が'), ('賀', 'が'),
        ('藝', 'ぎ'), ('具', 'ぐ'), ('呉', 'ご'), ('自', 'じ'), ('受', 'ず'), ('是', 'ぜ'), ('叙', 'ぞ'),
        ('陀', 'だ'), ('豆', 'づ'), ('度', 'ど'), ('婆', 'ば'), ('備', 'び'), ('夫', 'ぶ'), ('弁', 'べ'),
    ];
    let mut out = Reading::new(Obfuscation::Cipher);
    let mut read = 0;
    for (at, c) in text.char_indices() {
        let kana = TABLE.iter().find(|&&(k, _)| k == c).map(|&(_, kana)| kana);
        read += usize::from(kana.is_some());
        out.push(kana.unwrap_or(c), at, at + c.len_utf8());
    }
    (read >= 3).then_some(out)
}

/// 和文モールス: Morse code for kana (「--.-. -.-. -. .-」 = シニタイ), ".." after a kana
/// voicing it and "..--." making it a p-sound.
pub(super) fn wabun(text: &str) -> Option<Reading> {
    super::letters::morse_with(text, wabun_kana)
}

fn wabun_kana(code: &[u8]) -> Option<char> {
    #[rustfmt::skip]
    const TABLE: [(&str, char); 51] = [
        (".-", 'イ'), (".-.-", 'ロ'), ("-...", 'ハ'), ("-.-.", 'ニ'), ("-..", 'ホ'), (".", 'ヘ'),
        ("..-..", 'ト'), ("..-.", 'チ'), ("--.", 'リ'), ("....", 'ヌ'), ("-.--.", 'ル'),
        (".---", 'ヲ'), ("-.-", 'ワ'), (".-..", 'カ'), ("--", 'ヨ'), ("-.", 'タ'), ("---", 'レ'),
        ("---.", 'ソ'), (".--.", 'ツ'), ("--.-", 'ネ'), (".-.", 'ナ'), ("...", 'ラ'), ("-", 'ム'),
        ("..-", 'ウ'), (".-..-", 'ヰ'), ("..--", 'ノ'), (".-...", 'オ'), ("...-", 'ク'),
        (".--", 'ヤ'), ("-..-", 'マ'), ("-.--", 'ケ'), ("--..", 'フ'), ("----", 'コ'),
        ("-.---", 'エ'), (".-.--", 'テ'), ("--.--", 'ア'), ("-.-.-", 'サ'), ("-.-..", 'キ'),
        ("-..--", 'ユ'), ("-...-", 'メ'), ("..-.-", 'ミ'), ("--.-.", 'シ'), (".--..", 'ヱ'),
        ("--..-", 'ヒ'), ("-..-.", 'モ'), (".---.", 'セ'), ("---.-", 'ス'), (".-.-.", 'ン'),
        (".--.-", 'ー'), ("..", '\u{3099}'), ("..--.", '\u{309a}'),
    ];
    TABLE
        .iter()
        .find(|(m, _)| m.as_bytes() == code)
        .map(|&(_, c)| c)
}
