//! Runtime reload: the backend reads every rules file of a directory, passes the
//! `(name, contents)` pairs to `Classifier::from_ruleset_files`, and keeps the previous
//! classifier when that fails.

use moderation::{ruleset::BUILTIN_FILES, Category, Classifier, Context, RulesetError};

fn files_with(name: &str, contents: &str) -> Vec<(String, String)> {
    BUILTIN_FILES
        .iter()
        .map(|&(n, c)| {
            let c = if n == name {
                contents.to_string()
            } else {
                c.to_string()
            };
            (n.to_string(), c)
        })
        .collect()
}

fn load(files: &[(String, String)]) -> Result<Classifier, RulesetError> {
    Classifier::from_ruleset_files(files.iter().map(|(n, c)| (n.as_str(), c.as_str())))
}

#[test]
fn the_builtin_file_names_load_as_runtime_files() {
    let files = files_with("", "");
    let c = load(&files).expect("the built-in files load under their own names");
    assert_eq!(c.ruleset_version(), Classifier::builtin().ruleset_version());
}

#[test]
fn a_modified_ruleset_changes_a_verdict() {
    let text = "ぴえんぱおん団に入れ";
    let before = Classifier::builtin();
    assert!(before
        .classify(text, Context::Salon)
        .expect("short")
        .categories
        .is_empty());

    let ja = BUILTIN_FILES
        .iter()
        .find(|f| f.0 == "ja.toml")
        .expect("ja.toml")
        .1;
    let ja = format!(
        "{ja}\n[[rule]]\nid = \"ja.harassment.test_reload\"\ncategory = \"harassment\"\nseverity = \"medium\"\nterms = [\"ぱおん団\"]\n"
    );
    let after = load(&files_with("ja.toml", &ja)).expect("valid ruleset");
    let v = after.classify(text, Context::Salon).expect("short");
    assert_eq!(v.categories, vec![Category::Harassment]);
    assert!(v.rules.contains(&"ja.harassment.test_reload".to_string()));
}

#[test]
fn a_broken_ruleset_names_the_file_and_line_and_the_old_classifier_stays() {
    let current = Classifier::builtin();
    let en = BUILTIN_FILES
        .iter()
        .find(|f| f.0 == "en.toml")
        .expect("en.toml")
        .1;
    let broken = format!("{en}\n[[rule]]\nid = \"en.broken\"\nterms = [\"oops\"\n");
    let lines = broken.lines().count();
    let err = load(&files_with("en.toml", &broken)).expect_err("unterminated array");
    let msg = err.to_string();
    assert!(msg.contains("`en.toml`"), "{msg}");
    assert!(
        (lines - 3..=lines + 1).any(|l| msg.contains(&format!("line {l}"))),
        "no line number near {lines}: {msg}"
    );
    // The caller keeps serving with the classifier it had.
    let keep = load(&files_with("en.toml", &broken)).unwrap_or(current);
    assert!(keep
        .classify("もう死にたい", Context::Salon)
        .expect("short")
        .has(Category::SelfHarm));
}
