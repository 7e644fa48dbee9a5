//! Uses the operation and the field the edited spec adds; compiles only against it.

mod api {
    jeri_macros::generate!("../spec.yaml");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let customer = api::types::Customer {
        id: "c-1".to_owned(),
        nickname: Some("Ana".to_owned()),
    };
    println!("{}", serde_json::to_string(&customer)?);
    let transport = jeri_client::runtime::Transport::builder()
        .base_url("http://127.0.0.1:9")
        .api_key("key")
        .build()?;
    let client = api::Client::from_transport(transport);
    let _request: api::requests::ListCouponsRequest = client.list_coupons().limit(5);
    println!("listCoupons is generated");
    Ok(())
}
