//! Disguises read by the normaliser and the structural detectors rather than by lexicon
//! entries: formal kanji numerals, romaji digit words, capital look-alike letters and
//! upside-down text. Each is checked with an everyday neighbour that must stay unflagged.

use moderation::{Category, Context, Obfuscation};

mod common;

use common::{cats, CLASSIFIER};

/// The text of every span found by the rule `rule`.
fn spans_of(text: &str, rule: &str) -> Vec<String> {
    CLASSIFIER
        .classify(text, Context::Salon)
        .expect("short message")
        .spans
        .into_iter()
        .filter(|s| s.rule == rule)
        .map(|s| s.text)
        .collect()
}

#[test]
fn a_phone_number_in_formal_kanji_numerals_is_contact() {
    assert_eq!(
        spans_of("電話して 〇九〇 壱弐参肆 伍陸漆捌", "contact.phone"),
        vec!["〇九〇 壱弐参肆 伍陸漆捌"]
    );
    assert!(cats("陸上部の練習、伍長の役やった").is_empty());
}

#[test]
fn a_phone_number_in_romaji_digit_words_is_contact() {
    assert_eq!(
        spans_of(
            "denwa shite ne: zero kyuu zero, ichi ni san yon, go roku nana hachi",
            "contact.phone"
        ),
        vec!["zero kyuu zero, ichi ni san yon, go roku nana hachi"]
    );
    assert!(cats("ichi ni san, let's go! san ni ichi, go go go").is_empty());
}

#[test]
fn capital_look_alike_letters_are_read_and_shown() {
    let v = CLASSIFIER
        .classify("i want to НANG МYSЕLF", Context::Salon)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::SelfHarm]);
    assert!(v.obfuscation.contains(&Obfuscation::Homoglyph));
}

#[test]
fn upside_down_text_is_turned_the_right_way_up() {
    let text = "ɟlǝsʎɯ llıʞ oʇ ʇuɐʍ ı";
    let v = CLASSIFIER
        .classify(text, Context::Salon)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::SelfHarm]);
    assert!(v.obfuscation.contains(&Obfuscation::UpsideDown));
    // The span covers the upside-down words, on character boundaries of the original.
    let span = &v.spans[0];
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    assert!(span.text.contains("llıʞ"), "{span:?}");
    // Upside-down chat about nothing risky stays unflagged.
    assert!(cats("¡ʎɐpɥʇɹıq ʎddɐɥ").is_empty());
}

#[test]
fn a_platform_name_in_leet_still_introduces_an_id() {
    assert_eq!(
        spans_of("d1sc0rd: yorunekoo2231 で話そ", "contact.platform_id"),
        vec!["d1sc0rd: yorunekoo2231"]
    );
    assert_eq!(
        spans_of("1nst4 → hana0712 フォローして", "contact.platform_id"),
        vec!["1nst4 → hana0712"]
    );
    // Digits next to ordinary words are not a platform name.
    assert!(cats("1st place in the 5km run, 3rd last year").is_empty());
}

#[test]
fn an_id_after_spaced_glue_words_or_after_id_alone_is_contact() {
    assert_eq!(
        spans_of("ﾗｲﾝ の ID は ｍｏｍｏ＿１１２ ね", "contact.platform_id"),
        vec!["ﾗｲﾝ の ID は ｍｏｍｏ＿１１２"]
    );
    assert!(cats("稼げる ⓘⓓ ⓚⓐⓢⓔⓖⓤ⓪① まで").contains(&Category::Contact));
    assert!(cats("id: yuki_22 で追加して").contains(&Category::Contact));
    // A number alone, or a word with no digit, is not an account.
    assert!(cats("my student id is 20231234 lol").is_empty());
    assert!(cats("forgot my id card at home again").is_empty());
    assert!(cats("I did it 2 times").is_empty());
}

#[test]
fn the_camera_emoji_before_an_account_is_instagram() {
    assert_eq!(
        spans_of("📸のIDは hana0712 だよ", "contact.platform_id"),
        vec!["📸のIDは hana0712"]
    );
    assert_eq!(
        spans_of("📸垢 hana0712 フォローして", "contact.platform_id"),
        vec!["📸垢 hana0712"]
    );
    assert!(cats("旅行の📸いっぱい撮った").is_empty());
}

