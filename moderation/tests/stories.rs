//! The classifier's promises, told as the product's stories.

use moderation::{
    Action, Category, Classifier, ClassifyError, Context, Obfuscation, ParticipantWindow, Ruleset,
    Severity,
};

mod common;

use common::{cats, CLASSIFIER};

/// The built-in classifier, compiled once for the whole file.
fn c() -> &'static Classifier {
    &CLASSIFIER
}

#[test]
fn a_cry_for_help_in_counselling_is_delivered_and_alerts_staff() {
    let v = c()
        .classify("もう死にたい", Context::Counseling)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::SelfHarm]);
    assert_eq!(v.action, Action::Alert);
    assert!(v.alert_staff);
    assert!(v.support_reply.is_none());
}

#[test]
fn a_cry_for_help_in_a_salon_is_hidden_answered_warmly_and_alerts_staff() {
    let v = c()
        .classify("みんなごめん、消えたい", Context::Salon)
        .expect("short message");
    assert_eq!(v.action, Action::HideAndSupport);
    assert!(v.alert_staff);
    assert!(v
        .support_reply
        .as_deref()
        .is_some_and(|r| r.contains("スタッフ")));
}

#[test]
fn a_plan_and_a_time_make_it_critical() {
    let v = c()
        .classify("今夜ロープで死にます", Context::Counseling)
        .expect("short message");
    assert_eq!(v.severity, Severity::Critical);
    assert!(v.rules.iter().any(|r| r == "self_harm.imminent"));
    let v = c()
        .classify("i'm going to kill myself tonight", Context::Counseling)
        .expect("short message");
    assert_eq!(v.severity, Severity::Critical);
}

#[test]
fn counselling_never_withholds_anything() {
    for text in [
        "死ね",
        "LINE交換しよ 090-1234-5678",
        "パパ活しない？",
        "今夜ロープで死にます",
        "ああああああああああああああああああああああああああああああああああ",
    ] {
        let v = c()
            .classify(text, Context::Counseling)
            .expect("short message");
        assert!(!v.action.withholds(), "{text}: {:?}", v.action);
    }
}

#[test]
fn a_counselling_policy_that_blocks_is_refused_at_load() {
    let mut files: Vec<(&str, &str)> = moderation::ruleset::BUILTIN_FILES.to_vec();
    let bad = r#"
[policy.counseling]
default = "allow"
rules = [{ category = "harassment", action = "block" }]
[policy.salon]
default = "allow"
"#;
    files.retain(|(n, _)| *n != "policy.toml");
    files.push(("policy.toml", bad));
    let err = Ruleset::from_files(files).expect_err("block in counselling is refused");
    assert!(err.to_string().contains("policy.toml"), "{err}");
    assert!(err.to_string().contains("block"), "{err}");
}

#[test]
fn spacing_width_kana_and_invisible_tricks_do_not_hide_risk() {
    for text in [
        "死 に た い",
        "し.に.た.い",
        "ｼﾆﾀｲ",
        "シニタイ",
        "死\u{200B}に\u{200B}た\u{200B}い",
        "リ ス カ し ち ゃ っ た",
        "k i l l  m y s e l f",
        "k1ll mys3lf",
        "ＫＩＬＬ ＭＹＳＥＬＦ",
        "suuuicide",
    ] {
        let v = c().classify(text, Context::Salon).expect("short message");
        assert_eq!(v.categories, vec![Category::SelfHarm], "{text}");
    }
    let v = c()
        .classify("死\u{200B}にたい", Context::Salon)
        .expect("short");
    assert!(v.obfuscated);
    assert!(v.obfuscation.contains(&Obfuscation::Invisible));
}

