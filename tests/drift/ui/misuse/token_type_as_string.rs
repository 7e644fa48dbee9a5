//! `token_type` is the `TokenType` enum, not the string on the wire.

async fn _token(client: jeri_client::Client) {
    let _ = client
        .get_customer_token("my-program", "ana@example.com", "auth")
        .await;
}

fn main() {}