#[test]
fn a_word_flooded_in_spaced_letters_is_spam() {
    let flood = "b u y n o w ".repeat(7);
    assert!(cats(&flood).contains(&Category::Spam));
    assert!(cats("o k o k see you at 5 then, bring the notes").is_empty());
}

#[test]
fn a_fist_and_a_purple_bruise_in_emoji_are_read_as_words() {
    assert!(cats("dad got the 👊 out again, my face is 🟣").contains(&Category::Abuse));
    assert!(cats("部活おつかれ👊 明日も頑張ろ").is_empty());
    assert!(cats("my favourite colour is 🟣").is_empty());
}

#[test]
fn the_pill_emoji_is_read_in_the_language_around_it() {
    assert!(cats("今夜💊ぜんぶ飲んでやる").contains(&Category::SelfHarm));
    assert!(cats("gonna take all my 💊 tonight").contains(&Category::SelfHarm));
    assert!(cats("おばあちゃんの💊の時間、タイマーかけた").is_empty());
    assert!(cats("remind me to take my 💊 after dinner").is_empty());
}

#[test]
fn paid_dating_half_in_latin_letters_is_sexual() {
    assert_eq!(cats("ｐａｐａ活しない？"), vec![Category::Sexual]);
    assert_eq!(cats("papakatsu shitai"), vec![Category::Sexual]);
    assert!(cats("papa no katsudon oishii").is_empty());
}

/// The categories and the obfuscation kinds the classifier reports for `text`.
fn read(text: &str) -> (Vec<Category>, Vec<Obfuscation>) {
    let v = CLASSIFIER
        .classify(text, Context::Salon)
        .expect("short message");
    for s in &v.spans {
        assert_eq!(
            &text[s.start..s.end],
            s.text,
            "spans stay on the original text"
        );
    }
    (v.categories, v.obfuscation)
}

#[test]
fn morse_code_is_read_and_ordinary_dots_and_dashes_are_not() {
    let (c, o) = read(".. / .-- .- -. - / - --- / -.. .. . (morse so nobody knows)");
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(o.contains(&Obfuscation::Cipher));
    assert!(cats("wait... what -- no way... ok see u at 3").is_empty());
    assert!(cats(".- -... -.-. practice for the scout badge").is_empty());
}

#[test]
fn base64_that_decodes_to_text_is_read() {
    let (c, o) = read("5raI44GI44Gf44GE ←わかる人だけ");
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(o.contains(&Obfuscation::Encoded));
    assert_eq!(read("aSB3YW50IHRvIGRpZQ== lol").0, vec![Category::SelfHarm]);
    // Harmless base64, IDs and long words stay harmless.
    assert!(cats("5piO5pel44Gu6YOo5rS744Gf44Gu44GX44G/").is_empty());
    assert!(cats("my wifi password is Sakura2007abc lol").is_empty());
}

#[test]
fn rot13_is_read_only_when_the_message_names_it() {
    let (c, o) = read("rot13 so mum can't read: v jnag gb xvyy zlfrys");
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(o.contains(&Obfuscation::Cipher));
    assert!(cats("rot13 for the puzzle: frr lbh ng gur cnex").is_empty());
}

#[test]
fn pager_codes_and_tanuki_speech_are_read_when_named() {
    assert!(read("22144112 ←ポケベル打ちで")
        .0
        .contains(&Category::SelfHarm));
    // Without the hint, digits are digits.
    assert!(cats("部室のロッカー番号 22144112 やった").is_empty());
    assert_eq!(
        read("おやにたなぐたられたる、たぬきで読んで").0,
        vec![Category::Abuse]
    );
}

#[test]
fn acrostics_are_read_when_named() {
    let text = "しずかな夜。にわの猫が鳴く。たまに雨。いつも一人。縦読みしてな";
    let (c, o) = read(text);
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(o.contains(&Obfuscation::Acrostic));
    let text = "ねむいし／ごはんまだかなあ／いぬの散歩いく／こんやはカレー";
    assert!(cats(&format!("{text}　←縦読み")).is_empty());
}

