//! `get_customer` needs both the program and the customer's email.

async fn _get(client: jeri_client::Client) {
    let _ = client.get_customer("my-program").await;
}

fn main() {}