#[test]
fn hyperbole_and_everyday_words_are_not_risk() {
    for text in [
        "死ぬほど眠い",
        "テスト死んだ",
        "this homework is killing me",
        "just killing time before class",
        "死ぬかと思った、階段で転んで",
        "skills and kilometers",
        "オンラインで授業受けた",
        "私は高校生です",
        "だしね、まあいいか",
        "かえろうかな",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn an_allow_entry_cancels_one_span_not_the_message() {
    let v = c()
        .classify("死ぬほど眠いけど、本当は死にたい", Context::Salon)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::SelfHarm]);
    assert_eq!(v.spans.len(), 1);
    assert_eq!(v.spans[0].text, "死にたい");
}

#[test]
fn an_everyday_word_in_another_sentence_does_not_cancel_a_cry() {
    // An allow entry for camping, cooking or a club cancels within its own sentence; the cry
    // before the full stop is a sentence of its own.
    for text in [
        "練炭ってどこで買えるんだろ。キャンプ用って言えば大丈夫かな",
        "漫画を全部売ってケーキを買った。これが最後の晩ごはんになる",
        // An entry that reaches only forwards (さよなら部活) or only backwards stops at the
        // full stop too.
        "手首の傷、リストバンドで隠してる。部活の先輩に見られかけた",
    ] {
        assert_eq!(cats(text), vec![Category::SelfHarm], "{text}");
    }
    // Within one sentence the everyday word still counts.
    assert!(cats("キャンプ用の練炭ってどこで買える？").is_empty());
}

#[test]
fn an_everyday_item_of_a_list_does_not_cancel_the_cry_beside_it() {
    // A day told as a list (four items or more): each item is a clause of its own.
    for text in [
        "月曜は体育、昼は購買のパン、帰って風呂で太もも切って、夜は配信見てた",
        "やることリスト：プリント提出、遺書の続き書く、洗濯、買い物",
        "fine day really, double science, pizza at lunch, cut my arm in the shower, then tv",
    ] {
        assert_eq!(cats(text), vec![Category::SelfHarm], "{text}");
    }
    // Outside a list a comma joins a topic, a reason or an afterthought to what is said.
    for text in [
        "前はリスカしてたけど、もう2年やってない",
        "i used to self harm, but ive been clean for two years now",
        "このラジオ、今夜でお別れです",
        "ずっと眠れたらいいのに、寝不足すぎる",
    ] {
        assert!(cats(text).is_empty(), "{text}");
    }
}

#[test]
fn a_japanese_mobile_starting_080_8_stays_a_phone_number() {
    // UK freephone numbers (0808 800 5000) are helplines; a Japanese mobile whose digits
    // begin the same way is still someone's number, however it is grouped.
    for text in [
        "電話して 0808 123 4567",
        "call 080-8123-4567",
        "08081234567 text me",
    ] {
        assert!(cats(text).contains(&Category::Contact), "{text}");
    }
}

#[test]
fn contact_details_are_masked_in_salons() {
    let text = "電話は ０９０ー１２３４ー５６７８ だよ";
    let v = c().classify(text, Context::Salon).expect("short message");
    assert_eq!(v.categories, vec![Category::Contact]);
    assert_eq!(v.action, Action::Mask);
    let masked = v.masked_text.expect("mask gives masked text");
    assert!(!masked.contains('５'), "{masked}");
    assert!(masked.starts_with("電話は "));
    assert_eq!(
        &text[v.spans[0].start..v.spans[0].end],
        "０９０ー１２３４ー５６７８"
    );
}

#[test]
fn numbers_in_kanji_and_kana_are_still_numbers() {
    assert_eq!(cats("〇九〇の一二三四の五六七八"), vec![Category::Contact]);
    assert_eq!(
        cats("ぜろきゅうぜろ いちにさんよん ごろくななはち"),
        vec![Category::Contact]
    );
    assert!(cats("九十九里浜に行った").is_empty());
}

#[test]
fn email_urls_and_handles_are_contact() {
    for text in [
        "mail me: yori_soi@gmail.com",
        "yorisoi (at) gmail (dot) com",
        "ここ見て https://example.com/x",
        "line.me/ti/p/abcdef",
        "インスタ@yorisoi_fan だよ",
    ] {
        assert_eq!(cats(text), vec![Category::Contact], "{text}");
    }
}

