//! The labelled evaluation set and the figures computed from it.
//!
//! `eval/labelled.tsv` has one message per line: `kind<TAB>labels<TAB>text`, where `kind`
//! is `risk`, `evasion` (a risk message written to dodge filters), `benign_hard` (benign
//! but containing risky-looking words) or `benign`, and `labels` is a comma-separated list
//! of category names or `-`. Lines starting with `#` and blank lines are skipped.

use std::fmt;

use crate::{Category, Classifier, Context};

/// The evaluation set compiled into the crate.
pub const LABELLED: &str = include_str!("../eval/labelled.tsv");

/// A smaller set written after the lexicon was tuned on [`LABELLED`] and not tuned on: its
/// figures estimate how the rules do on messages nobody wrote rules for.
pub const HOLDOUT: &str = include_str!("../eval/holdout.tsv");

/// A set written in one sitting before the second round of tuning, by families of everyday
/// teen speech (hyperbole, games, fear and negation, school topics, helplines, study
/// meetings) and risk messages with evasion variants. Its first-run figures are recorded in
/// `docs/moderation.md`; it was used for tuning afterwards, so later figures are optimistic.
pub const FRESH: &str = include_str!("../eval/fresh.tsv");

/// A set written after the third round of lexicon work: its first-run figures (in
/// `docs/moderation.md`) were the estimate for unseen messages of the round-3 rules. Round 4
/// tuned on it, so its later figures are optimistic.
pub const VALIDATION: &str = include_str!("../eval/validation.tsv");

/// A set written in round 4 before any rule of that round changed, by families of teen and
/// young-carer speech not used before (281 messages, 123 benign). Its first run (in
/// `docs/moderation.md`, "Round 4") is the unseen estimate for the round-4 rules; it was
/// tuned on after that run, so its later figures are optimistic. Write a new set to measure
/// again.
pub const ROUND4: &str = include_str!("../eval/round4.tsv");

/// A set written for round 5 by an author who had not seen the rules, the code or any
/// earlier set (354 messages, 151 benign). Its first run (in `docs/moderation.md`, "Round
/// 5") is the unseen estimate for ruleset 2025-06-04.3; round 5 then tuned on it, so its
/// later figures are optimistic.
pub const ROUND5: &str = include_str!("../eval/round5.tsv");

/// A set written for round 6 by another author who had not seen the rules, the code or any
/// earlier set (294 messages, 123 benign). Its first run (in `docs/moderation.md`, "Round
/// 6") is the unseen estimate for ruleset 2025-06-04.4; round 6 then tuned on it, so its
/// later figures are optimistic.
pub const ROUND6: &str = include_str!("../eval/round6.tsv");

/// A set written for round 7 by a third author who had not seen the rules, the code or any
/// earlier set (293 messages, 131 benign). Its first run (in `docs/moderation.md`, "Round
/// 7") is the unseen estimate for ruleset 2025-06-04.5; round 7 then tuned on it, so its
/// later figures are optimistic.
pub const ROUND7: &str = include_str!("../eval/round7.tsv");

/// A set written for round 8 by a fourth author who had not seen the rules, the code or any
/// earlier set (366 messages, 163 benign; its header widens `abuse` to neglect and emotional
/// abuse at home). Its first run (in `docs/moderation.md`, "Round 8") is the unseen estimate
/// for ruleset 2025-06-04.5; round 8 then tuned on it, so its later figures are optimistic.
pub const ROUND8: &str = include_str!("../eval/round8.tsv");

/// A set written for round 9 by a fifth author who had not seen the rules, the code, the docs
/// or any earlier set's text (363 messages, 162 benign, 53 evasion variants; dialects, keigo,
/// blunt texting, carers). Its first run (in `docs/moderation.md`, "Round 9") is the unseen
/// estimate for ruleset 2025-06-04.7; round 9 then tuned on it, so its later figures are
/// optimistic.
pub const ROUND9: &str = include_str!("../eval/round9.tsv");

