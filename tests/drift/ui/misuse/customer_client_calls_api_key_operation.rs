//! A customer client has only the operations a customer token may call.

async fn _customer(customer: jeri_client::CustomerClient) {
    let _ = customer.get_customer("my-program", "ana@example.com").await;
}

fn main() {}
