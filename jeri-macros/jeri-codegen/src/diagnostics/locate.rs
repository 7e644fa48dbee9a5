//! Finds the line where a spec node starts, from its pointer, by walking the source text.
//!
//! Pointers look like `paths./v1/x.get.parameters[0]`: keys joined by `.`, sequence
//! indices in `[]`. Keys may themselves contain dots (`/v1/file.json`), so at each level
//! the longest key that matches the rest of the pointer wins. A pointer into a node the
//! walker cannot look inside (a flow collection such as `born: { type: integr }`, an
//! alias) gets that node's first line: the place to look. When the text does not make
//! the answer certain otherwise (a key or item that is not there, odd layouts) the answer
//! is `None`.

/// The 1-based line where the node at `pointer` starts, in JSON or YAML `source`.
pub fn line_of(source: &str, pointer: &str) -> Option<usize> {
    if is_json(source) {
        descend(&JsonDoc::new(source), pointer)
    } else {
        descend(&YamlDoc::new(source), pointer)
    }
}

/// Whether `source` is JSON (its first non-blank character is `{`).
pub fn is_json(source: &str) -> bool {
    source
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// The children of a node: `(key or None for sequence items, 1-based line, child node)`.
/// The child node is `None` when the walker cannot look inside it.
enum Entries<N> {
    Map(Vec<(String, usize, Option<N>)>),
    Seq(Vec<(usize, Option<N>)>),
    Leaf,
}

trait Doc {
    type Node: Copy;
    fn root(&self) -> Option<(usize, Self::Node)>;
    fn entries(&self, node: Self::Node) -> Entries<Self::Node>;
}

fn descend<D: Doc>(doc: &D, pointer: &str) -> Option<usize> {
    let (mut line, root) = doc.root()?;
    let mut node = Some(root);
    let mut rest = pointer;
    let mut first = true;
    while !rest.is_empty() {
        let Some(here) = node else {
            return Some(line);
        };
        if let Some(after) = rest.strip_prefix('[') {
            let close = after.find(']')?;
            let index: usize = after[..close].parse().ok()?;
            let Entries::Seq(items) = doc.entries(here) else {
                return None;
            };
            let (item_line, child) = items.get(index).copied()?;
            line = item_line;
            node = child;
            rest = &after[close + 1..];
        } else {
            let keyed = if first { rest } else { rest.strip_prefix('.')? };
            let Entries::Map(entries) = doc.entries(here) else {
                return None;
            };
            let (key, key_line, child) = entries
                .into_iter()
                .filter(|(key, _, _)| {
                    keyed.strip_prefix(key.as_str()).is_some_and(|after| {
                        after.is_empty() || after.starts_with('.') || after.starts_with('[')
                    })
                })
                .max_by_key(|(key, _, _)| key.len())?;
            line = key_line;
            node = child;
            rest = &keyed[key.len()..];
        }
        first = false;
    }
    Some(line)
}

/// Byte offsets of line starts, for offset → line.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    fn line_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

/// JSON: nodes are byte offsets of values.
struct JsonDoc<'a> {
    bytes: &'a [u8],
    text: &'a str,
    lines: Lines,
}