/// A set written for round 10 by a sixth author who had not seen the rules, the code, the
/// docs or any earlier set's text (372 messages, 164 benign; ordinary teen phrasing). Its
/// runs before round 10 tuned on it (in `docs/moderation.md`, "Round 10") are the unseen
/// estimates for the rules of rounds 7 to 9; its later figures are optimistic.
pub const ROUND10: &str = include_str!("../eval/round10.tsv");

/// A set written after round 10 by a seventh author who had not seen the rules, the code,
/// the docs or any earlier set's text (364 messages, 165 benign). Its first run (in
/// `docs/moderation.md`, "Round 11") estimated ruleset 2025-06-04.11; tuned on since `.13`.
pub const ROUND11: &str = include_str!("../eval/round11.tsv");

/// Round-12 set: written by an eighth independent author who had not seen the rules, the code,
/// the docs or any earlier set's text (362 messages, 165 benign). Its runs before tuning (in
/// `docs/moderation.md`, "Round 12") estimated rulesets `.12` and `.13`; tuned on since `.14`.
pub const ROUND12: &str = include_str!("../eval/round12.tsv");

/// Round-13 set: written by a ninth independent author who had not seen the rules, the code,
/// the docs or any earlier set's text (365 messages, 165 benign). Its runs before tuning (in
/// `docs/moderation.md`, "Round 13") estimated rulesets `.13` and `.14`; tuned on since `.15`.
pub const ROUND13: &str = include_str!("../eval/round13.tsv");

/// Round-14 set: written by a tenth independent author who had read only the header comment
/// block of round13.tsv, not the rules, the code, the docs or any earlier set's message text
/// (365 messages, 165 benign). Its first runs (in `docs/moderation.md`, "Round 14")
/// estimated rulesets `.15` and `.16`; tuned on, and learned from by the model, since `.17`.
pub const ROUND14: &str = include_str!("../eval/round14.tsv");

/// Round-15 set: written by an eleventh independent author who had read only the header
/// comment block of round14.tsv, not the rules, the code, the docs or any earlier set's
/// message text (370 messages, 166 benign). Its first runs (in `docs/moderation.md`, "Round
/// 15") estimated ruleset `.17`; tuned on, and learned from by the model, since `.18`.
pub const ROUND15: &str = include_str!("../eval/round15.tsv");

/// Round-16 set: written by a twelfth independent author who had read only the header
/// comment block of round15.tsv, not the rules, the code, the docs or any earlier set's
/// message text (370 messages, 166 benign). Its first runs (in `docs/moderation.md`, "Round
/// 16") estimated ruleset `.18`; tuned on, and learned from by the model, since `.19`.
pub const ROUND16: &str = include_str!("../eval/round16.tsv");

/// Round-17 set: written by a thirteenth independent author who had read only the header
/// comment block of round16.tsv, not the rules, the code, the docs or any earlier set's
/// message text (370 messages, 166 benign). Its first runs (in `docs/moderation.md`, "Round
/// 17") estimated ruleset `.19`; tuned on, and learned from by the model, since `.20`.
pub const ROUND17: &str = include_str!("../eval/round17.tsv");

/// Round-18 set: written by a fourteenth independent author who had read only the header
/// comment block of round17.tsv, not the rules, the code, the docs or any earlier set's
/// message text (370 messages, 166 benign). Its first runs (in `docs/moderation.md`, "Round
/// 18") estimated ruleset `.20`; tuned on, and learned from by the model, since `.21`.
pub const ROUND18: &str = include_str!("../eval/round18.tsv");

/// Round-19 set: written by a fifteenth independent author who had read only the header
/// comment blocks of round17.tsv and round18.tsv, not the rules, the code, the docs or any
/// earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Round 19") estimated ruleset `.20`; the decoders of `.21` were
/// written from its misses, and since `.22` it is tuned on, and learned from by the model.
pub const ROUND19: &str = include_str!("../eval/round19.tsv");

