// The caller code every evolution case compiles, written for `specs/order_v1.yaml`: the
// constructor takes the required properties, setters the optional ones. Each case
// generates `api` from one version of the spec, then includes this file.

fn main() {
    let order = api::types::Order::new("sku-1".to_owned(), 2)
        .note("ring twice".to_owned())
        .phone(None);
    let sent = serde_json::to_value(&order).expect("encodes");
    assert_eq!(sent["sku"], "sku-1");
    assert_eq!(sent["note"], "ring twice");
    assert_eq!(sent["phone"], serde_json::Value::Null);
    // A property the caller never set is left out, whatever the spec added.
    assert_eq!(sent.as_object().map(|o| o.len()), Some(4));
}