#[test]
fn digits_of_other_scripts_make_a_phone_number() {
    let (c, o) = read("電話して ๐๙๐-๑๒๓๔-๕๖๗๘");
    assert_eq!(c, vec![Category::Contact]);
    assert!(o.contains(&Obfuscation::Homoglyph));
}

#[test]
fn negative_squared_letters_are_read() {
    assert_eq!(read("🅸 🆆🅰🅽🆃 🆃🅾 🅳🅸🅴").0, vec![Category::SelfHarm]);
}

#[test]
fn escaped_characters_are_read_in_place() {
    let (c, o) = read("昨日また&#x6BB4;&#x3089;&#x308C;&#x305F;、もう帰りたくない");
    assert!(c.contains(&Category::Abuse));
    assert!(o.contains(&Obfuscation::Encoded));
    assert_eq!(
        read("%E6%B6%88%E3%81%88%E3%81%9F%E3%81%84 わかる？").0,
        vec![Category::SelfHarm]
    );
    assert_eq!(
        read(r"\u6b7b\u306b\u305f\u3044 って打ってみた").0,
        vec![Category::SelfHarm]
    );
    // Harmless escapes and ordinary ampersands stay as they are.
    assert!(cats("検索ワードが %E7%8C%AB になってた、猫やん").is_empty());
    assert!(cats("R&B と &#9829; の話してた").is_empty());
}

#[test]
fn binary_and_hexadecimal_bytes_are_read() {
    let (c, o) = read("01101011 01101001 01101100 01101100 00100000 01101101 01111001 01110011 01100101 01101100 01100110");
    assert_eq!(
        c,
        vec![Category::SelfHarm],
        "binary digits are not a phone number"
    );
    assert!(o.contains(&Obfuscation::Encoded));
    assert!(read("73 65 6e 64 20 6e 75 64 65 73 (hex)")
        .0
        .contains(&Category::Sexual));
    // Binary is read with the words around it.
    assert!(read("im going to 01100100 01101001 01100101 tonight")
        .0
        .contains(&Category::SelfHarm));
    // Without the hint, pairs of digits are digits.
    assert!(cats("席は 73 65 64 番やった").is_empty());
    assert!(cats("情報の授業で 01000001 01000010 01000011 を習った").is_empty());
}

#[test]
fn letter_ciphers_are_read() {
    // A1Z26, recognised by its shape.
    assert_eq!(read("23-1-14-20 20-15 4-9-5").0, vec![Category::SelfHarm]);
    assert!(cats("won 3-1, then 2-0 in the final, 5-4 on penalties").is_empty());
    // Atbash, when named.
    assert_eq!(read("atbash: r dzmg gl wrv").0, vec![Category::SelfHarm]);
    // One key off: by its shape (「,r」) or when the keyboard is named.
    assert!(read("drmf ,r mifrd").0.contains(&Category::Sexual));
    assert_eq!(
        read("o esmy yp for (keyboard lol)").0,
        vec![Category::SelfHarm]
    );
    assert!(cats("o esmy yp for").is_empty());
}

#[test]
fn phone_keypad_codes_and_kana_table_coordinates_are_read_when_named() {
    let (c, o) = read("33 55 4 11 ←ガラケー打ち");
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(o.contains(&Obfuscation::Cipher));
    assert_eq!(
        read("か行2番目、あ行4番目、た行1番目、あ行2番目").0,
        vec![Category::SelfHarm]
    );
    assert!(cats("出席番号は3番目、か行の最初やった").is_empty());
}

#[test]
fn old_small_and_foreign_look_alike_characters_are_read() {
    // Small katakana of the phonetic extensions, 歴史的仮名遣い, a spacing sound mark.
    assert_eq!(read("ㇱにたい").0, vec![Category::SelfHarm]);
    assert_eq!(read("生きてゐたくない").0, vec![Category::SelfHarm]);
    let (c, o) = read("父にほ゛こほ゛こに殴られた");
    assert_eq!(c, vec![Category::Abuse]);
    assert!(o.contains(&Obfuscation::Diacritics));
    // Simplified Chinese for Japanese kanji, Armenian letters inside English.
    let (c, o) = read("兄に强奸されそうになった");
    assert_eq!(c, vec![Category::Abuse]);
    assert!(o.contains(&Obfuscation::Homoglyph));
    assert_eq!(read("kіll yօurself").0, vec![Category::Harassment]);
    // 変体仮名 (𛁄𛂇𛁞𛀆 = しにたい).
    let (c, o) = read("先生くらいしか読めないし。𛁄𛂇𛁞𛀆");
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(o.contains(&Obfuscation::Homoglyph));
}

