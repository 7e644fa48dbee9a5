//! Typed `multipart/form-data` bodies: one form field per property of an object schema.

use openapiv3::{MediaType, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::docs::schema_docs;
use super::schema::{SRef, Shape, classify, component_key};
use super::{Builder, State};
use crate::diagnostics::child;
use crate::model::{Field, FormField, FormFieldKind, MultipartForm, TypeKind};
use crate::rust::naming::{NameSet, pascal_case, snake_ident};

/// Whether a schema is a file: a string of `format: binary` or `byte`.
fn is_file_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => matches!(
            &s.format,
            VariantOrUnknownOrEmpty::Item(StringFormat::Binary | StringFormat::Byte)
        ),
        _ => false,
    }
}

impl<'d> Builder<'d, '_, '_> {
    /// The schema `s` stands for, following references, with the pointer it sits at and
    /// the component it is (`None` for an inline schema).
    fn resolved<'s>(
        &self,
        s: SRef<'s>,
        pointer: &str,
    ) -> Option<(&'s Schema, String, Option<usize>)>
    where
        'd: 's,
    {
        let mut current = s;
        let mut at = pointer.to_owned();
        let mut component = None;
        for _ in 0..32 {
            match current {
                SRef::Item(schema) => return Some((schema, at, component)),
                SRef::Ref(r) => {
                    let index = component_key(r).and_then(|k| self.by_key.get(&k).copied())?;
                    at = self.component_keys.get(index)?.1.clone();
                    component = Some(index);
                    current = self.component_schema(index)?;
                }
            }
        }
        None
    }

    /// The properties of a component built as a struct (components are built before
    /// operations), so that a form over it reuses their types instead of building the
    /// same inline types again.
    fn built_fields(&self, component: Option<usize>) -> Vec<Field> {
        match component
            .and_then(|index| self.components.get(index))
            .map(|c| &c.state)
        {
            Some(State::Done(TypeKind::Struct { fields, .. })) => fields.clone(),
            _ => Vec::new(),
        }
    }

    fn is_file(&self, s: SRef<'_>) -> bool {
        self.resolved(s, "")
            .is_some_and(|(schema, ..)| is_file_schema(schema))
    }

    fn is_file_array(&self, s: SRef<'_>) -> bool {
        self.resolved(s, "")
            .is_some_and(|(schema, ..)| match classify(schema) {
                Shape::Array(Some(items)) => self.is_file(items),
                _ => false,
            })
    }

    /// The typed form for a multipart body whose schema (at `pointer`) is an object, named
    /// `name`; `None` for any other schema, which stays the runtime's untyped form.
    pub(super) fn multipart_form(
        &mut self,
        schema: Option<SRef<'_>>,
        pointer: &str,
        content: &MediaType,
        name: String,
    ) -> Option<MultipartForm> {
        let schema = schema?;
        // A reference that leads nowhere is the spec's error, as anywhere else, not a
        // reason to fall back to the untyped form.
        if let SRef::Ref(reference) = schema {
            self.resolve_schema_ref(reference, pointer)?;
        }
        let (schema, pointer, component) = self.resolved(schema, pointer)?;
        let built = self.built_fields(component);
        let Shape::Object(view) = classify(schema) else {
            return None;
        };
        if view.props.is_empty() {
            return None;
        }
        let mut names = NameSet::with_reserved(crate::rust::reserved::FORM_NAMES);
        let mut fields = Vec::new();
        for (wire, prop) in &view.props {
            let prop_pointer = child(&child(&pointer, "properties"), wire);
            let kind = if self.is_file(*prop) {
                FormFieldKind::File
            } else if self.is_file_array(*prop) {
                FormFieldKind::Files
            } else if let Some(field) = built.iter().find(|f| f.wire_name == *wire && !f.flatten) {
                FormFieldKind::Value(field.ty.clone())
            } else {
                let hint = format!("{name}{}", pascal_case(wire));
                FormFieldKind::Value(self.type_ref(*prop, &prop_pointer, &hint))
            };
            let docs = match (built.iter().find(|f| f.wire_name == *wire), prop) {
                (Some(field), _) => field.docs.clone(),
                (None, SRef::Item(schema)) => schema_docs(self.diag, &prop_pointer, schema),
                (None, SRef::Ref(_)) => Default::default(),
            };
            fields.push(FormField {
                rust_name: names.claim(&snake_ident(wire)),
                wire_name: (*wire).to_owned(),
                kind,
                required: view.required.iter().any(|r| r == wire),
                content_type: content
                    .encoding
                    .get(*wire)
                    .and_then(|encoding| encoding.content_type.clone()),
                docs,
            });
        }
        Some(MultipartForm { name, fields })
    }
}
