//! Closed objects (`additionalProperties: false`) that serde's `deny_unknown_fields`
//! cannot close: a struct with a flattened member (an `allOf` member that is a union).

use serde_json::{Map, Value};

/// Refuses a property of `input` that is neither one of the struct's own properties
/// (`own`, wire names) nor one that a flattened member kept: `flattened` holds each
/// flattened member encoded again, so its keys are the properties the chosen alternative
/// took. Generated `Deserialize` impls call it after decoding the struct, so that an
/// untagged union tries its next alternative instead of dropping a property.
///
/// A property sent as `null` that a member does not encode again (an absent optional
/// value) is accepted: `null` carries nothing that could be lost.
///
/// # Errors
///
/// `unknown property "name"`, naming the first such property in the input's order,
/// when there is one.
pub fn refuse_unknown_properties(
    input: &Map<String, Value>,
    own: &[&str],
    flattened: &[Value],
) -> Result<(), String> {
    let kept_by_member = |key: &str| {
        flattened
            .iter()
            .any(|member| member.as_object().is_some_and(|m| m.contains_key(key)))
    };
    match input.iter().find(|(key, value)| {
        !own.contains(&key.as_str()) && !kept_by_member(key) && !value.is_null()
    }) {
        Some((key, _)) => Err(format!(
            "unknown property {key:?}: the object is closed (`additionalProperties: false`)"
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::refuse_unknown_properties;
    use serde_json::json;

    #[test]
    fn only_own_and_member_properties_pass() {
        let input = json!({"id": 1, "kind": "card", "last4": "4242", "extra": true});
        let input = input.as_object().expect("object");
        let member = json!({"kind": "card", "last4": "4242"});
        assert_eq!(
            refuse_unknown_properties(input, &["id"], std::slice::from_ref(&member)),
            Err(
                "unknown property \"extra\": the object is closed (`additionalProperties: false`)"
                    .to_owned()
            )
        );
        let fitting = json!({"id": 1, "kind": "card", "last4": "4242", "note": null});
        let fitting = fitting.as_object().expect("object");
        assert_eq!(
            refuse_unknown_properties(fitting, &["id"], &[member]),
            Ok(())
        );
    }
}
