//! Small checks that generated validation code calls with the spec's limits as constants.
//! Each records what it finds in [`Problems`]; none decides anything the spec did not say.
//! (`pattern` is checked by `jeri-server` alone, which adds its `Pattern` to this module
//! there: a client leaves patterns to the server, as it does for parameters.)

use serde_json::Value;

use crate::validation::problem::{Expected, ProblemKind};
use crate::validation::problems::Problems;

/// `minLength` / `maxLength`, counted in characters (Unicode scalar values), as JSON
/// Schema counts them.
pub fn length(text: &str, min: Option<u64>, max: Option<u64>, problems: &mut Problems) {
    let count = text.chars().count() as u64;
    if let Some(min) = min
        && count < min
    {
        problems.add(ProblemKind::MinLength(min));
    }
    if let Some(max) = max
        && count > max
    {
        problems.add(ProblemKind::MaxLength(max));
    }
}

/// A string `enum`.
pub fn one_of_strings(text: &str, values: &'static [&'static str], problems: &mut Problems) {
    if !values.contains(&text) {
        problems.add(ProblemKind::Enum(values));
    }
}

/// An `enum` of other JSON values, each given as JSON text.
pub fn one_of_values(value: &Value, values: &'static [&'static str], problems: &mut Problems) {
    let found = values
        .iter()
        .any(|text| serde_json::from_str::<Value>(text).is_ok_and(|allowed| &allowed == value));
    if !found {
        problems.add(ProblemKind::Enum(values));
    }
}

/// `minimum` (with `exclusiveMinimum`) of an integer or a number; for integers also the
/// lowest value of the `format`.
pub fn minimum<T: PartialOrd>(
    number: T,
    limit: T,
    text: &'static str,
    exclusive: bool,
    problems: &mut Problems,
) {
    if number < limit || (exclusive && number == limit) {
        problems.add(ProblemKind::Minimum {
            limit: text,
            exclusive,
        });
    }
}

/// `maximum` (with `exclusiveMaximum`) of an integer or a number; for integers also the
/// highest value of the `format`.
pub fn maximum<T: PartialOrd>(
    number: T,
    limit: T,
    text: &'static str,
    exclusive: bool,
    problems: &mut Problems,
) {
    if number > limit || (exclusive && number == limit) {
        problems.add(ProblemKind::Maximum {
            limit: text,
            exclusive,
        });
    }
}

/// The value of a JSON integer (`1.0` is a number, not an integer: typed decoding would
/// refuse it), or [`ProblemKind::Type`] recorded.
pub fn integer(value: &Value, problems: &mut Problems) -> Option<i128> {
    let found = value
        .as_i64()
        .map(i128::from)
        .or_else(|| value.as_u64().map(i128::from));
    if found.is_none() {
        problems.add(ProblemKind::Type(Expected::Integer));
    }
    found
}

/// An integer's `multipleOf`.
pub fn integer_multiple_of(
    number: i128,
    factor: i128,
    text: &'static str,
    problems: &mut Problems,
) {
    if factor != 0 && number % factor != 0 {
        problems.add(ProblemKind::MultipleOf(text));
    }
}

/// The value of a JSON number, or [`ProblemKind::Type`] recorded.
pub fn number(value: &Value, problems: &mut Problems) -> Option<f64> {
    let found = value.as_f64();
    if found.is_none() {
        problems.add(ProblemKind::Type(Expected::Number));
    }
    found
}

/// A number's `multipleOf`, with room for binary rounding (`0.3` is a multiple of `0.1`).
pub fn number_multiple_of(number: f64, factor: f64, text: &'static str, problems: &mut Problems) {
    if factor == 0.0 {
        return;
    }
    let ratio = number / factor;
    if (ratio - ratio.round()).abs() > 1e-9 * ratio.abs().max(1.0) {
        problems.add(ProblemKind::MultipleOf(text));
    }
}

/// `minItems` / `maxItems` / `uniqueItems`.
pub fn items(
    array: &[Value],
    min: Option<u64>,
    max: Option<u64>,
    unique: bool,
    problems: &mut Problems,
) {
    let count = array.len() as u64;
    if let Some(min) = min
        && count < min
    {
        problems.add(ProblemKind::MinItems(min));
    }
    if let Some(max) = max
        && count > max
    {
        problems.add(ProblemKind::MaxItems(max));
    }
    if unique
        && array
            .iter()
            .enumerate()
            .any(|(i, item)| array[..i].contains(item))
    {
        problems.add(ProblemKind::UniqueItems);
    }
}

/// `minProperties` / `maxProperties`.
pub fn properties(
    object: &serde_json::Map<String, Value>,
    min: Option<u64>,
    max: Option<u64>,
    problems: &mut Problems,
) {
    let count = object.len() as u64;
    if let Some(min) = min
        && count < min
    {
        problems.add(ProblemKind::MinProperties(min));
    }
    if let Some(max) = max
        && count > max
    {
        problems.add(ProblemKind::MaxProperties(max));
    }
}

/// Settles a `oneOf` from its alternatives' trials: exactly one must have passed.
/// Otherwise records [`ProblemKind::OneOf`] followed by the problems of the closest
/// failing alternative (the fewest problems), which say best what to fix.
pub fn one_of(trials: Vec<Problems>, names: &'static [&'static str], problems: &mut Problems) {
    let matched = trials.iter().filter(|trial| trial.is_empty()).count();
    if matched == 1 {
        return;
    }
    problems.add(ProblemKind::OneOf {
        alternatives: names,
        matched,
    });
    if let Some(closest) = trials
        .into_iter()
        .filter(|trial| !trial.is_empty())
        .min_by_key(Problems::len)
    {
        problems.extend(closest);
    }
}

