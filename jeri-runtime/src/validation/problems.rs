//! [`Problems`]: collects every problem of a request, each with where it is.

use std::borrow::Cow;

use crate::validation::problem::{Place, Problem, ProblemKind, Segment};

/// Collects the problems of one request while generated checks walk it; knows where the
/// walk is (place and path) so a check only says what is wrong.
///
/// The path is a stack: checks push a segment before they look at a child value and pop
/// it after, so a request without problems allocates nothing for locations.
#[derive(Debug, Clone)]
pub struct Problems {
    place: Place,
    /// The parameter's name, kept out of `path` so that checking a parameter that is a
    /// plain value allocates nothing.
    parameter: Option<&'static str>,
    path: Vec<Segment>,
    found: Vec<Problem>,
}

impl Default for Problems {
    fn default() -> Self {
        Problems::new()
    }
}

impl Problems {
    /// No problems, at the top of the body.
    pub fn new() -> Self {
        Problems {
            place: Place::Body,
            parameter: None,
            path: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Moves to parameter `name` in `place` (the body has no name: see [`Problems::body`]).
    pub fn parameter(&mut self, place: Place, name: &'static str) {
        self.place = place;
        self.parameter = Some(name);
        self.path.clear();
    }

    /// Moves to the top of the body.
    pub fn body(&mut self) {
        self.place = Place::Body;
        self.parameter = None;
        self.path.clear();
    }

    /// Steps into property `key`.
    pub fn key(&mut self, key: &'static str) {
        self.path.push(Segment::Key(Cow::Borrowed(key)));
    }

    /// Steps into a property the schema does not list (checked by
    /// `additionalProperties`).
    pub fn name(&mut self, key: &str) {
        self.path.push(Segment::Key(Cow::Owned(key.to_owned())));
    }

    /// Steps into array item `index`.
    pub fn index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    /// Steps back out of the last [`Problems::key`] or [`Problems::index`].
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Records a problem at the current place.
    pub fn add(&mut self, kind: ProblemKind) {
        let path = self.full_path();
        self.found.push(Problem {
            place: self.place,
            path,
            kind,
        });
    }

    /// The parameter (if any) followed by the path below it.
    fn full_path(&self) -> Vec<Segment> {
        let mut path = Vec::with_capacity(self.path.len() + 1);
        path.extend(self.parameter.map(|name| Segment::Key(Cow::Borrowed(name))));
        path.extend(self.path.iter().cloned());
        path
    }

    /// Records a problem with the property `key` (not listed by the schema, so its name
    /// is not `'static`).
    pub fn add_at_key(&mut self, key: &str, kind: ProblemKind) {
        let mut path = self.full_path();
        path.push(Segment::Key(Cow::Owned(key.to_owned())));
        self.found.push(Problem {
            place: self.place,
            path,
            kind,
        });
    }

    /// How many problems so far.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// No problem so far.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// A collector at the same place with no problems: for trying the alternatives of a
    /// `oneOf` or `anyOf` one by one.
    pub fn trial(&self) -> Problems {
        Problems {
            place: self.place,
            parameter: self.parameter,
            path: self.path.clone(),
            found: Vec::new(),
        }
    }

    /// Adds the problems another collector found.
    pub fn extend(&mut self, other: Problems) {
        self.found.extend(other.found);
    }

    /// Every problem, in the order found.
    pub fn into_vec(self) -> Vec<Problem> {
        self.found
    }

    /// Every problem so far.
    pub fn as_slice(&self) -> &[Problem] {
        &self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::problem::Expected;

    #[test]
    fn problems_carry_the_path_at_the_time() {
        let mut problems = Problems::new();
        problems.index(2);
        problems.key("email");
        problems.add(ProblemKind::Missing);
        problems.leave();
        problems.add_at_key("extra", ProblemKind::NotAllowed);
        problems.leave();
        problems.parameter(Place::Query, "limit");
        problems.add(ProblemKind::Type(Expected::Integer));
        let found = problems.into_vec();
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "2.email is required",
                "2.extra is not an allowed property",
                "limit must be of type integer"
            ]
        );
        assert_eq!(found[2].place, Place::Query);
    }

    #[test]
    fn trials_start_clean_at_the_same_place() {
        let mut problems = Problems::new();
        problems.key("payload");
        let mut trial = problems.trial();
        assert!(trial.is_empty());
        trial.add(ProblemKind::Missing);
        assert_eq!(trial.len(), 1);
        problems.extend(trial);
        assert_eq!(problems.as_slice()[0].dotted(), "payload");
    }
}