/// Round-20 set: written by a sixteenth independent author who had read only the header
/// comment blocks of round17.tsv, round18.tsv and round19.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Round 20") estimated ruleset `.22`; since `.23` it is tuned on,
/// and learned from by the model (six lines on sexual abuse at home relabelled abuse).
pub const ROUND20: &str = include_str!("../eval/round20.tsv");

/// Round-21 set: written by a seventeenth independent author who had read only the header
/// comment blocks of round18.tsv, round19.tsv and round20.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Round 21") estimated rulesets `.23` and `.24`; tuned on, and
/// learned from by the model, since `.25`.
pub const ROUND21: &str = include_str!("../eval/round21.tsv");

/// Round-22 set: written by an eighteenth independent author who had read only the header
/// comment blocks of round19.tsv, round20.tsv and round21.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Round 22") estimated ruleset `.24`; tuned on, and learned from by
/// the model, since `.25`.
pub const ROUND22: &str = include_str!("../eval/round22.tsv");

/// Round-23 set: written by a nineteenth independent author who had read only the header
/// comment blocks of round20.tsv, round21.tsv and round22.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Round 23") estimated ruleset `.25`; tuned on, and learned from by
/// the model, since `.26`.
pub const ROUND23: &str = include_str!("../eval/round23.tsv");

/// Round-24 set: written by a twentieth independent author who had read only the header
/// comment blocks of round21.tsv, round22.tsv and round23.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Round 24") estimated ruleset `.25`; tuned on, and learned from by
/// the model, since `.26`.
pub const ROUND24: &str = include_str!("../eval/round24.tsv");

/// Round-25 set: written by a twenty-first independent author who had read only the header
/// comment blocks of round22.tsv, round23.tsv and round24.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first run (in
/// `docs/moderation.md`, "Round 25") estimated ruleset `.26`; tuned on, and learned from by
/// the model, since `.27`.
pub const ROUND25: &str = include_str!("../eval/round25.tsv");

/// Round-26 set: written by a twenty-second independent author who had read only the header
/// comment blocks of round23.tsv, round24.tsv and round25.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first run (in
/// `docs/moderation.md`, "Round 26") estimated ruleset `.27`; tuned on, and learned from by
/// the model, since `.28`.
pub const ROUND26: &str = include_str!("../eval/round26.tsv");

/// Round-27 set: written by a twenty-third independent author who had read only the header
/// comment blocks of round24.tsv, round25.tsv and round26.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Round 27" and "Round 28") estimated ruleset `.28`; tuned on, and
/// learned from by the model, since `.29`.
pub const ROUND27: &str = include_str!("../eval/round27.tsv");

/// Round-28 set: written by a twenty-fourth independent author who had read only the header
/// comment blocks of round25.tsv, round26.tsv and round27.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first run (in
/// `docs/moderation.md`, "Round 28") estimated ruleset `.28`; tuned on, and learned from by
/// the model, since `.29`.
pub const ROUND28: &str = include_str!("../eval/round28.tsv");

/// Round-29 set: written by a twenty-fifth independent author who had read only the header
/// comment blocks of round26.tsv, round27.tsv and round28.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 29 to 32") estimated rulesets `.28` and `.29`; tuned on, and
/// learned from by the model, since `.30`.
pub const ROUND29: &str = include_str!("../eval/round29.tsv");

/// Round-30 set: written by a twenty-sixth independent author who had read only the header
/// comment blocks of round27.tsv, round28.tsv and round29.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 29 to 32") estimated rulesets `.28` and `.30`; tuned on, and
/// learned from by the model, since `.31`.
pub const ROUND30: &str = include_str!("../eval/round30.tsv");

