//! Doc attributes built from spec text.
//!
//! Spec descriptions are Markdown written for other renderers. Rustdoc reads a few things
//! in them differently: code blocks without a language (and indented ones) become doctests,
//! `[x]` becomes an intra-doc link, `<x>` an HTML tag, and bare URLs draw a lint. The text
//! is adjusted just enough to render the way its author meant.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// Collects paragraphs and renders them as `#[doc = "..."]` attributes, one per line.
#[derive(Debug, Default)]
pub(crate) struct DocText {
    paragraphs: Vec<Vec<String>>,
}

impl DocText {
    /// Summary, description and assumptions of a spec node.
    pub(crate) fn from_docs(docs: &Docs) -> Self {
        let mut text = DocText::default();
        text.spec_docs(docs);
        text
    }

    /// Adds summary and description (skipping a description that repeats the summary).
    /// Limits and assumptions come last: see [`DocText::notes`].
    pub(crate) fn spec_docs(&mut self, docs: &Docs) -> &mut Self {
        if let Some(summary) = non_blank(docs.summary.as_deref()) {
            self.markdown(summary);
        }
        if let Some(description) = non_blank(docs.description.as_deref())
            && non_blank(docs.summary.as_deref()) != Some(description)
        {
            self.markdown(description);
        }
        self
    }

    /// Adds what the spec says beyond its prose, after any fallback line: the schema's
    /// limits (`Limits: from 1 to 100.`), then each assumption as a rustdoc warning
    /// block.
    pub(crate) fn notes(&mut self, docs: &Docs) -> &mut Self {
        if let Some(limits) = &docs.limits {
            self.paragraphs.push(vec![format!("Limits: {limits}.")]);
        }
        for assumption in &docs.assumptions {
            let text = escape_html(&assumption.split_whitespace().collect::<Vec<_>>().join(" "));
            self.paragraphs.push(vec![format!(
                "<div class=\"warning\">Assumption: {text}</div>"
            )]);
        }
        self
    }

    /// Adds spec Markdown, adjusted for rustdoc.
    pub(crate) fn markdown(&mut self, text: &str) -> &mut Self {
        let lines = markdown_lines(text);
        if !lines.is_empty() {
            self.paragraphs.push(lines);
        }
        self
    }

    /// Adds one paragraph of text written by the generator (already valid rustdoc).
    pub(crate) fn line(&mut self, text: impl Into<String>) -> &mut Self {
        self.paragraphs.push(vec![text.into()]);
        self
    }

    /// Adds one paragraph of several lines written by the generator.
    pub(crate) fn lines(&mut self, lines: Vec<String>) -> &mut Self {
        if !lines.is_empty() {
            self.paragraphs.push(lines);
        }
        self
    }

