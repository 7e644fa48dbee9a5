//! Only an `auth` token makes a customer client: neither a download token nor any string
//! becomes a bearer credential.

use jeri_client::links::DownloadToken;
use jeri_client::Client;

fn _download(client: &Client, token: DownloadToken) {
    let _ = client.as_customer(token);
}

fn _raw(client: &Client, access_token: String) {
    let _ = client.as_customer(access_token);
}

fn main() {}
