//! Plain-language help: how easy a text is to read, and where it could be clearer. The board's
//! vision asks for work that is *clear and simple*; these figures are a guide for writers, never
//! a gate.

#[cfg(feature = "db")]
pub mod check;

use serde::{Deserialize, Serialize};

/// A phrase from the known-jargon list, with plainer words to use instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Jargon {
    /// As it appears in the text.
    pub found: String,
    pub plainer: String,
}

/// How easy a text is to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Readability {
    pub words: u32,
    pub sentences: u32,
    pub syllables: u32,
    /// Flesch reading ease: 0 (very hard) to 100 (very easy); can fall outside for extreme texts.
    pub reading_ease: f64,
    /// Flesch-Kincaid grade plus five: roughly the age at which most people read it easily.
    pub reading_age: f64,
    pub average_sentence_words: f64,
    pub longest_sentence_words: u32,
    /// Sentences longer than `LONG_SENTENCE` words, as written: the first few, each cut short
    /// if very long (see `check::LISTED`).
    pub long_sentences: Vec<String>,
    /// How many sentences are longer than `LONG_SENTENCE` words, listed or not.
    #[serde(default)]
    pub long_sentences_total: u32,
    /// Phrases that look passive ("is paid by"), which often hide who does what: the first few.
    pub passive_phrases: Vec<String>,
    /// How many different phrases look passive, listed or not.
    #[serde(default)]
    pub passive_phrases_total: u32,
    pub jargon: Vec<Jargon>,
}

/// A sentence longer than this is pointed out. Plain English guides suggest 15 to 20 on average.
pub const LONG_SENTENCE: u32 = 25;

impl Readability {
    /// What the reading-ease figure means, in words.
    pub fn ease_label(&self) -> &'static str {
        match self.reading_ease {
            e if e >= 80.0 => "easy",
            e if e >= 60.0 => "fairly easy",
            e if e >= 50.0 => "fairly hard",
            e if e >= 30.0 => "hard",
            _ => "very hard",
        }
    }

    /// One sentence for the top of the list.
    pub fn summary(&self) -> String {
        if self.words == 0 {
            return "There is no text to check yet.".to_owned();
        }
        format!(
            "Reading ease {:.0} out of 100 ({}). Reading age about {:.0}. {} words in {} {}, {:.1} words in a sentence on average; the longest has {}.",
            self.reading_ease.clamp(0.0, 100.0),
            self.ease_label(),
            self.reading_age.max(5.0),
            self.words,
            self.sentences,
            if self.sentences == 1 { "sentence" } else { "sentences" },
            self.average_sentence_words,
            self.longest_sentence_words
        )
    }
}
