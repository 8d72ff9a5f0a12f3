//! Round-3 families (see docs/moderation.md, "Round 3"): spellings and verb forms of a
//! wish to die, "being alive is hard", a parent and what was done, paid-dating slang,
//! moving the talk elsewhere, IDs and numbers written without an at sign — and, on the
//! other side, hyperbole with a trivial cause, negated wishes, a parent "killing" a teen
//! over grades, everyday numbers and game talk.

use moderation::Category;

mod common;

use common::cats;

#[test]
fn new_risk_families_are_caught() {
    for (text, want) in [
        ("タヒりたい", Category::SelfHarm),
        ("4にたい", Category::SelfHarm),
        ("生きていくのがしんどい", Category::SelfHarm),
        ("生きるのめんどくさくなってきた", Category::SelfHarm),
        ("二度と目覚めたくない", Category::SelfHarm),
        ("i'm done with life", Category::SelfHarm),
        ("I relapsed last night", Category::SelfHarm),
        (
            "everyone would be better off without me",
            Category::SelfHarm,
        ),
        ("父にベルトで叩かれた", Category::Abuse),
        ("母の彼氏に夜触られる", Category::Abuse),
        ("親がご飯くれない日が続いてる", Category::Abuse),
        ("my stepdad smacks me when he's drunk", Category::Abuse),
        ("my mom doesn't feed me on weekends", Category::Abuse),
        ("P活してる子いる？", Category::Sexual),
        ("ホ別で", Category::Sexual),
        ("LINEに移動しよ", Category::Sexual),
        ("let's move to snap", Category::Sexual),
        ("i'll pay you robux for pics", Category::Sexual),
        ("age is just a number", Category::Sexual),
        ("LINEに移動しよ", Category::Contact),
        ("インスタ→ yuki.0321", Category::Contact),
        ("LINE ID: sakura_07", Category::Contact),
        ("my snap is yuki_22", Category::Contact),
        ("call me (415) 555-0134", Category::Contact),
        ("+44 7700 900123", Category::Contact),
        ("whats ur insta", Category::Contact),
        ("どこ在住？", Category::Contact),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}

#[test]
fn everyday_speech_of_the_same_families_is_not_flagged() {
    for text in [
        "恥ずかしすぎて死にたい",
        "推しがいないともう生きていけない",
        "死にたいとは思わない、ただ疲れてる",
        "宿題忘れたら先生に殺される",
        "門限過ぎたら親に殺される",
        "ネットで炎上して叩かれてた",
        "問題の番号教えて",
        "ママに電話しよ",
        "生きる意味を考える授業だった",
        "下着売り場で母を待ってる",
        "my mom is gonna kill me when she sees my grades",
        "im gonna die of boredom in this class",
        "the line is long today",
        "discord is down again",
        "i will kill you in fortnite next round",
        "I go to the gym on mondays",
        "she hit me up yesterday about the project",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn a_trivial_cause_does_not_hide_a_real_wish() {
    for text in [
        "恥ずかしすぎて死にたい、でも本当に死にたいのはいじめのせい",
        "死にたいとは思わないって言ったけど嘘、本当は死にたい",
        "宿題忘れたら親に殺される、本当に殴られるから怖い",
    ] {
        let got = cats(text);
        assert!(
            got.contains(&Category::SelfHarm) || got.contains(&Category::Abuse),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn identifiers_in_code_or_links_are_not_accounts() {
    for text in [
        "/api/staff/canned-replies?line_id=carers",
        "line.save",
        "line_closed",
        "a.id, a.username, a.display_name",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}
