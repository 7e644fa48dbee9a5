//! The item type of a streamed response body.
//!
//! The rule, for `text/event-stream` (Server-Sent Events), where an item is one event's
//! `data`:
//! 1. The schema is OpenAPI 3.2's `itemSchema` when the media type has one (the load
//!    stage puts it in `schema`), else `schema`: both describe one event, not the body.
//! 2. A schema describing the event object, one with a `data` property (Mistral's
//!    `CompletionEvent`, 3.2's `itemSchema` with `data`/`event`/`id`/`retry`): the item
//!    is the `data` property's type. A component's is the type its own `data` field
//!    has, so no second type is generated for it.
//! 3. Any other schema describes the data itself: the item is its type.
//! 4. No schema, or a string: the item is the text (`String`), not decoded.
//!
//! For JSON Lines, the schema (or `itemSchema`) describes one line: the item is its
//! type, or `serde_json::Value` without one.

use openapiv3::ReferenceOr;

use super::Builder;
use super::schema::{SRef, Shape, classify};
use crate::diagnostics::child;
use crate::model::{StreamBody, StreamKind, TypeKind, TypeRef};

impl Builder<'_, '_, '_> {
    /// How a streamed body of `kind`, documented with `schema` at `pointer` (the media
    /// type's), is read item by item; `hint` names an inline item type.
    pub(super) fn stream_body(
        &mut self,
        kind: StreamKind,
        schema: Option<&ReferenceOr<openapiv3::Schema>>,
        pointer: &str,
        hint: &str,
    ) -> StreamBody {
        let schema_pointer = child(pointer, "schema");
        let item = match (kind, schema) {
            (StreamKind::Events, None) => TypeRef::String,
            (StreamKind::JsonLines, None) => TypeRef::Json,
            (StreamKind::JsonLines, Some(schema)) => {
                self.type_ref(SRef::of(schema), &schema_pointer, hint)
            }
            (StreamKind::Events, Some(schema)) => {
                self.event_data(SRef::of(schema), &schema_pointer, hint)
            }
        };
        // The `stream_end` setting fills in the end marker (`select::streams`).
        StreamBody {
            kind,
            item,
            end: None,
        }
    }

    /// The type of an event's `data`, by the rule in this module's docs.
    fn event_data(&mut self, schema: SRef<'_>, pointer: &str, hint: &str) -> TypeRef {
        match schema {
            SRef::Ref(reference) => {
                let Some(index) = self.resolve_schema_ref(reference, pointer) else {
                    return TypeRef::String;
                };
                let data_field = match self.component_kind(index) {
                    Some(TypeKind::Struct { fields, .. }) => fields
                        .into_iter()
                        .find(|field| field.wire_name == "data" && !field.flatten),
                    _ => None,
                };
                match data_field {
                    Some(field) => field.ty,
                    None => self.type_ref(schema, pointer, hint),
                }
            }
            SRef::Item(item) => {
                let data = match classify(item) {
                    Shape::Object(view) => view
                        .props
                        .iter()
                        .find(|(name, _)| *name == "data")
                        .map(|(_, data)| *data),
                    _ => None,
                };
                match data {
                    Some(data) => {
                        let data_pointer = child(&child(pointer, "properties"), "data");
                        self.type_ref(data, &data_pointer, &format!("{hint}Data"))
                    }
                    None => self.type_ref(schema, pointer, hint),
                }
            }
        }
    }
}