impl<'a> JsonDoc<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            text,
            lines: Lines::new(text),
        }
    }

    fn skip_ws(&self, mut at: usize) -> usize {
        while self.bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        at
    }

    /// The end (exclusive) of the string starting at `at` (which holds `"`).
    fn string_end(&self, at: usize) -> Option<usize> {
        let mut i = at + 1;
        loop {
            match self.bytes.get(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
    }

    /// The end (exclusive) of the value starting at `at`.
    fn value_end(&self, at: usize) -> Option<usize> {
        match self.bytes.get(at)? {
            b'"' => self.string_end(at),
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut i = at;
                loop {
                    match self.bytes.get(i)? {
                        b'"' => {
                            i = self.string_end(i)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                return Some(i + 1);
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => {
                let mut i = at;
                while self
                    .bytes
                    .get(i)
                    .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                {
                    i += 1;
                }
                Some(i)
            }
        }
    }

    fn members(&self, open: usize) -> Option<Entries<usize>> {
        let mut entries = Vec::new();
        let mut at = self.skip_ws(open + 1);
        if self.bytes.get(at) == Some(&b'}') {
            return Some(Entries::Map(entries));
        }
        loop {
            if self.bytes.get(at) != Some(&b'"') {
                return None;
            }
            let key_end = self.string_end(at)?;
            let key: String = serde_json::from_str(self.text.get(at..key_end)?).ok()?;
            let colon = self.skip_ws(key_end);
            if self.bytes.get(colon) != Some(&b':') {
                return None;
            }
            let value = self.skip_ws(colon + 1);
            entries.push((key, self.lines.line_at(at), Some(value)));
            at = self.skip_ws(self.value_end(value)?);
            match self.bytes.get(at)? {
                b',' => at = self.skip_ws(at + 1),
                b'}' => return Some(Entries::Map(entries)),
                _ => return None,
            }
        }
    }

    fn items(&self, open: usize) -> Option<Entries<usize>> {
        let mut items = Vec::new();
        let mut at = self.skip_ws(open + 1);
        if self.bytes.get(at) == Some(&b']') {
            return Some(Entries::Seq(items));
        }
        loop {
            items.push((self.lines.line_at(at), Some(at)));
            at = self.skip_ws(self.value_end(at)?);
            match self.bytes.get(at)? {
                b',' => at = self.skip_ws(at + 1),
                b']' => return Some(Entries::Seq(items)),
                _ => return None,
            }
        }
    }
}

impl Doc for JsonDoc<'_> {
    type Node = usize;

    fn root(&self) -> Option<(usize, usize)> {
        let start = self.text.len() - self.text.trim_start_matches('\u{feff}').trim_start().len();
        Some((self.lines.line_at(start), start))
    }

    fn entries(&self, node: usize) -> Entries<usize> {
        let parsed = match self.bytes.get(node) {
            Some(b'{') => self.members(node),
            Some(b'[') => self.items(node),
            _ => None,
        };
        parsed.unwrap_or(Entries::Leaf)
    }
}

/// YAML (block style): nodes are `(0-based line, column)` where the node's text begins.
struct YamlDoc<'a> {
    lines: Vec<&'a str>,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Blank and comment-only lines carry no structure.
fn is_content(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

fn is_seq_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Parses `key:` at the start of `text`; returns the key and the byte offset just after
/// the colon.
fn parse_key(text: &str) -> Option<(String, usize)> {
    let (key, after) = match text.chars().next()? {
        '"' => {
            let bytes = text.as_bytes();
            let mut i = 1;
            loop {
                match bytes.get(i)? {
                    b'\\' => i += 2,
                    b'"' => break,
                    _ => i += 1,
                }
            }
            let key: String = serde_json::from_str(text.get(..=i)?).ok()?;
            (key, i + 1)
        }
        '\'' => {
            let mut key = String::new();
            let mut chars = text.char_indices().skip(1).peekable();
            let end = loop {
                let (i, c) = chars.next()?;
                if c == '\'' {
                    if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                        key.push('\'');
                        continue;
                    }
                    break i + 1;
                }
                key.push(c);
            };
            (key, end)
        }
        '?' | '-' | '[' | '{' | '&' | '*' | '!' | '|' | '>' | '#' => {
            if text.starts_with('-') && !is_seq_item(text) {
                plain_key(text)?
            } else {
                return None;
            }
        }
        _ => plain_key(text)?,
    };
    let after_spaces = after + (text[after..].len() - text[after..].trim_start_matches(' ').len());
    let rest = &text[after_spaces..];
    if rest == ":" || rest.starts_with(": ") {
        Some((key, after_spaces + 1))
    } else {
        None
    }
}

fn plain_key(text: &str) -> Option<(String, usize)> {
    let end = text
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| text[i + 1..].is_empty() || text[i + 1..].starts_with(' '))?;
    Some((text[..end].trim_end().to_owned(), end))
}

impl<'a> YamlDoc<'a> {
    fn new(source: &'a str) -> Self {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        Self {
            lines: source.lines().collect(),
        }
    }

    fn text_at(&self, (line, col): (usize, usize)) -> Option<&'a str> {
        self.lines.get(line)?.get(col..)
    }

    /// The next content line after `line`: its index and indentation.
    fn next_content(&self, line: usize) -> Option<(usize, usize)> {
        (line + 1..self.lines.len())
            .find(|&l| is_content(self.lines[l]))
            .map(|l| (l, indent_of(self.lines[l])))
    }

    /// The node that is the value of an entry whose text after the indicator is `rest`
    /// (on line `line`, entry column `col`).
    fn value_node(
        &self,
        line: usize,
        col: usize,
        rest: &str,
        is_item: bool,
    ) -> Option<(usize, usize)> {
        let inline = rest.trim_start_matches(' ');
        let inline_is_empty = inline.is_empty()
            || inline.starts_with('#')
            || (inline.starts_with('&') && !inline.contains(' '));
        if !inline_is_empty {
            if is_item {
                // `- key: value` opens a mapping on the item line.
                let offset = self.lines.get(line)?.len() - inline.len();
                return Some((line, offset));
            }
            return None;
        }
        let (next, indent) = self.next_content(line)?;
        let next_text = self.lines[next].get(indent..)?;
        if indent > col || (!is_item && indent == col && is_seq_item(next_text)) {
            Some((next, indent))
        } else {
            None
        }
    }

    /// Content lines at exactly `col` that belong to the block starting at `start`.
    fn siblings(&self, start: usize, col: usize) -> Vec<usize> {
        let mut found = vec![start];
        let mut line = start;
        while let Some((next, indent)) = self.next_content(line) {
            if indent < col || self.lines[next].trim_start().starts_with("---") {
                break;
            }
            if indent == col {
                found.push(next);
            }
            line = next;
        }
        found
    }
}

