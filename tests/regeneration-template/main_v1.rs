//! Uses only what the first spec defines. Its output shows the fields of the generated
//! `Customer`, so a rebuild after a spec-only edit is visible without touching this file.

mod api {
    jeri_macros::generate!("../spec.yaml");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let customer: api::types::Customer =
        serde_json::from_str(r#"{"id": "c-1", "nickname": "Ana"}"#)?;
    println!("{customer:?}");
    let transport = jeri_client::runtime::Transport::builder()
        .base_url("http://127.0.0.1:9")
        .api_key("key")
        .build()?;
    let client = api::Client::from_transport(transport);
    let _request: api::requests::GetCustomerRequest = client.get_customer("c-1");
    Ok(())
}
