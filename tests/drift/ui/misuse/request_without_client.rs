//! Requests are made by a client's methods: building one needs the operation's marker,
//! which only the generated client can make.

use jeri_client::Client;
use jeri_client::requests::{GetApiStatusOperation, GetApiStatusRequest};

fn _request(client: &Client) {
    let _ = GetApiStatusRequest::new(client.transport(), (), GetApiStatusOperation(()));
}

fn main() {}