impl Doc for YamlDoc<'_> {
    type Node = (usize, usize);

    fn root(&self) -> Option<(usize, (usize, usize))> {
        let line = self
            .lines
            .iter()
            .position(|l| is_content(l) && !l.starts_with("---") && !l.starts_with('%'))?;
        Some((line + 1, (line, indent_of(self.lines[line]))))
    }

    fn entries(&self, node: (usize, usize)) -> Entries<(usize, usize)> {
        let (start, col) = node;
        let Some(text) = self.text_at(node) else {
            return Entries::Leaf;
        };
        if is_seq_item(text) {
            let mut items = Vec::new();
            for line in self.siblings(start, col) {
                let Some(item) = self.lines[line].get(col..) else {
                    break;
                };
                if !is_seq_item(item) {
                    break;
                }
                items.push((line + 1, self.value_node(line, col, &item[1..], true)));
            }
            return Entries::Seq(items);
        }
        if parse_key(text).is_none() {
            return Entries::Leaf;
        }
        let mut entries = Vec::new();
        for line in self.siblings(start, col) {
            let Some(entry) = self.lines[line].get(col..) else {
                break;
            };
            // `key:` followed by `- item` lines at the key's own indentation.
            if is_seq_item(entry) && line != start {
                continue;
            }
            let Some((key, after)) = parse_key(entry) else {
                break;
            };
            let child = self.value_node(line, col, &entry[after..], false);
            entries.push((key, line + 1, child));
        }
        Entries::Map(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r#"openapi: 3.0.3
info:
  title: Test
  version: '1'
# a comment
paths:
  /v1/x.json:
    parameters:
    - name: a
      in: path
    get:
      operationId: getX
      description: |
        text with key: value inside
        parameters: no
      parameters:
        - name: b
          in: query

        - $ref: '#/components/parameters/C'
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object}
components:
  schemas:
    'Odd''Name':
      type: string
    Plain:
      type: object
      properties:
        "quoted key":
          type: string
"#;

    #[test]
    fn yaml_pointers() {
        let cases = [
            ("", Some(1)),
            ("openapi", Some(1)),
            ("info.version", Some(4)),
            ("paths", Some(6)),
            ("paths./v1/x.json", Some(7)),
            ("paths./v1/x.json.parameters[0]", Some(9)),
            ("paths./v1/x.json.parameters[0].in", Some(10)),
            ("paths./v1/x.json.get", Some(11)),
            ("paths./v1/x.json.get.operationId", Some(12)),
            ("paths./v1/x.json.get.parameters", Some(16)),
            ("paths./v1/x.json.get.parameters[0]", Some(17)),
            ("paths./v1/x.json.get.parameters[0].in", Some(18)),
            ("paths./v1/x.json.get.parameters[1]", Some(20)),
            ("paths./v1/x.json.get.parameters[2]", None),
            (
                "paths./v1/x.json.get.responses.200.content.application/json.schema",
                Some(26),
            ),
            // Inside `schema: {type: object}`: the line of the flow mapping.
            (
                "paths./v1/x.json.get.responses.200.content.application/json.schema.type",
                Some(26),
            ),
            ("components.schemas.Odd'Name", Some(29)),
            (
                "components.schemas.Plain.properties.quoted key.type",
                Some(35),
            ),
            ("components.schemas.Missing", None),
            ("paths./v1/y", None),
            ("info[0]", None),
        ];
        for (pointer, expected) in cases {
            assert_eq!(line_of(YAML, pointer), expected, "pointer {pointer:?}");
        }
    }

    const JSON: &str = r#"{
  "openapi": "3.0.3",
  "paths": {
    "/v1/x.json": {
      "get": {
        "parameters": [
          {"name": "a", "in": "query"},
          {
            "name": "b\"q",
            "in": "header"
          }
        ],
        "responses": {}
      }
    }
  },
  "components": {"schemas": {"A": {"type": "string"}}}
}"#;

    #[test]
    fn json_pointers() {
        let cases = [
            ("", Some(1)),
            ("openapi", Some(2)),
            ("paths./v1/x.json.get", Some(5)),
            ("paths./v1/x.json.get.parameters[0]", Some(7)),
            ("paths./v1/x.json.get.parameters[1]", Some(8)),
            ("paths./v1/x.json.get.parameters[1].in", Some(10)),
            ("paths./v1/x.json.get.responses", Some(13)),
            ("components.schemas.A.type", Some(17)),
            ("components.schemas.B", None),
            ("paths./v1/x.json.get.parameters[5]", None),
        ];
        for (pointer, expected) in cases {
            assert_eq!(line_of(JSON, pointer), expected, "pointer {pointer:?}");
        }
    }

    #[test]
    fn broken_text_gives_none() {
        assert_eq!(line_of("{\"a\": {\"b\": ", "a.b"), None);
        // A flow sequence the walker cannot read: where it starts.
        assert_eq!(line_of("a:\n  b: [1, 2\n", "a.b[0]"), Some(2));
        assert_eq!(line_of("", "a"), None);
    }

    #[test]
    fn longest_key_wins() {
        let yaml = "paths:\n  /a:\n    get: 1\n  /a.get:\n    x: 2\n";
        assert_eq!(line_of(yaml, "paths./a.get.x"), Some(5));
        assert_eq!(line_of(yaml, "paths./a.get"), Some(4));
    }
}
