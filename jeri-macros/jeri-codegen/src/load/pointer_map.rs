//! Where each part of a converted document was written: converted pointer → pointer in
//! the document as written.
//!
//! A Swagger 2.0 or OpenAPI 3.1 document is rewritten into the OpenAPI 3.0 form before it
//! is parsed ([`super`]); most nodes keep their place, but some move (`definitions.Pet`
//! is `components.schemas.Pet`, a body parameter is the operation's `requestBody`, a
//! `$defs` entry becomes a component schema). Every later stage reports problems at
//! pointers of the converted document; this map turns them back into pointers of the
//! document as written, whose lines can then be found in its text.

/// Moves recorded while converting: each maps a converted node (and everything inside
/// it) to the node it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointerMap {
    /// `(converted, original)` pointer pairs.
    moves: Vec<(String, String)>,
}

impl PointerMap {
    /// Records that the node at `converted` was written at `original`. A later record for
    /// the same converted pointer wins.
    pub fn record(&mut self, converted: impl Into<String>, original: impl Into<String>) {
        let (converted, original) = (converted.into(), original.into());
        if converted != original {
            self.moves.retain(|(known, _)| *known != converted);
            self.moves.push((converted, original));
        }
    }

    /// Whether nothing moved.
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty()
    }

    /// The pointer in the document as written for `pointer` of the converted document:
    /// the longest recorded node that contains it, with the rest of the pointer kept;
    /// unchanged where nothing containing it moved.
    pub fn original(&self, pointer: &str) -> String {
        let best = self
            .moves
            .iter()
            .filter(|(converted, _)| within(pointer, converted))
            .max_by_key(|(converted, _)| converted.len());
        match best {
            Some((converted, original)) => format!("{original}{}", &pointer[converted.len()..]),
            None => pointer.to_owned(),
        }
    }
}

/// Whether `pointer` is `node` or inside it (`node.key…`, `node[i]…`).
fn within(pointer: &str, node: &str) -> bool {
    pointer.strip_prefix(node).is_some_and(|rest| {
        rest.is_empty() || rest.starts_with('.') || rest.starts_with('[') || node.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_containing_move_wins_and_the_rest_is_kept() {
        let mut map = PointerMap::default();
        map.record("components.schemas", "definitions");
        map.record("components.schemas.Inner", "definitions.Outer.$defs.Inner");
        map.record("paths./a.get.requestBody", "paths./a.get.parameters[1]");
        assert_eq!(
            map.original("components.schemas.Pet.properties.id"),
            "definitions.Pet.properties.id"
        );
        assert_eq!(
            map.original("components.schemas.Inner.type"),
            "definitions.Outer.$defs.Inner.type"
        );
        // A key that only starts like a moved one is not inside it.
        assert_eq!(
            map.original("components.schemasX.Pet"),
            "components.schemasX.Pet"
        );
        assert_eq!(
            map.original("paths./a.get.requestBody.content"),
            "paths./a.get.parameters[1].content"
        );
        assert_eq!(map.original("paths./a.get"), "paths./a.get");
        map.record("same", "same");
        assert_eq!(map.original("same.x"), "same.x");
    }
}
