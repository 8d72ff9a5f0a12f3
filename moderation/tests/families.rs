//! Round-2 allow families (fear, negation, topics, play-fighting, study meetings, school
//! photos, helplines) cancel everyday speech but never a real risk said alongside them.

use moderation::{Category, Classifier, Context};

fn cats(text: &str) -> Vec<Category> {
    Classifier::builtin()
        .classify(text, Context::Salon)
        .expect("short message")
        .categories
}

#[test]
fn everyday_families_are_not_flagged() {
    for text in [
        "プールの飛び込み台から飛び降りるのが怖い",
        "リストカットはしてないから安心して",
        "授業で自殺予防のビデオを見た",
        "いとこと叩き合いして遊んだ",
        "土曜に図書館で会おう、数学教えて",
        "ノートの写真送って！",
        "チャイルドライン 0120-99-7777",
        "I'm afraid of jumping off the diving board",
        "meet me in the library so we can study",
        "send me a pic of the homework please",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn a_risk_next_to_an_allow_family_is_still_caught() {
    for (text, want) in [
        ("死にたいけど死ぬのが怖い", Category::SelfHarm),
        ("飛び降りるのが怖いけど、もう死にたい", Category::SelfHarm),
        ("ニュースで見たけど私も親に殴られてる", Category::Abuse),
        ("図書館で二人きりで会おうよ、親には内緒", Category::Contact),
        ("I'm not ok, I want to kill myself", Category::SelfHarm),
        (
            "let's meet at the library, just us, dont tell anyone",
            Category::Contact,
        ),
        ("ノートの写真じゃなくて裸の写真送って", Category::Sexual),
        ("meet me at the library tonight", Category::Contact),
        ("今夜図書館で会おう", Category::Contact),
        ("電話して 090-1234-5678", Category::Contact),
    ] {
        assert!(cats(text).contains(&want), "{text}: {:?}", cats(text));
    }
}
