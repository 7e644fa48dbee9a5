//! Subset clients: the operations an `only(...)` setting chooses, and only the types they
//! reach.
//!
//! [`check`] looks at every operation of the spec and reports each selector that matches
//! none (a typo must not silently produce an empty client). [`chosen`] marks the
//! operations to generate; the others are [`omitted`], and the generated code lists them
//! in `OMITTED_OPERATIONS`. [`prune_types`] drops every type that no chosen operation
//! reaches. Problems the spec has only in the parts left out
//! ([`within`] the places returned by [`omitted`] and [`prune_types`]) do not stop a
//! subset client from being generated: a service that calls five operations of a large
//! spec does not depend on the others being well-formed.

pub mod formats;
pub mod streams;

use std::collections::{BTreeSet, HashMap};

use crate::build::{Built, OpSource};
use crate::diagnostics::Diagnostics;
use crate::model::{Api, Body, Method, Operation, Response, TypeKind, TypeRef};
use crate::settings::{Formats, Selector, Settings};

/// The model to generate, and what the `only(...)` setting left out.
#[derive(Debug)]
pub struct Selection {
    /// The operations to generate (chosen, and without errors) and the types they need.
    pub api: Api,
    /// The operations `only(...)` left out, for `OMITTED_OPERATIONS`.
    pub omitted: Vec<Omitted>,
    /// The places in the spec left out: their problems are not reported.
    pub left_out: Vec<String>,
}

/// Stage 4: the built model → the model to generate: `only(...)` (checked, then applied to
/// operations and types), `formats = strings`, and without the operations in `failed`
/// (the ones with errors); `skipped` are the places `skip(...)` removed.
pub fn select(
    built: Built,
    settings: &Settings,
    mut failed: Vec<usize>,
    skipped: Vec<String>,
    diag: &mut Diagnostics<'_>,
) -> Selection {
    check(&built.api, &settings.only, diag);
    let chosen = chosen(&built.api, &settings.only);
    let omitted = omitted(&built.api, &chosen);
    let mut api = built.api;
    if settings.formats == Formats::Strings {
        formats::keep_strings(&mut api);
    }
    // Problems only in what `skip(...)` or a subset leaves out are not reported.
    let mut left_out: Vec<String> = skipped;
    if !settings.only.is_empty() {
        left_out.extend(omitted.iter().map(|op| op.origin.clone()));
        left_out.extend(prune_types(&mut api, &chosen));
    }
    failed.extend(
        chosen
            .iter()
            .enumerate()
            .filter(|(_, c)| !**c)
            .map(|(i, _)| i),
    );
    without_failed(&mut api, &built.ops, &failed);
    Selection {
        api,
        omitted,
        left_out,
    }
}

/// Operations keep their document order; this drops the ones listed in `skip` and those
/// that failed to build.
fn without_failed(api: &mut Api, ops: &[OpSource], skip: &[usize]) {
    let mut index = 0;
    api.operations.retain(|_| {
        let keep = !skip.contains(&index) && ops.get(index).is_none_or(|o| !o.failed);
        index += 1;
        keep
    });
}

/// An operation of the spec that an `only(...)` setting left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    /// Its `operationId` (or the one derived from method and path).
    pub id: String,
    /// Its HTTP method.
    pub method: Method,
    /// Its path template as written in the spec.
    pub path: String,
    /// Where it sits in the spec: `paths./v1/x.get`.
    pub origin: String,
}

/// Whether `selector` chooses `op`.
pub fn matches(selector: &Selector, op: &Operation) -> bool {
    match selector {
        Selector::OperationId(id) => op.id == *id,
        Selector::Tag(tag) => op.tags.contains(tag),
        Selector::Path(prefix) => op
            .path
            .strip_prefix(prefix.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || prefix.ends_with('/')),
    }
}

