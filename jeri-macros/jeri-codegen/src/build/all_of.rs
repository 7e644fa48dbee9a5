//! Objects and `allOf`: properties and the members of an `allOf` merged into one struct.

use std::collections::HashSet;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::Builder;
use super::docs::schema_docs;
use super::schema::{ObjectView, SRef, Shape, classify};
use crate::diagnostics::{child, index};
use crate::model::{Field, TypeKind, TypeRef};
use crate::rust::naming::{NameSet, pascal_case, snake_ident};

/// Whether a schema adds nothing to an `allOf` (only docs, `nullable`, a bare
/// `type: object` and the like).
pub(super) fn is_empty_schema(s: SRef<'_>) -> bool {
    let SRef::Item(schema) = s else { return false };
    match classify(schema) {
        Shape::Any => true,
        Shape::Object(view) => view.props.is_empty() && view.additional.is_none(),
        _ => false,
    }
}

/// The members of an `allOf` that add something, with their indices.
pub(super) fn real_members(members: &[ReferenceOr<Schema>]) -> Vec<(usize, SRef<'_>)> {
    members
        .iter()
        .map(SRef::of)
        .enumerate()
        .filter(|(_, m)| !is_empty_schema(*m))
        .collect()
}

/// Fields being collected into one struct (from properties and `allOf` members).
#[derive(Default)]
pub(super) struct StructAcc {
    fields: Vec<Field>,
    names: NameSet,
    required: HashSet<String>,
    /// Properties that are `readOnly` or `writeOnly`: never required (see [`Field::required`]).
    one_way: HashSet<String>,
    additional: Option<TypeRef>,
    closed: bool,
}

impl StructAcc {
    /// An `allOf` member that is a union: a flattened field named after its type.
    pub(super) fn add_flattened(&mut self, pointer: &str, type_name: &str, ty: TypeRef) {
        let place = pointer.rsplit('.').next().unwrap_or(pointer).to_owned();
        self.add(Field {
            rust_name: snake_ident(type_name),
            wire_name: place,
            ty,
            required: true,
            nullable: false,
            flatten: true,
            secret: false,
            default: None,
            docs: Default::default(),
        });
    }

    pub(super) fn add(&mut self, mut field: Field) {
        if let Some(existing) = self
            .fields
            .iter_mut()
            .find(|f| f.wire_name == field.wire_name)
        {
            field.rust_name = existing.rust_name.clone();
            field.required |= existing.required;
            *existing = field;
        } else {
            field.rust_name = self.names.claim(&field.rust_name);
            self.fields.push(field);
        }
    }

    pub(super) fn finish(mut self) -> TypeKind {
        for field in &mut self.fields {
            field.required |= self.required.contains(&field.wire_name);
            field.required &= !self.one_way.contains(&field.wire_name);
        }
        TypeKind::Struct {
            fields: self.fields,
            // A closed object keeps no extra properties, whatever a merged member allowed.
            additional_properties: self.additional.filter(|_| !self.closed),
            closed: self.closed,
        }
    }
}

