//! Cycles in the type graph: aliases that expand forever become newtypes or errors; recursive structs
//! and unions get a `Box` where a cycle closes.

use std::collections::HashMap;

use crate::diagnostics::Diagnostics;
use crate::model::{TypeDef, TypeKind, TypeRef};

/// Every name a type reference mentions, at any depth.
fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Boxed(t) | TypeRef::Nullable(t) => {
            named_in(t, out)
        }
        _ => {}
    }
}

/// Type aliases cannot be recursive in Rust, even through `Vec` or `Box`. A cycle through an
/// array or map is broken by making that alias a newtype; a cycle of bare references
/// describes no value at all, so it is reported once and its first alias becomes
/// `serde_json::Value`.
pub(super) fn break_alias_cycles(types: &mut [TypeDef], diag: &mut Diagnostics<'_>) {
    let by_name: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Alias(ty) => {
                let mut names = Vec::new();
                named_in(ty, &mut names);
                names
                    .iter()
                    .filter_map(|n| by_name.get(n).copied())
                    .filter(|&j| matches!(types[j].kind, TypeKind::Alias(_)))
                    .collect()
            }
            _ => Vec::new(),
        })
        .collect();
    let mut cycles = Vec::new();
    dfs_back_edges(&edges, |stack, from, _, to| {
        let start = stack.iter().position(|&n| n == to).unwrap_or(0);
        let mut cycle: Vec<usize> = stack[start..].to_vec();
        cycle.push(to);
        cycles.push((from, cycle));
    });
    for (_, cycle) in cycles {
        let Some(&first) = cycle.first() else {
            continue;
        };
        if !matches!(types[first].kind, TypeKind::Alias(ref t) if *t != TypeRef::Json) {
            continue;
        }
        if cycle
            .iter()
            .any(|&i| matches!(types[i].kind, TypeKind::Newtype(_)))
        {
            continue;
        }
        // Through an array or a map the value is finite: the alias that holds the container
        // becomes a newtype, which may contain itself.
        let container = cycle.iter().copied().find(|&i| {
            matches!(
                &types[i].kind,
                TypeKind::Alias(TypeRef::Array(_) | TypeRef::Map(_))
            )
        });
        if let Some(i) = container {
            if let TypeKind::Alias(ty) = &types[i].kind {
                types[i].kind = TypeKind::Newtype(ty.clone());
            }
            continue;
        }
        let path = cycle
            .iter()
            .map(|&i| types[i].name.as_str())
            .collect::<Vec<_>>()
            .join(" → ");
        diag.error(
            &types[first].origin,
            format!("cyclic `$ref`: {path} refers back to itself without an object in between"),
            "make one schema in the cycle an object (with properties) or point one of them at a concrete schema",
        );
        types[first].kind = TypeKind::Alias(TypeRef::Json);
    }
}

/// Where a type holds another type inline (so a cycle through it has infinite size).
#[derive(Debug, Clone, Copy)]
enum Slot {
    Field(usize),
    Variant(usize),
    Alias,
}

/// The type held inline by a slot of type `ty`: a bare reference, or one inside
/// `Option` (a nullable union member or alias: `Option<T>` is as large as `T`).
fn inline_named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        TypeRef::Nullable(inner) => inline_named(inner),
        _ => None,
    }
}

/// Puts the inline reference in `ty` (bare, or inside `Option`) in a `Box`.
fn box_inline(ty: &mut TypeRef) {
    match ty {
        TypeRef::Named(_) => *ty = TypeRef::Boxed(Box::new(std::mem::replace(ty, TypeRef::Json))),
        TypeRef::Nullable(inner) => box_inline(inner),
        _ => {}
    }
}

