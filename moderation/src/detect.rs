//! Structural detectors that a word list cannot express: phone numbers (including ones
//! spelled in kanji or kana digits), e-mail addresses, URLs, @handles, named schools and
//! floods. They run on the base view, where punctuation is still present.

use std::sync::LazyLock;

use crate::normalize::Chars;
use crate::ruleset::NamedPlace;
use crate::verdict::{Category, Severity};

/// A structural finding, already mapped to original byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct Found<'r> {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub severity: Severity,
    pub rule: &'r str,
}

/// The detectors read the base view by position.
impl Chars {
    fn found<'r>(
        &self,
        s: usize,
        e: usize,
        cat: Category,
        sev: Severity,
        rule: &'r str,
    ) -> Found<'r> {
        Found {
            start: self.from[s] as usize,
            end: self.to[e - 1] as usize,
            category: cat,
            severity: sev,
            rule,
        }
    }

    fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(k, ch)| k < self.c.len() && self.c[k] == ch)
    }
}

/// Kana number words, longest first where they share a start. Katakana and small kana are
/// already folded (キュウ → きゆう).
const KANA_DIGITS: &[(&str, char)] = &[
    ("ぜろ", '0'),
    ("れい", '0'),
    ("まる", '0'),
    ("おう", '0'),
    ("いち", '1'),
    ("にい", '2'),
    ("に", '2'),
    ("さん", '3'),
    ("よん", '4'),
    ("しち", '7'),
    ("し", '4'),
    ("ご", '5'),
    ("ろく", '6'),
    ("なな", '7'),
    ("はち", '8'),
    ("きゆう", '9'),
    ("きゆー", '9'),
    ("く", '9'),
];

fn kana_digit_at(ch: &Chars, i: usize) -> Option<(usize, char)> {
    KANA_DIGITS
        .iter()
        .find(|(w, _)| ch.starts_with(i, w))
        .map(|(w, d)| (w.chars().count(), *d))
}

fn is_phone_sep(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '.'
            | '('
            | ')'
            | 'ー'
            | '‐'
            | '‑'
            | '–'
            | '—'
            | '―'
            | '−'
            | '_'
            | '/'
            | ','
            | '、'
            | '・'
            | 'の'
            | '*'
            | '#'
            | '\t'
    )
}

/// Whether a digit string is a Japanese phone number (10–11 digits from a leading 0) or an
/// international one written with a plus sign.
///
/// Toll-free (0120, 0800) and navi-dial (0570) numbers are left out: they belong to
/// helplines and public services (チャイルドライン 0120-99-7777, いのちの電話 0570-…) that
/// teens and staff quote, not to a person.
pub(crate) fn is_phone(digits: &str, plus: bool) -> bool {
    let b = digits.as_bytes();
    if ["0120", "0800", "0570"]
        .iter()
        .any(|p| digits.starts_with(p))
    {
        return false;
    }
    if b.iter().all(|&d| d == b'0' || d == b'1') {
        // Binary (01101011 01101001), not a number anyone can call.
        return false;
    }
    match b.len() {
        10 | 11 if b[0] == b'0' => b[1] != b'0',
        // After a plus sign: an international number of any country (E.164 allows up to
        // fifteen digits; the shortest in use have eight).
        _ => plus && (8..=15).contains(&b.len()) && b[0] != b'0',
    }
}

