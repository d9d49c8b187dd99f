//! Small helpers for words on pages.

pub use domain::dates::long_date;

/// Text made safe to write between the tags of an element whose contents Leptos writes as they
/// are, without escaping: `<title>` (leptos_meta 0.8.7 writes the title text raw) and `<textarea>`
/// (tachys 0.2.19 writes its children raw). Without this, a group named
/// `</title><script>…</script>` ran its script for everyone who opened the group's page. Both
/// elements hold text only, so the browser turns `&lt;` back into `<` and shows exactly what was
/// typed. Only on the server: these elements are never rendered in the browser here (only islands
/// are, and no island holds either), and a title set through the DOM is never parsed as HTML.
pub fn raw_text_escaped(text: &str) -> String {
    if cfg!(feature = "ssr") { text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;") } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(feature = "ssr")]
    fn escapes_what_would_end_the_element() {
        assert_eq!(super::raw_text_escaped("a </title><script>x()</script> & b"), "a &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; b");
        assert_eq!(super::raw_text_escaped("Direct Payments Board"), "Direct Payments Board");
    }
}
