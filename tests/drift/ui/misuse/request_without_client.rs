//! Requests are made by a client's methods; their constructor is not public.

use jeri_client::Client;
use jeri_client::requests::GetApiStatusRequest;

fn _request(client: &Client) {
    let _ = GetApiStatusRequest::new(client.transport());
}

fn main() {}