/// Phone numbers: digits with at most three separator characters between them (「0 9 0 - 1 2」
/// puts a space, a hyphen and a space between two digits); in kana mode
/// the digits may also be number words (ぜろきゅうぜろ…), accepted only when the whole run
/// is a phone number.
fn phones(ch: &Chars, out: &mut Vec<Found<'_>>, ascii_pass: bool, kana_pass: bool) {
    let n = ch.c.len();
    for kana in [false, true] {
        if (kana && !kana_pass) || (!kana && !ascii_pass) {
            continue;
        }
        let mut i = 0;
        while i < n {
            let first = if ch.c[i].is_ascii_digit() {
                Some((1, ch.c[i]))
            } else if kana && matches!(ch.c[i], 'ぜ' | 'れ' | 'ま' | 'お') {
                kana_digit_at(ch, i).filter(|&(_, d)| d == '0')
            } else {
                None
            };
            let Some((len, d)) = first else {
                i += 1;
                continue;
            };
            let start = i;
            let mut digits = String::from(d);
            let mut end = i + len;
            let mut k = end;
            // Lengths of the digit groups between separators, for the North American
            // 3-3-4 layout.
            let mut groups: Vec<usize> = vec![1];
            // Where the number stood before its last digit, for a particle read as a
            // number word: the に of 「…ごろくななはち に電話して」 is 2.
            let mut before_last = (end, digits.len());
            loop {
                let mut seps = 0;
                while k < n && seps < 4 && is_phone_sep(ch.c[k]) {
                    k += 1;
                    seps += 1;
                }
                if seps > 3 || k >= n {
                    break;
                }
                let next = if ch.c[k].is_ascii_digit() {
                    Some((1, ch.c[k]))
                } else if kana {
                    kana_digit_at(ch, k)
                } else {
                    None
                };
                match next {
                    Some((l, d)) => {
                        // A new group only when a digit follows the separators: 「415-555-0134
                        // tonight」 ends with a space that starts no group.
                        if seps > 0 {
                            groups.push(0);
                        }
                        before_last = (end, digits.len());
                        digits.push(d);
                        if let Some(g) = groups.last_mut() {
                            *g += 1;
                        }
                        k += l;
                        end = k;
                    }
                    None => break,
                }
                if digits.len() > 13 {
                    break;
                }
            }
            let plus = start > 0 && ch.c[start - 1] == '+';
            // In kana, a last number word may be a particle (に, し, ご, く): the number
            // ends before it when the whole run is not one (「…5678にかけて」).
            if kana
                && !ch.c[end - 1].is_ascii_digit()
                && !is_phone(&digits, plus)
                && is_phone(&digits[..before_last.1], plus)
            {
                end = before_last.0;
                digits.truncate(before_last.1);
            }
            let glued = end < n && ch.c[end].is_ascii_digit();
            // A kanji numeral that starts the next word (…5678一人で, 一回) is not the
            // number's last digit: it is read as a digit like 〇九〇, so the number runs on.
            if !kana
                && !is_phone(&digits, plus)
                && is_phone(&digits[..before_last.1], plus)
                && end < n
                && is_ideograph(ch.c[end])
                && ch.to[end - 1] - ch.from[end - 1] == 3
            {
                end = before_last.0;
                digits.truncate(before_last.1);
            }
            // (415) 555-0134, 415-555-0134: the North American layout, separators required
            // so a plain ten-digit figure is not taken for a number.
            let nanp = !kana
                && groups == [3, 3, 4]
                && matches!(digits.as_bytes().first(), Some(b'2'..=b'9'));
            // 0808 800 5000: a UK freephone number (NSPCC, Refuge, The Mix), written with its
            // four-digit prefix apart, in an English message. Japanese mobiles written 080-8…
            // group the prefix in three, and a Japanese message keeps the number.
            let uk_freephone = !kana
                && digits.len() == 11
                && digits.starts_with("0808")
                && groups.first() == Some(&4)
                && !ch
                    .c
                    .iter()
                    .any(|&c| is_ideograph(c) || ('\u{3041}'..='\u{30FF}').contains(&c));
            if !glued && !uk_freephone && (is_phone(&digits, plus) || nanp) {
                let uses_kana = (start..end).any(|p| !ch.c[p].is_ascii() && !is_phone_sep(ch.c[p]));
                if !kana || uses_kana {
                    let s = if plus { start - 1 } else { start };
                    out.push(ch.found(
                        s,
                        end,
                        Category::Contact,
                        Severity::Medium,
                        "contact.phone",
                    ));
                }
            }
            i = end.max(i + 1);
        }
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

fn is_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_label(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

const AT_WORDS: &[&str] = &["@", "(at)", "[at]", "あつとまーく", "あつと"];
const DOT_WORDS: &[&str] = &[".", "(dot)", "[dot]", " dot ", "どつと"];
const PROVIDERS: &[&str] = &[
    "gmail", "yahoo", "icloud", "outlook", "hotmail", "docomo", "ezweb", "softbank",
];
const TLDS: &[&str] = &[
    "com", "net", "org", "jp", "me", "io", "gg", "ly", "co", "app", "xyz", "info", "link", "tv",
    "cc", "to", "us", "uk", "site", "online", "page", "be", "gl", "dev", "biz", "ne", "top",
    "shop", "club", "store", "click", "vip",
];

/// Reads `label(.label)*` from `i`; returns (end, labels).
fn domain(ch: &Chars, mut i: usize) -> (usize, Vec<String>) {
    let n = ch.c.len();
    let mut labels = Vec::new();
    loop {
        let s = i;
        while i < n && is_label(ch.c[i]) {
            i += 1;
        }
        if i == s {
            break;
        }
        labels.push(ch.c[s..i].iter().collect::<String>());
        let end = i;
        match DOT_WORDS.iter().find(|w| ch.starts_with(i, w)) {
            Some(w) if i + w.chars().count() < n && is_label(ch.c[i + w.chars().count()]) => {
                i += w.chars().count();
            }
            _ => return (end, labels),
        }
    }
    let end = i;
    (end, labels)
}

fn emails_and_handles(ch: &Chars, out: &mut Vec<Found<'_>>) {
    let n = ch.c.len();
    let mut i = 0;
    while i < n {
        let Some(at) = AT_WORDS.iter().find(|w| ch.starts_with(i, w)) else {
            i += 1;
            continue;
        };
        let at_len = at.chars().count();
        // Local part, allowing one space before the at sign ("name @ gmail").
        let mut l = i;
        if l > 0 && ch.c[l - 1] == ' ' {
            l -= 1;
        }
        let local_end = l;
        while l > 0 && is_local(ch.c[l - 1]) {
            l -= 1;
        }
        let mut r = i + at_len;
        if r < n && ch.c[r] == ' ' {
            r += 1;
        }
        let (dend, labels) = domain(ch, r);
        let domain_ok = labels.len() >= 2
            && labels
                .last()
                .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
            || labels
                .first()
                .is_some_and(|f| PROVIDERS.contains(&f.as_str()));
        if local_end > l && domain_ok {
            out.push(ch.found(
                l,
                dend,
                Category::Contact,
                Severity::Medium,
                "contact.email",
            ));
            i = dend;
            continue;
        }
        if *at == "@" && (i == 0 || !is_local(ch.c[i - 1])) {
            // An @handle: no local part, 3–30 handle characters with a letter among them.
            let mut e = i + 1;
            while e < n && (ch.c[e].is_ascii_alphanumeric() || matches!(ch.c[e], '_' | '.')) {
                e += 1;
            }
            while e > i + 1 && ch.c[e - 1] == '.' {
                e -= 1;
            }
            let len = e - i - 1;
            if (3..=30).contains(&len) && ch.c[i + 1..e].iter().any(|c| c.is_ascii_alphabetic()) {
                out.push(ch.found(i, e, Category::Contact, Severity::Low, "contact.handle"));
                i = e;
                continue;
            }
        }
        i += at_len;
    }
}

/// Messenger and SNS names as they appear in the base view (katakana folded to hiragana,
/// small kana to large), longest first where one starts another.
const PLATFORMS: &[&str] = &[
    "instagram",
    "insta",
    "ig",
    "snapchat",
    "snap",
    "discord",
    "kik",
    "kakao",
    "telegram",
    "tiktok",
    "twitter",
    "line",
    // An account handed over with no platform named: 「ID kasegu01」, "id: yuki_22". The
    // ID must still look like one (a letter, and a digit, `_` or `.`).
    "id",
    "いんすた",
    "らいん",
    "でいすこーど",
    "でいすこ",
    "すなちや",
    "かかお",
    "てれぐらむ",
    "ついつたー",
];

/// [`PLATFORMS`] as characters: they are compared at many places of a message.
static PLATFORM_CHARS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| PLATFORMS.iter().map(|p| p.chars().collect()).collect());

/// Words that may stand between a platform name and an ID: `LINE ID: yuki_22`,
/// `インスタは yuki.0321`, `my snap is yuki22`.
const ID_GLUE: &[&str] = &[
    "id",
    "is",
    "me",
    "は",
    "の",
    "です",
    "→",
    "=",
    ":",
    "-",
    ">",
    "@",
    " ",
    "、",
    ",",
    "垢",
    "あか",
    "で検索",
];

/// Whether a platform name may start with `c`: most characters cannot, and checking this
/// first keeps the scan from trying every name at every position.
fn may_start_platform(c: char) -> bool {
    matches!(
        c,
        'i' | 's' | 'd' | 'k' | 't' | 'l' | 'い' | 'ら' | 'で' | 'す' | 'か' | 'て' | 'つ'
    ) || leet_letter(c).is_some()
}

/// The letters a digit or symbol may stand for in a platform name written in leet
/// (d1sc0rd, 1nst4, $nap).
fn leet_letter(c: char) -> Option<&'static str> {
    Some(match c {
        '0' => "o",
        '1' | '!' | '|' => "il",
        '3' => "e",
        '4' | '@' => "a",
        '5' | '$' => "s",
        '7' | '+' => "t",
        _ => return None,
    })
}

/// Whether the platform name `p` is written at `i`, letters or their leet stand-ins.
fn platform_at(ch: &Chars, i: usize, p: &[char]) -> bool {
    (i..).zip(p.iter().copied()).all(|(k, want)| {
        ch.c.get(k).is_some_and(|&c| {
            c == want
                || (want.is_ascii_lowercase() && leet_letter(c).is_some_and(|l| l.contains(want)))
        })
    })
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '#')
}