/// Reports every selector of `only` that matches no operation of `api`, with what the
/// spec offers instead.
pub fn check(api: &Api, only: &[Selector], diag: &mut Diagnostics<'_>) {
    for selector in only {
        if api.operations.iter().any(|op| matches(selector, op)) {
            continue;
        }
        let (pointer, help) = match selector {
            Selector::OperationId(id) => ("paths", operation_id_help(api, id)),
            Selector::Tag(_) => ("paths", tag_help(api)),
            Selector::Path(_) => ("paths", path_help(api)),
        };
        diag.error(
            pointer,
            format!(
                "`only({})` matches no operation of the spec",
                selector.written()
            ),
            help,
        );
    }
}

/// For each operation of `api`, whether `only` chooses it: every one when `only` is empty.
pub fn chosen(api: &Api, only: &[Selector]) -> Vec<bool> {
    api.operations
        .iter()
        .map(|op| only.is_empty() || only.iter().any(|selector| matches(selector, op)))
        .collect()
}

/// The operations of `api` that `chosen` leaves out, in document order.
pub fn omitted(api: &Api, chosen: &[bool]) -> Vec<Omitted> {
    api.operations
        .iter()
        .zip(chosen)
        .filter(|(_, chosen)| !**chosen)
        .map(|(op, _)| Omitted {
            id: op.id.clone(),
            method: op.method,
            path: op.path.clone(),
            origin: op.origin.clone(),
        })
        .collect()
}

/// Drops every type that no chosen operation of `api` reaches (`chosen` is parallel to
/// `api.operations`); returns where the dropped types sit in the spec.
///
/// Runs before failed operations are removed, so the types of a chosen operation that
/// failed stay, with their errors.
pub fn prune_types(api: &mut Api, chosen: &[bool]) -> Vec<String> {
    let reached = reached_types(api, chosen);
    let mut dropped = Vec::new();
    let mut index = 0;
    api.types.retain(|def| {
        let keep = reached[index];
        index += 1;
        if !keep {
            dropped.push(def.origin.clone());
        }
        keep
    });
    dropped
}

/// Whether the spec place `pointer` is one of `places` or lies inside one.
pub fn within(pointer: &str, places: &[String]) -> bool {
    places.iter().any(|place| {
        pointer
            .strip_prefix(place.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}

/// For each type of `api.types`, whether a chosen operation of `api` reaches it through
/// its parameters, body or responses, or a webhook through its payload, directly or
/// through other types.
fn reached_types(api: &Api, chosen: &[bool]) -> Vec<bool> {
    let by_name: HashMap<&str, usize> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let mut reached = vec![false; api.types.len()];
    let mut pending = Vec::new();
    let mut reach = |ty: &TypeRef, pending: &mut Vec<usize>| {
        if let Some(&i) = named(ty).and_then(|name| by_name.get(name))
            && !reached[i]
        {
            reached[i] = true;
            pending.push(i);
        }
    };
    let roots = api.operations.iter().zip(chosen).filter(|(_, c)| **c);
    for (op, _) in roots {
        for param in &op.params {
            reach(&param.ty, &mut pending);
        }
        for ty in op.body.iter().flat_map(Body::types) {
            reach(ty, &mut pending);
        }
        for ty in op.responses.iter().flat_map(Response::body_types) {
            reach(ty, &mut pending);
        }
    }
    // Webhooks are not operations a subset chooses: their events arrive whatever the
    // client calls, so their payloads stay.
    for webhook in &api.webhooks {
        reach(&webhook.payload, &mut pending);
    }
    while let Some(i) = pending.pop() {
        match &api.types[i].kind {
            TypeKind::Struct {
                fields,
                additional_properties,
                ..
            } => {
                for field in fields {
                    reach(&field.ty, &mut pending);
                }
                if let Some(ty) = additional_properties {
                    reach(ty, &mut pending);
                }
            }
            TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. } => {}
            TypeKind::Union { variants, .. } => {
                for variant in variants {
                    reach(&variant.ty, &mut pending);
                }
            }
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => reach(ty, &mut pending),
        }
    }
    reached
}

/// The generated type a reference names, under any arrays, maps and boxes.
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Array(inner)
        | TypeRef::Map(inner)
        | TypeRef::Boxed(inner)
        | TypeRef::Nullable(inner) => named(inner),
        TypeRef::String
        | TypeRef::Format(_)
        | TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::Number(_)
        | TypeRef::Json => None,
    }
}