/// Settles an `anyOf`: at least one alternative must have passed.
pub fn any_of(trials: Vec<Problems>, names: &'static [&'static str], problems: &mut Problems) {
    if trials.iter().any(Problems::is_empty) {
        return;
    }
    problems.add(ProblemKind::AnyOf(names));
    if let Some(closest) = trials.into_iter().min_by_key(Problems::len) {
        problems.extend(closest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(problems: Problems) -> Vec<ProblemKind> {
        problems.into_vec().into_iter().map(|p| p.kind).collect()
    }

    #[test]
    fn lengths_count_characters() {
        let mut problems = Problems::new();
        length("ñññ", Some(1), Some(3), &mut problems);
        assert!(problems.is_empty());
        length("ññññ", Some(5), Some(3), &mut problems);
        assert_eq!(
            kinds(problems),
            [ProblemKind::MinLength(5), ProblemKind::MaxLength(3)]
        );
    }

    #[test]
    fn integers_and_their_bounds() {
        let mut problems = Problems::new();
        assert_eq!(
            integer(&json!(u64::MAX), &mut problems),
            Some(u64::MAX.into())
        );
        assert_eq!(integer(&json!(1.0), &mut problems), None);
        assert_eq!(integer(&json!("1"), &mut problems), None);
        minimum(0, 1, "1", false, &mut problems);
        minimum(1, 1, "1", true, &mut problems);
        minimum(1, 1, "1", false, &mut problems);
        maximum(3, 2, "2", false, &mut problems);
        integer_multiple_of(7, 2, "2", &mut problems);
        integer_multiple_of(8, 2, "2", &mut problems);
        let min = |exclusive| ProblemKind::Minimum {
            limit: "1",
            exclusive,
        };
        assert_eq!(
            kinds(problems),
            [
                ProblemKind::Type(Expected::Integer),
                ProblemKind::Type(Expected::Integer),
                min(false),
                min(true),
                ProblemKind::Maximum {
                    limit: "2",
                    exclusive: false
                },
                ProblemKind::MultipleOf("2"),
            ]
        );
    }

    #[test]
    fn numbers_and_their_bounds() {
        let mut problems = Problems::new();
        assert_eq!(number(&json!(1), &mut problems), Some(1.0));
        assert_eq!(number(&json!(true), &mut problems), None);
        minimum(0.5, 0.5, "0.5", true, &mut problems);
        maximum(0.5, 0.5, "0.5", false, &mut problems);
        number_multiple_of(0.3, 0.1, "0.1", &mut problems);
        number_multiple_of(0.35, 0.1, "0.1", &mut problems);
        assert_eq!(
            kinds(problems),
            [
                ProblemKind::Type(Expected::Number),
                ProblemKind::Minimum {
                    limit: "0.5",
                    exclusive: true
                },
                ProblemKind::MultipleOf("0.1"),
            ]
        );
    }

    #[test]
    fn enums_items_and_properties() {
        let mut problems = Problems::new();
        one_of_strings("b", &["a", "b"], &mut problems);
        one_of_strings("c", &["a", "b"], &mut problems);
        one_of_values(&json!(2), &["1", "2"], &mut problems);
        one_of_values(&json!("2"), &["1", "2"], &mut problems);
        items(&[json!(1), json!(1)], Some(3), Some(1), true, &mut problems);
        let object = json!({"a": 1}).as_object().cloned().unwrap_or_default();
        properties(&object, Some(2), Some(0), &mut problems);
        assert_eq!(
            kinds(problems),
            [
                ProblemKind::Enum(&["a", "b"]),
                ProblemKind::Enum(&["1", "2"]),
                ProblemKind::MinItems(3),
                ProblemKind::MaxItems(1),
                ProblemKind::UniqueItems,
                ProblemKind::MinProperties(2),
                ProblemKind::MaxProperties(0),
            ]
        );
    }

    #[test]
    fn one_of_needs_exactly_one() {
        const NAMES: &[&str] = &["A", "B"];
        let clean = Problems::new();
        let mut one = Problems::new();
        one.add(ProblemKind::Missing);
        let mut two = Problems::new();
        two.add(ProblemKind::Missing);
        two.add(ProblemKind::NotAllowed);

        let mut problems = Problems::new();
        one_of(vec![clean.clone(), one.clone()], NAMES, &mut problems);
        assert!(problems.is_empty());
        one_of(vec![clean.clone(), clean.clone()], NAMES, &mut problems);
        one_of(vec![two.clone(), one.clone()], NAMES, &mut problems);
        any_of(vec![one.clone(), clean], NAMES, &mut problems);
        any_of(vec![two, one], NAMES, &mut problems);
        assert_eq!(
            kinds(problems),
            [
                ProblemKind::OneOf {
                    alternatives: NAMES,
                    matched: 2
                },
                ProblemKind::OneOf {
                    alternatives: NAMES,
                    matched: 0
                },
                ProblemKind::Missing,
                ProblemKind::AnyOf(NAMES),
                ProblemKind::Missing,
            ]
        );
    }
}