/// An account ID written after a platform name without an at sign: `LINE: yuki_0321`,
/// `インスタ→ yuki.0321`. The ID must look like one (a digit, `_` or `.` besides letters),
/// so `discord is down` and `line is long` are not IDs.
fn platform_ids(ch: &Chars, out: &mut Vec<Found<'_>>) {
    let n = ch.c.len();
    let mut i = 0;
    while i < n {
        // A dot or underscore before a Latin name makes it part of an identifier (`a.id`,
        // `user_line`), not a platform.
        let latin_before =
            i > 0 && (ch.c[i - 1].is_ascii_alphanumeric() || matches!(ch.c[i - 1], '.' | '_'));
        // Inside a Latin word no name can start: the Latin ones need a word boundary and
        // the kana ones a kana letter. Most letters of an English message end here.
        if !may_start_platform(ch.c[i]) || (latin_before && ch.c[i].is_ascii()) {
            i += 1;
            continue;
        }
        let leet = leet_letter(ch.c[i]).is_some();
        let Some(p) = PLATFORM_CHARS.iter().find(|p| {
            (leet || p.first() == Some(&ch.c[i]))
                && platform_at(ch, i, p)
                && (!p.iter().all(char::is_ascii)
                    || (!latin_before
                        && !ch
                            .c
                            .get(i + p.len())
                            .is_some_and(|c| c.is_ascii_alphanumeric())))
        }) else {
            i += 1;
            continue;
        };
        let name_end = i + p.len();
        let mut k = name_end;
        // At most a few glue words, then the ID. Spaces between them are free: spaced-out
        // writing (「ﾗｲﾝ の ID は momo_112」) puts one between every word.
        for _ in 0..4 {
            while ch.c.get(k) == Some(&' ') {
                k += 1;
            }
            match ID_GLUE.iter().find(|g| {
                ch.starts_with(k, g)
                    && (!g.chars().all(|c| c.is_ascii_alphabetic())
                        || !ch
                            .c
                            .get(k + g.chars().count())
                            .is_some_and(|c| c.is_ascii_alphanumeric()))
            }) {
                Some(g) => k += g.chars().count(),
                None => break,
            }
        }
        let s = k;
        // IDs are at most 30 characters; the cap keeps 「line-line-line-…」 linear (every
        // platform name would otherwise scan the whole run after it).
        while k < n && k - s <= 30 && is_handle_char(ch.c[k]) {
            k += 1;
        }
        let too_long = k - s > 30;
        while k > s && matches!(ch.c[k - 1], '.' | '-') {
            k -= 1;
        }
        let id = &ch.c[s..k];
        // Glue is required and the ID starts with a letter or digit, so identifiers in
        // code or URLs (`line_id`, `line.save`) are not read as accounts.
        let looks_like_id = !too_long
            && s > name_end
            && id.first().is_some_and(|c| c.is_ascii_alphanumeric())
            && (3..=30).contains(&id.len())
            && id.iter().any(|c| c.is_ascii_alphabetic())
            && id
                .iter()
                .any(|c| c.is_ascii_digit() || matches!(c, '_' | '.'));
        if looks_like_id && !(k < n && ch.c[k] == '@') {
            out.push(ch.found(
                i,
                k,
                Category::Contact,
                Severity::Medium,
                "contact.platform_id",
            ));
            i = k;
            continue;
        }
        i += 1;
    }
}

/// Digit words in English and in romaji (a Japanese number read aloud and typed in Latin
/// letters: "zero kyuu zero, ichi ni san yon …"), read as digits when a message has ten or
/// more of them. Sorted, so the words of one first letter are found by binary search.
const DIGIT_WORDS: &[(&str, char)] = &[
    ("eight", '8'),
    ("five", '5'),
    ("four", '4'),
    ("go", '5'),
    ("hachi", '8'),
    ("ichi", '1'),
    ("ku", '9'),
    ("kyu", '9'),
    ("kyuu", '9'),
    ("maru", '0'),
    ("nana", '7'),
    ("ni", '2'),
    ("nii", '2'),
    ("nine", '9'),
    ("oh", '0'),
    ("one", '1'),
    ("rei", '0'),
    ("roku", '6'),
    ("san", '3'),
    ("seven", '7'),
    ("shi", '4'),
    ("shichi", '7'),
    ("six", '6'),
    ("three", '3'),
    ("two", '2'),
    ("yon", '4'),
    ("zero", '0'),
];

/// The digit words starting with `c`.
fn digit_words_from(c: char) -> &'static [(&'static str, char)] {
    // Every digit word is lower-case ASCII; most characters of a message are not.
    if !c.is_ascii_lowercase() {
        return &[];
    }
    let first = |w: &str| w.as_bytes()[0];
    let c = c as u8;
    let lo = DIGIT_WORDS.partition_point(|(w, _)| first(w) < c);
    let len = DIGIT_WORDS[lo..].partition_point(|(w, _)| first(w) == c);
    &DIGIT_WORDS[lo..lo + len]
}