/// How many names a help text lists before it says how many more there are.
const SHOWN: usize = 8;

fn operation_id_help(api: &Api, id: &str) -> String {
    let wanted = id.to_lowercase();
    let close: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.id.as_str())
        .filter(|candidate| {
            let candidate = candidate.to_lowercase();
            candidate.contains(&wanted) || wanted.contains(&candidate)
        })
        .collect();
    if close.is_empty() {
        format!(
            "operationIds are matched exactly (case included); the spec has {}",
            listed(api.operations.iter().map(|op| op.id.as_str()))
        )
    } else {
        format!(
            "operationIds are matched exactly (case included); did you mean {}?",
            listed(close.into_iter())
        )
    }
}

fn tag_help(api: &Api) -> String {
    let tags: BTreeSet<&str> = api
        .operations
        .iter()
        .flat_map(|op| op.tags.iter().map(String::as_str))
        .collect();
    if tags.is_empty() {
        "no operation of the spec has `tags`; select by `operationId` or `path` instead".into()
    } else {
        format!(
            "tags are matched exactly (case included); the spec's operations use {}",
            listed(tags.into_iter())
        )
    }
}

fn path_help(api: &Api) -> String {
    let firsts: BTreeSet<String> = api
        .operations
        .iter()
        .map(|op| {
            let mut segments = op.path.split('/').skip(1);
            format!("/{}", segments.next().unwrap_or_default())
        })
        .collect();
    format!(
        "a path selector matches whole segments from the start of the path template (`/v1/charges` matches `/v1/charges/{{charge}}`, not `/v1/charges_search`); the spec's paths start with {}",
        listed(firsts.iter().map(String::as_str))
    )
}