/// Boxes the references that close cycles of inline containment, so every type is finite.
/// References through `Vec`/`BTreeMap` already live on the heap and are left alone.
///
/// A cycle passes through every slot that holds a type inline: a property (required or
/// optional: `Option<T>` is inline), an `allOf` member merged into the struct (its
/// properties are the struct's own fields, and a union member is a flattened field), a
/// union alternative, a nullable alternative or alias (`Option<T>`), and an alias. Each
/// edge of the graph is one slot, so two properties referring to the same type in a
/// cycle are each boxed where they close it.
pub(super) fn box_recursive_fields(types: &mut [TypeDef]) {
    let by_name: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let slots: Vec<Vec<(Slot, usize)>> = types
        .iter()
        .map(|t| {
            let named: Vec<(Slot, &TypeRef)> = match &t.kind {
                TypeKind::Struct { fields, .. } => fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (Slot::Field(i), &f.ty))
                    .collect(),
                TypeKind::Union { variants, .. } => variants
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (Slot::Variant(i), &v.ty))
                    .collect(),
                TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![(Slot::Alias, ty)],
                TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => Vec::new(),
            };
            named
                .into_iter()
                .filter_map(|(slot, ty)| Some((slot, *by_name.get(inline_named(ty)?)?)))
                .collect()
        })
        .collect();
    let edges: Vec<Vec<usize>> = slots
        .iter()
        .map(|s| s.iter().map(|(_, t)| *t).collect())
        .collect();
    let mut to_box = Vec::new();
    dfs_back_edges(&edges, |_, from, edge, _| {
        if let Some((slot, _)) = slots[from].get(edge) {
            to_box.push((from, *slot));
        }
    });
    for (from, slot) in to_box {
        let ty = match (&mut types[from].kind, slot) {
            (TypeKind::Struct { fields, .. }, Slot::Field(i)) => {
                fields.get_mut(i).map(|f| &mut f.ty)
            }
            (TypeKind::Union { variants, .. }, Slot::Variant(i)) => {
                variants.get_mut(i).map(|v| &mut v.ty)
            }
            (TypeKind::Alias(ty) | TypeKind::Newtype(ty), Slot::Alias) => Some(ty),
            _ => None,
        };
        if let Some(ty) = ty {
            box_inline(ty);
        }
    }
}