/// The characters with every digit word (a whole Latin word) replaced by its
/// digit, keeping the word's original range; `None` unless there are ten or more.
fn digit_words(ch: &Chars) -> Option<Chars> {
    let n = ch.c.len();
    let word_at = |i: usize| -> Option<(usize, char)> {
        if i > 0 && ch.c[i - 1].is_ascii_alphanumeric() {
            return None;
        }
        digit_words_from(*ch.c.get(i)?).iter().find_map(|(w, d)| {
            let l = w.len();
            (ch.starts_with(i, w) && !ch.c.get(i + l).is_some_and(|c| c.is_ascii_alphanumeric()))
                .then_some((l, *d))
        })
    };
    let count = (0..n).filter(|&i| word_at(i).is_some()).count();
    if count < 10 {
        return None;
    }
    let mut out = Chars::default();
    let mut i = 0;
    while i < n {
        if let Some((l, d)) = word_at(i) {
            out.c.push(d);
            out.from.push(ch.from[i]);
            out.to.push(ch.to[i + l - 1]);
            i += l;
            continue;
        }
        // A space or hyphen between two digit words joins them into one group, so that
        // commas mark the groups: "nine one seven, four four two, …" reads 917, 442, ….
        if (ch.c[i] == ' ' || ch.c[i] == '-')
            && out.c.last().is_some_and(char::is_ascii_digit)
            && word_at(i + 1).is_some()
        {
            i += 1;
            continue;
        }
        out.c.push(ch.c[i]);
        out.from.push(ch.from[i]);
        out.to.push(ch.to[i]);
        i += 1;
    }
    Some(out)
}

/// Words read as the mark they name between two parts of a spelled-out ID.
const SPELLED_MARKS: &[(&str, char)] = &[
    (" dot ", '.'),
    (" underscore ", '_'),
    (" under score ", '_'),
    (" period ", '.'),
    (" dash ", '-'),
    (" hyphen ", '-'),
];