/// Up to [`SHOWN`] names in backticks, then how many more there are.
fn listed<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_values::{def, field, named};
    use crate::model::{
        Body, BodyMedia, Docs, EnumVariant, PathPart, Response, ResponseMedia, StatusMatch,
        UnionVariant,
    };

    fn op(id: &str, method: Method, path: &str, tags: &[&str]) -> Operation {
        Operation {
            id: id.into(),
            fn_name: id.to_lowercase(),
            type_name: id.into(),
            origin: format!("paths.{path}.get"),
            method,
            path: path.into(),
            path_parts: vec![PathPart::Literal(path.into())],
            tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
            docs: Docs::default(),
            params: Vec::new(),
            body: None,
            pagination: None,
            responses: Vec::new(),
            security: Vec::new(),
        }
    }

    fn responding(mut op: Operation, ty: TypeRef) -> Operation {
        op.responses.push(Response {
            status: StatusMatch::Code(200),
            ty: Some(ty),
            media: ResponseMedia::Json,
            content_type: Some("application/json".into()),
            accept: vec!["application/json".into()],
            alternatives: Vec::new(),
            stream: None,
            check: None,
            description: "OK".into(),
        });
        op
    }

    /// Charges reach `Charge` → (boxed) `Customer` ↔ `Card` and an enum through a map;
    /// payouts reach `Payout` alone; `Orphan` is reached by nothing.
    fn api() -> Api {
        let mut create_charge = op("PostCharges", Method::Post, "/v1/charges", &["Charges"]);
        create_charge.body = Some(Body {
            ty: named("ChargeInput"),
            required: true,
            max_items: None,
            check: None,
            docs: Docs::default(),
            media: BodyMedia::Json,
            content_type: "application/json".into(),
            form: None,
            alternatives: Vec::new(),
            example: None,
        });
        Api {
            title: "T".into(),
            version: "1".into(),
            docs: Docs::default(),
            types: vec![
                def(
                    "Charge",
                    TypeKind::Struct {
                        fields: vec![field(TypeRef::Boxed(Box::new(named("Customer"))))],
                        additional_properties: Some(TypeRef::Map(Box::new(named("Status")))),
                        closed: false,
                    },
                ),
                def("ChargeInput", TypeKind::Alias(TypeRef::Json)),
                def(
                    "Customer",
                    TypeKind::Union {
                        tag: None,
                        variants: vec![UnionVariant {
                            rust_name: "Card".into(),
                            ty: TypeRef::Array(Box::new(named("Card"))),
                            tag_value: None,
                        }],
                    },
                ),
                def(
                    "Card",
                    TypeKind::Alias(TypeRef::Boxed(Box::new(named("Customer")))),
                ),
                def(
                    "Status",
                    TypeKind::StringEnum {
                        variants: vec![EnumVariant {
                            rust_name: "Paid".into(),
                            wire_value: "paid".into(),
                        }],
                    },
                ),
                def("Payout", TypeKind::Alias(TypeRef::String)),
                def("Orphan", TypeKind::Alias(TypeRef::Bool)),
            ],
            operations: vec![
                responding(
                    op("GetCharges", Method::Get, "/v1/charges", &["Charges"]),
                    TypeRef::Array(Box::new(named("Charge"))),
                ),
                create_charge,
                op("GetChargesSearch", Method::Get, "/v1/charges_search", &[]),
                op(
                    "GetCharge",
                    Method::Get,
                    "/v1/charges/{charge}",
                    &["Charges"],
                ),
                responding(
                    op("GetPayouts", Method::Get, "/v1/payouts", &["Payouts"]),
                    named("Payout"),
                ),
            ],
            security_schemes: Vec::new(),
            servers: Vec::new(),
            rules: Default::default(),
            webhooks: Vec::new(),
            webhook_signature: None,
        }
    }

    /// What the pipeline does with the stages: drop the operations left out, then (for a
    /// subset) the types nothing reaches.
    fn select(api: &mut Api, only: &[Selector]) -> Vec<Omitted> {
        let chosen = chosen(api, only);
        let omitted = omitted(api, &chosen);
        if !only.is_empty() {
            prune_types(api, &chosen);
        }
        let mut index = 0;
        api.operations.retain(|_| {
            index += 1;
            chosen[index - 1]
        });
        omitted
    }

    fn names(api: &Api) -> (Vec<&str>, Vec<&str>) {
        (
            api.operations.iter().map(|op| op.id.as_str()).collect(),
            api.types.iter().map(|def| def.name.as_str()).collect(),
        )
    }

    #[test]
    fn each_selector_kind_chooses_its_operations() {
        let cases: &[(Selector, &[&str])] = &[
            (Selector::OperationId("GetPayouts".into()), &["GetPayouts"]),
            (
                Selector::Tag("Charges".into()),
                &["GetCharges", "PostCharges", "GetCharge"],
            ),
            (
                Selector::Path("/v1/charges".into()),
                &["GetCharges", "PostCharges", "GetCharge"],
            ),
            (Selector::Path("/v1/charges/".into()), &["GetCharge"]),
            (
                Selector::Path("/v1".into()),
                &[
                    "GetCharges",
                    "PostCharges",
                    "GetChargesSearch",
                    "GetCharge",
                    "GetPayouts",
                ],
            ),
            (
                Selector::Path("/v1/charges_search".into()),
                &["GetChargesSearch"],
            ),
        ];
        for (selector, expected) in cases {
            let mut api = api();
            select(&mut api, std::slice::from_ref(selector));
            assert_eq!(names(&api).0, *expected, "{selector:?}");
        }
    }

    #[test]
    fn only_reached_types_are_kept_across_boxes_maps_arrays_and_cycles() {
        let mut api = api();
        select(&mut api, &[Selector::OperationId("GetCharges".into())]);
        assert_eq!(names(&api).1, ["Charge", "Customer", "Card", "Status"]);

        let mut api = self::api();
        select(
            &mut api,
            &[
                Selector::Tag("Payouts".into()),
                Selector::OperationId("PostCharges".into()),
            ],
        );
        assert_eq!(
            names(&api),
            (
                vec!["PostCharges", "GetPayouts"],
                vec!["ChargeInput", "Payout"]
            )
        );
    }

    #[test]
    fn the_left_out_operations_are_returned_in_document_order() {
        let mut api = api();
        let omitted = select(&mut api, &[Selector::Tag("Charges".into())]);
        assert_eq!(
            omitted,
            [
                Omitted {
                    id: "GetChargesSearch".into(),
                    method: Method::Get,
                    path: "/v1/charges_search".into(),
                    origin: "paths./v1/charges_search.get".into(),
                },
                Omitted {
                    id: "GetPayouts".into(),
                    method: Method::Get,
                    path: "/v1/payouts".into(),
                    origin: "paths./v1/payouts.get".into(),
                },
            ]
        );
    }

    #[test]
    fn no_selectors_keep_everything() {
        let mut api = api();
        assert_eq!(select(&mut api, &[]), []);
        assert_eq!(api, self::api());
    }

    #[test]
    fn places_contain_what_lies_under_them() {
        let places = [
            "paths./v1/charges.get".to_owned(),
            "components.schemas.Card".to_owned(),
        ];
        for inside in [
            "paths./v1/charges.get",
            "paths./v1/charges.get.parameters[0].schema",
            "components.schemas.Card.properties.brand",
        ] {
            assert!(within(inside, &places), "{inside}");
        }
        for outside in [
            "paths./v1/charges",
            "paths./v1/charges.post",
            "paths./v1/charges.getter",
            "components.schemas.CardList",
            "paths",
        ] {
            assert!(!within(outside, &places), "{outside}");
        }
    }

    #[test]
    fn selectors_that_match_nothing_are_errors_with_what_the_spec_offers() {
        let source = "paths: {}\n";
        let mut diag = Diagnostics::new(source);
        check(
            &api(),
            &[
                Selector::OperationId("getcharges".into()),
                Selector::OperationId("ListInvoices".into()),
                Selector::Tag("charges".into()),
                Selector::Path("/v2".into()),
                Selector::Tag("Charges".into()),
            ],
            &mut diag,
        );
        let errors: Vec<(String, String)> = diag
            .into_errors()
            .into_iter()
            .map(|e| (e.message, e.help))
            .collect();
        assert_eq!(
            errors,
            [
                (
                    "`only(operationId = \"getcharges\")` matches no operation of the spec".into(),
                    "operationIds are matched exactly (case included); did you mean `GetCharges`, `GetChargesSearch`, `GetCharge`?".into()
                ),
                (
                    "`only(operationId = \"ListInvoices\")` matches no operation of the spec".into(),
                    "operationIds are matched exactly (case included); the spec has `GetCharges`, `PostCharges`, `GetChargesSearch`, `GetCharge`, `GetPayouts`".into()
                ),
                (
                    "`only(tag = \"charges\")` matches no operation of the spec".into(),
                    "tags are matched exactly (case included); the spec's operations use `Charges`, `Payouts`".into()
                ),
                (
                    "`only(path = \"/v2\")` matches no operation of the spec".into(),
                    "a path selector matches whole segments from the start of the path template (`/v1/charges` matches `/v1/charges/{charge}`, not `/v1/charges_search`); the spec's paths start with `/v1`".into()
                ),
            ]
        );
    }

    #[test]
    fn long_lists_are_cut() {
        assert_eq!(
            listed(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].into_iter()),
            "`a`, `b`, `c`, `d`, `e`, `f`, `g`, `h` and 2 more"
        );
    }
}