    /// Whether nothing was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// The `#[doc]` attributes, paragraphs separated by blank lines.
    pub(crate) fn attrs(&self) -> TokenStream {
        let mut lines = Vec::new();
        for (index, paragraph) in self.paragraphs.iter().enumerate() {
            if index > 0 {
                lines.push(String::new());
            }
            lines.extend(paragraph.iter().cloned());
        }
        let lines = lines.iter().map(|line| {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote!(#[doc = #line])
        });
        quote!(#(#lines)*)
    }
}

/// `#[deprecated]` when the spec marks the node deprecated.
pub(crate) fn deprecated_attr(docs: &Docs) -> TokenStream {
    if docs.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}

/// Spec text for one line of generated prose: whitespace collapsed, escaped for rustdoc.
pub(crate) fn inline_text(text: &str) -> String {
    escape_inline(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// Splits spec Markdown into doc lines: fences without a language become `text` blocks,
/// indentation is capped below the four columns that start an indented code block, and
/// text outside code is escaped (see [`escape_inline`]).
fn markdown_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut fence: Option<String> = None;
    for raw in text.trim().lines() {
        let raw = raw.trim_end().replace('\t', "    ");
        let trimmed = raw.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) && trimmed[open.len()..].trim().is_empty() {
                fence = None;
                lines.push(trimmed.to_string());
            } else {
                lines.push(raw);
            }
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            let info = trimmed[marker.len()..].trim();
            let info = if is_rust_info(info) { "text" } else { info };
            lines.push(format!("{marker}{info}"));
            fence = Some(marker);
            continue;
        }
        let indent = (raw.len() - trimmed.len()).min(3);
        lines.push(format!("{}{}", " ".repeat(indent), escape_inline(trimmed)));
    }
    if let Some(open) = fence {
        lines.push(open);
    }
    lines
}

/// The fence run (three or more backticks or tildes) a line opens with.
fn fence_marker(line: &str) -> Option<String> {
    let first = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let marker: String = line.chars().take_while(|c| *c == first).collect();
    (marker.len() >= 3).then_some(marker)
}

/// Whether rustdoc would compile a fenced block with this info string as a doctest.
fn is_rust_info(info: &str) -> bool {
    const RUST_TAGS: &[&str] = &[
        "rust",
        "ignore",
        "no_run",
        "should_panic",
        "compile_fail",
        "test_harness",
        "standalone_crate",
    ];
    info.split([',', ' '])
        .filter(|tag| !tag.is_empty())
        .all(|tag| RUST_TAGS.contains(&tag) || tag.starts_with("edition"))
}

/// Escapes one line of Markdown outside code: code spans are kept, `<`/`>` become entities
/// (except autolinks), brackets not forming an inline link are escaped, and bare URLs are
/// wrapped in `<...>`.
fn escape_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|c| **c == '`').count();
                match find_closing_run(&chars, i + run, run) {
                    Some(end) => {
                        out.extend(&chars[i..end + run]);
                        i = end + run;
                    }
                    None => {
                        out.extend(&chars[i..i + run]);
                        i += run;
                    }
                }
                continue;
            }
            '<' => {
                let rest: String = chars[i + 1..].iter().collect();
                if let Some(end) = rest.find('>') {
                    let inner = &rest[..end];
                    if is_url(inner) && !inner.contains(char::is_whitespace) {
                        out.push('<');
                        out.push_str(inner);
                        out.push('>');
                        i += 1 + inner.chars().count() + 1;
                        continue;
                    }
                }
                out.push_str("&lt;");
            }
            '>' => out.push_str("&gt;"),
            '[' => match link_text_end(&chars, i) {
                Some(close) => {
                    let text = escape_inline(&chars[i + 1..close].iter().collect::<String>());
                    let target_start = close + 2;
                    let target_end = chars[target_start..]
                        .iter()
                        .position(|c| *c == ')')
                        .map_or(chars.len(), |offset| target_start + offset);
                    let target: String = chars[target_start..target_end].iter().collect();
                    // Rustdoc resolves any other target as a Rust path, which names items
                    // of the spec's own server code: keep just the text.
                    if is_url(&target) || target.starts_with("mailto:") || target.starts_with('#') {
                        out.push_str(&format!("[{text}]({target})"));
                    } else {
                        out.push_str(&text);
                    }
                    i = (target_end + 1).min(chars.len());
                    continue;
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            'h' if starts_url(&chars[i..])
                && !matches!(chars.get(i.wrapping_sub(1)), Some('(')) =>
            {
                let len = url_len(&chars[i..]);
                out.push('<');
                out.extend(&chars[i..i + len]);
                out.push('>');
                i += len;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn find_closing_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let len = chars[i..].iter().take_while(|c| **c == '`').count();
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// For `[text](target)`, the index of the `]`.
fn link_text_end(chars: &[char], open: usize) -> Option<usize> {
    let close = open + chars[open..].iter().position(|c| *c == ']')?;
    let has_target = chars.get(close + 1) == Some(&'(')
        && chars[close + 1..].contains(&')')
        && !chars[open + 1..close].contains(&'[');
    has_target.then_some(close)
}

fn is_url(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    is_url(&head)
}

/// Length of a bare URL, leaving out trailing punctuation that ends the sentence.
fn url_len(chars: &[char]) -> usize {
    let mut len = chars
        .iter()
        .position(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(chars.len());
    while len > 0
        && matches!(
            chars[len - 1],
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\''
        )
    {
        len -= 1;
    }
    len
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_is_escaped_for_rustdoc() {
        let cases = [
            ("plain text", "plain text"),
            ("a Vec<T> value", "a Vec&lt;T&gt; value"),
            ("see [RFC 3339]", "see \\[RFC 3339\\]"),
            (
                "see [the docs](https://x.io/a)",
                "see [the docs](https://x.io/a)",
            ),
            ("a [`Disk`](omicron::Disk) here", "a `Disk` here"),
            ("[top](#top)", "[top](#top)"),
            ("go to https://x.io/a.", "go to <https://x.io/a>."),
            ("already <https://x.io>", "already <https://x.io>"),
            ("code `Vec<T> [x]` stays", "code `Vec<T> [x]` stays"),
            ("``a ` b`` <", "``a ` b`` &lt;"),
            ("unclosed ` tick <", "unclosed ` tick &lt;"),
            ("http is a word", "http is a word"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_inline(input), expected, "{input}");
        }
    }

    #[test]
    fn code_blocks_never_become_doctests() {
        let text = "Intro\n\n```\nlet x = 1;\n```\n\n```json\n{\"a\": [1]}\n```\n\n        indented code\n  - item";
        assert_eq!(
            markdown_lines(text),
            [
                "Intro",
                "",
                "```text",
                "let x = 1;",
                "```",
                "",
                "```json",
                "{\"a\": [1]}",
                "```",
                "",
                "   indented code",
                "  - item",
            ]
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(
            markdown_lines("```rust\nfn x() {}"),
            ["```text", "fn x() {}", "```"]
        );
    }

    fn doc_attrs(docs: &Docs) -> TokenStream {
        DocText::from_docs(docs).notes(docs).attrs()
    }

    #[test]
    fn docs_render_summary_description_limits_and_warnings() {
        let docs = Docs {
            summary: Some("Get a thing".into()),
            description: Some("Longer words.\nSecond line.".into()),
            assumptions: vec!["Unit is <seconds>\n  maybe".into()],
            deprecated: true,
            limits: Some("from 1 to 100".into()),
        };
        let rendered = doc_attrs(&docs).to_string();
        let expected = quote! {
            #[doc = " Get a thing"]
            #[doc = ""]
            #[doc = " Longer words."]
            #[doc = " Second line."]
            #[doc = ""]
            #[doc = " Limits: from 1 to 100."]
            #[doc = ""]
            #[doc = " <div class=\"warning\">Assumption: Unit is &lt;seconds&gt; maybe</div>"]
        };
        assert_eq!(rendered, expected.to_string());
        assert_eq!(
            deprecated_attr(&docs).to_string(),
            quote!(#[deprecated]).to_string()
        );
    }

    #[test]
    fn repeated_description_is_dropped() {
        let docs = Docs {
            summary: Some("Same".into()),
            description: Some("Same".into()),
            ..Docs::default()
        };
        assert_eq!(
            doc_attrs(&docs).to_string(),
            quote!(#[doc = " Same"]).to_string()
        );
    }
}