#[test]
fn romaji_is_read_as_kana_when_named_and_the_phonetic_alphabet_always() {
    let text = "ローマ字で書くね、親がスマホ見るから。kyou kusuri zenbu nonde owari ni suru";
    let (c, o) = read(text);
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(o.contains(&Obfuscation::Cipher));
    // Without the word ローマ字, romaji is left as Latin text; English is never romaji.
    assert!(cats("kyou wa sushi tabeta").is_empty());
    assert!(cats("ローマ字で名前書いた: sato hana").is_empty());
    let (c, _) =
        read("kilo india lima lima mike yankee sierra echo lima foxtrot. you'll work it out");
    assert_eq!(c, vec![Category::SelfHarm]);
    assert!(cats("golf with dad, then the hotel, then sierra leone on tv").is_empty());
}

#[test]
fn a_kanji_numeral_starting_the_next_word_does_not_lengthen_a_phone_number() {
    assert_eq!(
        spans_of("電話して 090-1234-5678一人のときに", "contact.phone"),
        vec!["090-1234-5678"]
    );
    assert_eq!(
        spans_of("〇九〇一二三四五六七八一回かけて", "contact.phone"),
        vec!["〇九〇一二三四五六七八"]
    );
}

#[test]
fn word_games_named_in_the_message_and_words_joined_by_full_stops_are_read() {
    for (text, category) in [
        ("ばびぶべぼ言葉ね。しびにびたばいび", Category::SelfHarm),
        (
            "ubbi dubbi time: mubum hubits mube evuberyuby nubight",
            Category::Abuse,
        ),
        ("万葉仮名なら言える:幾衣太以", Category::SelfHarm),
        ("和文モールスで送る: -.-.. -.--- -. .-", Category::SelfHarm),
        ("my.step.dad.hits.me.when.he.drinks", Category::Abuse),
        ("javanais: avi wavant tavo davie", Category::SelfHarm),
        ("eggy peggy: meggy deggad heggits meggy", Category::Abuse),
        (
            "baconian: ABABA ABAAA ABABB ABABB ABBAA BBAAA BAABA AABAA ABABB AABAB",
            Category::SelfHarm,
        ),
        (
            "干支の順で電話して 酉未酉-子丑寅卯-辰巳午未",
            Category::Contact,
        ),
        ("in ipa: /maɪ mʌm hɪts miː ɛvri naɪt/", Category::Abuse),
        (
            "tap code: 2-4 / 5-2 1-1 3-3 4-4 / 4-4 3-4 / 1-4 2-4 1-5",
            Category::SelfHarm,
        ),
        ("read each word backwards: ym mum stih em", Category::Abuse),
    ] {
        let (c, o) = read(text);
        assert!(c.contains(&category), "{text}: {c:?}");
        assert!(!o.is_empty(), "{text}: the disguise is shown");
    }
    // Naming the game, or joining harmless words, is nothing.
    assert!(cats("ubbi dubbi is a language from a kids tv show").is_empty());
    assert!(cats("干支は子丑寅卯、今年は午年だよ").is_empty());
    assert!(cats("bacon cipher homework: AABAA ABBAB AABAB").is_empty());
    assert!(cats("ばびぶべぼ言葉って知ってる?小学生のとき流行った").is_empty());
    assert!(cats("万葉仮名の授業で、以上の内容を本で調べた").is_empty());
    assert!(cats("see.you.at.the.library").is_empty());
}

