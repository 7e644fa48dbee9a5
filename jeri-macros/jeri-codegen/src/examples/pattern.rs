//! A string matching a `pattern`: the shortest the pattern allows, lengthened through
//! its first open repetition when the schema asks for more characters.
//!
//! The pattern is read by `regex-syntax` (the parser behind the `regex` crate that
//! generated servers check with), so a pattern it cannot read has no example.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Characters tried first for a class: letters and digits read well in a URL and in
/// logs, and meet the usual "identifier" patterns.
const PREFERRED: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.";

/// A string matching `pattern` with at least `min` and at most `max` characters, or why
/// none was found.
///
/// A negative look-around (`(?!…)`, `(?<!…)`, which `regex-syntax` does not read) is
/// dropped: it only rules strings out, such as nexus's names that must not look like a
/// UUID, and the short letter-and-digit strings built here rarely look like what it
/// excludes (the server judging the call has the last word).
pub(crate) fn sample(pattern: &str, min: usize, max: Option<usize>) -> Result<String, String> {
    let readable = without_negative_lookaround(&crate::model::rust_pattern(pattern));
    let hir = regex_syntax::Parser::new()
        .parse(&readable)
        .map_err(|error| format!("the pattern `{pattern}` cannot be read ({error})"))?;
    let mut extra = 0;
    let shortest = build(&hir, &mut extra)?;
    let missing = min.saturating_sub(shortest.chars().count());
    let text = if missing == 0 {
        shortest
    } else {
        let mut extra = missing;
        build(&hir, &mut extra)?
    };
    let length = text.chars().count();
    if length < min || max.is_some_and(|max| length > max) {
        let limit = match max {
            Some(max) => format!("{min} to {max}"),
            None => format!("at least {min}"),
        };
        return Err(format!(
            "no string of {limit} characters matching `{pattern}` was found"
        ));
    }
    Ok(text)
}

/// `pattern` without its negative look-around groups; the pattern itself when it has
/// none (or they are not closed).
fn without_negative_lookaround(pattern: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = ["(?!", "(?<!"].iter().filter_map(|o| rest.find(o)).min() {
        // Only a group that is not escaped (`\(?!` is the text `(?!`).
        let escaped = rest[..start]
            .chars()
            .rev()
            .take_while(|c| *c == '\\')
            .count()
            % 2
            == 1;
        let Some(end) = closing(&rest[start..]).filter(|_| !escaped) else {
            return pattern.to_owned();
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The byte index of the parenthesis closing the group `text` opens, skipping escapes
/// and character classes.
fn closing(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_class = false;
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

/// The text `hir` matches, with `extra` more characters taken by open repetitions
/// (counted down as they are added).
fn build(hir: &Hir, extra: &mut usize) -> Result<String, String> {
    Ok(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => String::new(),
        HirKind::Literal(literal) => String::from_utf8(literal.0.to_vec())
            .map_err(|_| "the pattern matches bytes that are not text".to_owned())?,
        HirKind::Class(class) => class_char(class)?.to_string(),
        HirKind::Repetition(repetition) => {
            let unit = build(&repetition.sub, &mut 0)?;
            let width = unit.chars().count();
            let mut times = repetition.min as usize;
            let room = repetition
                .max
                .map_or(usize::MAX, |max| max as usize)
                .saturating_sub(times);
            if *extra > 0 && width > 0 && room > 0 {
                let more = extra.div_ceil(width).min(room);
                times += more;
                *extra = extra.saturating_sub(more * width);
            }
            unit.repeat(times)
        }
        HirKind::Capture(capture) => build(&capture.sub, extra)?,
        HirKind::Concat(parts) => {
            let mut out = String::new();
            for part in parts {
                out.push_str(&build(part, extra)?);
            }
            out
        }
        HirKind::Alternation(alternatives) => match alternatives.first() {
            Some(first) => build(first, extra)?,
            None => String::new(),
        },
    })
}

/// One character of the class: a letter or digit where it has one, else a printable
/// ASCII character, else its first character unless that is a control character.
fn class_char(class: &Class) -> Result<char, String> {
    let ranges: Vec<(char, char)> = match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect(),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .map(|r| (char::from(r.start()), char::from(r.end())))
            .collect(),
    };
    let within = |c: char| ranges.iter().any(|&(low, high)| low <= c && c <= high);
    PREFERRED
        .chars()
        .chain((0x21u8..0x7f).map(char::from))
        .find(|&c| within(c))
        .or_else(|| {
            ranges
                .first()
                .map(|&(low, _)| low)
                .filter(|c| !c.is_control())
        })
        .ok_or_else(|| "the pattern has a character class with no printable character".to_owned())
}

#[cfg(test)]
mod tests {
    use super::sample;

    #[test]
    fn the_shortest_match_uses_letters_and_digits() {
        assert_eq!(sample("^[a-z]+$", 0, None).as_deref(), Ok("a"));
        assert_eq!(sample("^[A-Z]{2}\\d{3}$", 0, None).as_deref(), Ok("AA000"));
        assert_eq!(
            sample("^(foo|bar)-[0-9a-f]{4}$", 0, None).as_deref(),
            Ok("foo-aaaa")
        );
        assert_eq!(sample("^[^/]+$", 0, None).as_deref(), Ok("a"));
        assert_eq!(sample("^\\+?[1-9]\\d{1,14}$", 0, None).as_deref(), Ok("10"));
    }

    #[test]
    fn a_negative_lookahead_is_dropped() {
        // nexus's `Name`: not a UUID, then a lowercase name.
        let name = "^(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)^[a-z][a-z0-9-]*[a-zA-Z0-9]$";
        assert_eq!(sample(name, 0, Some(63)).as_deref(), Ok("aa"));
        assert_eq!(sample("^(?<!x)y(?![(])$", 0, None).as_deref(), Ok("y"));
        assert_eq!(sample("^\\(?!a)$", 0, None).map_err(|_| ()), Err(()));
    }

    #[test]
    fn a_minimum_length_lengthens_the_first_open_repetition() {
        assert_eq!(sample("^[a-z]+$", 5, Some(10)).as_deref(), Ok("aaaaa"));
        assert_eq!(sample("^x[0-9]*y$", 4, None).as_deref(), Ok("x00y"));
    }

    #[test]
    fn impossible_lengths_and_unreadable_patterns_are_reasons() {
        let fixed = sample("^[a-z]{3}$", 5, None).unwrap_err();
        assert!(fixed.contains("at least 5"), "{fixed}");
        let long = sample("^[a-z]{8}$", 0, Some(4)).unwrap_err();
        assert!(long.contains("0 to 4"), "{long}");
        let lookahead = sample("^(?=a)a$", 0, None).unwrap_err();
        let unclosed = sample("^(?!a[)]$", 0, None).unwrap_err();
        assert!(unclosed.contains("cannot be read"), "{unclosed}");
        assert!(lookahead.contains("cannot be read"), "{lookahead}");
    }
}