/// Round-31 set: written by a twenty-seventh independent author who had read only the
/// header comment blocks of round28.tsv, round29.tsv and round30.tsv, not the rules, the code,
/// the docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 29 to 32") estimated rulesets `.28` and `.31`; tuned on, and
/// learned from by the model, since `.32`.
pub const ROUND31: &str = include_str!("../eval/round31.tsv");

/// Round-32 set: written by a twenty-eighth independent author who had read only the
/// header comment blocks of round29.tsv, round30.tsv and round31.tsv, not the rules, the code,
/// the docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 29 to 32") estimated rulesets `.28` and `.32`; tuned on,
/// and learned from by the model, since `.33`.
pub const ROUND32: &str = include_str!("../eval/round32.tsv");

/// Round-33 set: written by a twenty-ninth independent author who had read only the
/// header comment blocks of round30.tsv, round31.tsv and round32.tsv, not the rules, the code,
/// the docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 33 and 34") estimated rulesets `.28` and `.33`; tuned on, and
/// learned from by the model, since `.34`.
pub const ROUND33: &str = include_str!("../eval/round33.tsv");

/// Round-34 set: written by a thirtieth independent author who had read only the header
/// comment blocks of round31.tsv, round32.tsv and round33.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 33 and 34") estimated ruleset `.34`; tuned on, and
/// learned from by the model, since `.35`.
pub const ROUND34: &str = include_str!("../eval/round34.tsv");

/// Round-35 set: written by a thirty-first independent author who had read only the header
/// comment blocks of round32.tsv, round33.tsv and round34.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 35 and 36") estimated ruleset `.35`; tuned on, and
/// learned from by the model, since `.36`.
pub const ROUND35: &str = include_str!("../eval/round35.tsv");

/// Round-36 set: written by a thirty-second independent author who had read only the header
/// comment blocks of round33.tsv, round34.tsv and round35.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 35 and 36") estimated ruleset `.36`; tuned on, and
/// learned from by the model, since `.37`.
pub const ROUND36: &str = include_str!("../eval/round36.tsv");

/// Round-37 set: written by a thirty-third independent author who had read only the header
/// comment blocks of round34.tsv, round35.tsv and round36.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 35 and 36") estimated ruleset `.37`; tuned on, and
/// learned from by the model, since `.39`.
pub const ROUND37: &str = include_str!("../eval/round37.tsv");

/// Round-38 set: written by a thirty-fourth independent author who had read only the header
/// comment blocks of round35.tsv, round36.tsv and round37.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Any script, unnamed romaji") estimated ruleset `.39`; tuned
/// on, and learned from by the model, since `.40`.
pub const ROUND38: &str = include_str!("../eval/round38.tsv");

/// Round-39 set: written by a thirty-fifth independent author who had read only the header
/// comment blocks of round36.tsv, round37.tsv and round38.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Any script, unnamed romaji") estimated ruleset `.40`; tuned
/// on, and learned from by the model, since `.41`.
pub const ROUND39: &str = include_str!("../eval/round39.tsv");

/// Round-40 set: written by a thirty-sixth independent author who had read only the header
/// comment blocks of round37.tsv, round38.tsv and round39.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Mojibake; rounds 40 to 42") estimated ruleset `.42` with mojibake
/// readings; tuned on, and learned from by the model, since `.43`.
pub const ROUND40: &str = include_str!("../eval/round40.tsv");

/// Round-41 set: written by a thirty-seventh independent author who had read only the
/// header comment blocks of round38.tsv, round39.tsv and round40.tsv, not the rules, the
/// code, the docs or any earlier set's message text (370 messages, 166 benign). Its first
/// runs (in `docs/moderation.md`, "Mojibake; rounds 40 to 42") estimated ruleset `.43`;
/// tuned on, and learned from by the model, since `.44`.
pub const ROUND41: &str = include_str!("../eval/round41.tsv");