#[test]
fn more_named_codes_and_text_stored_backwards_behind_a_right_to_left_override() {
    for (text, category) in [
        ("1こおきに読んで: しぴにぷたぺいぽ", Category::SelfHarm),
        (
            "縦に読んでね/しゅくだい/にがて/たいいく/いや",
            Category::SelfHarm,
        ),
        ("a=1: 9 / 23 1 14 20 / 20 15 / 4 9 5", Category::SelfHarm),
        (
            "shift each letter back one: j xbou up ejf",
            Category::SelfHarm,
        ),
        ("ば行ぬいて読んで: しびにびたばいび", Category::SelfHarm),
        // Shown the right way round by U+202E, stored back to front.
        ("\u{202E}いたにし\u{202C}", Category::SelfHarm),
    ] {
        let (c, o) = read(text);
        assert!(c.contains(&category), "{text}: {c:?}");
        assert!(!o.is_empty(), "{text}: the disguise is shown");
    }
    assert!(cats("1こおきに並んだ椅子を片付けた").is_empty());
    assert!(cats("縦読みのパズルを国語の授業で作った").is_empty());
    assert!(cats("a=1 and b=2, so 3 / 4 of the class got it right").is_empty());
    assert!(
        cats("caesar salad and chips for lunch, shift each letter back one in the puzzle")
            .is_empty()
    );
    assert!(cats("\u{202E}olleh\u{202C} my friend").is_empty());
}

#[test]
fn hangul_spelling_mirror_writing_cherokee_capitals_and_hidden_letters_are_read() {
    for (text, category) in [
        ("韓国の字で: 시니타이", Category::SelfHarm),
        ("ƨɘvlɘƨɿuoy llik og (mirror)", Category::Harassment),
        ("ᎷᎽ ᏚᎢᎬᏢᎠᎪᎠ ᎻᎥᎢᏚ ᎷᎬ", Category::Abuse),
        (
            "read the capitals only: qqIrr wxAzMm gxGiOxINwG mmTOe xKxIxLxL MxYSELF",
            Category::SelfHarm,
        ),
        (
            "かっこの中だけ: (し)ろい(に)わの(た)い(い)く",
            Category::SelfHarm,
        ),
        ("🦝 もたうしぬたしかなたい", Category::SelfHarm),
    ] {
        let (c, o) = read(text);
        assert!(c.contains(&category), "{text}: {c:?}");
        assert!(!o.is_empty(), "{text}: the disguise is shown");
    }
    assert!(cats("안녕하세요 오늘 날씨 좋네요").is_empty());
    assert!(cats("hello from Tokyo, New York and LA (in brackets: the cities)").is_empty());
    assert!(cats("かっこの中に名前を書いてください (山田)").is_empty());
}

#[test]
fn kana_numbers_gojuon_shifts_gyokai_words_and_lisu_letters_are_read() {
    for (text, category) in [
        ("あ=1 だよ: 12 22 16 2", Category::SelfHarm),
        ("1こ後ろにずらして読んでね→ すぬちう", Category::SelfHarm),
        ("業界用語でいうと、たいきえ", Category::SelfHarm),
        ("ꓟꓬ ꓢꓔꓰꓑꓓꓮꓓ ꓗꓲꓚꓗꓢ ꓟꓰ", Category::Abuse),
    ] {
        let (c, o) = read(text);
        assert!(c.contains(&category), "{text}: {c:?}");
        assert!(!o.is_empty(), "{text}: the disguise is shown");
    }
    assert!(cats("一つ前の駅で降りて歩いた").is_empty());
    assert!(cats("業界用語でギロッポンって言うらしい").is_empty());
    assert!(cats("あ=1、い=2って覚えた、12月22日").is_empty());
}

#[test]
fn mojibake_is_read_back_into_japanese() {
    for (text, category) in [
        // しにたい, written in UTF-8 and read as Shift_JIS.
        ("文字化けさせた: 縺励↓縺溘＞", Category::SelfHarm),
        // 死にたい read as Windows-1252, its 0x81 bytes lost on the way.
        ("æ\u{AD}»ã�«ã�Ÿã�„", Category::SelfHarm),
        // お父さんに殴られる, one byte lost at the end.
        ("縺顔宛縺輔ｓ縺ｫ谿ｴ繧峨ｌ繧�", Category::Abuse),
    ] {
        let (c, o) = read(text);
        assert!(c.contains(&category), "{text}: {c:?}");
        assert!(o.contains(&Obfuscation::Mojibake), "{text}: {o:?}");
    }
    assert!(cats("縺という字、繊維の繊に似てるね").is_empty());
    assert!(cats("Conceição e São João, ação").is_empty());
}

