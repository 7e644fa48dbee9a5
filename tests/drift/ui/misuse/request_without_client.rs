//! Requests are made by a client's methods: building one needs a seal that only the
//! generated client can make.

use jeri_client::Client;
use jeri_client::requests::{GetApiStatusRequest, Seal};

fn _request(client: &Client) {
    let _ = GetApiStatusRequest::new(client.transport(), (), Seal(()));
}

fn main() {}