/// Round-42 set: written by a thirty-eighth independent author who had read only the
/// header comment blocks of round39.tsv, round40.tsv and round41.tsv, not the rules, the
/// code, the docs or any earlier set's message text (370 messages, 166 benign). Its first
/// runs (in `docs/moderation.md`, "Mojibake; rounds 40 to 42") estimated ruleset `.45`;
/// tuned on, and learned from by the model, since `.46`.
pub const ROUND42: &str = include_str!("../eval/round42.tsv");

/// Round-43 set: written by a thirty-ninth independent author who had read only the
/// header comment blocks of round40.tsv, round41.tsv and round42.tsv, not the rules, the
/// code, the docs or any earlier set's message text (370 messages, 166 benign). Its first
/// runs (in `docs/moderation.md`, "Rounds 43 and 44") estimated ruleset `.48`; tuned on,
/// and learned from by the model, since `.50`.
pub const ROUND43: &str = include_str!("../eval/round43.tsv");

/// Round-44 set: written by a fortieth independent author at the same time as round 43 and
/// from the same three header blocks, without seeing round 43 (370 messages, 166 benign).
/// Its first runs (in `docs/moderation.md`, "Rounds 43 and 44") estimated ruleset `.48`;
/// tuned on, and learned from by the model, since `.50`.
pub const ROUND44: &str = include_str!("../eval/round44.tsv");

/// Round-45 set: written by a forty-first independent author who had read only the header
/// comment blocks of round42.tsv, round43.tsv and round44.tsv, not the rules, the code, the
/// docs or any earlier set's message text (370 messages, 166 benign). Its first runs (in
/// `docs/moderation.md`, "Rounds 45 and 46") estimated ruleset `.51`; tuned on, and learned
/// from by the model, since `.52`.
pub const ROUND45: &str = include_str!("../eval/round45.tsv");

/// Round-46 set: written by a forty-second independent author at the same time as round 45
/// and from the same three header blocks, without seeing round 45 (370 messages, 166
/// benign). Its first runs (in `docs/moderation.md`, "Rounds 45 and 46") estimated ruleset
/// `.51`; tuned on, and learned from by the model, since `.52`.
pub const ROUND46: &str = include_str!("../eval/round46.tsv");

/// Messages written only to teach the learned model (`train/*.tsv`, the format of this
/// module), one file per author (36 authors; `docs/moderation.md` lists them): self-harm,
/// abuse, sexual and contact files, each with look-alikes, everyday chat, young carers,
/// English, short chat, long consultation messages, salon-room chat and disguises. Their
/// authors had read the header comments of earlier evaluation sets for the labelling
/// conventions, never a set's messages. Never evaluated on, and no message of theirs is in
/// an evaluation set (a test checks).
pub const TRAINING: [(&str, &str); 40] = [
    ("selfharm", include_str!("../train/selfharm.tsv")),
    ("abuse", include_str!("../train/abuse.tsv")),
    ("sexual", include_str!("../train/sexual.tsv")),
    ("benign", include_str!("../train/benign.tsv")),
    ("selfharm2", include_str!("../train/selfharm2.tsv")),
    ("mixed2", include_str!("../train/mixed2.tsv")),
    ("selfharm3", include_str!("../train/selfharm3.tsv")),
    ("selfharm4", include_str!("../train/selfharm4.tsv")),
    ("sexual3", include_str!("../train/sexual3.tsv")),
    ("selfharm5", include_str!("../train/selfharm5.tsv")),
    ("carers", include_str!("../train/carers.tsv")),
    ("sexual4", include_str!("../train/sexual4.tsv")),
    ("benign2", include_str!("../train/benign2.tsv")),
    ("selfharm6", include_str!("../train/selfharm6.tsv")),
    ("abuse2", include_str!("../train/abuse2.tsv")),
    ("sexual5", include_str!("../train/sexual5.tsv")),
    ("contact2", include_str!("../train/contact2.tsv")),
    ("english2", include_str!("../train/english2.tsv")),
    ("evasion2", include_str!("../train/evasion2.tsv")),
    ("selfharm7", include_str!("../train/selfharm7.tsv")),
    ("selfharm8", include_str!("../train/selfharm8.tsv")),
    ("grooming3", include_str!("../train/grooming3.tsv")),
    ("benign3", include_str!("../train/benign3.tsv")),
    ("selfharm9", include_str!("../train/selfharm9.tsv")),
    ("abuse3", include_str!("../train/abuse3.tsv")),
    ("sexual6", include_str!("../train/sexual6.tsv")),
    ("contact3", include_str!("../train/contact3.tsv")),
    ("shortchat", include_str!("../train/shortchat.tsv")),
    ("english3", include_str!("../train/english3.tsv")),
    ("consult", include_str!("../train/consult.tsv")),
    ("salon2", include_str!("../train/salon2.tsv")),
    ("contact4", include_str!("../train/contact4.tsv")),
    ("selfharm10", include_str!("../train/selfharm10.tsv")),
    ("sexual7", include_str!("../train/sexual7.tsv")),
    ("mixed5", include_str!("../train/mixed5.tsv")),
    ("english4", include_str!("../train/english4.tsv")),
    ("abuse5", include_str!("../train/abuse5.tsv")),
    ("selfharm11", include_str!("../train/selfharm11.tsv")),
    ("selfharm12", include_str!("../train/selfharm12.tsv")),
    ("lookalikes3", include_str!("../train/lookalikes3.tsv")),
];