#[test]
fn romaji_and_other_scripts_are_read_without_being_named() {
    for (text, category) in [
        ("mou tsukareta, eki de tobikomitai", Category::SelfHarm),
        ("古代の文字で → 𐌄𐌊𐌉 𐌃𐌄 𐌕𐌏𐌁𐌉𐌊𐌏𐌌𐌉𐌕𐌀𐌉", Category::SelfHarm),
        ("ⴰⵏⵉⴽⵉ ⵏⵉ ⵏⴰⴳⵓⵔⴰⵔⴻⵜⴰ。ほぼ毎日", Category::Abuse),
        ("ᚔ ᚐᚋ ᚇᚑᚅᚓ ᚓᚅᚇᚔᚅᚌ ᚔᚈ ᚈᚑᚅᚔᚌᚆᚈ", Category::SelfHarm),
        // Letters in circles or in bold, read as romaji once written plain.
        ("ⓣⓞⓑⓘⓞⓡⓘⓣⓐⓘ", Category::SelfHarm),
        ("𝐭𝐨𝐛𝐢𝐨𝐫𝐢𝐭𝐚𝐢 って思う", Category::SelfHarm),
        // Shift_JIS bytes in hexadecimal, the code straight after a word.
        ("sjisで読んで→母に82D4 82BD 82EA 82BD", Category::Abuse),
        // JIS 区点 codes: row 4 is hiragana.
        ("区点コードで：4-23 4-43 4-31 4-04", Category::SelfHarm),
        // ななめ読み: the k-th character of the k-th clause.
        (
            "しずかな夜 / ひにち変わって / あしたは休み / ねむたいよ（ななめに読んで）",
            Category::SelfHarm,
        ),
        // Romaji typed with the input method left in full width.
        (
            "押し入れのパイプで ｋｕｂｉｔｓｕｒｕ つもり",
            Category::SelfHarm,
        ),
    ] {
        let (c, o) = read(text);
        assert!(c.contains(&category), "{text}: {c:?}");
        assert!(!o.is_empty(), "{text}: the disguise is shown");
    }
    assert!(cats("ashita wa gakkou de tesuto, benkyou shinakya").is_empty());
    assert!(cats("ａｓｈｉｔａ ｗａ ｔｅｓｕｔｏ！ＡＢＣマートで靴買った").is_empty());
    assert!(cats("Привет! Как дела? (a Russian greeting from class)").is_empty());
    assert!(cats("ಕನ್ನಡ ಕಲಿಯುತ್ತಿದ್ದೇನೆ, I'm learning Kannada").is_empty());
}

#[test]
fn plain_phrases_in_the_other_languages_of_children_in_japan_are_read() {
    for (text, category) in [
        ("quiero desaparecer para siempre", Category::SelfHarm),
        ("não quero mais viver", Category::SelfHarm),
        ("gusto ko nang mamatay", Category::SelfHarm),
        ("muốn chết quá", Category::SelfHarm),
        ("我不想活了", Category::SelfHarm),
        ("엄마가 때려요", Category::Abuse),
        ("minha madrasta me bate quando bebe", Category::Abuse),
        ("mẹ đánh con mỗi tối", Category::Abuse),
        ("mandami una foto senza vestiti", Category::Sexual),
        (
            "meine Mutter schlägt mich wenn sie getrunken hat",
            Category::Abuse,
        ),
        ("mijn stiefvader slaat me elke week", Category::Abuse),
        ("mater mea me verberat", Category::Abuse),
    ] {
        assert!(cats(text).contains(&category), "{text}: {:?}", cats(text));
    }
    assert!(cats("me corto el pelo mañana").is_empty());
    assert!(cats("minha mãe vai me matar se eu chegar tarde").is_empty());
    assert!(cats("mijn vader slaat de bal heel ver").is_empty());
}
