//! The `formats = strings` setting: every string format the model maps to a type of its
//! own ([`Format`](crate::model::Format)) becomes a plain `String` again.

use crate::model::{Api, Body, Response, TypeKind, TypeRef};

/// Rewrites every [`TypeRef::Format`] in the model to [`TypeRef::String`].
pub fn keep_strings(api: &mut Api) {
    for def in &mut api.types {
        match &mut def.kind {
            TypeKind::Struct {
                fields,
                additional_properties,
                ..
            } => {
                fields.iter_mut().for_each(|field| to_string(&mut field.ty));
                if let Some(value) = additional_properties {
                    to_string(value);
                }
            }
            TypeKind::Union { variants, .. } => {
                variants
                    .iter_mut()
                    .for_each(|variant| to_string(&mut variant.ty));
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => to_string(ty),
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {}
        }
    }
    for op in &mut api.operations {
        op.params
            .iter_mut()
            .for_each(|param| to_string(&mut param.ty));
        op.body
            .iter_mut()
            .flat_map(Body::types_mut)
            .for_each(to_string);
        op.responses
            .iter_mut()
            .flat_map(Response::body_types_mut)
            .for_each(to_string);
    }
    for webhook in &mut api.webhooks {
        to_string(&mut webhook.payload);
    }
}

fn to_string(ty: &mut TypeRef) {
    match ty {
        TypeRef::Format(_) => *ty = TypeRef::String,
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner)
        | TypeRef::Nullable(inner) => to_string(inner),
        TypeRef::Named(_)
        | TypeRef::String
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Json => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::model::test_values::{def, field};

    #[test]
    fn formats_inside_containers_become_strings() {
        let nested = TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(TypeRef::Format(
            Format::DateTime,
        )))));
        let mut api = Api {
            title: String::new(),
            version: String::new(),
            docs: Default::default(),
            types: vec![
                def(
                    "A",
                    TypeKind::Struct {
                        fields: vec![field(nested)],
                        additional_properties: Some(TypeRef::Format(Format::Uuid)),
                        closed: false,
                    },
                ),
                def("B", TypeKind::Alias(TypeRef::Format(Format::Byte))),
            ],
            operations: Vec::new(),
            security_schemes: Vec::new(),
            servers: Vec::new(),
            rules: Default::default(),
            webhooks: Vec::new(),
            webhook_signature: None,
        };
        assert!(api.uses_formats());
        keep_strings(&mut api);
        assert!(!api.uses_formats());
        let TypeKind::Struct {
            fields,
            additional_properties,
            ..
        } = &api.types[0].kind
        else {
            panic!("a struct");
        };
        assert_eq!(
            fields[0].ty,
            TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(TypeRef::String))))
        );
        assert_eq!(additional_properties, &Some(TypeRef::String));
        assert_eq!(api.types[1].kind, TypeKind::Alias(TypeRef::String));
    }
}
