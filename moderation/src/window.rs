//! A short per-participant memory: catches a phone number split across messages and the
//! same message sent again and again.

use std::collections::VecDeque;

use crate::classify::{with_scratch, Classifier, ClassifyError, Hit};
use crate::detect::{digit_fragment, is_phone};
use crate::verdict::{Category, Severity, Verdict};
use crate::Context;

/// How many earlier messages are remembered. Five covers "090" / "1234" / "5678" with a
/// remark in between; more would join unrelated numbers.
const WINDOW: usize = 5;

/// Identical messages (after normalisation) in a row that count as spam, this one included.
const REPEATS: usize = 3;

#[derive(Debug, Clone)]
struct Recent {
    digits: Option<String>,
    text: String,
}

/// The recent messages of one participant in one conversation or room.
///
/// The window counts messages, not time, so the classifier stays deterministic; the
/// backend drops the window (or calls [`ParticipantWindow::clear`]) after a pause.
#[derive(Debug, Clone, Default)]
pub struct ParticipantWindow {
    recent: VecDeque<Recent>,
}

impl ParticipantWindow {
    /// An empty window.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.recent.clear();
    }

    /// Classifies `text` as the participant's next message, taking the earlier ones into
    /// account, and remembers it.
    ///
    /// # Errors
    ///
    /// [`ClassifyError::TooLong`] as for [`Classifier::classify`]; the message is then not
    /// remembered.
    pub fn classify(
        &mut self,
        classifier: &Classifier,
        text: &str,
        context: Context,
    ) -> Result<Verdict, ClassifyError> {
        with_scratch(|scratch| {
            let mut analysis = classifier.analyze(text, scratch)?;
            let fragment = digit_fragment(&scratch.chars);
            let has_phone = analysis.hits.iter().any(|h| h.rule == "contact.phone");
            if let (Some((digits, s, e)), false) = (&fragment, has_phone) {
                // Join this fragment with the fragments of the messages just before it.
                let mut joined = digits.clone();
                for prev in self.recent.iter().rev() {
                    let Some(p) = &prev.digits else { break };
                    joined.insert_str(0, p);
                    if is_phone(&joined, false) {
                        analysis.hits.push(Hit::structural(
                            *s,
                            *e,
                            Category::Contact,
                            Severity::Medium,
                            "contact.phone.split",
                        ));
                        break;
                    }
                    if joined.len() > 11 {
                        break;
                    }
                }
            }
            let key: String = scratch.match_text().chars().take(256).collect();
            if !key.trim().is_empty() {
                let same = self
                    .recent
                    .iter()
                    .rev()
                    .take_while(|r| r.text == key)
                    .count();
                if same + 1 >= REPEATS && !text.is_empty() {
                    analysis.hits.push(Hit::structural(
                        0,
                        text.len(),
                        Category::Spam,
                        Severity::Low,
                        "spam.repeat",
                    ));
                }
            }
            if self.recent.len() == WINDOW {
                self.recent.pop_front();
            }
            self.recent.push_back(Recent {
                digits: fragment.map(|f| f.0),
                text: key,
            });
            Ok(classifier.finish(text, analysis, &mut scratch.events, context))
        })
    }
}