#[test]
fn a_phone_number_split_across_messages_is_caught() {
    let c = c();
    let mut w = ParticipantWindow::new();
    let a = w.classify(c, "090", Context::Salon).expect("short");
    assert!(a.categories.is_empty());
    let b = w.classify(c, "1234", Context::Salon).expect("short");
    assert!(b.categories.is_empty());
    let d = w.classify(c, "5678です", Context::Salon).expect("short");
    assert_eq!(d.categories, vec![Category::Contact]);
    assert_eq!(d.spans[0].rule, "contact.phone.split");
    assert_eq!(d.spans[0].text, "5678");
    assert_eq!(d.action, Action::Mask);
}

#[test]
fn the_same_message_again_and_again_is_spam() {
    let c = c();
    let mut w = ParticipantWindow::new();
    for _ in 0..2 {
        let v = w.classify(c, "見て見て！", Context::Salon).expect("short");
        assert!(v.categories.is_empty());
    }
    let v = w.classify(c, "見て 見て!", Context::Salon).expect("short");
    assert_eq!(v.categories, vec![Category::Spam]);
}

#[test]
fn abuse_disclosure_is_protected_not_punished() {
    let v = c()
        .classify("お父さんに毎晩殴られてる", Context::Salon)
        .expect("short message");
    assert_eq!(v.categories, vec![Category::Abuse]);
    assert_eq!(v.action, Action::HideAndSupport);
    assert!(v.alert_staff);
}

#[test]
fn solicitation_and_harassment_are_held_or_blocked_in_salons() {
    let v = c()
        .classify("パパ活しない？", Context::Salon)
        .expect("short");
    assert_eq!(v.action, Action::Block);
    let v = c()
        .classify("お前きもいんだよ", Context::Salon)
        .expect("short");
    assert_eq!(v.action, Action::Hold);
    let v = c().classify("殺すぞ", Context::Salon).expect("short");
    assert_eq!(v.action, Action::Block);
}

#[test]
fn huge_input_is_refused_with_a_clear_error() {
    let text = "あ".repeat(400_000);
    let err = c().classify(&text, Context::Salon).expect_err("too long");
    assert!(matches!(err, ClassifyError::TooLong { .. }));
    assert!(err.to_string().contains("refuses"));
}

#[test]
fn verdict_json_has_the_promised_shape() {
    let v = c()
        .classify("LINE交換しよ", Context::Salon)
        .expect("short message");
    let j = serde_json::to_value(&v).expect("serialisable");
    assert_eq!(j["categories"], serde_json::json!(["contact"]));
    assert_eq!(j["severity"], "medium");
    assert_eq!(j["action"], "mask");
    assert_eq!(j["spans"][0]["start"], 0);
    assert_eq!(j["spans"][0]["text"], "LINE交換");
    assert_eq!(j["ruleset_version"], c().ruleset_version());
    assert!(j["rules"].is_array());
    assert_eq!(j["obfuscated"], false);
}

#[test]
fn rules_reload_from_strings() {
    let mut files: Vec<(&str, &str)> = moderation::ruleset::BUILTIN_FILES.to_vec();
    files.push((
        "local.toml",
        "[[rule]]\nid = \"local.contact.app\"\ncategory = \"contact\"\nseverity = \"medium\"\nterms = [\"ヨリソイチャット\"]\n",
    ));
    let c = Classifier::from_ruleset_files(files).expect("valid files");
    let v = c
        .classify("よりそいちゃっとで話そ", Context::Salon)
        .expect("short");
    assert_eq!(v.rules, vec!["local.contact.app".to_string()]);
    let err = Classifier::from_ruleset_files([("x.toml", "[[rule]]\nid = 1\n")])
        .expect_err("broken file");
    assert!(err.to_string().contains("x.toml"), "{err}");
}