/// The characters with a spelled-out ID joined up, or `None` when there is nothing to
/// join: runs of three or more single letters or digits with spaces between them
/// (「r i n g o _ 1 1 0 9」) lose the spaces, and a mark word between two handle characters
/// (" dot ", " underscore ") becomes the mark, keeping the word's original range.
fn spelled_out(ch: &Chars) -> Option<Chars> {
    let n = ch.c.len();
    let single = |i: usize| {
        i < n
            && is_handle_char(ch.c[i])
            && (i == 0 || !is_handle_char(ch.c[i - 1]))
            && (i + 1 >= n || !is_handle_char(ch.c[i + 1]))
    };
    let spaced = (0..n.saturating_sub(2)).any(|i| ch.c[i + 1] == ' ' && single(i) && single(i + 2));
    let worded = || {
        (0..n).any(|i| ch.c[i] == ' ' && SPELLED_MARKS.iter().any(|(w, _)| ch.starts_with(i, w)))
    };
    if !spaced && !worded() {
        return None;
    }
    let mut out = Chars::default();
    let mut changed = false;
    let mut i = 0;
    while i < n {
        // A spaced run: x y z ... (three or more single characters).
        if single(i) {
            let mut k = i;
            let mut count = 1;
            while k + 2 < n && ch.c[k + 1] == ' ' && single(k + 2) {
                k += 2;
                count += 1;
            }
            if count >= 3 {
                for j in (i..=k).step_by(2) {
                    out.c.push(ch.c[j]);
                    out.from.push(ch.from[j]);
                    out.to.push(ch.to[j]);
                }
                changed = true;
                i = k + 1;
                continue;
            }
        }
        if i > 0 && ch.c[i] == ' ' && is_handle_char(ch.c[i - 1]) {
            if let Some((w, mark)) = SPELLED_MARKS.iter().find(|(w, _)| {
                ch.starts_with(i, w)
                    && ch
                        .c
                        .get(i + w.chars().count())
                        .is_some_and(|&c| is_handle_char(c))
            }) {
                let e = i + w.chars().count();
                out.c.push(*mark);
                out.from.push(ch.from[i + 1]);
                out.to.push(ch.to[e - 2]);
                changed = true;
                i = e;
                continue;
            }
        }
        out.c.push(ch.c[i]);
        out.from.push(ch.from[i]);
        out.to.push(ch.to[i]);
        i += 1;
    }
    changed.then_some(out)
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn urls(ch: &Chars, out: &mut Vec<Found<'_>>) {
    let n = ch.c.len();
    let mut i = 0;
    while i < n {
        if ["http://", "https://", "www."]
            .iter()
            .any(|p| ch.starts_with(i, p))
            && (i == 0 || !ch.c[i - 1].is_ascii_alphanumeric())
        {
            let mut e = i;
            while e < n && is_url_char(ch.c[e]) {
                e += 1;
            }
            out.push(ch.found(i, e, Category::Contact, Severity::Low, "contact.url"));
            i = e;
            continue;
        }
        // Bare domains: label.tld where tld is a known one, e.g. line.me, discord.gg.
        if ch.c[i] == '.' && i > 0 && is_label(ch.c[i - 1]) {
            let mut s = i;
            while s > 0 && is_label(ch.c[s - 1]) {
                s -= 1;
            }
            let mut e = i + 1;
            while e < n && ch.c[e].is_ascii_alphabetic() {
                e += 1;
            }
            let tld: String = ch.c[i + 1..e].iter().collect();
            let left_has_letter = ch.c[s..i].iter().any(|c| c.is_ascii_alphabetic());
            let boundary = e >= n || !ch.c[e].is_ascii_alphanumeric();
            let after_at = s > 0 && ch.c[s - 1] == '@';
            if TLDS.contains(&tld.as_str()) && left_has_letter && boundary && !after_at {
                while e < n && is_url_char(ch.c[e]) && ch.c[e] != '@' {
                    e += 1;
                }
                while e > i + 1 && matches!(ch.c[e - 1], '.' | ',' | ')' | '!' | '?') {
                    e -= 1;
                }
                out.push(ch.found(s, e, Category::Contact, Severity::Low, "contact.url"));
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

fn is_name_char(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '0'..='9')
}

/// Prefixes that make a kana run before 高校/中学 a school's name.
const ADMIN_PREFIXES: &[&str] = &[
    "県立", "市立", "都立", "府立", "道立", "区立", "町立", "村立", "私立", "国立", "公立",
];

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// Where a kana school name of 3 to 8 characters starts, if one ends at `i` right after an
/// administrative prefix (県立みなと高校). Runs holding の or starting with a particle-like
/// word (とか, って, じゃ) are everyday speech, not names.
fn kana_name_start(ch: &Chars, i: usize) -> Option<usize> {
    let mut s = i;
    while s > 0 && i - s < 8 && is_kana(ch.c[s - 1]) {
        s -= 1;
    }
    let run = &ch.c[s..i];
    if run.len() < 3 || run.contains(&'の') {
        return None;
    }
    let text: String = run.iter().collect();
    if ["とか", "って", "じゃ", "から", "まで", "なら", "でも"]
        .iter()
        .any(|p| text.starts_with(p))
    {
        return None;
    }
    ADMIN_PREFIXES
        .iter()
        .find(|p| {
            let n = p.chars().count();
            s >= n && ch.c[s - n..s].iter().copied().eq(p.chars())
        })
        .map(|p| s - p.chars().count())
}

fn is_address_sep(c: char) -> bool {
    matches!(c, '-' | 'ー' | '‐' | '‑' | '–' | '—' | '―' | '−' | 'の')
}

/// Up to three numbers of at most four digits joined by hyphens (or の), each maybe in
/// brackets as NFKC writes ⑶: how many there are, the length of the first, and where the
/// last ends. A longer run of digits is no address number.
fn number_groups(c: &[char], mut i: usize) -> (usize, usize, usize) {
    let (mut groups, mut first, mut end) = (0, 0, i);
    loop {
        let open = c.get(i) == Some(&'(');
        let d0 = i + usize::from(open);
        let mut k = d0;
        while k < c.len() && c[k].is_ascii_digit() {
            k += 1;
        }
        let n = k - d0;
        if n == 0 || n > 4 || (open && c.get(k) != Some(&')')) {
            break;
        }
        k += usize::from(open);
        if groups == 0 {
            first = n;
        }
        groups += 1;
        end = k;
        if groups == 3 || !c.get(k).is_some_and(|&s| is_address_sep(s)) {
            break;
        }
        i = k + 1;
    }
    (groups, first, end)
}

/// Names that end a town or a ward, after which two numbers are already a block and a lot.
const TOWN_ENDINGS: &[char] = &['町', '区', '村', '市', '目', '条'];

/// A block address written after a place name (長吉2-8-15, 東町5-3-17, 桜木町②-⑤-⑪).
/// Three numbers after a kanji name are an address; two only after a town's or a ward's
/// name, since 前半3-2 is a score; a first number of four digits is a year
/// (日付2024-05-06) and one from 0 a phone number, not a block. A postcode alone (〒812-0011)
/// names a district, not a home.
fn block_addresses(ch: &Chars, out: &mut Vec<Found<'_>>) {
    let c = &ch.c;
    let mut i = 1;
    while i < c.len() {
        let before = c[i - 1];
        let starts_number = c[i].is_ascii_digit() || c[i] == '(';
        let after_name = is_name_char(before) && !before.is_ascii_digit();
        if !starts_number || !after_name {
            i += 1;
            continue;
        }
        let (groups, first, end) = number_groups(c, i);
        // 「死(」 at the very end opens a bracket with nothing after it.
        let leading_zero = c.get(i + usize::from(c[i] == '(')) == Some(&'0');
        let address = !leading_zero
            && first <= 3
            && (groups == 3 || (groups == 2 && TOWN_ENDINGS.contains(&before)));
        if address {
            let mut s = i - 1;
            while s > 0 && i - s < 8 && is_name_char(c[s - 1]) && !c[s - 1].is_ascii_digit() {
                s -= 1;
            }
            out.push(ch.found(
                s,
                end,
                Category::PersonalInfo,
                Severity::Medium,
                "personal_info.block_address",
            ));
        }
        i = end.max(i + 1);
    }
}

/// Words that end an English street name.
const STREET_TYPES: &[&str] = &[
    "street",
    "st",
    "lane",
    "ln",
    "road",
    "rd",
    "avenue",
    "ave",
    "close",
    "drive",
    "dr",
    "crescent",
    "court",
    "grove",
    "terrace",
    "gardens",
    "way",
    "place",
    "mews",
    "boulevard",
];

/// Words that are not part of a street's name: "it's 5 minutes down the road".
const NOT_STREET_NAMES: &[&str] = &[
    "minutes", "mins", "min", "miles", "mile", "km", "kms", "metres", "meters", "yards", "down",
    "up", "the", "a", "of", "from", "along", "across", "my", "your", "our", "their", "and", "or",
    "times", "houses", "doors", "streets", "roads", "blocks",
];

/// An English house number and street said as where the writer is or lives: "i'm at 22 Elm
/// Street", "my address is 14 Barley Mow Lane". The number must follow "at", "on" or "is"
/// and one to three name words must come before the street type.
fn street_addresses(ch: &Chars, out: &mut Vec<Found<'_>>) {
    let c = &ch.c;
    // Words as (start, end) positions in the base view: runs of ASCII letters and digits.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_alphanumeric() {
            let s = i;
            while i < c.len() && c[i].is_ascii_alphanumeric() {
                i += 1;
            }
            words.push((s, i));
        } else {
            i += 1;
        }
    }
    let word = |k: usize| -> String { c[words[k].0..words[k].1].iter().collect() };
    for k in 1..words.len() {
        // Most words start with a letter; only a number can begin an address.
        if !c[words[k].0].is_ascii_digit() {
            continue;
        }
        let number = word(k);
        let digits = number.bytes().take_while(u8::is_ascii_digit).count();
        let house_number =
            (1..=4).contains(&digits) && number.len() <= digits + 1 && !number.starts_with('0');
        if !house_number || !["at", "on", "is"].contains(&word(k - 1).as_str()) {
            continue;
        }
        for len in 1..=3 {
            let Some(last) = words.get(k + len + 1) else {
                break;
            };
            let name_ok = (k + 1..=k + len).all(|n| {
                let w = word(n);
                w.bytes().all(|b| b.is_ascii_alphabetic())
                    && !NOT_STREET_NAMES.contains(&w.as_str())
            });
            if !name_ok {
                break;
            }
            let street_type: String = c[last.0..last.1].iter().collect();
            if STREET_TYPES.contains(&street_type.as_str()) {
                out.push(ch.found(
                    words[k].0,
                    last.1,
                    Category::PersonalInfo,
                    Severity::Medium,
                    "personal_info.street_address",
                ));
                break;
            }
        }
    }
}

/// Digits after a point: at least three make a coordinate precise enough to find a home.
fn decimal_at(c: &[char], i: usize) -> Option<usize> {
    let int = c[i..].iter().take_while(|d| d.is_ascii_digit()).count();
    if !(1..=3).contains(&int) || c.get(i + int) != Some(&'.') {
        return None;
    }
    let frac = c[i + int + 1..]
        .iter()
        .take_while(|d| d.is_ascii_digit())
        .count();
    (frac >= 3).then_some(i + int + 1 + frac)
}

/// The letters of Open Location Codes (Plus Codes), lower-cased as the base view has them.
const PLUS_CODE_LETTERS: &str = "23456789cfghjmpqrvwx";

/// A home given as a position: latitude and longitude (35.5312, 139.6941) or a Plus Code
/// (9C5WQR7G+9X, or the short QR7G+9X).
fn positions(ch: &Chars, out: &mut Vec<Found<'_>>) {
    let c = &ch.c;
    let mut found = |s: usize, e: usize, rule| {
        out.push(ch.found(s, e, Category::PersonalInfo, Severity::Medium, rule));
    };
    let mut i = 0;
    while i < c.len() {
        let boundary = i == 0 || !(c[i - 1].is_ascii_alphanumeric() || c[i - 1] == '.');
        if boundary && c[i].is_ascii_digit() {
            if let Some(e) = decimal_at(c, i) {
                let mut k = e;
                if c.get(k) == Some(&',') {
                    k += 1;
                }
                while c.get(k) == Some(&' ') {
                    k += 1;
                }
                if let Some(e2) = (k < c.len()).then(|| decimal_at(c, k)).flatten() {
                    found(i, e2, "personal_info.coordinates");
                    i = e2;
                    continue;
                }
            }
        }
        if c[i] == '+' {
            let is_code = |d: &char| PLUS_CODE_LETTERS.contains(*d);
            let before = c[..i].iter().rev().take_while(|d| is_code(d)).count();
            let after = c[i + 1..].iter().take_while(|d| is_code(d)).count();
            let alone = c
                .get(i + 1 + after)
                .is_none_or(|d| !d.is_ascii_alphanumeric())
                && (i == before || !c[i - before - 1].is_ascii_alphanumeric());
            let has_digit = c[i - before..i].iter().any(|d| d.is_ascii_digit());
            if alone && (before == 8 || before == 4) && (2..=3).contains(&after) && has_digit {
                found(i - before, i + 1 + after, "personal_info.plus_code");
            }
        }
        i += 1;
    }
}

/// A bit standing for `c` in a one-word set of characters (a filter: a few characters
/// share each bit).
fn char_bit(c: char) -> u64 {
    1 << (c as u32 % 64)
}

fn named_places<'r>(ch: &Chars, places: &'r [NamedPlace], out: &mut Vec<Found<'r>>) {
    for p in places {
        // Most characters start no suffix; one test of this set skips them.
        let firsts = p
            .suffixes
            .iter()
            .filter_map(|s| s.first())
            .fold(0, |set, &c| set | char_bit(c));
        for i in 1..ch.c.len() {
            if firsts & char_bit(ch.c[i]) == 0 {
                continue;
            }
            for suffix in &p.suffixes {
                if suffix.first() != Some(&ch.c[i]) || !ch.c[i..].starts_with(suffix) {
                    continue;
                }
                let slen = suffix.len();
                // Names are short; the cap keeps a long run of kanji linear.
                let mut s = i;
                while s > 0 && i - s < 12 && is_name_char(ch.c[s - 1]) {
                    s -= 1;
                }
                if s == i {
                    // A name in kana counts after an administrative prefix only:
                    // 県立みなと高校, 市立さくら中学 (not 私立とか高校).
                    match kana_name_start(ch, i) {
                        Some(k) => s = k,
                        None => continue,
                    }
                }
                let prefix: String = ch.c[s..i].iter().collect();
                if p.generic_prefixes
                    .iter()
                    .any(|g| prefix.ends_with(g.as_str()))
                {
                    continue;
                }
                let e = i + slen;
                if p.not_followed_by.iter().any(|f| ch.starts_with(e, f)) {
                    continue;
                }
                out.push(ch.found(s, e, p.category, p.severity, &p.id));
            }
        }
    }
}

/// Whether `len` (at least 1) positions in a row have the same character as the one `unit`
/// further on. Such a run covers one of every `len` positions, so only those are probed:
/// a message without a flood costs a few comparisons per unit, not one per character.
fn has_repeat_run(c: &[char], unit: usize, len: usize) -> bool {
    let m = c.len().saturating_sub(unit);
    let same = |k: usize| c[k] == c[k + unit];
    let mut probe = len - 1;
    while probe < m {
        if !same(probe) {
            probe += len;
            continue;
        }
        let mut lo = probe;
        while lo > 0 && same(lo - 1) {
            lo -= 1;
        }
        let mut hi = probe + 1;
        while hi < m && same(hi) {
            hi += 1;
        }
        if hi - lo >= len {
            return true;
        }
        // The next run starts after `hi`, so it covers `hi + len`.
        probe = hi + len;
    }
    false
}

/// A flood: one character 30 or more times in a row, or a unit of up to 12 characters (a
/// word and its space: "follow follow …") repeated 10 or more times. Thresholds are high
/// because 「wwwww」 and 「！！！」 are ordinary teen writing.
/// A word repeated with spaces counts its last copy without the trailing space
/// (「おはよう おはよう … おはよう」).
fn floods(ch: &Chars, out: &mut Vec<Found<'_>>) {
    let n = ch.c.len();
    if n < 20 {
        return;
    }
    for unit in 1..=12usize {
        let need = if unit == 1 { 30 } else { 10 };
        // A word spelled out in spaced letters ("b u y n o w b u y n o w …") is already a
        // disguise, so fewer copies of it make a flood.
        let spaced_need = 6;
        let least = if unit >= 4 && unit % 2 == 0 {
            spaced_need
        } else {
            need
        };
        // Too short to hold `least` copies (the last one perhaps without its space).
        if n < (least - 1) * unit {
            continue;
        }
        // Cheap check: `least` copies of a unit need (least - 1) * unit positions in a row
        // whose character equals the one `unit` further on; one unit less, as the last
        // copy of a spaced word has no trailing space.
        if !has_repeat_run(&ch.c, unit, (least - 2) * unit) {
            continue;
        }
        let mut i = 0;
        while i + unit < n {
            let mut reps = 1;
            let mut k = i + unit;
            while k + unit <= n && ch.c[k..k + unit] == ch.c[i..i + unit] {
                reps += 1;
                k += unit;
            }
            // The last copy of a word written with spaces between copies.
            let word = ch.c[i..i + unit]
                .iter()
                .rposition(|c| !c.is_whitespace())
                .map_or(0, |p| p + 1);
            if reps > 1
                && word > 0
                && word < unit
                && k + word <= n
                && ch.c[k..k + word] == ch.c[i..i + word]
                && ch.c.get(k + word).is_none_or(|c| !c.is_alphanumeric())
            {
                reps += 1;
                k += word;
            }
            let spaced_letters = unit % 2 == 0
                && ch.c[i..i + unit]
                    .chunks(2)
                    .all(|p| p[0].is_alphanumeric() && p[1] == ' ');
            let enough = reps >= need || (spaced_letters && reps >= least);
            if enough && !ch.c[i..i + unit].iter().all(|c| c.is_whitespace()) {
                out.push(ch.found(i, k, Category::Spam, Severity::Low, "spam.flood"));
                return;
            }
            i += if reps > 1 { (reps - 1) * unit } else { 1 };
        }
    }
}

/// What one pass over a message tells about which detectors can find anything: most
/// messages contain nothing any of them needs. A phone number in ASCII digits has at least
/// ten of them; one spelled in kana starts with a kana zero (ぜろ, れい, まる, おう); an
/// e-mail address or handle needs an at-word; a URL a dot; an ID a digit, `_` or `.`.
struct Survey {
    digits: usize,
    kana_zero: bool,
    at_word: bool,
    dot: bool,
    underscore: bool,
    space: bool,
    /// Spaces and hyphens: ten digit words need nine between them.
    word_gaps: usize,
}

impl Survey {
    fn of(ch: &Chars) -> Survey {
        let mut survey = Survey {
            digits: 0,
            kana_zero: false,
            at_word: false,
            dot: false,
            underscore: false,
            space: false,
            word_gaps: 0,
        };
        let mut prev = '\0';
        for (i, &c) in ch.c.iter().enumerate() {
            match c {
                '0'..='9' => survey.digits += 1,
                '.' => survey.dot = true,
                '_' => survey.underscore = true,
                ' ' => {
                    survey.space = true;
                    survey.word_gaps += 1;
                }
                '-' => survey.word_gaps += 1,
                '@' => survey.at_word = true,
                '(' | '[' | 'あ' if !survey.at_word => {
                    survey.at_word = AT_WORDS.iter().any(|w| ch.starts_with(i, w));
                }
                'ろ' | 'い' | 'る' | 'う' => {
                    survey.kana_zero |= matches!(
                        (prev, c),
                        ('ぜ', 'ろ') | ('れ', 'い') | ('ま', 'る') | ('お', 'う')
                    );
                }
                _ => {}
            }
            prev = c;
        }
        survey
    }
}

/// Runs every structural detector, appending to `out`.
pub(crate) fn detect<'r>(ch: &Chars, places: &'r [NamedPlace], out: &mut Vec<Found<'r>>) {
    let start = out.len();
    let survey = Survey::of(ch);
    // A number may also start with ASCII digits and go on in kana (0きゆうぜろ…).
    let kana_pass = survey.kana_zero
        || (survey.digits > 0
            && ch
                .c
                .iter()
                .any(|&c| is_kana(c) && KANA_DIGITS.iter().any(|(w, _)| w.starts_with(c))));
    if survey.digits >= 8 || kana_pass {
        phones(ch, out, survey.digits >= 8, kana_pass);
    }
    // A number in digit words: "oh-eight-oh, six two nine four, …", "zero kyuu zero …".
    if survey.digits < 8 && survey.word_gaps >= 9 {
        if let Some(read) = digit_words(ch) {
            phones(&read, out, true, false);
        }
    }
    if survey.at_word {
        emails_and_handles(ch, out);
    }
    if survey.dot {
        let before = out.len();
        urls(ch, out);
        let url_count = out[before..]
            .iter()
            .filter(|f| f.rule == "contact.url")
            .count();
        if url_count >= 3 {
            if let (Some(first), Some(last)) = (
                out[start..].iter().find(|f| f.rule == "contact.url"),
                out[start..].iter().rev().find(|f| f.rule == "contact.url"),
            ) {
                let (start, end) = (first.start, last.end);
                out.push(Found {
                    start,
                    end,
                    category: Category::Spam,
                    severity: Severity::Low,
                    rule: "spam.links",
                });
            }
        }
    }
    // An ID needs a digit, `_` or `.`; most messages have none after a platform name.
    if survey.digits > 0 || survey.dot || survey.underscore {
        platform_ids(ch, out);
    }
    // The same with an ID spelled out: 「l i n e → r i n g o _ 1 1 0 9」, "insta → peach
    // dot soda underscore 21". Only findings the plain pass did not make are kept.
    let spaced_with_digit = survey.digits > 0 && survey.space;
    if let Some(joined) = spaced_with_digit.then(|| spelled_out(ch)).flatten() {
        let before = out.len();
        platform_ids(&joined, out);
        let mut k = 0;
        let plain: Vec<(usize, usize)> = out[start..before]
            .iter()
            .map(|f| (f.start, f.end))
            .collect();
        // A spelled-out ID must hold a digit: "my line is the dot under the word" is not one.
        let has_digit = |f: &Found<'_>| {
            (0..ch.c.len()).any(|j| {
                ch.c[j].is_ascii_digit()
                    && f.start <= ch.from[j] as usize
                    && (ch.to[j] as usize) <= f.end
            })
        };
        out.retain(|f| {
            k += 1;
            k <= before || (has_digit(f) && !plain.iter().any(|&(s, e)| s < f.end && f.start < e))
        });
    }
    if survey.digits >= 2 {
        block_addresses(ch, out);
    }
    if survey.digits > 0 && survey.space {
        street_addresses(ch, out);
    }
    if survey.digits >= 4 {
        positions(ch, out);
    }
    named_places(ch, places, out);
    floods(ch, out);
    // An URL found inside an e-mail address is the same finding.
    if out[start..].iter().any(|f| f.rule == "contact.email") {
        let emails: Vec<(usize, usize)> = out[start..]
            .iter()
            .filter(|f| f.rule == "contact.email")
            .map(|f| (f.start, f.end))
            .collect();
        let mut k = 0;
        out.retain(|f| {
            k += 1;
            k <= start
                || f.rule != "contact.url"
                || !emails.iter().any(|&(s, e)| s <= f.start && f.end <= e)
        });
    }
}

