//! Text work done once, off the request threads.
//!
//! Rendering Markdown (with glossary links) and the plain-language check depend only on a text
//! and the board's glossary, and a document is read far more often than it is saved. So results
//! are kept in a small in-memory cache keyed by a SHA-256 of exactly what they depend on: a new
//! version, or a changed glossary, is simply a new key, and nothing ever needs invalidating. Each
//! app instance keeps its own cache, so several instances behind a load balancer stay stateless.
//!
//! Work that is not cached yet runs in `spawn_blocking`, so a long text being rendered never holds
//! up the async workers that answer everyone else's requests.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

use crate::glossary::Term;
use crate::writing::Readability;

/// Roughly how many bytes of results to keep per cache (the HTML of a long policy is about
/// 200 KB), after which the oldest entries go first.
const CACHE_BYTES: usize = 48 * 1024 * 1024;

type Key = [u8; 32];

struct Cache<T> {
    entries: HashMap<Key, (Arc<T>, usize)>,
    order: VecDeque<Key>,
    bytes: usize,
}

impl<T> Cache<T> {
    fn new() -> Self {
        Self { entries: HashMap::new(), order: VecDeque::new(), bytes: 0 }
    }

    fn get(&self, key: &Key) -> Option<Arc<T>> {
        self.entries.get(key).map(|(v, _)| v.clone())
    }

    fn put(&mut self, key: Key, value: Arc<T>, size: usize) {
        if self.entries.insert(key, (value, size)).is_none() {
            self.order.push_back(key);
            self.bytes += size;
        }
        while self.bytes > CACHE_BYTES {
            let Some(oldest) = self.order.pop_front() else { break };
            if let Some((_, size)) = self.entries.remove(&oldest) {
                self.bytes -= size;
            }
        }
    }
}

fn key(kind: &str, text: &str, terms: &[Term]) -> Key {
    let mut hasher = Sha256::new();
    // Lengths before each part, so no two different inputs run together into the same bytes.
    for part in std::iter::once(kind).chain(std::iter::once(text)).chain(terms.iter().flat_map(|t| [t.term.as_str(), t.slug.as_str(), t.explanation.as_str()])) {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().into()
}

/// HTML (sanitised, glossary words linked at first use) and the glossary terms it used.
#[derive(Debug)]
pub struct Rendered {
    pub html: String,
    pub used: Vec<Term>,
}

static RENDERED: Mutex<Option<Cache<Rendered>>> = Mutex::new(None);
static CHECKED: Mutex<Option<Cache<Readability>>> = Mutex::new(None);

fn cached<T>(cache: &Mutex<Option<Cache<T>>>, key: &Key) -> Option<Arc<T>> {
    cache.lock().unwrap_or_else(|p| p.into_inner()).as_ref().and_then(|c| c.get(key))
}

fn keep<T>(cache: &Mutex<Option<Cache<T>>>, key: Key, value: Arc<T>, size: usize) {
    cache.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert_with(Cache::new).put(key, value, size);
}

/// Runs CPU-heavy work on tokio's blocking threads when there is a runtime, so the async
/// workers keep answering other requests; inline otherwise (benchmarks, plain unit tests).
pub async fn off_the_async_workers<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return work();
    }
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(err) => std::panic::resume_unwind(err.into_panic()),
    }
}

/// `markdown_to_safe_html_explained`, worked out once per text and glossary.
pub async fn render(markdown: &str, terms: &[Term]) -> Arc<Rendered> {
    let key = key("render", markdown, terms);
    if let Some(hit) = cached(&RENDERED, &key) {
        return hit;
    }
    let (markdown, owned_terms) = (markdown.to_owned(), terms.to_vec());
    let rendered = off_the_async_workers(move || {
        let (html, used) = crate::documents::render::markdown_to_safe_html_explained(&markdown, &owned_terms);
        Rendered { html, used }
    })
    .await;
    let rendered = Arc::new(rendered);
    keep(&RENDERED, key, rendered.clone(), rendered.html.len() + 256);
    rendered
}

/// The plain-language check, worked out once per text.
pub async fn readability(markdown: &str) -> Arc<Readability> {
    let key = key("readability", markdown, &[]);
    if let Some(hit) = cached(&CHECKED, &key) {
        return hit;
    }
    let owned = markdown.to_owned();
    let checked = Arc::new(off_the_async_workers(move || crate::writing::check::readability(&owned)).await);
    let size = 512 + checked.long_sentences.iter().chain(&checked.passive_phrases).map(String::len).sum::<usize>();
    keep(&CHECKED, key, checked.clone(), size);
    checked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Term {
        Term { id: uuid::Uuid::nil(), term: t.into(), slug: t.replace(' ', "-"), explanation: "…".into() }
    }

    #[tokio::test]
    async fn a_changed_glossary_is_a_new_result() {
        let text = "A direct payment helps.";
        let plain = render(text, &[]).await;
        assert!(!plain.html.contains("#term-"));
        let linked = render(text, &[term("direct payment")]).await;
        assert!(linked.html.contains("href=\"#term-direct-payment\""), "{}", linked.html);
        assert!(Arc::ptr_eq(&linked, &render(text, &[term("direct payment")]).await), "the same text and glossary are worked out once");
    }

    #[test]
    fn the_oldest_results_make_way() {
        let mut cache: Cache<u8> = Cache::new();
        cache.put([1; 32], Arc::new(1), CACHE_BYTES);
        cache.put([2; 32], Arc::new(2), 10);
        assert!(cache.get(&[1; 32]).is_none() && cache.get(&[2; 32]).is_some());
        assert_eq!(cache.bytes, 10);
    }
}
