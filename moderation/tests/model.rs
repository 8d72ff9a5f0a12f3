//! The learned second opinion: it adds what the lexicon missed in quiet phrasings, stays
//! out of everyday chat and of categories a rule already found, shows reviewers where it
//! looked, and is configured by checked `[[model]]` entries.

use moderation::{
    ruleset::BUILTIN_FILES, Action, Category, Classifier, Context, Ruleset, Severity, Verdict,
};

mod common;

use common::{cats, CLASSIFIER};

fn salon(classifier: &Classifier, text: &str) -> Verdict {
    classifier
        .classify(text, Context::Salon)
        .expect("short message")
}

fn lexicon_only() -> Classifier {
    Classifier::new(Ruleset::builtin().without_model())
}

#[test]
fn quiet_phrasings_the_lexicon_misses_are_found_by_the_model() {
    let lexicon = lexicon_only();
    for (text, category) in [
        (
            "わたしがいなくなったらお母さんの介護どうなるんかな、でももう限界",
            Category::SelfHarm,
        ),
        (
            "最近なにしても意味ない気がして、ずっとベッドから出られない。もう全部どうでもいい",
            Category::SelfHarm,
        ),
        (
            "ほかの人には見せられない話もできるよね、二人だけの",
            Category::Sexual,
        ),
        (
            "ここだと言いにくいから、あっちで続き話そ",
            Category::Contact,
        ),
    ] {
        assert!(
            salon(&lexicon, text).categories.is_empty(),
            "the lexicon alone now finds {text:?}; pick a phrasing it misses"
        );
        let v = salon(&CLASSIFIER, text);
        assert_eq!(v.categories, vec![category], "{text}");
        let rule = format!("model.{}", category.name());
        assert_eq!(v.rules, vec![rule.clone()], "{text}");
        let span = &v.spans[0];
        assert_eq!(span.rule, rule);
        // The span is the part that weighed most, on the original text's boundaries.
        assert_eq!(&text[span.start..span.end], span.text);
        assert!(!span.text.is_empty());
    }
}

#[test]
fn model_findings_ask_for_a_look_not_an_alarm() {
    let text = "わたしがいなくなったらお母さんの介護どうなるんかな、でももう限界";
    // Counselling: the chat moves up the queue; staff are not paged for a guess.
    let v = CLASSIFIER
        .classify(text, Context::Counseling)
        .expect("short message");
    assert_eq!(v.severity, Severity::Medium);
    assert_eq!(v.action, Action::Prioritize);
    assert!(!v.alert_staff);
    // Salon: still hidden from the room with a warm private answer.
    let v = salon(&CLASSIFIER, text);
    assert_eq!(v.action, Action::HideAndSupport);
    assert!(v.support_reply.is_some());
    // A guessed contact request is held for a moderator, not masked piecemeal.
    let v = salon(&CLASSIFIER, "ここだと言いにくいから、あっちで続き話そ");
    assert_eq!(v.action, Action::Hold);
    assert!(v.masked_text.is_none());
}

#[test]
fn everyday_chat_and_hyperbole_stay_unflagged() {
    for text in [
        "今日は部活で疲れたけど楽しかった",
        "おばあちゃんの通院の付き添い、今日は早く終わった",
        "テスト死んだ、死ぬほど眠い",
        "this homework is killing me lol",
        "弟の送り迎えのあと、友達とカラオケ行った",
        "my mum's carer came today so i could go to football",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}

#[test]
fn the_model_never_repeats_a_category_a_rule_found() {
    let v = salon(&CLASSIFIER, "もう死にたい。みんな私がいない方がうまくいく");
    assert!(v.has(Category::SelfHarm));
    assert!(
        v.spans.iter().all(|s| !s.rule.starts_with("model.")),
        "{:?}",
        v.spans
    );
}

fn with_model_entries(entries: &str) -> Result<Classifier, moderation::RulesetError> {
    let files: Vec<(String, String)> = BUILTIN_FILES
        .iter()
        .map(|&(name, text)| {
            let text = if name == "ruleset.toml" {
                // The built-in entries are replaced by the ones under test.
                let head = text.split("[[model]]").next().unwrap_or(text);
                format!("{head}\n{entries}")
            } else {
                text.to_string()
            };
            (name.to_string(), text)
        })
        .collect();
    Classifier::from_ruleset_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

#[test]
fn model_entries_are_data_and_are_checked() {
    let quiet = "ほかの人には見せられない話もできるよね、二人だけの";
    // No entries: the model is off.
    let off = with_model_entries("").expect("valid without a model");
    assert!(salon(&off, quiet).categories.is_empty());
    // A threshold no message reaches: nothing is added.
    let strict = with_model_entries(
        "[[model]]\ncategory = \"sexual\"\nseverity = \"medium\"\nthreshold = 0.999999\n",
    )
    .expect("valid");
    assert!(salon(&strict, quiet).categories.is_empty());

    for (entries, says) in [
        (
            "[[model]]\ncategory = \"spam\"\nseverity = \"low\"\nthreshold = 0.8\n",
            "scores only self_harm, abuse, sexual, contact, harassment",
        ),
        (
            "[[model]]\ncategory = \"abuse\"\nseverity = \"low\"\nthreshold = 80\n",
            "`threshold` must be between 0 and 1",
        ),
        (
            "[[model]]\ncategory = \"abuse\"\nseverity = \"info\"\nthreshold = 0.8\n",
            "needs a severity above info",
        ),
        (
            "[[model]]\ncategory = \"abuse\"\nseverity = \"low\"\nthreshold = 0.8\n\
             [[model]]\ncategory = \"abuse\"\nseverity = \"high\"\nthreshold = 0.9\n",
            "a second `[[model]]` for `abuse`",
        ),
    ] {
        let err = with_model_entries(entries).expect_err(entries).to_string();
        assert!(
            err.contains("`ruleset.toml`") && err.contains(says),
            "{err}"
        );
    }
}

#[test]
fn an_everyday_phrase_does_not_silence_the_model_for_the_whole_message() {
    // 死ぬほど眠い is everyday; the rest of the message is still read (until `.23` any
    // everyday self-harm phrase silenced the model's self-harm for the whole message).
    let quiet = "最近なにしても意味ない気がして、ずっとベッドから出られない。もう全部どうでもいい";
    for text in [
        format!("死ぬほど眠い。{quiet}"),
        format!("テスト死んだわ。{quiet}"),
    ] {
        let v = salon(&CLASSIFIER, &text);
        assert_eq!(v.categories, vec![Category::SelfHarm], "{text}");
        assert_eq!(v.rules, vec!["model.self_harm".to_string()], "{text}");
        // The span shows the quiet part.
        let span = &v.spans[0].text;
        assert!(span.contains("ベッドから出られない"), "{text}: {span:?}");
    }
    // The everyday phrase alone, and with more everyday chat, stays unflagged.
    for text in [
        "死ぬほど眠い、部活きつい",
        "推しがいないともう生きていけない",
    ] {
        assert!(cats(text).is_empty(), "{text}: {:?}", cats(text));
    }
}