/// Every message of [`TRAINING`].
pub fn training_examples() -> Vec<Example> {
    TRAINING
        .iter()
        .flat_map(|(_, tsv)| parse(tsv).expect("the training files are checked by tests"))
        .collect()
}

/// One built-in evaluation set.
#[derive(Debug, Clone, Copy)]
pub struct Set {
    /// Its name, as the evaluate example takes it.
    pub name: &'static str,
    /// The set in the TSV format of this module.
    pub tsv: &'static str,
    /// Whether rules were written from its misses: its figures are then a regression guard,
    /// not an estimate for unseen messages.
    pub tuned: bool,
}

/// Every built-in set, oldest first.
pub const SETS: [Set; 47] = [
    Set {
        name: "labelled",
        tsv: LABELLED,
        tuned: true,
    },
    Set {
        name: "holdout",
        tsv: HOLDOUT,
        tuned: true,
    },
    Set {
        name: "fresh",
        tsv: FRESH,
        tuned: true,
    },
    Set {
        name: "validation",
        tsv: VALIDATION,
        tuned: true,
    },
    Set {
        name: "round4",
        tsv: ROUND4,
        tuned: true,
    },
    Set {
        name: "round5",
        tsv: ROUND5,
        tuned: true,
    },
    Set {
        name: "round6",
        tsv: ROUND6,
        tuned: true,
    },
    Set {
        name: "round7",
        tsv: ROUND7,
        tuned: true,
    },
    Set {
        name: "round8",
        tsv: ROUND8,
        tuned: true,
    },
    Set {
        name: "round9",
        tsv: ROUND9,
        tuned: true,
    },
    Set {
        name: "round10",
        tsv: ROUND10,
        tuned: true,
    },
    Set {
        name: "round11",
        tsv: ROUND11,
        tuned: true,
    },
    Set {
        name: "round12",
        tsv: ROUND12,
        tuned: true,
    },
    Set {
        name: "round13",
        tsv: ROUND13,
        tuned: true,
    },
    Set {
        name: "round14",
        tsv: ROUND14,
        tuned: true,
    },
    Set {
        name: "round15",
        tsv: ROUND15,
        tuned: true,
    },
    Set {
        name: "round16",
        tsv: ROUND16,
        tuned: true,
    },
    Set {
        name: "round17",
        tsv: ROUND17,
        tuned: true,
    },
    Set {
        name: "round18",
        tsv: ROUND18,
        tuned: true,
    },
    Set {
        name: "round19",
        tsv: ROUND19,
        tuned: true,
    },
    Set {
        name: "round20",
        tsv: ROUND20,
        tuned: true,
    },
    Set {
        name: "round21",
        tsv: ROUND21,
        tuned: true,
    },
    Set {
        name: "round22",
        tsv: ROUND22,
        tuned: true,
    },
    Set {
        name: "round23",
        tsv: ROUND23,
        tuned: true,
    },
    Set {
        name: "round24",
        tsv: ROUND24,
        tuned: true,
    },
    Set {
        name: "round25",
        tsv: ROUND25,
        tuned: true,
    },
    Set {
        name: "round26",
        tsv: ROUND26,
        tuned: true,
    },
    Set {
        name: "round27",
        tsv: ROUND27,
        tuned: true,
    },
    Set {
        name: "round28",
        tsv: ROUND28,
        tuned: true,
    },
    Set {
        name: "round29",
        tsv: ROUND29,
        tuned: true,
    },
    Set {
        name: "round30",
        tsv: ROUND30,
        tuned: true,
    },
    Set {
        name: "round31",
        tsv: ROUND31,
        tuned: true,
    },
    Set {
        name: "round32",
        tsv: ROUND32,
        tuned: true,
    },
    Set {
        name: "round33",
        tsv: ROUND33,
        tuned: true,
    },
    Set {
        name: "round34",
        tsv: ROUND34,
        tuned: true,
    },
    Set {
        name: "round35",
        tsv: ROUND35,
        tuned: true,
    },
    Set {
        name: "round36",
        tsv: ROUND36,
        tuned: true,
    },
    Set {
        name: "round37",
        tsv: ROUND37,
        tuned: true,
    },
    Set {
        name: "round38",
        tsv: ROUND38,
        tuned: true,
    },
    Set {
        name: "round39",
        tsv: ROUND39,
        tuned: true,
    },
    Set {
        name: "round40",
        tsv: ROUND40,
        tuned: true,
    },
    Set {
        name: "round41",
        tsv: ROUND41,
        tuned: true,
    },
    Set {
        name: "round42",
        tsv: ROUND42,
        tuned: true,
    },
    Set {
        name: "round43",
        tsv: ROUND43,
        tuned: true,
    },
    Set {
        name: "round44",
        tsv: ROUND44,
        tuned: true,
    },
    Set {
        name: "round45",
        tsv: ROUND45,
        tuned: true,
    },
    Set {
        name: "round46",
        tsv: ROUND46,
        tuned: true,
    },
];