/// Depth-first search over all nodes; calls `on_back(stack, from, edge, to)` for each edge
/// (`edges[from][edge]`) that closes a cycle. Removing those edges leaves the graph
/// acyclic; every one is reported, also where two edges join the same pair of nodes.
fn dfs_back_edges(edges: &[Vec<usize>], mut on_back: impl FnMut(&[usize], usize, usize, usize)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    for root in 0..edges.len() {
        if mark[root] != Mark::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        let mut path: Vec<usize> = vec![root];
        mark[root] = Mark::OnStack;
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            top.1 += 1;
            let Some(&to) = edges[node].get(next) else {
                mark[node] = Mark::Done;
                stack.pop();
                path.pop();
                continue;
            };
            match mark[to] {
                Mark::New => {
                    mark[to] = Mark::OnStack;
                    stack.push((to, 0));
                    path.push(to);
                }
                Mark::OnStack => on_back(&path, node, next, to),
                Mark::Done => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_values::{def, field, named};

    #[test]
    fn boxes_only_where_needed() {
        let mut types = vec![
            def(
                "Node",
                TypeKind::Struct {
                    fields: vec![
                        field(named("Node")),
                        field(TypeRef::Array(Box::new(named("Node")))),
                    ],
                    additional_properties: None,
                    closed: false,
                },
            ),
            def(
                "A",
                TypeKind::Struct {
                    fields: vec![field(named("B"))],
                    additional_properties: None,
                    closed: false,
                },
            ),
            def(
                "B",
                TypeKind::Struct {
                    fields: vec![field(named("A"))],
                    additional_properties: None,
                    closed: false,
                },
            ),
            def(
                "C",
                TypeKind::Struct {
                    fields: vec![field(named("A"))],
                    additional_properties: None,
                    closed: false,
                },
            ),
        ];
        box_recursive_fields(&mut types);
        let TypeKind::Struct { fields, .. } = &types[0].kind else {
            unreachable!()
        };
        assert_eq!(fields[0].ty, TypeRef::Boxed(Box::new(named("Node"))));
        assert_eq!(fields[1].ty, TypeRef::Array(Box::new(named("Node"))));
        let TypeKind::Struct { fields: a, .. } = &types[1].kind else {
            unreachable!()
        };
        let TypeKind::Struct { fields: b, .. } = &types[2].kind else {
            unreachable!()
        };
        assert_eq!(a[0].ty, named("B"));
        assert_eq!(b[0].ty, TypeRef::Boxed(Box::new(named("A"))));
        let TypeKind::Struct { fields: c, .. } = &types[3].kind else {
            unreachable!()
        };
        assert_eq!(c[0].ty, named("A"));
    }

    #[test]
    fn alias_cycles_through_a_container_become_newtypes() {
        let mut diag = Diagnostics::new("");
        let mut types = vec![
            def("A", TypeKind::Alias(named("B"))),
            def("B", TypeKind::Alias(TypeRef::Array(Box::new(named("A"))))),
            def(
                "Tree",
                TypeKind::Alias(TypeRef::Map(Box::new(named("Tree")))),
            ),
        ];
        break_alias_cycles(&mut types, &mut diag);
        assert!(diag.into_errors().is_empty());
        assert_eq!(types[0].kind, TypeKind::Alias(named("B")));
        assert_eq!(
            types[1].kind,
            TypeKind::Newtype(TypeRef::Array(Box::new(named("A"))))
        );
        assert_eq!(
            types[2].kind,
            TypeKind::Newtype(TypeRef::Map(Box::new(named("Tree"))))
        );
    }

    #[test]
    fn alias_cycles_without_a_container_are_errors() {
        let source = "components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n";
        let mut diag = Diagnostics::new(source);
        let mut types = vec![
            def("A", TypeKind::Alias(named("B"))),
            def("B", TypeKind::Alias(named("A"))),
        ];
        break_alias_cycles(&mut types, &mut diag);
        let errors = diag.into_errors();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "cyclic `$ref`: A → B → A refers back to itself without an object in between"
        );
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(types[0].kind, TypeKind::Alias(TypeRef::Json));
    }

    fn object(fields: Vec<TypeRef>) -> TypeKind {
        TypeKind::Struct {
            fields: fields.into_iter().map(field).collect(),
            additional_properties: None,
            closed: false,
        }
    }

    fn union(alternatives: Vec<TypeRef>) -> TypeKind {
        TypeKind::Union {
            tag: None,
            variants: alternatives
                .into_iter()
                .enumerate()
                .map(|(i, ty)| crate::model::UnionVariant {
                    rust_name: format!("V{i}"),
                    ty,
                    tag_value: None,
                })
                .collect(),
        }
    }

    fn slot_types(def: &TypeDef) -> Vec<TypeRef> {
        match &def.kind {
            TypeKind::Struct { fields, .. } => fields.iter().map(|f| f.ty.clone()).collect(),
            TypeKind::Union { variants, .. } => variants.iter().map(|v| v.ty.clone()).collect(),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![ty.clone()],
            _ => Vec::new(),
        }
    }

    fn boxed(name: &str) -> TypeRef {
        TypeRef::Boxed(Box::new(named(name)))
    }

    /// Whether every cycle of inline slots is broken: no type reaches itself through
    /// slots that hold a type inline.
    fn finite(types: &[TypeDef]) -> bool {
        fn reaches(types: &[TypeDef], from: &str, target: &str, seen: &mut Vec<String>) -> bool {
            let Some(def) = types.iter().find(|t| t.name == from) else {
                return false;
            };
            slot_types(def)
                .iter()
                .filter_map(|ty| inline_named(ty))
                .any(|next| {
                    next == target
                        || (!seen.iter().any(|s| s == next) && {
                            seen.push(next.to_owned());
                            reaches(types, next, target, seen)
                        })
                })
        }
        types
            .iter()
            .all(|t| !reaches(types, &t.name, &t.name, &mut Vec::new()))
    }

    /// The three-schema cycle through properties of `allOf` members (merged into each
    /// struct), where one struct refers to the next twice.
    #[test]
    fn merged_members_with_two_properties_to_the_same_type() {
        let mut types = vec![
            def(
                "CustomerReference",
                object(vec![TypeRef::String, named("Customer")]),
            ),
            def(
                "Customer",
                object(vec![named("LastModifiedBy"), named("LastModifiedBy")]),
            ),
            def(
                "LastModifiedBy",
                object(vec![named("CustomerReference"), named("CustomerReference")]),
            ),
        ];
        box_recursive_fields(&mut types);
        assert!(finite(&types), "{types:?}");
        assert_eq!(
            slot_types(&types[2]),
            vec![boxed("CustomerReference"), boxed("CustomerReference")]
        );
        assert_eq!(
            slot_types(&types[0]),
            vec![TypeRef::String, named("Customer")]
        );
    }

    #[test]
    fn unions_and_flattened_union_members() {
        let mut types = vec![
            // A union whose alternative holds the struct that flattens the union.
            def("Shape", union(vec![named("Group"), TypeRef::String])),
            def("Group", object(vec![named("Shape")])),
        ];
        box_recursive_fields(&mut types);
        assert!(finite(&types), "{types:?}");
        assert_eq!(slot_types(&types[1]), vec![boxed("Shape")]);
    }

    #[test]
    fn nullable_alternatives_and_aliases() {
        let nullable = |name: &str| TypeRef::Nullable(Box::new(named(name)));
        let mut types = vec![
            def("Expr", union(vec![nullable("Expr"), TypeRef::Bool])),
            def("A", TypeKind::Alias(nullable("B"))),
            def("B", object(vec![named("A")])),
        ];
        box_recursive_fields(&mut types);
        assert!(finite(&types), "{types:?}");
        assert_eq!(
            slot_types(&types[0])[0],
            TypeRef::Nullable(Box::new(boxed("Expr")))
        );
        assert_eq!(slot_types(&types[2]), vec![boxed("A")]);
    }

    #[test]
    fn arrays_and_maps_need_no_box() {
        let mut types = vec![def(
            "Tree",
            object(vec![
                TypeRef::Array(Box::new(named("Tree"))),
                TypeRef::Map(Box::new(named("Tree"))),
                TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(named("Tree"))))),
            ]),
        )];
        let before = types.clone();
        box_recursive_fields(&mut types);
        assert_eq!(types, before);
    }
}