/// The digits of a message that looks like a fragment of a number: at least two digits
/// (ASCII, or kana number words when the whole message is made of them) and few letters.
/// Returns the digits and their original range.
pub(crate) fn digit_fragment(ch: &Chars) -> Option<(String, usize, usize)> {
    let digits: Vec<usize> = (0..ch.c.len())
        .filter(|&i| ch.c[i].is_ascii_digit())
        .collect();
    let letters =
        ch.c.iter()
            .filter(|c| c.is_alphanumeric() && !c.is_ascii_digit())
            .count();
    if digits.len() >= 2 && letters <= 6 {
        let (s, e) = (digits[0], digits[digits.len() - 1] + 1);
        let d: String = digits.iter().map(|&i| ch.c[i]).collect();
        return Some((d, ch.from[s] as usize, ch.to[e - 1] as usize));
    }
    // Whole message in kana number words: いちにさんよん
    let mut d = String::new();
    let (mut s, mut e) = (None, 0);
    let mut i = 0;
    while i < ch.c.len() {
        if is_phone_sep(ch.c[i]) || ch.c[i].is_whitespace() {
            i += 1;
            continue;
        }
        let (l, digit) = kana_digit_at(ch, i)?;
        s.get_or_insert(i);
        d.push(digit);
        i += l;
        e = i;
    }
    let s = s?;
    (d.len() >= 3).then(|| (d, ch.from[s] as usize, ch.to[e - 1] as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of what one detector finds in `text`.
    fn found_by(detector: fn(&Chars, &mut Vec<Found<'_>>), text: &str) -> Vec<String> {
        let ch = crate::normalize::base_view(text, &mut Vec::new());
        let mut out = Vec::new();
        detector(&ch, &mut out);
        out.iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    fn addresses(text: &str) -> Vec<String> {
        found_by(block_addresses, text)
    }

    #[test]
    fn positions_precise_enough_to_find_a_home() {
        let found = |text: &str| found_by(positions, text);
        assert_eq!(
            found("家ここ→ 35.5312, 139.6941 のマンション"),
            ["35.5312, 139.6941"]
        );
        assert_eq!(
            found("my house is 9C5WQR7G+9X, come round"),
            ["9C5WQR7G+9X"]
        );
        assert_eq!(found("QR7G+9X wigan"), ["QR7G+9X"]);
        // Prices, versions, scores and sums are not positions.
        assert!(found("it was 3.99, 12.50 in the sale").is_empty());
        assert!(found("version 1.2.3 and 2+2").is_empty());
        assert!(found("C++ and g++ 12.345").is_empty());
    }

    #[test]
    fn street_addresses_said_as_where_one_is() {
        let found = |text: &str| found_by(street_addresses, text);
        assert_eq!(
            found("i'm at 14 Barley Mow Lane, come round"),
            ["14 Barley Mow Lane"]
        );
        assert_eq!(found("my address is 22a Elm St"), ["22a Elm St"]);
        assert!(found("it is 5 minutes down the road").is_empty());
        assert!(found("we met at 3 and walked down Elm Street").is_empty());
        assert!(found("the shop on 5th avenue").is_empty());
    }

    #[test]
    fn block_addresses_after_a_place_name() {
        assert_eq!(
            addresses("大阪市平野区長吉2-8-15。土曜ひま"),
            ["大阪市平野区長吉2-8-15"]
        );
        assert_eq!(addresses("大宮区桜木町②-⑤-⑪"), ["大宮区桜木町②-⑤-⑪"]);
        assert_eq!(addresses("川口市本町⑶-⑿-⑷のアパート"), ["川口市本町⑶-⑿-⑷"]);
        assert_eq!(addresses("緑町3-12"), ["緑町3-12"]);
        // Scores, dates, classes and phone numbers are not addresses.
        assert!(addresses("前半3-2で負けてた").is_empty());
        assert!(addresses("日付2024-05-06で出して").is_empty());
        assert!(addresses("1年2-1組").is_empty());
        assert!(addresses("電話090-1234-5678").is_empty());
        assert!(addresses("看板に〒812-0011って").is_empty());
    }

    #[test]
    fn repeat_runs_are_found_wherever_they_start() {
        let naive = |c: &[char], unit: usize, len: usize| {
            let m = c.len().saturating_sub(unit);
            (0..m).any(|s| s + len <= m && (s..s + len).all(|k| c[k] == c[k + unit]))
        };
        let texts = [
            "abababababab",
            "xxabababababyy",
            "aaaa",
            "abcabcabcXabcabcabc",
            "ab",
            "",
        ];
        for text in texts {
            let c: Vec<char> = text.chars().collect();
            for unit in 1..=3 {
                for len in 1..=10 {
                    assert_eq!(
                        has_repeat_run(&c, unit, len),
                        naive(&c, unit, len),
                        "{text} {unit} {len}"
                    );
                }
            }
        }
    }

    #[test]
    fn kana_digit_words_start_with_kana() {
        assert!(KANA_DIGITS
            .iter()
            .all(|(w, _)| w.chars().next().is_some_and(is_kana)));
    }

    #[test]
    fn digit_words_are_sorted_for_the_first_letter_search() {
        assert!(DIGIT_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(DIGIT_WORDS
            .iter()
            .all(|(w, _)| w.bytes().all(|b| b.is_ascii_lowercase())));
        assert_eq!(digit_words_from('k').len(), 3);
        assert!(digit_words_from('x').is_empty());
    }

    #[test]
    fn every_platform_name_passes_the_first_character_check() {
        for p in PLATFORMS {
            let first = p.chars().next().expect("a name");
            assert!(may_start_platform(first), "{p}");
        }
    }
}