/// One labelled message.
#[derive(Debug, Clone)]
pub struct Example {
    /// `risk`, `evasion`, `benign_hard` or `benign`.
    pub kind: String,
    /// The categories the message should get.
    pub labels: Vec<Category>,
    /// The message.
    pub text: String,
}

impl Example {
    /// Whether the message is labelled with no category.
    pub fn is_benign(&self) -> bool {
        self.labels.is_empty()
    }
}

/// Parses the TSV format described in the module documentation.
///
/// # Errors
///
/// A message naming the line and what was expected.
pub fn parse(tsv: &str) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(kind), Some(labels), Some(text)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("line {}: expected kind<TAB>labels<TAB>text", n + 1));
        };
        if !matches!(kind, "risk" | "evasion" | "benign_hard" | "benign") {
            return Err(format!(
                "line {}: kind `{kind}`; expected risk, evasion, benign_hard or benign",
                n + 1
            ));
        }
        let labels = if labels == "-" {
            Vec::new()
        } else {
            labels
                .split(',')
                .map(|l| {
                    Category::from_name(l.trim())
                        .ok_or_else(|| format!("line {}: unknown category `{l}`", n + 1))
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        out.push(Example {
            kind: kind.to_string(),
            labels,
            text: text.to_string(),
        });
    }
    Ok(out)
}

/// Counts for one category.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Labelled and found.
    pub tp: usize,
    /// Found but not labelled.
    pub fp: usize,
    /// Labelled but not found.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp); 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); 1 when nothing was labelled.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The evaluation's figures.
#[derive(Debug, Clone)]
pub struct Report {
    /// Per category, in [`Category::ALL`] order.
    pub per_category: Vec<(Category, Counts)>,
    /// Messages in the set.
    pub total: usize,
    /// Benign messages (no label).
    pub benign: usize,
    /// Benign messages that got any category.
    pub benign_flagged: usize,
    /// Evasion messages, and how many of them got all their labels.
    pub evasion: (usize, usize),
    /// Lines describing each mistake: expected vs got.
    pub mistakes: Vec<String>,
}

impl Report {
    /// Share of benign messages that got any category.
    pub fn benign_fp_rate(&self) -> f64 {
        if self.benign == 0 {
            0.0
        } else {
            self.benign_flagged as f64 / self.benign as f64
        }
    }

    /// Counts for one category.
    pub fn counts(&self, c: Category) -> Counts {
        self.per_category
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, n)| *n)
            .unwrap_or_default()
    }
}