impl Builder<'_, '_, '_> {
    pub(super) fn add_object(
        &mut self,
        acc: &mut StructAcc,
        view: &ObjectView<'_>,
        pointer: &str,
        parent: &str,
    ) {
        for (wire, prop) in &view.props {
            let prop_pointer = child(&child(pointer, "properties"), wire);
            let hint = format!("{parent}{}", pascal_case(wire));
            let ty = self.type_ref(*prop, &prop_pointer, &hint);
            let docs = match prop {
                SRef::Item(schema) => {
                    self.check_secret_marking(schema, &prop_pointer);
                    schema_docs(self.diag, &prop_pointer, schema)
                }
                SRef::Ref(_) => Default::default(),
            };
            let nullable = self.is_nullable(*prop);
            if self.holds_through_refs(*prop, |s| {
                s.schema_data.read_only || s.schema_data.write_only
            }) {
                acc.one_way.insert((*wire).to_owned());
            }
            let default = self.default_value(*prop, &ty);
            acc.add(Field {
                flatten: false,
                rust_name: snake_ident(wire),
                wire_name: (*wire).to_owned(),
                ty,
                required: view.required.iter().any(|r| r == wire),
                nullable,
                secret: self.is_secret(*prop),
                default,
                docs,
            });
        }
        acc.required.extend(view.required.iter().cloned());
        match view.additional {
            Some(AdditionalProperties::Any(true)) => acc.additional = Some(TypeRef::Json),
            Some(AdditionalProperties::Schema(value)) => {
                let ty = self.nullable_ref(
                    SRef::of(value),
                    &child(pointer, "additionalProperties"),
                    &format!("{parent}Value"),
                );
                acc.additional = Some(ty);
            }
            Some(AdditionalProperties::Any(false)) => acc.closed = true,
            None => {}
        }
    }

    /// Adds one `allOf` member's properties to `acc`.
    pub(super) fn merge_member(
        &mut self,
        acc: &mut StructAcc,
        member: SRef<'_>,
        pointer: &str,
        parent: &str,
        depth: usize,
    ) {
        if depth > 32 {
            self.diag.error(
                pointer,
                "`allOf` nests too deeply",
                "flatten the `allOf` members",
            );
            return;
        }
        match member {
            SRef::Ref(reference) => {
                let Some(target) = self.resolve_schema_ref(reference, pointer) else {
                    return;
                };
                let key = self
                    .component_keys
                    .get(target)
                    .map(|(k, _)| k.clone())
                    .unwrap_or_default();
                match self.component_kind(target) {
                    None => self.diag.error(
                        pointer,
                        format!("schema `{key}` includes itself through `allOf`"),
                        "break the cycle: an `allOf` member cannot (directly or indirectly) be the schema itself",
                    ),
                    // A member's `additionalProperties: false` speaks of the member alone: the
                    // merged object has the other members' properties too, so it stays open.
                    Some(TypeKind::Struct { fields, additional_properties, closed: _ }) => {
                        for field in fields {
                            acc.add(field);
                        }
                        if additional_properties.is_some() {
                            acc.additional = additional_properties;
                        }
                    }
                    Some(TypeKind::Alias(TypeRef::Json)) => {}
                    Some(TypeKind::Union { .. }) => {
                        let name = self.components.get(target).map(|c| c.rust_name.clone()).unwrap_or_default();
                        acc.add_flattened(pointer, &name, TypeRef::Named(name.clone()));
                    }
                    Some(TypeKind::Alias(TypeRef::Named(_))) => {
                        if let Some(inner) = self.component_schema(target) {
                            let inner_pointer = self.component_keys.get(target).map(|(_, p)| p.clone()).unwrap_or_default();
                            self.merge_member(acc, inner, &inner_pointer, parent, depth + 1);
                        }
                    }
                    Some(_) => self.diag.error(
                        pointer,
                        format!("`allOf` member `{key}` is not an object, so its properties cannot be merged"),
                        "list only object schemas under `allOf`, or use `oneOf` for alternatives",
                    ),
                }
            }
            SRef::Item(schema) => match classify(schema) {
                Shape::Object(view) => {
                    let closed = acc.closed;
                    self.add_object(acc, &view, pointer, parent);
                    acc.closed = closed;
                }
                Shape::AllOf { members, own } => {
                    for (i, m) in members.iter().enumerate() {
                        self.merge_member(
                            acc,
                            SRef::of(m),
                            &index(&child(pointer, "allOf"), i),
                            parent,
                            depth + 1,
                        );
                    }
                    if let Some(own) = own {
                        self.add_object(acc, &own, pointer, parent);
                    }
                }
                Shape::Any => {}
                Shape::Not | Shape::UnknownType(_) => self.report_unsupported(schema, pointer),
                Shape::Union { .. } => {
                    let ty = self.type_ref(member, pointer, &format!("{parent}Member"));
                    let field_name = match &ty {
                        TypeRef::Named(n) => n.clone(),
                        _ => format!("{parent}Member"),
                    };
                    acc.add_flattened(pointer, &field_name, ty);
                }
                _ => self.diag.error(
                    pointer,
                    "this `allOf` member is not an object, so it cannot be merged",
                    "list only object schemas under `allOf`",
                ),
            },
        }
    }
}