/// Classifies every example (salon context; categories do not depend on the context) and
/// counts per category.
pub fn evaluate(classifier: &Classifier, examples: &[Example]) -> Report {
    let mut per: Vec<(Category, Counts)> = Category::ALL
        .iter()
        .map(|&c| (c, Counts::default()))
        .collect();
    let mut report = Report {
        per_category: Vec::new(),
        total: examples.len(),
        benign: 0,
        benign_flagged: 0,
        evasion: (0, 0),
        mistakes: Vec::new(),
    };
    for ex in examples {
        let got = match classifier.classify(&ex.text, Context::Salon) {
            Ok(v) => v.categories,
            Err(e) => {
                report.mistakes.push(format!("refused: {e}: {}", ex.text));
                Vec::new()
            }
        };
        for (c, n) in per.iter_mut() {
            match (ex.labels.contains(c), got.contains(c)) {
                (true, true) => n.tp += 1,
                (false, true) => n.fp += 1,
                (true, false) => n.fn_ += 1,
                (false, false) => {}
            }
        }
        if ex.is_benign() {
            report.benign += 1;
            if !got.is_empty() {
                report.benign_flagged += 1;
            }
        }
        if ex.kind == "evasion" {
            report.evasion.0 += 1;
            if ex.labels.iter().all(|l| got.contains(l)) {
                report.evasion.1 += 1;
            }
        }
        let mut want = ex.labels.clone();
        want.sort();
        let mut have = got.clone();
        have.sort();
        if want != have {
            let names = |v: &[Category]| {
                if v.is_empty() {
                    "-".to_string()
                } else {
                    v.iter().map(|c| c.name()).collect::<Vec<_>>().join(",")
                }
            };
            report.mistakes.push(format!(
                "[{}] expected {} got {}: {}",
                ex.kind,
                names(&want),
                names(&have),
                ex.text
            ));
        }
    }
    report.per_category = per;
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "messages: {} (benign: {}, evasion variants: {})",
            self.total, self.benign, self.evasion.0
        )?;
        writeln!(
            f,
            "{:<14} {:>8} {:>9} {:>7} {:>5} {:>5} {:>5}",
            "category", "precision", "recall", "labels", "tp", "fp", "fn"
        )?;
        for (c, n) in &self.per_category {
            writeln!(
                f,
                "{:<14} {:>9.3} {:>8.3} {:>7} {:>5} {:>5} {:>5}",
                c.name(),
                n.precision(),
                n.recall(),
                n.tp + n.fn_,
                n.tp,
                n.fp,
                n.fn_
            )?;
        }
        writeln!(
            f,
            "benign false-positive rate: {:.4} ({} of {})",
            self.benign_fp_rate(),
            self.benign_flagged,
            self.benign
        )?;
        writeln!(
            f,
            "evasion variants fully caught: {} of {}",
            self.evasion.1, self.evasion.0
        )
    }
}
